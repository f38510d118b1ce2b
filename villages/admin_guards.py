"""Copy and move rules for the administrative tree, answered in Chinese instead of a 500.

A division code (统计用区划代码) names exactly one place and extends its parent's code
(docs/architecture.md "The tree and its rules"). So:
- an area page (市, 区县, 乡镇, 村) is never copied: the copy would carry the same code. A new
  place is a new page with its own code;
- an area page moves only under a parent whose code its own code extends (a village whose code
  starts with 阿坞镇's 621223106 cannot move to 哈达铺镇, 621223101).

Both rules run twice: in Wagtail's `before_copy_page` / `before_move_page` hooks, which answer the
editor with a message, and on the model (`pre_save` of a new area page, Wagtail's
`pre_page_move`), which raise ValidationError for any other code path rather than letting the
database's UNIQUE index raise IntegrityError. A third hook checks pages before a bulk publish, so
a page that would not validate is named instead of failing the whole request.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.signals import pre_page_move

from .models import AREA_MODELS, AreaPage, find_code_clash
from .validators import PARENT_PREFIX

# --- the rules -------------------------------------------------------------------------------


def _is_area(page) -> bool:
    specific_class = page.specific_class
    return specific_class is not None and issubclass(specific_class, AreaPage)


def copy_refusal(page, copy_subpages: bool = False) -> str | None:
    """Why `page` may not be copied, or None."""
    if _is_area(page):
        specific = page.specific_deferred
        return _(
            "“%(title)s”是%(level)s页面，有自己的区划代码 %(code)s，不能复制：复制出的页面会与它"
            "使用同一个区划代码。新的%(level)s请在上级页面下“添加子页面”新建，并填写它自己的区划代码。"
        ) % {
            "title": specific.title,
            "level": specific._meta.verbose_name,
            "code": specific.division_code,
        }
    if copy_subpages and page.get_descendants().type(*AREA_MODELS).exists():
        return _(
            "“%(title)s”下有区县、乡镇或村页面，它们的区划代码不能重复，不能连同子页面一起复制。"
        ) % {"title": page.title}
    return None


def move_refusal(page, destination) -> str | None:
    """Why `page` may not move under `destination`, or None."""
    if not _is_area(page):
        return None
    specific = page.specific_deferred
    prefix = PARENT_PREFIX.get(specific.level)
    parent_code = getattr(destination.specific_deferred, "division_code", None)
    if not prefix or not parent_code or specific.division_code[:prefix] == parent_code[:prefix]:
        return None
    return _(
        "不能把“%(title)s”（区划代码 %(code)s）移到“%(parent)s”下：%(level)s的区划代码前 %(n)d 位"
        "必须与上级的代码 %(parent_code)s 一致。行政区划调整后，请在“%(parent)s”下新建页面并填写"
        "新的区划代码。"
    ) % {
        "title": specific.title,
        "code": specific.division_code,
        "parent": destination.title,
        "level": specific._meta.verbose_name,
        "n": prefix,
        "parent_code": parent_code[:prefix],
    }


# --- admin answers (shared with the apps that hang on the tree) ------------------------------


def copy_form_with_error(request, page, message: str, field: str = "new_parent_page"):
    """Wagtail's own copy form, re-rendered with `message` on `field` (status 200)."""
    form_class = getattr(page.specific_class, "copy_form_class", CopyForm)
    form = form_class(request.POST, user=request.user, page=page)
    form.is_valid()
    form.add_error(field if field in form.fields else "new_parent_page", message)
    context = {"page": page, "form": form, "next": get_valid_next_url_from_request(request)}
    return TemplateResponse(request, "wagtailadmin/pages/copy.html", context)


def copy_destination(request):
    """The parent chosen on the copy form, or None before the form is sent."""
    if request.method != "POST":
        return None
    try:
        return Page.objects.get(pk=int(request.POST.get("new_parent_page", "")))
    except (ValueError, Page.DoesNotExist):
        return None


def back_to_move_chooser(request, page, message: str):
    # Wagtail answers its own move refusal (a slug clash) the same way.
    messages.error(request, message)
    return redirect("wagtailadmin_pages:move", page.pk)


@hooks.register("before_copy_page")
def refuse_area_copy(request, page):
    copy_subpages = request.method == "POST" and bool(request.POST.get("copy_subpages"))
    problem = copy_refusal(page)
    if problem:
        # No destination can make this copy valid, so the form is not shown at all.
        messages.error(request, problem)
        next_url = get_valid_next_url_from_request(request)
        if next_url:
            return redirect(next_url)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    problem = copy_refusal(page, copy_subpages)
    if problem:
        return copy_form_with_error(request, page, problem, field="copy_subpages")
    return None


@hooks.register("before_move_page")
def refuse_area_move(request, page, destination):
    problem = move_refusal(page, destination)
    if problem:
        return back_to_move_chooser(request, page, problem)
    return None


@hooks.register("before_bulk_action")
def refuse_invalid_bulk_publish(request, action_type, objects, action):
    """Publishing runs full validation; a page that fails it would stop the whole bulk publish
    with a server error. Check first and name each page with its problem."""
    if action_type != "publish":
        return None
    problems = []
    for page in objects:
        if not isinstance(page, Page):
            continue
        revision = page.get_latest_revision()
        candidate = revision.as_object() if revision else page.specific
        try:
            candidate.full_clean()
        except ValidationError as error:
            text = "；".join(str(m) for m in error.messages)
            problems.append(
                _("“%(title)s”：%(problem)s") % {"title": candidate.title, "problem": text}
            )
    if not problems:
        return None
    messages.error(
        request,
        _("以下页面有错误，未发布任何页面，请先修改：%(problems)s")
        % {"problems": " ".join(problems)},
    )
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_explore_root")


# --- the model layer -------------------------------------------------------------------------


def _new_area_page_has_unique_code(sender, instance, **kwargs):
    if not instance._state.adding or not instance.division_code:
        return
    clash = find_code_clash(instance)
    if clash is not None:
        raise ValidationError(
            {
                "division_code": _("区划代码 %(code)s 已被“%(title)s”使用。")
                % {"code": instance.division_code, "title": clash.title}
            }
        )


for _model in AREA_MODELS:
    pre_save.connect(
        _new_area_page_has_unique_code,
        sender=_model,
        dispatch_uid=f"villages_unique_code_{_model.__name__}",
    )


@receiver(pre_page_move, dispatch_uid="villages_area_move_keeps_code_prefix")
def _area_move_keeps_code_prefix(sender, instance, parent_page_after, **kwargs):
    problem = move_refusal(instance, parent_page_after)
    if problem:
        raise ValidationError(problem)
