"""Every parameter the API takes, checked before anything is written or queried.

Bad input gets the spec's error list (400 for anything malformed, all problems at once; 404
for a service or village that does not exist; 403 for a village outside the partner's
jurisdiction), each with a specific Chinese description naming the parameter.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.base.visibility import public_pages
from villages.models import VillagePage

from ..models import Complaint, ComplaintCategory, Open311Partner
from ..services.intake import IntakeData
from .rendering import Open311Error

# GeoReport v2: "free form text limited to 4,000 characters" (POST Service Request, description).
DESCRIPTION_MAX = 4000
PLACE_MAX = 200  # Complaint.place
NAME_MAX = 50  # Complaint.reporter_name
CONTACT_MAX = 30  # Complaint.reporter_contact
REFERENCE_MAX = 64  # Complaint.partner_reference
IDEMPOTENCY_KEY_MAX = 200
MAX_IDS = 100  # service_request_id values in one query
WINDOW = datetime.timedelta(days=90)  # spec: "may not span more than 90 days"

SERVICE_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
REQUEST_ID = re.compile(r"\d{6}-\d{4}-\d{6,12}")
TOKEN = re.compile(r"[0-9a-f]{32}")
# The spec: a description "may contain line breaks, but not html or code".
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAK = re.compile(r"[\r\n\t]")
PHONE = re.compile(r"\+?[0-9][0-9 ()\-]*")
ATTRIBUTE = re.compile(r"attribute\[([^\[\]]*)\](\[\])?")
SAFE_ECHO = re.compile(r"[A-Za-z0-9_-]{1,40}")

KINDS = {
    "petition": Complaint.Kind.PETITION,
    "accusation": Complaint.Kind.ACCUSATION,
    "suggestion": Complaint.Kind.SUGGESTION,
}
BOOLEANS = {"true": True, "false": False}
ATTRIBUTES = ("village_code", "kind", "real_name", "partner_reference")
STATUSES = ("open", "closed")


def echo(value: str) -> str:
    """A parameter value safe to repeat in an error (short, plain), else a placeholder."""
    return value if SAFE_ECHO.fullmatch(value or "") else pgettext("open311", "（略）")


class Errors(list):
    def raise_if_any(self):
        if self:
            raise Open311Error(400, *self)


def _single(query, name: str, errors: Errors) -> str:
    values = query.getlist(name)
    if len(values) > 1:
        errors.append(_("参数 %(name)s 只能提交一次。") % {"name": name})
    return (values[0] if values else "").strip()


def _checked_text(
    value: str, name: str, label: str, max_length: int, errors: Errors, multiline: bool = False
) -> str:
    if len(value) > max_length:
        errors.append(
            _("%(label)s（%(name)s）不能超过 %(max)d 个字，现在是 %(count)d 个字。")
            % {"label": label, "name": name, "max": max_length, "count": len(value)}
        )
    if MARKUP.search(value):
        errors.append(
            _("%(label)s（%(name)s）不能包含 HTML 标签或代码。") % {"label": label, "name": name}
        )
    if CONTROL.search(value) or (not multiline and LINE_BREAK.search(value)):
        errors.append(
            _("%(label)s（%(name)s）含有换行或不可见的控制字符。") % {"label": label, "name": name}
        )
    return value


def _phone(value: str, errors: Errors) -> str:
    if not value:
        return ""
    digits = sum(c.isdigit() for c in value)
    if len(value) > CONTACT_MAX or not PHONE.fullmatch(value) or not 5 <= digits <= 20:
        errors.append(_("电话（phone）应为 5 到 20 位数字，可带 +、-、空格和括号。"))
    return value


def _email(value: str, errors: Errors) -> str:
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        errors.append(_("电子邮箱（email）格式不对。"))
    return value


def _coordinates(query, errors: Errors) -> None:
    """lat/long are accepted and ignored (the portal has no map), but must still be numbers."""
    lat, long = _single(query, "lat", errors), _single(query, "long", errors)
    if not lat and not long:
        return
    if not (lat and long):
        errors.append(_("经纬度（lat、long）需要同时提交。"))
        return
    try:
        lat_value, long_value = float(lat), float(long)
    except ValueError:
        errors.append(_("经纬度（lat、long）必须是数字（WGS84 坐标）。"))
        return
    if not (-90 <= lat_value <= 90 and -180 <= long_value <= 180):
        errors.append(_("经纬度超出范围：lat 在 -90 到 90 之间，long 在 -180 到 180 之间。"))


def _attributes(query, errors: Errors) -> dict[str, str]:
    values: dict[str, str] = {}
    for key in query:
        match = ATTRIBUTE.fullmatch(key)
        if not match:
            continue
        code, is_list = match.group(1), bool(match.group(2))
        if code not in ATTRIBUTES:
            errors.append(
                _(
                    "没有名为 attribute[%(code)s] 的属性；"
                    "可用的属性见服务定义 services/<代码>.json。"
                )
                % {"code": echo(code)}
            )
        elif is_list or len(query.getlist(key)) > 1:
            errors.append(_("属性 attribute[%(code)s] 只能取一个值。") % {"code": code})
        else:
            values[code] = query.get(key, "").strip()
    return values


def reporter_name(last_name: str, first_name: str) -> str:
    """Chinese order, family name first (王 + 某某 = 王某某); a space between Latin names."""
    parts = [p for p in (last_name, first_name) if p]
    if len(parts) == 2 and all(p.isascii() for p in parts):
        return " ".join(parts)
    return "".join(parts)


def parse_submission(query, partner: Open311Partner) -> IntakeData:
    """The POSTed form → IntakeData, or Open311Error (nothing is written either way)."""
    errors = Errors()
    service_code = _single(query, "service_code", errors)
    if not service_code:
        errors.append(_("缺少 service_code（问题类别代码，见 services.json）。"))
    elif not SERVICE_CODE.fullmatch(service_code):
        errors.append(_("service_code 只能由小写字母、数字和连字符组成，最长 40 个字符。"))

    description = _single(query, "description", errors).replace("\r\n", "\n")
    if not description:
        errors.append(_("缺少反映内容（description）。"))
    _checked_text(
        description, "description", pgettext("open311", "反映内容"), DESCRIPTION_MAX, errors, True
    )
    place = _checked_text(
        _single(query, "address_string", errors),
        "address_string",
        pgettext("open311", "地点"),
        PLACE_MAX,
        errors,
    )
    _coordinates(query, errors)

    attributes = _attributes(query, errors)
    village_code = attributes.get("village_code", "")
    if not village_code:
        errors.append(_("缺少 attribute[village_code]：所涉村的 12 位统计用区划代码。"))
    elif not re.fullmatch(r"\d{12}", village_code):
        errors.append(
            _("attribute[village_code] 必须是 12 位数字的统计用区划代码，例如 621223106205。")
        )
    kind = KINDS.get(attributes.get("kind", "") or "petition")
    if kind is None:
        errors.append(
            _(
                "attribute[kind] 只能是 petition（信访举报）、accusation（检举控告）"
                "或 suggestion（意见建议）。"
            )
        )
    real_name = BOOLEANS.get((attributes.get("real_name", "") or "false").lower())
    if real_name is None:
        errors.append(_("attribute[real_name] 只能是 true（实名）或 false（匿名）。"))
    reference = _checked_text(
        attributes.get("partner_reference", ""),
        "attribute[partner_reference]",
        pgettext("open311", "对接方工单编号"),
        REFERENCE_MAX,
        errors,
    )

    last_name = _checked_text(
        _single(query, "last_name", errors),
        "last_name",
        pgettext("open311", "姓"),
        NAME_MAX,
        errors,
    )
    first_name = _checked_text(
        _single(query, "first_name", errors),
        "first_name",
        pgettext("open311", "名"),
        NAME_MAX,
        errors,
    )
    name = reporter_name(last_name, first_name)
    phone = _phone(_single(query, "phone", errors), errors)
    email = _email(_single(query, "email", errors), errors)
    if real_name:
        contact = phone or email
        if not name or not contact:
            errors.append(
                _(
                    "实名反映（attribute[real_name]=true）需要姓名（last_name、first_name）"
                    "和联系电话（phone）。"
                )
            )
        elif len(name) > NAME_MAX:
            errors.append(_("姓名不能超过 %(max)d 个字。") % {"max": NAME_MAX})
        elif len(contact) > CONTACT_MAX:
            errors.append(_("电子邮箱太长，无法作为联系方式保存；请提供联系电话（phone）。"))
    errors.raise_if_any()

    category = ComplaintCategory.objects.filter(code=service_code, active=True).first()
    if category is None:
        raise Open311Error(
            404,
            _("没有代码为 %(code)s 的服务（问题类别），请先读取 services.json。")
            % {"code": service_code},
        )
    village = public_pages(VillagePage.objects.filter(division_code=village_code)).first()
    if village is None:
        raise Open311Error(
            404, _("没有区划代码为 %(code)s 的村（社区）。") % {"code": village_code}
        )
    if not village.path.startswith(partner.jurisdiction.path):
        raise Open311Error(
            403,
            _("%(village)s 不在本对接方的可提交范围（%(area)s）内。")
            % {"village": village.title, "area": partner.jurisdiction.title},
        )
    return IntakeData(
        village=village,
        category=category,
        description=description,
        kind=kind,
        place=place,
        real_name=bool(real_name),
        reporter_name=name if real_name else "",
        reporter_contact=(phone or email) if real_name else "",
        partner_reference=reference,
    )


def submission_key(request, partner: Open311Partner) -> str:
    """One case per submission: the client's `Idempotency-Key` header if it sent one, else a
    digest of everything it posted but the key, on the same day (a retry whose first answer was
    lost comes minutes later; the same words sent again weeks later are a new report, and every
    report is registered). Kept under Complaint.submission_key's 80 characters."""
    header = request.headers.get("Idempotency-Key", "").strip()
    if header:
        if len(header) > IDEMPOTENCY_KEY_MAX or not header.isprintable() or not header.isascii():
            raise Open311Error(
                400,
                _("请求头 Idempotency-Key 最长 %(max)d 个可打印的 ASCII 字符。")
                % {"max": IDEMPOTENCY_KEY_MAX},
            )
        source = f"key:{partner.pk}:{header}"
        prefix = "o311k:"
    else:
        posted = sorted((k, v) for k, v in request.POST.lists() if k != "api_key")
        source = json.dumps([partner.pk, timezone.localdate().isoformat(), posted])
        prefix = "o311d:"
    return prefix + hashlib.sha256(source.encode()).hexdigest()


