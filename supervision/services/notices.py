"""Notices: what the rules require the complainant to be told (受理, 不予受理, 转办, 阶段反馈,
延期, 办理结果), and warnings to staff (临期, 超期, 交办). Texts are `MessageTemplate` rows staff
edit. Every notice is recorded as a `Notice` with a unique key, so sending is idempotent: the
same event or the same warning never goes out twice, however often a job runs.
"""

from __future__ import annotations

import logging
import re
import string

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.base.masking import mask_phone

from ..models import CaseEvent, Complaint, MessageTemplate, Notice
from ..notifiers import NotifyError, sms_backend
from . import clock
from .access import can_view_case
from .identity import normalize_phone

logger = logging.getLogger(__name__)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


# The placeholders each template is filled with (notify_complainant, notify_staff, warnings.run,
# ownership's 交办通知): a template that names another would show it in braces to its reader.
_TO_COMPLAINANT = ("number", "village", "date", "due", "text", "unit", "code")
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    MessageTemplate.Code.ACCEPTED: _TO_COMPLAINANT,
    MessageTemplate.Code.NOT_ACCEPTED: _TO_COMPLAINANT,
    MessageTemplate.Code.TRANSFERRED: _TO_COMPLAINANT,
    MessageTemplate.Code.FEEDBACK: _TO_COMPLAINANT,
    MessageTemplate.Code.EXTENDED: _TO_COMPLAINANT,
    MessageTemplate.Code.RESULT: _TO_COMPLAINANT,
    MessageTemplate.Code.WARNING_YELLOW: ("number", "village", "deadline", "due"),
    MessageTemplate.Code.WARNING_RED: ("number", "village", "deadline", "due"),
    MessageTemplate.Code.ASSIGNED: ("number", "village", "due"),
}


def placeholders_for(code: str) -> tuple[str, ...]:
    return PLACEHOLDERS.get(code, ("number", "village"))


def template_errors(code: str, text: str) -> list[str]:
    """What is wrong with a template staff typed (设置 → 通知模板), in Chinese, naming the
    placeholder or brace at fault; empty when it can be filled."""
    allowed = placeholders_for(code)
    known = "、".join("{" + name + "}" for name in allowed)
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [_unbalanced(text)]
    errors = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "")
        shown += (f":{spec}" if spec else "") + "}"
        if name not in allowed or spec or conversion:
            errors.append(
                _("未知的占位符 %(placeholder)s。这条通知可用的占位符有：%(known)s。")
                % {"placeholder": shown, "known": known}
            )
    return list(dict.fromkeys(errors))


def _unbalanced(text: str) -> str:
    """Name the first brace without its partner ("{{" and "}}" are a literal brace)."""
    depth_open = None
    i = 0
    while i < len(text):
        ch = text[i]
        if depth_open is None:
            if text.startswith("{{", i) or text.startswith("}}", i):
                i += 2
                continue
            if ch == "{":
                depth_open = i
            elif ch == "}":
                return _("第 %(pos)d 个字处的“}”没有对应的“{”。") % {"pos": i + 1}
        elif ch == "}":
            depth_open = None
        elif ch == "{":
            break
        i += 1
    position = (depth_open if depth_open is not None else i) + 1
    fragment = text[position - 1 : position + 11]
    return _("第 %(pos)d 个字处的“{”没有对应的“}”：%(fragment)s") % {
        "pos": position,
        "fragment": fragment,
    }


class _Values(dict):
    def __missing__(self, key):  # a placeholder staff typed wrongly stays visible, not a crash
        return "{" + key + "}"


def render(template_code: str, templates: dict[str, str] | None = None, **values) -> str:
    """The template's text with `values` filled in. `templates` (code → text) saves a query
    per message when many are rendered at once."""
    if templates is None:
        template = MessageTemplate.objects.filter(code=template_code).first()
        text = template.text if template else ""
    else:
        text = templates.get(template_code, "")
    return text.format_map(_Values({k: "" if v is None else v for k, v in values.items()}))


def _record(**fields) -> Notice | None:
    """Create the notice unless its key exists; None if it was already recorded."""
    try:
        with transaction.atomic():
            return Notice.objects.create(**fields)
    except IntegrityError:
        return None


def notify_complainant(case_id: int, event_id: int, code: str) -> Notice | None:
    """Tell a real-name complainant what `event` did, by SMS (a mobile) or e-mail."""
    case = Complaint.objects.select_related("village").get(pk=case_id)
    contact = (case.reporter_contact or "").strip() if case.real_name else ""
    if not contact:
        return None  # anonymous: nobody to tell; they follow the case on /track/
    event = CaseEvent.objects.get(pk=event_id)
    deadline = clock.running_deadline(case)
    window = clock.review_window(case) if code == "result" else None
    due = (window or deadline).due.isoformat() if (window or deadline) else ""
    text = render(
        code,
        number=case.number,
        village=case.village.title,
        date=event.at.date().isoformat(),
        due=due,
        text=event.public_text,
        unit=case.transferred_to or case.assigned_unit,
        code=case.receipt_code,
    )
    if EMAIL_RE.match(contact):
        local, _at, domain = contact.partition("@")
        channel, recipient = Notice.Channel.EMAIL, f"{local[:2]}***@{domain}"
    else:
        phone = normalize_phone(contact)
        if not MOBILE_RE.match(phone):
            return None  # a landline cannot take an SMS; staff phone the result
        channel, recipient = Notice.Channel.SMS, mask_phone(phone)
    notice = _record(
        key=f"event:{event.pk}:{code}",
        case=case,
        audience=Notice.Audience.COMPLAINANT,
        channel=channel,
        code=code,
        recipient=recipient,
        text=text,
    )
    if notice is None:
        return None
    try:
        if channel == Notice.Channel.EMAIL:
            send_mail(_("信访举报办理告知"), text, None, [contact])
        else:
            sms_backend().send(normalize_phone(contact), text)
        notice.sent = True
    except (NotifyError, OSError) as error:
        notice.error = str(error)[:200]
        logger.warning("notice %s for case %s not sent: %s", code, case.number, error)
    Notice.objects.filter(pk=notice.pk).update(sent=notice.sent, error=notice.error)
    return notice


def notify_staff(case: Complaint, user, code: str, key: str, **values) -> Notice | None:
    """An admin notification (and an e-mail if the user has an address); idempotent on `key`.
    Never to someone the case is hidden from (recusal may have come after the assignment)."""
    if not can_view_case(user, case):
        return None
    text = render(code, number=case.number, village=case.village.title, **values)
    notice = _record(
        key=key,
        case=case,
        audience=Notice.Audience.STAFF,
        channel=Notice.Channel.ADMIN,
        code=code,
        user=user,
        recipient=user.get_username(),
        text=text,
        sent=True,
    )
    if notice is not None and user.email:
        try:
            send_mail(_("信访举报办理提醒"), text, None, [user.email])
        except OSError as error:
            Notice.objects.filter(pk=notice.pk).update(error=str(error)[:200])
    return notice
