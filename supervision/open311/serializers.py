"""What each Open311 resource shows, as plain data for `rendering`.

Two views of a request (docs/api.md "Open311"):
- `request_full`: the spec's fields for the partner that submitted it (and whose jurisdiction
  still covers the village): service, description, place, dates, plus our local extensions.
  Never the reporter's identity, internal notes or the accused.
- `request_public`: for anyone else: id, open/closed, the public note of the latest public
  event, and the dates. The same public text the receipt holder reads on /track/
  (services/timeline.py).
"""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Page

from ..models import CaseEvent, Complaint, ComplaintCategory, Open311Partner
from ..services.clock import stored_deadline
from ..services.receipts import format_code
from ..services.timeline import CLOSED_STATES, PUBLIC_EVENT_KINDS

# Every category is a village supervision matter; the spec's `group` has one value here.
SERVICE_GROUP = "村级小微权力监督"


def w3c(value: datetime.datetime | None) -> str | None:
    """Spec "Date/time format": ISO 8601 with the offset, Beijing time (…T09:00:00+08:00)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


# --- services -------------------------------------------------------------------------------


def _keywords(category: ComplaintCategory) -> str:
    words = [category.name]
    for part in category.description.replace("，", "、").replace(",", "、").split("、"):
        if part.strip() and part.strip() not in words:
            words.append(part.strip())
    return ", ".join(words)


def service_json(category: ComplaintCategory) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or None,
        "metadata": True,  # every service needs attribute[village_code]
        "type": "realtime",  # the id is returned at once
        "keywords": _keywords(category),
        "group": SERVICE_GROUP,
    }


def _attribute(order, code, datatype, required, description, datatype_description="", values=()):
    data = {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": datatype_description or None,
        "order": order,
        "description": description,
    }
    if values:
        data["values"] = [{"key": key, "name": str(name)} for key, name in values]
    return data


def service_definition(category: ComplaintCategory) -> dict:
    """The local attributes (docs/api.md): where, what kind, real-name or not, the partner's
    own reference."""
    return {
        "service_code": category.code,
        "attributes": [
            _attribute(
                1,
                "village_code",
                "string",
                True,
                _("所涉村（社区）的统计用区划代码；该村须在对接方的可提交范围内。"),
                _("12 位数字，例如 621223106205（宕昌县阿坞镇阿坞村）"),
            ),
            _attribute(
                2,
                "kind",
                "singlevaluelist",
                False,
                _("反映的性质，不填为信访举报。"),
                values=[(value, label) for value, label in Complaint.Kind.choices],
            ),
            _attribute(
                3,
                "real_name",
                "singlevaluelist",
                False,
                _(
                    "是否实名，不填为匿名。实名须同时提交姓名（last_name、first_name）和联系电话"
                    "（phone），加密保存，只有办理人员可见；匿名时不保存任何身份信息。"
                ),
                values=[
                    ("true", pgettext("open311", "实名")),
                    ("false", pgettext("open311", "匿名")),
                ],
            ),
            _attribute(
                4,
                "partner_reference",
                "string",
                False,
                _("对接方自己的工单编号，便于双方对账（最长 64 个字符）。"),
            ),
        ],
    }


# --- requests -------------------------------------------------------------------------------


def with_request_data(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """What the request views read, in one query: category, village, and the public text of
    the latest public event (`latest_public_text`)."""
    latest = CaseEvent.objects.filter(case=OuterRef("pk"), kind__in=PUBLIC_EVENT_KINDS).order_by(
        "-at", "-pk"
    )
    return queryset.select_related("category", "village").annotate(
        latest_public_text=Subquery(latest.values("public_text")[:1])
    )


def status_of(case: Complaint) -> str:
    return "closed" if case.state in CLOSED_STATES else "open"


def status_notes(case: Complaint) -> str:
    """The state in words (已登记, 已受理…) and the public note of the latest public event."""
    label = str(case.get_state_display())
    text = (getattr(case, "latest_public_text", None) or "").strip()
    return f"{label}：{text}" if text else label


def expected_datetime(case: Complaint) -> datetime.datetime | None:
    """The end of the day the running deadline falls on (services/clock.py)."""
    deadline = stored_deadline(case)
    if deadline is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(deadline.due, datetime.time(23, 59, 59)))


def service_notice(case: Complaint) -> str | None:
    deadline = stored_deadline(case)
    if deadline is None:
        return None
    return _("%(label)s的期限：%(date)s。") % {
        "label": deadline.label,
        "date": deadline.due.isoformat(),
    }


def request_public(case: Complaint) -> dict:
    return {
        "service_request_id": case.number,
        "status": status_of(case),
        "status_notes": status_notes(case),
        "requested_datetime": w3c(case.created_at),
        "updated_datetime": w3c(case.updated_at),
        "expected_datetime": w3c(expected_datetime(case)),
    }


def area_names(cases) -> dict[int, str]:
    """Village id → "阿坞村，阿坞镇，宕昌县" (most specific first, as the spec's `address`
    asks), in one query for all the villages' township and county."""
    villages = {case.village_id: case.village for case in cases}
    paths = set()
    for village in villages.values():
        steplen = village.steplen
        paths.update({village.path[:-steplen], village.path[: -2 * steplen]})
    titles = dict(Page.objects.filter(path__in=paths).values_list("path", "title"))
    names = {}
    for pk, village in villages.items():
        steplen = village.steplen
        parts = [
            village.title,
            titles.get(village.path[:-steplen]),
            titles.get(village.path[: -2 * steplen]),
        ]
        names[pk] = "，".join(p for p in parts if p)
    return names


def request_full(case: Complaint, area: str) -> dict:
    place = case.place.strip()
    return {
        **request_public(case),
        "service_name": case.category.name,
        "service_code": case.category.code,
        "description": case.description,
        "agency_responsible": _("县纪委监委信访室"),
        "service_notice": service_notice(case),
        "address": f"{place}，{area}" if place else area,
        "address_id": case.village.division_code,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
        # Local extensions (docs/api.md).
        "village_code": case.village.division_code,
        "kind": case.kind,
        "real_name": case.real_name,
        "receipt_code": format_code(case.receipt_code),
        "token": case.open311_token,
        "partner_reference": case.partner_reference or None,
    }


def is_own(case: Complaint, partner: Open311Partner | None) -> bool:
    """The partner submitted this case and its jurisdiction still covers the village."""
    return (
        partner is not None
        and case.partner_id == partner.pk
        and case.village.path.startswith(partner.jurisdiction.path)
    )


def requests_json(cases, partner: Open311Partner | None) -> list[dict]:
    own = [c for c in cases if is_own(c, partner)]
    areas = area_names(own) if own else {}
    return [
        request_full(c, areas[c.village_id]) if is_own(c, partner) else request_public(c)
        for c in cases
    ]


def submitted_json(case: Complaint, pin: str | None, track_url: str) -> dict:
    """The answer to POST requests: the spec's fields, then the receipt for the reporter."""
    sentences = [
        _("已登记。"),
        service_notice(case),
        _("请把回执码和查询密码告诉反映人，凭此可在 %(url)s 查询办理进度。") % {"url": track_url},
    ]
    # Chinese sentences follow each other without a space; translated ones need one.
    joiner = "" if (translation.get_language() or "").startswith("zh") else " "
    notice = joiner.join(s for s in sentences if s)
    data = {
        "service_request_id": case.number,
        "token": case.open311_token,
        "service_notice": notice,
        "account_id": None,
        "receipt_code": format_code(case.receipt_code),
    }
    if pin:
        data["pin"] = pin
    return data