# --- GET requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestQuery:
    ids: list[str]
    service_codes: list[str]
    start: datetime.datetime
    end: datetime.datetime
    statuses: list[str]


_W3C = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+\- ]\d{2}:?\d{2})?)?"
)


def parse_w3c(value: str, name: str, end_of_day: bool = False) -> datetime.datetime:
    """A W3C datetime (2010-01-01T00:00:00Z, …+08:00, or a bare date) → an aware datetime.
    A '+' that arrived unencoded (a space) is forgiven; no offset means Beijing time."""
    match = _W3C.fullmatch(value)
    if match:
        day, time, offset = match.groups()
        text = day + "T" + (time or ("23:59:59.999999" if end_of_day else "00:00:00"))
        if offset:
            offset = "+00:00" if offset == "Z" else offset.replace(" ", "+")
            text += offset
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed)
            return parsed
    raise Open311Error(
        400,
        _("%(name)s 应为 W3C 日期时间，例如 2026-03-01T00:00:00+08:00 或 2026-03-01T00:00:00Z。")
        % {"name": name},
    )


def _comma_list(query, name: str, errors: Errors, max_length: int = 2000) -> list[str]:
    raw = ",".join(query.getlist(name))
    if len(raw) > max_length:
        errors.append(_("参数 %(name)s 太长。") % {"name": name})
        return []
    return [v.strip() for v in raw.split(",") if v.strip()]


