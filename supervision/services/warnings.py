"""Early warnings (预警提醒): the scheduled job that colours open cases yellow before a deadline
and red when it has passed, and tells the handler and their supervisor.

Idempotent (run it every few minutes or once a day, twice in a row sends nothing twice):
- colours are set by three bulk UPDATEs on the stored due dates (services/clock.refresh keeps
  them), so 100,000 open cases cost a handful of queries;
- a deadline counted provisionally (a year whose holiday schedule was missing) is replayed
  again, so adding the year corrects it;
- every notice has a key made of case, deadline, due date, colour and recipient; a notice
  already recorded is not sent again. E-mail goes once per recipient per run, as one digest.

E-mail is an outbox: a warning for someone with an address is written `mail_pending`, and the
mark is cleared only once the digest carrying it has been handed to the mail server. A run killed
before its digests, or a mail server that refuses, leaves the marks, and the next run mails them
(at least once: a run killed between sending a digest and clearing its marks sends that one digest
again). A notice still unsent after MAIL_GIVE_UP stops being retried, with a log line; it stays
in the recipient's admin notices (站内提醒), the primary channel.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosures.models import OfficeHolder
from villages.models import Role, StaffProfile

from ..models import Complaint, DeadlineRule, MessageTemplate, Notice
from . import clock, dispatch
from .notices import render

W = Complaint.Warning
BATCH = 2000
WARNING_CODES = ("warning_red", "warning_yellow")
MAIL_GIVE_UP = datetime.timedelta(days=3)

log = logging.getLogger(__name__)


@dataclass
class Report:
    coloured: dict[str, int] = field(default_factory=dict)
    recomputed: int = 0
    notices: int = 0
    emails: int = 0
    items: dict[str, int] = field(default_factory=dict)


def _colour(today: datetime.date) -> dict[str, int]:
    """Set every open case's colour from its stored due date: three UPDATEs."""
    soon = today + datetime.timedelta(days=getattr(settings, "SUPERVISION_WARNING_DAYS", 3))
    with_due = Complaint.objects.filter(due_date__isnull=False)
    return {
        W.RED: with_due.filter(due_date__lt=today).exclude(warning=W.RED).update(warning=W.RED),
        W.YELLOW: with_due.filter(due_date__gte=today, due_date__lte=soon)
        .exclude(warning=W.YELLOW)
        .update(warning=W.YELLOW),
        "none": Complaint.objects.filter(Q(due_date__gt=soon) | Q(due_date__isnull=True))
        .exclude(warning=W.NONE)
        .update(warning=W.NONE),
    }


def _recompute_provisional(today: datetime.date) -> int:
    """Replay the cases whose due date was counted on weekends alone, now that their year may be
    in the calendar."""
    count = 0
    for case in Complaint.objects.filter(due_provisional=True).iterator(chunk_size=BATCH):
        count += clock.refresh(case, today=today)
    return count


def recompute_running(today: datetime.date | None = None) -> int:
    """Replay every case with a deadline running, after the calendar or a rule changed
    (设置 → 节假日安排 / 办理时限; supervision/tasks.py runs it in the worker). Returns how many
    cases' stored deadline changed."""
    today = today or timezone.localdate()
    count = 0
    running = Complaint.objects.exclude(due_kind="").order_by("pk")
    for case in running.iterator(chunk_size=BATCH):
        count += clock.refresh(case, today=today)
    return count


def _petition_offices() -> dict[str, list]:
    """County petition office staff by their jurisdiction's tree path."""
    offices: dict[str, list] = defaultdict(list)
    for profile in StaffProfile.objects.filter(
        role__in=[Role.COUNTY_PETITION], user__is_active=True
    ).select_related("user", "jurisdiction"):
        offices[profile.jurisdiction.path].append(profile.user)
    return offices


def _office_holders() -> dict[tuple[int, int], set[int]]:
    """User accounts holding each (village, office): read once per run."""
    held: dict[tuple[int, int], set[int]] = defaultdict(set)
    for village_id, office_id, user_id in OfficeHolder.objects.exclude(user=None).values_list(
        "village_id", "office_id", "user_id"
    ):
        held[(village_id, office_id)].add(user_id)
    return held


def _recusals(case_ids: list[int], held: dict[tuple[int, int], set[int]]) -> set[tuple[int, int]]:
    """(case, user) pairs where the user must not see the case (services/access.py)."""
    through = Complaint.accused_users.through
    pairs = set(
        through.objects.filter(complaint_id__in=case_ids).values_list("complaint_id", "user_id")
    )
    if held:
        for pk, village_id, office_id in Complaint.objects.filter(
            pk__in=case_ids, accused_office__isnull=False
        ).values_list("pk", "village_id", "accused_office_id"):
            pairs |= {(pk, user_id) for user_id in held.get((village_id, office_id), ())}
    return pairs


