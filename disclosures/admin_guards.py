"""Copy and move rules for power items (权力事项), answered in Chinese instead of a 500.

`/<village>/power/<number>/` must name exactly one item (docs/architecture.md "The four lists"):
numbers are unique within a catalog, and a village's own additions may not reuse the numbers of
the catalog the village reads. Wagtail copies and moves a page as it is, number included, and
saves a draft copy without validating it; a clash then surfaced as a 500 when the copy was
published. So a copy or move is checked against its destination first:
- into a village: the village's additions and its catalog's items (`taken_numbers`);
- into a catalog: the catalog's items, and the additions of every village reading the catalog.

As in villages/admin_guards.py, the same rule also runs on the model (`pre_save` of a new item,
Wagtail's `pre_page_move`) so any other code path gets a ValidationError.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.signals import pre_page_move

from villages.admin_guards import back_to_move_chooser, copy_destination, copy_form_with_error
from villages.models import VillagePage

from .models import PowerCatalogPage, PowerItemPage
from .services.lists import catalog_for
from .services.validation import number_error, taken_numbers


def _items_reading(catalog: PowerCatalogPage, number: str, exclude_pk=None):
    """Village additions numbered `number` on villages that read `catalog`."""
    candidates = (
        PowerItemPage.objects.descendant_of(catalog.get_parent())
        .exclude(path__startswith=catalog.path)
        .filter(number=number)
    )
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    for item in candidates:
        parent = item.get_parent().specific
        if isinstance(parent, VillagePage):
            reads = catalog_for(parent)
            if reads is not None and reads.pk == catalog.pk:
                yield item, parent


def _clashing_item(number: str, destination, exclude_pk=None):
    """(item, where) already using `number` under `destination` (a catalog or a village with its
    catalog), or None."""
    parents = [destination]
    if isinstance(destination, VillagePage):
        catalog = catalog_for(destination)
        if catalog is not None:
            parents.append(catalog)
    for parent in parents:
        others = PowerItemPage.objects.child_of(parent).filter(number=number)
        if exclude_pk:
            others = others.exclude(pk=exclude_pk)
        clash = others.first()
        if clash is not None:
            return clash, parent
    return None


def number_clash(item, destination, exclude_pk=None, verb=None, readers=True) -> str | None:
    """Why `item`'s number may not live under `destination`, or None. `exclude_pk` is the item
    itself when it moves (it leaves its old place); `readers` also checks the additions of the
    villages reading a destination catalog."""
    destination = destination.specific_deferred
    if not isinstance(destination, VillagePage | PowerCatalogPage):
        return None
    number = item.number
    verb = verb or (_("移动") if exclude_pk else _("复制"))
    if number_error(number, taken_numbers(destination, exclude_pk=exclude_pk)) is not None:
        found = _clashing_item(number, destination, exclude_pk)
        if found is None:  # not a clash: the number itself is malformed, the form says so
            return None
        clash, where = found
        return _(
            "编号 %(number)s 在“%(where)s”中已被事项“%(other)s”使用，“%(title)s”不能%(verb)s到"
            "“%(dest)s”：同一清单（及其下各村的本村增补）中编号不能重复。请选择别的位置，或先"
            "修改其中一个事项的编号。"
        ) % {
            "number": number,
            "where": where.title,
            "other": clash.title,
            "title": item.title,
            "verb": verb,
            "dest": destination.title,
        }
    if readers and isinstance(destination, PowerCatalogPage):
        for other, village in _items_reading(destination, number, exclude_pk):
            return _(
                "“%(dest)s”适用的村“%(village)s”已有本村增补事项“%(other)s”使用编号 %(number)s，"
                "“%(title)s”不能%(verb)s到该清单：否则村里的 /power/%(number)s/ 会指向两个事项。"
                "请先修改其中一个事项的编号。"
            ) % {
                "dest": destination.title,
                "village": village.title,
                "other": other.title,
                "number": number,
                "title": item.title,
                "verb": verb,
            }
    return None


# --- admin answers ---------------------------------------------------------------------------


def _is_item(page) -> bool:
    return page.specific_class is not None and issubclass(page.specific_class, PowerItemPage)


@hooks.register("before_copy_page")
def refuse_item_number_clash_on_copy(request, page):
    destination = copy_destination(request)
    if destination is None or not _is_item(page):
        return None
    problem = number_clash(page.specific_deferred, destination)
    if problem:
        return copy_form_with_error(request, page, problem)
    return None


@hooks.register("before_move_page")
def refuse_item_number_clash_on_move(request, page, destination):
    if not _is_item(page):
        return None
    problem = number_clash(page.specific_deferred, destination, exclude_pk=page.pk)
    if problem:
        return back_to_move_chooser(request, page, problem)
    return None


# --- the model layer -------------------------------------------------------------------------


@receiver(pre_save, sender=PowerItemPage, dispatch_uid="disclosures_new_item_number_free")
def _new_item_number_free(sender, instance, **kwargs):
    if not instance._state.adding or not instance.path:
        return
    parent = instance.get_parent()
    if parent is None:
        return
    # Only the destination's own clash: the readers' check is the admin's, so an import that
    # validated as before is not refused here for a reason it was never told about.
    problem = number_clash(instance, parent, verb=_("添加"), readers=False)
    if problem:
        raise ValidationError({"number": problem})


@receiver(pre_page_move, dispatch_uid="disclosures_moved_item_number_free")
def _moved_item_number_free(sender, instance, parent_page_after, **kwargs):
    if not _is_item(instance):
        return
    problem = number_clash(
        instance.specific_deferred, parent_page_after, exclude_pk=instance.pk, readers=False
    )
    if problem:
        raise ValidationError(problem)