def parse_request_query(query) -> RequestQuery:
    errors = Errors()
    ids = _comma_list(query, "service_request_id", errors)
    if len(ids) > MAX_IDS:
        errors.append(_("一次最多查询 %(max)d 个 service_request_id。") % {"max": MAX_IDS})
    bad_ids = [i for i in ids if not REQUEST_ID.fullmatch(i)]
    if bad_ids:
        errors.append(_("service_request_id 的格式应为 621223-2026-000123（区县代码-年份-序号）。"))

    codes = _comma_list(query, "service_code", errors)
    if codes:
        known = set(ComplaintCategory.objects.filter(code__in=codes).values_list("code", flat=True))
        for code in codes:
            if code not in known:
                errors.append(
                    _("没有代码为 %(code)s 的服务（问题类别），请先读取 services.json。")
                    % {"code": echo(code)}
                )

    statuses = _comma_list(query, "status", errors)
    if any(s not in STATUSES for s in statuses):
        errors.append(_("status 只能是 open（办理中）或 closed（已办结），可用逗号分隔。"))

    start_text = _single(query, "start_date", errors)
    end_text = _single(query, "end_date", errors)
    errors.raise_if_any()

    start = parse_w3c(start_text, "start_date") if start_text else None
    end = parse_w3c(end_text, "end_date", end_of_day=True) if end_text else None
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - WINDOW
    if end is None:
        end = start + WINDOW
    if end < start:
        raise Open311Error(400, _("end_date 不能早于 start_date。"))
    if end - start > WINDOW:
        raise Open311Error(400, _("start_date 到 end_date 不能超过 90 天。"))
    return RequestQuery(ids, codes, start, end, sorted(set(statuses)))
