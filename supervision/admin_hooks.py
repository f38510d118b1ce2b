"""Supervision's admin: the 信访举报 menu (intake, case list and page, identity-access log, Open311
partners, categories: supervision/viewsets.py) and each role's dashboard panel for complaints.

The dashboard of the tree (villages/wagtail_hooks.py) tells a station operator and an auditor
that their screens are coming; now they are here, so this hook, run after the tree's, puts the
real panel in the place of that note (docs/architecture.md "A home for every role")."""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from villages.hooks import AUDITED_DOWNLOADS
from villages.models import Role
from villages.services.jurisdiction import jurisdiction_of

from . import admin_lists
from .services import analysis, dispatch, figures, stats, todo
from .services.access import cases_for, intake_channels_for, role_of
from .services.clock import running_deadline
from .viewsets import SupervisionViewSetGroup, may_read_identity_log

PARTNER_KEY_REISSUED = "supervision.partner_key_reissued"
RECENT_LIMIT = 10


@hooks.register("register_admin_viewset")
def register_supervision_viewsets():
    return SupervisionViewSetGroup()


@hooks.register(AUDITED_DOWNLOADS)
def register_audited_downloads():
    """GET views that hand out case data: each download is a staff action in the audit log."""
    return [
        "supervision_ledger:export",  # a POST: small ledgers come back as the file at once
        "supervision_ledger:download",
        "supervision_analysis:download",
        "cases:attachment",
        "supervision_intake:print",
    ]


@hooks.register("register_log_actions")
def register_partner_log_actions(actions):
    @actions.register_action(PARTNER_KEY_REISSUED)
    class PartnerKeyReissued(LogFormatter):
        label = _("重新签发密钥")

        def format_message(self, log_entry):
            return _("重新签发了开放接口密钥，旧密钥失效")


class CasesPanel(Component):
    """A short list of the cases a user may see (cases_for: jurisdiction, the operator's own,
    recusal), newest first, with the deadline now running."""

    order = 60
    template_name = "supervision/admin/cases_panel.html"

    class Media:
        css = {"all": ["supervision/admin.css"]}

    def __init__(self, request, *, name: str, title, empty, area_link=None, links=(), note=""):
        self.name = name
        self.note = note
        self.request = request
        self.title = title
        self.empty = empty
        self.area_link = area_link
        self.links = links

    def get_context_data(self, parent_context=None):
        user = self.request.user
        cases = list(cases_for(user).select_related("village", "category")[:RECENT_LIMIT])
        for case in cases:
            case.deadline = running_deadline(case)
        area_url = None
        if self.area_link:
            node = jurisdiction_of(user)
            if node is not None and node.live:
                area_url = node.specific_deferred.get_url(self.request)
        return {
            "title": self.title,
            "empty": self.empty,
            "cases": cases,
            "can_log": bool(intake_channels_for(user)),
            "list_url": reverse("cases:index"),
            "area_link": self.area_link,
            "area_url": area_url,
            "links": self.links,
            "note": self.note,
            "panel_id": self.name,
        }


class DisclosureQuestionsPanel(Component):
    """有疑问? complaints by disclosure kind (services/figures.py), each linked to the case list
    filtered by that kind. Shown to the county petition office when there is any."""

    name = "supervision_disclosure_questions"
    order = 62
    template_name = "supervision/admin/disclosure_questions_panel.html"

    class Media:
        css = {"all": ["supervision/admin.css"]}

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {
            "rows": self.rows,
            "total": sum(r.count for r in self.rows),
            "list_url": reverse("cases:index"),
        }


class AuditorPanel(Component):
    """The auditor reads: the case ledger and who looked at a reporter's identity."""

    name = "supervision_audit"
    order = 60
    template_name = "supervision/admin/audit_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "cases_url": reverse("cases:index"),
            "identity_log_url": reverse("identity_log:index"),
            "staff_actions_url": reverse("staff_actions:index"),
        }


class ListPanel(Component):
    """A dashboard panel of supervision's lists (我的待办, 我的包案, notices), styled alike."""

    class Media:
        css = {"all": ["supervision/admin.css", "supervision/lists.css"]}

    def __init__(self, request):
        self.request = request


class TodoPanel(ListPanel):
    """我的待办 in figures: each section's count and the red and yellow cases among them."""

    name = "supervision_todo"
    order = 50  # before the notices: what to do first, then what was said
    template_name = "supervision/admin/todo_panel.html"

    def get_context_data(self, parent_context=None):
        sections = []
        red = yellow = 0
        for section in todo.todo_for(self.request.user):
            figures = todo.counts(section)
            sections.append({"label": section.label, **figures})
            red, yellow = red + figures["red"], yellow + figures["yellow"]
        return {"sections": sections, "red": red, "yellow": yellow}


