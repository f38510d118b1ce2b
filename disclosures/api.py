"""Read-only JSON of a village's four lists, for a WeChat mini-program or another government
platform. Documented in docs/api.md. Built from the same services as the pages and the PDF."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse

from portal.base.http import read_only
from portal.base.ratelimit import rate_limited
from portal.base.visibility import public_pages
from villages.models import VillagePage
from villages.validators import validate_division_code

from .services import lists

API_VERSION = 1


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)


def step_json(step) -> dict:
    return {
        "key": step.key,
        "actor": step.actor,
        "office": step.office.name if step.office_id else None,
        "action": step.action,
        "time_limit": step.time_limit,
        "time_unit": step.time_unit,
        "time_limit_text": step.time_limit_text or None,
        "document": step.document or None,
        "branch": (
            {"condition": step.branch_condition, "target": step.branch_target}
            if step.branch_target
            else None
        ),
    }


def risk_json(risk) -> dict:
    return {
        "description": risk.description,
        "manifestation": risk.manifestation,
        "level": risk.level,
        "level_label": str(risk.get_level_display()),
        "measures": risk.measures,
        "responsible_office": risk.responsible_office,
        "supervising_body": risk.supervising_body,
    }


def item_json(request, village, item) -> dict:
    url = village.url + village.reverse_subpage("power_item", args=[item.number])
    return {
        "number": item.number,
        "name": item.title,
        "category": {"code": item.category.code, "name": item.category.name},
        "village_addition": item.is_village_addition,
        "legal_basis": item.legal_basis,
        "responsible_body": item.responsible_body,
        "boundaries": item.boundaries,
        "disclosure_requirement": item.disclosure_requirement,
        "supervision": item.supervision,
        "accountability": item.accountability,
        "steps": [step_json(s) for s in item.steps.all()],
        "risks": [risk_json(r) for r in item.risks.all()],
        "url": _absolute(request, url),
        "updated_at": item.last_published_at.isoformat() if item.last_published_at else None,
    }


def public_village(code: str):
    """The public village with this division code, or None (a malformed code, NUL bytes
    included, never reaches the database)."""
    try:
        validate_division_code(code, "village")
    except ValidationError:
        return None
    return public_pages(VillagePage.objects.filter(division_code=code)).first()


def updated_at(village, catalog, items) -> str | None:
    """The newest publication among what the response shows. The body depends only on the
    content, so its ETag is stable and `If-None-Match` gets 304."""
    dates = [p.last_published_at for p in (village, catalog, *items) if p and p.last_published_at]
    return max(dates).isoformat() if dates else None


@read_only
@rate_limited("api")
def village_lists(request, code: str):
    village = public_village(code)
    if village is None:
        raise Http404
    catalog = lists.public_catalog_for(village)
    items = lists.village_items(village, catalog)
    data = {
        "api_version": API_VERSION,
        "updated_at": updated_at(village, catalog, items),
        "village": {
            "division_code": village.division_code,
            "name": village.title,
            "name_en": village.name_en or None,
            "url": _absolute(request, village.url),
            "liaison_station": {
                "name": village.station_display_name,
                "phone": village.station_phone or None,
                "address": village.station_address or None,
                "hours": village.station_hours or None,
            },
        },
        "catalog": (
            {
                "title": catalog.title,
                "issued_by": catalog.issued_by,
                "issued_on": catalog.issued_on.isoformat() if catalog.issued_on else None,
            }
            if catalog
            else None
        ),
        "power_list": [item_json(request, village, i) for i in items],
        "responsibility_list": [
            {
                "office": row.office_name,
                "holders": [{"name": h.name, "note": h.note} for h in row.holders],
                "duties": row.duties,
                "accountability": row.accountability,
                "power_items": [i.number for i in row.items],
            }
            for row in lists.responsibility_rows(village, items, catalog)
        ],
        "risk_list": [
            {"item_number": row.item.number, "item_name": row.item.title, **risk_json(row.risk)}
            for row in lists.risk_rows(items)
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response
