"""Review that shows what changed (issue 7, part 2).

- Editors get one plain "提交审核" button, first in the page's action menu.
- A reviewer gets "查看改动并审核" first: a screen comparing the version under review with the
  live one (Wagtail's own revision comparison) that carries 批准并发布 and 退回修改, and a link to
  the preview. The dashboard's review panel links to the same screen in one click.
- Risky actions (取消发布, 取消工作流) are never the main button nor first in the menu.
- After approval the reviewer reads "已批准并发布"; the editor gets Wagtail's e-mail and a
  dashboard panel listing what was approved or sent back.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.action_menu import ActionMenuItem, SubmitForModerationMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.models import Page, WorkflowState

# Never the main button nor first in the menu (issue 7): they take a page down or drop a review.
RISKY_ACTIONS = ("action-unpublish", "action-cancel-workflow")
REVIEW_ACTIONS = {"approve", "reject"}


def review_actions(page, user) -> set[str]:
    """The review actions (approve, reject) `user` may take on `page` now; empty if none."""
    task = page.current_workflow_task
    if task is None:
        return set()
    return {name for name, _label, _modal in task.get_actions(page, user)} & REVIEW_ACTIONS


# --- the page's action menu -------------------------------------------------------------------


class PlainSubmitMenuItem(SubmitForModerationMenuItem):
    """ "提交审核" (or "重新提交审核" after changes were asked for), not "提交至…公开内容审核"."""

    label = gettext_lazy("提交审核")
    classname = "button--submit-for-review"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page and page.pk else None
        if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            context["label"] = _("重新提交审核")
        else:
            context["label"] = self.label
        return context


class ReviewChangesMenuItem(ActionMenuItem):
    """A link to the review screen, for a reviewer on a page awaiting their review."""

    name = "action-review-changes"
    label = gettext_lazy("查看改动并审核")
    icon_name = "doc-empty"

    def get_url(self, parent_context):
        return reverse("villages_review", args=[parent_context["page"].pk])


def arrange_page_action_menu(menu_items, request, context):
    """The main (first) button is the step the user is there for; risky actions go last."""
    page = context.get("page")
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = PlainSubmitMenuItem(order=item.order)
    first = []
    if context.get("view") == "edit" and page and review_actions(page, request.user):
        first.append(ReviewChangesMenuItem(order=-10))
    first += [item for item in menu_items if item.name == "action-submit"]
    risky = [item for item in menu_items if item.name in RISKY_ACTIONS]
    rest = [item for item in menu_items if item not in first and item not in risky]
    menu_items[:] = first + rest + risky


# --- the review screen ------------------------------------------------------------------------


class ReviewView(RevisionsCompareView):
    """Wagtail's page comparison, live version → version under review, with the review buttons.

    GET shows it to anyone who may edit or publish the page (an editor checks what they sent);
    POST approves or sends back, only for a member of the task's group.
    """

    template_name = "villages/admin/review.html"
    page_title = gettext_lazy("查看改动")

    def setup(self, request, pk, *args, **kwargs):
        page = Page.objects.filter(pk=pk).first()
        task_state = page.current_workflow_task_state if page else None
        under_review = str(task_state.revision_id) if task_state else "latest"
        # A page never published has no live version: compare with its first revision.
        live = "live" if page is not None and page.live else "earliest"
        super().setup(request, pk, live, under_review, *args, **kwargs)
        self.task_state = task_state

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        actions = review_actions(page, self.request.user) if self.task_state else set()
        context.update(
            {
                "revision_a_heading": _("已发布的版本"),
                "revision_b_heading": _("待审核的版本") if self.task_state else _("最新草稿"),
                "task_state": self.task_state,
                "can_approve": "approve" in actions,
                "can_reject": "reject" in actions,
                "preview_url": self._preview_url(),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            }
        )
        return context

    def _preview_url(self):
        if not self.task_state:
            return None
        return reverse(
            "wagtailadmin_pages:workflow_preview",
            args=[self.object.pk, self.task_state.task_id],
        )

    def post(self, request, *args, **kwargs):
        page = self.object
        action = request.POST.get("action", "")
        if self.task_state is None:
            messages.error(request, _("这个页面已不在审核中。"))
            return redirect("wagtailadmin_home")
        if action not in review_actions(page, request.user):
            raise PermissionDenied
        comment = request.POST.get("comment", "").strip()
        if action == "reject" and not comment:
            messages.error(request, _("退回修改时请写明要改什么。"))
            return redirect("villages_review", pk=page.pk)
        self.task_state.task.specific.on_action(
            self.task_state, request.user, action, comment=comment
        )
        title = page.get_admin_display_title()
        if action == "approve":
            messages.success(request, _("已批准并发布：%(title)s") % {"title": title})
        else:
            messages.success(
                request, _("已退回修改：%(title)s。编辑会收到通知。") % {"title": title}
            )
        return redirect("wagtailadmin_home")


# --- dashboard panels -------------------------------------------------------------------------


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "awaiting your review", one row per page with a "查看改动" button."""

    template_name = "villages/admin/awaiting_review_panel.html"
    order = 60


RECENT_RESULTS_DAYS = 30


class ReviewResultsPanel(Component):
    """The editor's own submissions approved or sent back lately: the answer, who, when, why."""

    name = "review_results"
    template_name = "villages/admin/review_results_panel.html"
    order = 70

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        since = timezone.now() - timedelta(days=RECENT_RESULTS_DAYS)
        states = (
            WorkflowState.objects.filter(
                requested_by=self.user,
                base_content_type__model="page",
                status__in=[WorkflowState.STATUS_APPROVED, WorkflowState.STATUS_NEEDS_CHANGES],
            )
            .filter(current_task_state__finished_at__gte=since)
            .select_related("current_task_state", "current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")[:10]
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        rows = []
        for state in states:
            page = pages.get(int(state.object_id))
            if page is None:
                continue
            task_state = state.current_task_state
            rows.append(
                {
                    "page": page,
                    "approved": state.status == WorkflowState.STATUS_APPROVED,
                    "by": task_state.finished_by,
                    "at": task_state.finished_at,
                    "comment": task_state.comment,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                }
            )
        return {"rows": rows}