class NoticesPanel(ListPanel):
    """The user's unread admin notices (交办, 临期, 超期, 包案), newest first, with 全部标为已读."""

    name = "supervision_notices"
    order = 55
    template_name = "supervision/admin/notices_panel.html"

    def __init__(self, request, unread):
        super().__init__(request)
        self.unread = unread

    def get_context_data(self, parent_context=None):
        total = self.unread.count()
        return {
            "notices": list(self.unread.select_related("case")[: admin_lists.NOTICE_LIMIT]),
            "total": total,
            "more": max(total - admin_lists.NOTICE_LIMIT, 0),
            "next": self.request.get_full_path(),
            "csrf_token": get_token(self.request),
        }


class OwnedPanel(ListPanel):
    """The leader's 我的包案 in figures (in the place of the tree's "coming soon" note)."""

    name = "supervision_owned"
    order = 55
    template_name = "supervision/admin/owned_panel.html"

    def get_context_data(self, parent_context=None):
        node = jurisdiction_of(self.request.user)
        area_url = None
        if node is not None and node.live:
            area_url = node.specific_deferred.get_url(self.request)
        return {**admin_lists.owned_figures(self.request.user), "area_url": area_url}


class SupervisedItemsPanel(ListPanel):
    """督办事项 of the user's area with a warning (services/dispatch.py sets them in the
    scheduled job), red first; shown when the user's area has open items."""

    name = "supervision_supervised_items"
    order = 58
    template_name = "supervision/admin/dispatch/items_panel.html"

    def __init__(self, request, items):
        super().__init__(request)
        self.items = items

    def get_context_data(self, parent_context=None):
        open_items = self.items.filter(status="open")
        # "red" sorts before "yellow": red first.
        warned = list(open_items.exclude(warning="").order_by("warning", "deadline")[:RECENT_LIMIT])
        for item in warned:
            item.warning_text = dispatch.warning_label(item)
        return {
            "open": open_items.count(),
            "red": open_items.filter(warning=dispatch.RED).count(),
            "yellow": open_items.filter(warning=dispatch.YELLOW).count(),
            "warned": warned,
            "list_url": reverse("supervised_items:index"),
        }


class AnalysisPanel(ListPanel):
    """一月一分析 in three figures of last month for the user's jurisdiction, linking to the
    dashboard (supervision/admin_analysis.py)."""

    name = "supervision_analysis"
    order = 58
    template_name = "supervision/admin/analysis_panel.html"

    def get_context_data(self, parent_context=None):
        user = self.request.user
        area = analysis.top_area(user)
        if area is None:
            return {"rows": []}
        period = analysis.last_complete_month()
        result = stats.report(area, period, user=user, with_breakdowns=False)
        return {
            "area": area,
            "period": period,
            "rows": analysis.rows(result, analysis.PANEL_FIGURES),
        }


@hooks.register("construct_homepage_panels", order=10)
def add_supervision_panels(request, panels):
    user = request.user
    role = role_of(user)
    replace_coming_soon = False
    if role == Role.STATION_OPERATOR:
        replace_coming_soon = True
        panels.append(
            CasesPanel(
                request,
                name="supervision_my_cases",
                title=_("我登记的信访举报"),
                empty=_("还没有登记过。群众来访、来电或来信反映问题时，点“登记信访举报”。"),
                area_link=_("查看本村公开页面（联络站信息和四张清单）"),
            )
        )
    elif role in (Role.COUNTY_PETITION, Role.TOWNSHIP_DISCIPLINE, Role.CITY_DISCIPLINE):
        links = []
        if role == Role.CITY_DISCIPLINE:
            replace_coming_soon = True
            links = [
                (_("身份查看记录"), reverse("identity_log:index")),
                (_("开放接口对接方"), reverse("open311_partners:index")),
                (_("问题类别"), reverse("complaint_categories:index")),
            ]
        panels.append(
            CasesPanel(
                request,
                name="supervision_recent_cases",
                title=_("最近收到的信访举报"),
                empty=_("管辖范围内还没有信访举报件。"),
                links=links,
            )
        )
        if role == Role.COUNTY_PETITION:
            rows = figures.complaints_by_disclosure_kind(cases_for(user))
            if rows:
                panels.append(DisclosureQuestionsPanel(rows))
    elif role == Role.AUDITOR and may_read_identity_log(user):
        replace_coming_soon = True
        panels.append(AuditorPanel())
    elif role == Role.LEADER:
        replace_coming_soon = True
        panels.append(OwnedPanel(request))
    items = dispatch.items_for(user)
    if items.filter(status="open").exists():
        panels.append(SupervisedItemsPanel(request, items))
    if analysis.may_see_dashboard(user) and analysis.top_area(user) is not None:
        panels.append(AnalysisPanel(request))
    if role != Role.LEADER and todo.may_have_todo(user):
        panels.append(TodoPanel(request))
    if admin_lists.may_see_todo(user):
        unread = admin_lists.unread_notices(user)
        if unread.exists():
            panels.append(NoticesPanel(request, unread))
    if replace_coming_soon:
        panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "coming_soon"]
