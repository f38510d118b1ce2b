"""Rules for power items and their steps, shared by the admin form, the model and the importer, so
a bad branch or a duplicate number is refused the same way wherever it comes from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from villages.models import VillagePage

# A branch to END closes the procedure (退回并书面告知). The one definition: the rules, the model,
# the flowchart and the importer use this. Clerks may write 结束 (END_LABEL) instead: files and
# forms accept both, files are exported with 结束, the database keeps END.
END = "end"
END_LABEL = "结束"
NUMBER_RE = re.compile(r"^[\w\-]{1,20}$")


def normalise_target(target: str | None) -> str:
    """A branch target as stored: 结束 (or End, END) becomes END."""
    text = (target or "").strip()
    return END if text == END_LABEL or text.lower() == END else text


@dataclass
class StepData:
    key: str
    branch_target: str = ""
    branch_condition: str = ""
    time_limit: int | None = None


def step_problems(steps: Iterable[StepData]) -> list[tuple[int, str]]:
    """Errors in a list of steps, each with the position of the step it is about: keys present
    and unique, every branch pointing somewhere real. The position lets the importer name the
    spreadsheet row of the very step."""
    steps = list(steps)
    errors: list[tuple[int, str]] = []
    keys = [s.key.strip() for s in steps]
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if not key:
            errors.append((index, _("每个步骤都要有步骤号。")))
        elif key in seen:
            errors.append((index, _("步骤号“%(key)s”重复。") % {"key": key}))
        seen.add(key)
    for index, step in enumerate(steps):
        target = normalise_target(step.branch_target)
        if target and target != END and target not in seen:
            errors.append(
                (
                    index,
                    _(
                        "步骤 %(key)s 的分支指向不存在的步骤“%(target)s”"
                        "（可填已有步骤号，或填“结束”）。"
                    )
                    % {"key": step.key, "target": target},
                )
            )
        if target and target == step.key.strip():
            errors.append((index, _("步骤 %(key)s 的分支不能指向它自己。") % {"key": step.key}))
        if target and not (step.branch_condition or "").strip():
            errors.append(
                (index, _("步骤 %(key)s 有分支去向，但没有填写分支条件。") % {"key": step.key})
            )
        if step.time_limit is not None and step.time_limit <= 0:
            errors.append((index, _("步骤 %(key)s 的办理时限必须是正数。") % {"key": step.key}))
    return errors


def step_errors(steps: Iterable[StepData]) -> list[str]:
    """The messages of ``step_problems`` (forms and models show them together)."""
    return [message for _index, message in step_problems(steps)]


def number_error(number: str, taken: Iterable[str]) -> str | None:
    if not NUMBER_RE.match(number or ""):
        return _("编号“%(number)s”无效：只能用字母、数字、汉字和连字符，最多 20 个字符。") % {
            "number": number
        }
    if number in set(taken):
        return _("编号“%(number)s”在本清单中已被使用。") % {"number": number}
    return None


def taken_numbers(parent, exclude_pk=None, among: Iterable[str] | None = None) -> set[str]:
    """Numbers already used under `parent`; for a village also its catalog's numbers, so that
    /power/<number>/ always names one item. With `among`, only those of these numbers (one
    indexed query instead of every number of a 10,000-item catalog)."""
    from disclosures.models import PowerItemPage
    from disclosures.services.lists import catalog_for

    parents = [parent]
    specific = parent.specific
    if isinstance(specific, VillagePage):
        catalog = catalog_for(specific)
        if catalog is not None:
            parents.append(catalog)
    numbers: set[str] = set()
    for p in parents:
        qs = PowerItemPage.objects.child_of(p)
        if among is not None:
            qs = qs.filter(number__in=list(among))
        if exclude_pk:
            qs = qs.exclude(pk=exclude_pk)
        numbers |= set(qs.values_list("number", flat=True))
    return numbers


def validate_item(item) -> None:
    """Model-level check (used on save and by the importer)."""
    errors = {}
    parent = item.get_parent() if item.path else None
    if parent is not None:
        taken = taken_numbers(parent, exclude_pk=item.pk, among=[item.number])
        problem = number_error(item.number, taken)
        if problem:
            errors["number"] = problem
    steps = [
        StepData(s.key, s.branch_target, s.branch_condition, s.time_limit) for s in item.steps.all()
    ]
    problems = step_errors(steps)
    if problems:
        errors["__all__"] = problems
    if errors:
        raise ValidationError(errors)
