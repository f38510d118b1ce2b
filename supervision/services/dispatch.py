"""Supervised items (督办事项): who may see and update them, how far along they are, when they are
done, which are public, and the warnings the scheduled job sets (docs/architecture.md
"Supervised items (督办事项)").

Who (kept simple on purpose):
- **edit** (立项, 修改任务表, 报送进展, 办结): the county petition office and the city discipline
  commission for items whose area lies within their jurisdiction (a superuser: all);
- **read**: every role that sees cases by jurisdiction (township discipline, petition office,
  leader, city, auditor) for items of their area and below, and the items of the areas above
  them (a county's item concerns its townships).

Warnings (预警), stored as a colour on `SupervisedItem.warning` by `refresh_warnings`, which the
same job as the cases' runs (services/warnings.run, `manage.py check_deadlines`):
- red: an open item past its deadline, or one of its tasks more than WARN_TASK_RED_DAYS late;
- yellow: a task past its due date and not done, or no progress note for the rhythm's days
  (daily 1, weekly 7, biweekly 14, monthly 31 calendar days since the last note, or since the
  item was created).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from villages.models import CityPage, CountyPage, Role, TownshipPage
from villages.services.jurisdiction import jurisdiction_of

from ..dispatch_models import SupervisedItem, SupervisedNote, SupervisedTask
from .access import JURISDICTION_ROLES, role_of

EDIT_ROLES = frozenset({Role.COUNTY_PETITION, Role.CITY_DISCIPLINE})
READ_ROLES = frozenset(JURISDICTION_ROLES)

RED, YELLOW = "red", "yellow"
WARNING_LABELS = {RED: gettext_lazy("红色预警"), YELLOW: gettext_lazy("黄色预警")}
# Days without a progress note before the item turns yellow, by rhythm (calendar days).
RHYTHM_DAYS = {
    SupervisedItem.Rhythm.DAILY: 1,
    SupervisedItem.Rhythm.WEEKLY: 7,
    SupervisedItem.Rhythm.BIWEEKLY: 14,
    SupervisedItem.Rhythm.MONTHLY: 31,
}
# A task this many days late makes the whole item red.
WARN_TASK_RED_DAYS = 7


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def may_edit_any(user) -> bool:
    return _active(user) and (user.is_superuser or role_of(user) in EDIT_ROLES)


def may_read_any(user) -> bool:
    return _active(user) and (user.is_superuser or role_of(user) in READ_ROLES)


def items_for(user) -> QuerySet[SupervisedItem]:
    """The items `user` may read: their area and below, and the areas above them."""
    if not may_read_any(user):
        return SupervisedItem.objects.none()
    if user.is_superuser:
        return SupervisedItem.objects.all()
    node = jurisdiction_of(user)
    if node is None:
        return SupervisedItem.objects.none()
    above = [page.pk for page in node.get_ancestors()]
    return SupervisedItem.objects.filter(Q(area__path__startswith=node.path) | Q(area__in=above))


def editable_items_for(user) -> QuerySet[SupervisedItem]:
    """The items `user` may change: their area and below, for the roles that edit."""
    if not may_edit_any(user):
        return SupervisedItem.objects.none()
    if user.is_superuser:
        return SupervisedItem.objects.all()
    node = jurisdiction_of(user)
    if node is None:
        return SupervisedItem.objects.none()
    return SupervisedItem.objects.filter(area__path__startswith=node.path)


def can_edit(user, item: SupervisedItem) -> bool:
    return editable_items_for(user).filter(pk=item.pk).exists()


def area_choices(user) -> QuerySet[Page]:
    """The city, county and township pages an item (or a reception day) may belong to."""
    pages = Page.objects.type(CityPage, CountyPage, TownshipPage).order_by("path")
    if getattr(user, "is_superuser", False):
        return pages
    node = jurisdiction_of(user)
    if node is None:
        return pages.none()
    return pages.filter(path__startswith=node.path)


# --- progress ---------------------------------------------------------------------------------


def percent(item: SupervisedItem) -> int:
    """Done tasks' weight ÷ all tasks' weight, as a whole percent (rounded down, so 100 only when
    every task is done); 100 once the item is done, 0 with no task."""
    if item.status == SupervisedItem.Status.DONE:
        return 100
    tasks = list(item.tasks.all())
    total = sum(task.weight for task in tasks)
    if not total:
        return 0
    done = sum(task.weight for task in tasks if task.done_on)
    return done * 100 // total


def complete(item: SupervisedItem, user, today: datetime.date | None = None) -> SupervisedItem:
    """Mark the item done (已办结) once every task is done; otherwise a ValidationError saying
    which tasks are still open."""
    if not can_edit(user, item):
        raise PermissionDenied(_("您无权办结此督办事项。"))
    if item.status == SupervisedItem.Status.DONE:
        return item
    open_tasks = [task.title for task in item.tasks.all() if not task.done_on]
    if not item.tasks.exists():
        raise ValidationError(_("还没有任务，不能办结：请先在任务表中列出任务并逐项完成。"))
    if open_tasks:
        raise ValidationError(
            _("还有 %(n)d 项任务未完成（%(tasks)s），全部完成后才能办结。")
            % {"n": len(open_tasks), "tasks": "、".join(open_tasks)}
        )
    item.status = SupervisedItem.Status.DONE
    item.completed_on = today or timezone.localdate()
    item.warning = ""
    item.save(update_fields=["status", "completed_on", "warning"])
    return item


def add_note(
    item: SupervisedItem, user, text: str, public: bool = False, attachment=None
) -> SupervisedNote:
    """Write a progress note (调度进展); notes are never edited afterwards."""
    if not can_edit(user, item):
        raise PermissionDenied(_("您无权为此督办事项报送进展。"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写进展情况。")})
    note = SupervisedNote.objects.create(
        item=item, text=text, public=public, attachment=attachment, by=user
    )
    # A fresh note may lift a "no progress reported" warning at once.
    refresh_warnings(items=SupervisedItem.objects.filter(pk=item.pk))
    return note


# --- public visibility ------------------------------------------------------------------------


def public_items() -> QuerySet[SupervisedItem]:
    """THE rule for what the public sees: published items whose area page is live. Every
    public view asks this (or `is_public`)."""
    return SupervisedItem.objects.filter(published=True, area__live=True).order_by(
        "-created_at", "-pk"
    )


def is_public(item: SupervisedItem) -> bool:
    return public_items().filter(pk=item.pk).exists()


def public_notes(item: SupervisedItem) -> QuerySet[SupervisedNote]:
    return item.notes.filter(public=True).select_related("attachment")


# --- warnings ---------------------------------------------------------------------------------


# "The last note was not looked up yet" (None means "looked up: there is none").
_UNKNOWN = object()


@dataclass(frozen=True)
class Reason:
    colour: str
    text: str


def _last_note_days(item: SupervisedItem, last_note_at, today: datetime.date) -> int:
    since = last_note_at or item.created_at
    return (today - timezone.localdate(since)).days


def reasons(
    item: SupervisedItem, today: datetime.date | None = None, last_note_at=_UNKNOWN
) -> list[Reason]:
    """Why an open item is warned, worst first ([] when none or done)."""
    today = today or timezone.localdate()
    if item.status == SupervisedItem.Status.DONE:
        return []
    found = []
    if item.deadline < today:
        found.append(
            Reason(RED, _("已超过办结时限 %(days)d 天") % {"days": (today - item.deadline).days})
        )
    for task in item.tasks.all():
        if task.done_on or task.due_on >= today:
            continue
        late = (today - task.due_on).days
        colour = RED if late > WARN_TASK_RED_DAYS else YELLOW
        found.append(
            Reason(
                colour,
                _("任务“%(task)s”逾期 %(days)d 天未完成") % {"task": task.title, "days": late},
            )
        )
    if last_note_at is _UNKNOWN:
        last_note_at = item.notes.aggregate(last=Max("at"))["last"]
    quiet = _last_note_days(item, last_note_at, today)
    limit = RHYTHM_DAYS.get(item.rhythm, 7)
    if quiet > limit:
        found.append(
            Reason(
                YELLOW,
                _("%(rhythm)s调度，已 %(days)d 天未报送进展")
                % {"rhythm": item.get_rhythm_display(), "days": quiet},
            )
        )
    return sorted(found, key=lambda reason: reason.colour != RED)


def colour_of(found: list[Reason]) -> str:
    if any(reason.colour == RED for reason in found):
        return RED
    return YELLOW if found else ""


def warning_label(item: SupervisedItem) -> str:
    return str(WARNING_LABELS.get(item.warning, ""))


def refresh_warnings(today: datetime.date | None = None, items=None) -> dict[str, int]:
    """Set every item's warning colour from its deadline, tasks and notes (idempotent: an item
    whose colour is unchanged is not written). Returns how many items changed to each colour."""
    today = today or timezone.localdate()
    items = SupervisedItem.objects.all() if items is None else items
    last_notes = dict(
        SupervisedNote.objects.filter(item__in=items)
        .values("item")
        .annotate(last=Max("at"))
        .values_list("item", "last")
    )
    changed = {RED: 0, YELLOW: 0, "none": 0}
    # One query for every item's tasks.
    rows = items.prefetch_related(
        Prefetch("tasks", queryset=SupervisedTask.objects.order_by("sort_order", "pk"))
    )
    with transaction.atomic():
        for item in rows:
            colour = colour_of(reasons(item, today, last_notes.get(item.pk)))
            if colour != item.warning:
                SupervisedItem.objects.filter(pk=item.pk).update(warning=colour)
                changed[colour or "none"] += 1
    return changed


INTERNAL_COLLECTION = "督办事项内部附件"


def attachment_collection(public: bool):
    """Where a note's attachment is kept: a public note's in the root collection (linked from
    the public progress page), an internal note's in "督办事项内部附件", closed by a view
    restriction to signed-in staff (Wagtail's document view checks it; the files themselves
    are never served from MEDIA_ROOT directly, see config/urls.py and README "Production")."""
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    if public:
        return root
    found = Collection.objects.filter(name=INTERNAL_COLLECTION).first()
    if found is None:
        found = root.add_child(name=INTERNAL_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=found).exists():
        CollectionViewRestriction.objects.create(
            collection=found, restriction_type=CollectionViewRestriction.LOGIN
        )
    return found