def _recipients(case, offices: dict[str, list], users: dict[int, object], recused) -> list:
    """The handler (or, unassigned, the county petition office) and the supervisors: the
    county petition office over the village and the leader owning the case; never anyone the
    case is hidden from (recusal)."""
    people = [users.get(case.handler_id), users.get(case.owner_leader_id)]
    people += [
        u for path, staff in offices.items() if case.village_path.startswith(path) for u in staff
    ]
    unique = {u.pk: u for u in people if u is not None}
    return [u for pk, u in unique.items() if (case.pk, pk) not in recused]


def run(today: datetime.date | None = None) -> Report:
    today = today or timezone.localdate()
    report = Report()
    report.recomputed = _recompute_provisional(today)
    report.coloured = _colour(today)
    # Supervised items (督办事项) are warned by the same job (services/dispatch.py).
    report.items = dispatch.refresh_warnings(today)

    warned = (
        Complaint.objects.filter(warning__in=[W.YELLOW, W.RED])
        .annotate(village_path=F("village__path"), village_title=F("village__title"))
        .only("pk", "number", "warning", "due_date", "due_kind", "handler_id", "owner_leader_id")
        .order_by("pk")
    )
    offices = _petition_offices()
    held = _office_holders()
    user_ids = set(warned.exclude(handler=None).values_list("handler_id", flat=True))
    user_ids |= set(warned.exclude(owner_leader=None).values_list("owner_leader_id", flat=True))
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids, is_active=True)}
    labels = dict(DeadlineRule.Code.choices)
    templates = dict(MessageTemplate.objects.values_list("code", "text"))
    last_pk = 0
    while True:
        chunk = list(warned.filter(pk__gt=last_pk)[:BATCH])
        if not chunk:
            break
        last_pk = chunk[-1].pk
        recused = _recusals([c.pk for c in chunk], held)
        wanted = [
            (case, user, f"warn:{case.pk}:{case.due_kind}:{case.due_date}:{case.warning}:{user.pk}")
            for case in chunk
            for user in _recipients(case, offices, users, recused)
        ]
        existing = set(
            Notice.objects.filter(key__in=[key for _c, _u, key in wanted]).values_list(
                "key", flat=True
            )
        )
        # Only what is new is rendered and written: a repeated run reads, it does not build.
        rendered: dict[int, str] = {}
        fresh = []
        for case, user, key in wanted:
            if key in existing:
                continue
            code = "warning_red" if case.warning == W.RED else "warning_yellow"
            if case.pk not in rendered:
                rendered[case.pk] = render(
                    code,
                    templates=templates,
                    number=case.number,
                    village=case.village_title,
                    deadline=labels.get(case.due_kind, case.due_kind),
                    due=case.due_date.isoformat(),
                )
            fresh.append(
                Notice(
                    key=key,
                    case_id=case.pk,
                    audience=Notice.Audience.STAFF,
                    channel=Notice.Channel.ADMIN,
                    code=code,
                    user=user,
                    recipient=user.get_username(),
                    text=rendered[case.pk],
                    sent=True,
                    mail_pending=bool(user.email),
                )
            )
        if fresh:
            with transaction.atomic():
                Notice.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=500)
        report.notices += len(fresh)
    report.emails = mail_pending()
    return report


def mail_pending() -> int:
    """Send every staff warning still waiting for its e-mail, one digest per recipient, and
    clear the marks of what went out. Returns the number of digests sent."""
    pending = Notice.objects.filter(
        mail_pending=True, audience=Notice.Audience.STAFF, code__in=WARNING_CODES
    )
    stale = pending.filter(created_at__lt=timezone.now() - MAIL_GIVE_UP).update(mail_pending=False)
    if stale:
        log.warning("warning e-mails given up after %s: %d notices", MAIL_GIVE_UP, stale)
    digests: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, user_id, text in pending.order_by("user_id", "pk").values_list("pk", "user_id", "text"):
        digests[user_id].append((pk, text))
    if not digests:
        return 0
    users = get_user_model().objects.filter(pk__in=digests).in_bulk()
    sent = 0
    for user_id, notices in digests.items():
        user = users.get(user_id)
        carried = pending.filter(user_id=user_id, pk__lte=notices[-1][0])
        if user is None or not user.is_active or not user.email:
            carried.update(mail_pending=False)  # no one to mail any more
            continue
        subject = _("信访举报预警提醒（%(n)d 件）") % {"n": len(notices)}
        try:
            send_mail(subject, "\n".join(text for _pk, text in notices), None, [user.email])
        except OSError as error:  # smtplib errors included; the marks stay for the next run
            log.warning("warning e-mail to user %s not sent: %s", user_id, error)
            continue
        carried.update(mail_pending=False)
        sent += 1
    return sent
