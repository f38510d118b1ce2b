"""The case list's filters and search (信访举报件): one definition, used by the list itself
(viewsets.CaseIndexView), by its ledger export and by the export task that rebuilds the same
list later from the stored query (services/ledger.py, docs/architecture.md "The ledger")."""

from __future__ import annotations

from functools import reduce
from operator import and_, or_
from types import SimpleNamespace

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from disclosures.affairs_models import Kind as DisclosureKind
from portal.base.chinese_words import query_words
from villages.models import Role, VillagePage
from villages.services.jurisdiction import jurisdiction_of, villages_for
from villages.viewsets import StaffChoiceFilter

from .models import Complaint, ComplaintCategory, RepeatCandidate
from .services import stats
from .services.access import JURISDICTION_ROLES, cases_for, role_of
from .services.ownership import FLAG_LABELS, flag_q
from .services.receipts import normalize_code

# Roles that have a case list: those who see cases by jurisdiction, and the station operator
# (their own cases, access.cases_for). A township editor has none.
CASE_LIST_ROLES = {*JURISDICTION_ROLES, Role.STATION_OPERATOR}


def may_list_cases(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role_of(user) in CASE_LIST_ROLES


def _village_choices(request):
    return villages_for(request.user) if request is not None else VillagePage.objects.none()


def _leader_choices(request):
    """Leaders who may own cases the user sees: working within the user's jurisdiction or
    over it (ownership.leader_candidates checks each case)."""
    leaders = (
        get_user_model()
        .objects.filter(is_active=True, staff_profile__role=Role.LEADER)
        .order_by("username")
    )
    if request is None:
        return leaders.none()
    if request.user.is_superuser:
        return leaders
    node = jurisdiction_of(request.user)
    if node is None or role_of(request.user) not in JURISDICTION_ROLES:
        return leaders.none()
    return leaders.filter(
        Q(staff_profile__jurisdiction__path__startswith=node.path)
        | Q(staff_profile__jurisdiction__in=list(node.get_ancestors()))
    )


class CaseFilterSet(WagtailFilterSet):
    village = django_filters.ModelChoiceFilter(
        label=gettext_lazy("所涉村（社区）"), queryset=_village_choices
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("问题类别"), queryset=ComplaintCategory.objects.all()
    )
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("来源渠道"), choices=Complaint.Channel.choices
    )
    state = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=Complaint.State.choices)
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("性质"), choices=Complaint.Kind.choices, widget=forms.RadioSelect
    )
    real_name = django_filters.ChoiceFilter(
        label=gettext_lazy("实名或匿名"),
        choices=[("1", gettext_lazy("实名")), ("0", gettext_lazy("匿名"))],
        widget=forms.RadioSelect,
        method="filter_real_name",
    )
    received_on = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("收到日期"), widget=DateRangePickerWidget
    )
    warning = django_filters.ChoiceFilter(
        label=gettext_lazy("预警"),
        choices=[
            ("yellow", gettext_lazy("黄色预警")),
            ("red", gettext_lazy("红色预警")),
            ("none", gettext_lazy("未预警")),
        ],
        method="filter_warning",
    )
    owner_leader = StaffChoiceFilter(label=gettext_lazy("包案领导"), queryset=_leader_choices)
    has_owner = django_filters.ChoiceFilter(
        label=gettext_lazy("有包案领导"),
        choices=[("1", gettext_lazy("有")), ("0", gettext_lazy("没有"))],
        widget=forms.RadioSelect,
        method="filter_has_owner",
    )
    repeat = django_filters.ChoiceFilter(
        label=gettext_lazy("重复件"),
        choices=[
            ("confirmed", gettext_lazy("已认定的重复件")),
            ("pending", gettext_lazy("疑似重复、待确认")),
        ],
        method="filter_repeat",
    )
    flags = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("标记"),
        choices=list(FLAG_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        method="filter_flags",
    )
    disclosure_kind = django_filters.ChoiceFilter(
        label=gettext_lazy("涉及村务公开"),
        choices=[("any", gettext_lazy("涉及任一类村务公开")), *DisclosureKind.choices],
        method="filter_disclosure_kind",
    )
    handler = django_filters.ChoiceFilter(
        label=gettext_lazy("承办人"),
        choices=[("me", gettext_lazy("我承办的"))],
        method="filter_handler",
    )

    intake_level = django_filters.ChoiceFilter(
        label=gettext_lazy("受理层级"), choices=Complaint.IntakeLevel.choices
    )
    area = django_filters.CharFilter(
        label=gettext_lazy("地区（区划代码）"), method="filter_area", widget=forms.HiddenInput
    )
    # A figure of the statistics (一月一分析) and its period: the cases behind that number
    # (services/stats.cases_behind), so every number on the dashboard links to its list.
    figure = django_filters.ChoiceFilter(
        label=gettext_lazy("统计口径"),
        choices=[(key, stats.COUNT_LABELS[key]) for key in stats.LISTABLE],
        method="filter_figure",
    )
    period_from = django_filters.CharFilter(
        label=gettext_lazy("统计起始月份"), method="keep", widget=forms.HiddenInput
    )
    period_to = django_filters.CharFilter(
        label=gettext_lazy("统计结束月份"), method="keep", widget=forms.HiddenInput
    )
    as_of = django_filters.CharFilter(
        label=gettext_lazy("统计截至"), method="keep", widget=forms.HiddenInput
    )

    class Meta:
        model = Complaint
        fields = []

    def filter_real_name(self, queryset, name, value):
        return queryset.filter(real_name=value == "1")

    def filter_warning(self, queryset, name, value):
        colour = {"yellow": Complaint.Warning.YELLOW, "red": Complaint.Warning.RED}
        return queryset.filter(warning=colour.get(value, Complaint.Warning.NONE))

    def filter_has_owner(self, queryset, name, value):
        return queryset.filter(owner_leader__isnull=value != "1")

    def filter_repeat(self, queryset, name, value):
        if value == "confirmed":
            return queryset.filter(repeat_of__isnull=False)
        pending = RepeatCandidate.objects.filter(
            case=OuterRef("pk"), status=RepeatCandidate.Status.SUGGESTED
        )
        return queryset.filter(Exists(pending))

    def filter_flags(self, queryset, name, value):
        if not value:
            return queryset
        # Any of the chosen flags (ownership.flag_q is the one definition of each).
        return queryset.filter(reduce(or_, [flag_q(flag) for flag in value]))

    def filter_disclosure_kind(self, queryset, name, value):
        # "有疑问?" complaints (supervision/services/questions.py), by the disclosure's kind.
        if value == "any":
            return queryset.filter(disclosure__isnull=False)
        return queryset.filter(disclosure__kind=value)

    def keep(self, queryset, name, value):
        return queryset  # read by filter_figure

    def filter_area(self, queryset, name, value):
        area = stats.area_of(value.strip())
        return queryset.filter(village__path__startswith=area.path) if area else queryset.none()

    def filter_figure(self, queryset, name, value):
        try:
            period = stats.Period.parse(self.data.get("period_from"), self.data.get("period_to"))
            as_of = stats.parse_as_of(self.data.get("as_of"), period)
        except stats.PeriodError:
            return queryset.none()
        return stats.cases_behind(queryset, value, period, as_of)

    def filter_handler(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return queryset.filter(handler=user) if value == "me" and user else queryset


def search(queryset: QuerySet[Complaint], text: str) -> QuerySet[Complaint]:
    """The list's search box: a number, a receipt code, or words of the description."""
    text = (text or "").strip()
    if not text:
        return queryset
    found = Q(number__icontains=text)
    if code := normalize_code(text):
        found |= Q(receipt_code=code)
    # Words of the description, Chinese split as the admin search does (every word must
    # occur), or the whole phrase.
    words = query_words(text).split() or [text]
    found |= reduce(and_, [Q(description__icontains=w) for w in words])
    found |= Q(description__icontains=text)
    return queryset.filter(found)


def listed_cases(user, query) -> QuerySet[Complaint]:
    """The cases the list shows `user` for these GET parameters (a QueryDict or a dict of
    lists), within `cases_for(user)`: the filters, then the search box (``q``)."""
    if not isinstance(query, QueryDict):
        params = QueryDict(mutable=True)
        for key, values in (query or {}).items():
            params.setlist(key, values if isinstance(values, list) else [values])
        query = params
    base = cases_for(user)
    filters = CaseFilterSet(query, queryset=base, request=SimpleNamespace(user=user))
    cases = filters.qs if filters.is_valid() else base
    return search(cases, query.get("q", ""))
