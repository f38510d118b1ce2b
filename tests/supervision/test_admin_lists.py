"""The admin lists of Part 6: 我的待办 and its dashboard panel, staff notices, the leader's
我的包案 and its ledger export, the case list's new filters and columns, and 批量交办."""

from __future__ import annotations

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from supervision.models import CaseEvent, Complaint, Notice, RepeatCandidate
from supervision.services import ownership, workflow
from tests import factories
from tests.queries import render_queries
from villages.models import Role

State = Complaint.State
NUMBER_RE = re.compile(r"\b\d{6}-\d{4}-\d{6}\b")
REPORTER = ("张某某", "13800001234")
LEDGER = ["编号", "村", "类别", "包案层级", "状态", "期限", "预警", "标记", "最近进展", "销号日期"]


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
        "other_leader": factories.staff_user("leader2", Role.LEADER, tree.tanchang),
        "far_leader": factories.staff_user("far", Role.LEADER, tree.wudu),
        "station": factories.staff_user("station", Role.STATION_OPERATOR, tree.xigu),
    }


def new_case(village, **fields):
    fields.setdefault("real_name", True)
    fields.setdefault("reporter_name", REPORTER[0])
    fields.setdefault("reporter_contact", REPORTER[1])
    fields.setdefault("accused_name", "王某某")
    return factories.complaint(village, **fields).case


def accepted(people, village):
    case = new_case(village)
    workflow.perform(people["petition"], case, "accept")
    case.refresh_from_db()
    return case


def listed(client, query="") -> set[str]:
    response = client.get("/admin/cases/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    return set(NUMBER_RE.findall(html.split('id="listing-results"', 1)[-1]))


# --- 我的待办 and the dashboard ------------------------------------------------------------


def test_the_todo_screen_and_panel_show_the_office_what_waits(client, tree, people):
    waiting = new_case(tree.xigu)
    Complaint.objects.filter(pk=waiting.pk).update(warning=Complaint.Warning.RED)
    outside = new_case(tree.pingershang)
    client.force_login(people["petition"])
    html = client.get("/admin/todo/").content.decode()
    assert "待受理（1）" in html and "待销号（0）" in html
    assert waiting.number in html and outside.number not in html
    assert "红色预警" in html
    home = client.get("/admin/").content.decode()
    assert "我的待办" in home and 'href="/admin/todo/"' in home
    assert "红色预警 1 件" in home
    assert 'href="/admin/todo/"' in home  # the menu entry too


def test_roles_without_a_todo_have_no_screen(client, tree, people):
    client.force_login(people["station"])
    assert client.get("/admin/todo/").status_code == 302  # refused: back to the dashboard
    assert 'href="/admin/todo/"' not in client.get("/admin/").content.decode()


def test_the_notices_panel_shows_unread_notices_and_marks_them_read(client, tree, people):
    case = new_case(tree.xigu)
    hidden = new_case(tree.xigu)
    hidden.accused_users.add(people["jiwei"])  # recused after the notice: not shown
    for key, about in (("a", case), ("b", hidden)):
        Notice.objects.create(
            key=key,
            case=about,
            audience=Notice.Audience.STAFF,
            channel=Notice.Channel.ADMIN,
            code="warning_red",
            user=people["jiwei"],
            text=f"{about.number} 已超期，请尽快办理。",
        )
    Notice.objects.create(
        key="c",
        case=case,
        audience=Notice.Audience.STAFF,
        channel=Notice.Channel.ADMIN,
        code="assigned",
        user=people["petition"],
        text="另一人的通知",
    )
    client.force_login(people["jiwei"])
    home = client.get("/admin/").content.decode()
    assert "未读通知（1）" in home
    assert f"{case.number} 已超期，请尽快办理。" in home
    assert f'href="/admin/cases/{case.pk}/"' in home
    assert hidden.number not in home and "另一人的通知" not in home
    response = client.post("/admin/todo/notices/read/", {"next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Notice.objects.filter(user=people["jiwei"], read_at__isnull=True).exists()
    assert Notice.objects.get(key="c").read_at is None  # someone else's stays unread
    home = client.get("/admin/").content.decode()
    assert "未读通知" not in home and "已将 2 条通知标为已读。" in home
    assert client.get("/admin/todo/notices/read/").status_code == 405


# --- 我的包案 -------------------------------------------------------------------------------


def close_path(people, case):
    workflow.perform(people["petition"], case, "accept")
    workflow.perform(
        people["petition"], case, "assign", {"unit": "阿坞镇纪委", "handler": people["jiwei"]}
    )
    workflow.perform(people["jiwei"], case, "start")
    workflow.perform(people["jiwei"], case, "conclude", {"public_text": "已办结"})
    workflow.perform(people["jiwei"], case, "return_visit", {"result": "basic", "method": "phone"})
    workflow.perform(people["leader"], case, "close")
    case.refresh_from_db()
    return case


def owned_rows(client) -> dict[str, list[str]]:
    response = client.get("/admin/my-cases/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == LEDGER
    return {row[0]: row for row in rows[1:]}


def test_my_cases_lists_owned_cases_and_keeps_them_once_closed(client, tree, people):
    owned = new_case(tree.xigu)
    other = new_case(tree.xigu)
    ownership.assign_leader(people["petition"], owned, people["leader"], "county")
    ownership.assign_leader(people["petition"], other, people["other_leader"], "township")
    client.force_login(people["leader"])
    html = client.get("/admin/my-cases/").content.decode()
    assert owned.number in html and other.number not in html
    assert "县级" in html and "已登记" in html
    home = client.get("/admin/").content.decode()
    assert "即将开通" not in home and 'href="/admin/my-cases/"' in home
    assert re.search(r"在办\s*<strong>1</strong>", home)

    close_path(people, owned)
    html = client.get("/admin/my-cases/").content.decode()
    assert owned.number in html and "已销号" in html
    row = owned_rows(client)[owned.number]
    assert row[4] == "已销号" and row[9] == f"{timezone.localdate():%Y-%m-%d}"
    assert row[8].endswith("已销号")
    assert re.search(r"在办\s*<strong>0</strong>", client.get("/admin/").content.decode())

    client.force_login(people["other_leader"])
    assert set(owned_rows(client)) == {other.number}
    assert owned.number not in client.get("/admin/my-cases/").content.decode()
    client.force_login(people["petition"])
    assert client.get("/admin/my-cases/").status_code == 302


def test_the_ledger_export_never_carries_identity(client, tree, people):
    case = new_case(tree.xigu, description="二组名单没有公示")
    ownership.assign_leader(people["petition"], case, people["leader"], "city")
    ownership.set_flag(people["petition"], case, "hard_case", True)
    client.force_login(people["leader"])
    row = owned_rows(client)[case.number]
    assert row[3] == "市级" and row[7] == "骨头案"
    text = client.get("/admin/my-cases/?export=csv").content.decode("utf-8-sig")
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get("/admin/my-cases/?export=xlsx").content), read_only=True
    )
    cells = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert cells[0] == LEDGER and cells[1][0] == case.number
    for secret in (*REPORTER, "王某某", case.receipt_code, "二组名单"):
        assert secret not in text and secret not in repr(cells)


# --- case list filters and columns --------------------------------------------------------


def test_the_new_filters_pick_the_right_cases(client, tree, people):
    today = timezone.localdate()
    # Anonymous, no accused: intake suggests no repeats among them.
    new_case = lambda village, **kw: factories.complaint(village, **kw).case  # noqa: E731
    yellow, red, plain = (new_case(tree.xigu) for _ in range(3))
    Complaint.objects.filter(pk=yellow.pk).update(warning=Complaint.Warning.YELLOW)
    Complaint.objects.filter(pk=red.pk).update(
        warning=Complaint.Warning.RED, due_date=today - datetime.timedelta(days=40)
    )
    ownership.assign_leader(people["petition"], yellow, people["leader"], "county")
    ownership.assign_leader(people["petition"], plain, people["other_leader"], "county")
    repeat = new_case(tree.xigu)
    Complaint.objects.filter(pk=repeat.pk).update(repeat_of=plain)
    pending = new_case(tree.hadapu_village)
    RepeatCandidate.objects.create(case=pending, earlier=plain, reason="same_person")
    old = new_case(tree.xigu, received_on=today - datetime.timedelta(days=120))
    ownership.set_flag(people["petition"], plain, "hard_case", True)
    ownership.set_flag(people["petition"], repeat, "skipped_level", True)
    mine = accepted(people, tree.xigu)
    workflow.perform(
        people["petition"], mine, "assign", {"unit": "阿坞镇纪委", "handler": people["jiwei"]}
    )
    outside = new_case(tree.pingershang)
    Complaint.objects.filter(pk=outside.pk).update(warning=Complaint.Warning.RED)
    n = lambda *cases: {c.number for c in cases}  # noqa: E731

    client.force_login(people["petition"])
    assert listed(client, "?warning=yellow") == n(yellow)
    red_cases = listed(client, "?warning=red")
    assert n(red) <= red_cases and outside.number not in red_cases
    assert n(plain, repeat, pending) <= listed(client, "?warning=none")
    assert yellow.number not in listed(client, "?warning=none")
    assert listed(client, f"?owner_leader={people['leader'].pk}") == n(yellow)
    assert listed(client, "?has_owner=1") == n(yellow, plain)
    assert yellow.number not in listed(client, "?has_owner=0")
    # A leader of another county is no choice here: the filter does not apply.
    assert len(listed(client, f"?owner_leader={people['far_leader'].pk}")) > 1
    assert listed(client, "?repeat=confirmed") == n(repeat)
    assert listed(client, "?repeat=pending") == n(pending)
    assert listed(client, "?flags=hard_case") == n(plain)
    assert listed(client, "?flags=skipped_level") == n(repeat)
    assert n(old) <= listed(client, "?flags=backlog")
    assert listed(client, "?flags=long_pending") >= n(red, old)
    assert plain.number not in listed(client, "?flags=long_pending")
    assert listed(client, "?flags=hard_case&flags=skipped_level") == n(plain, repeat)
    client.force_login(people["jiwei"])
    assert listed(client, "?handler=me") == n(mine)


def test_the_list_shows_the_deadline_and_the_warning(client, tree, people):
    case = new_case(tree.xigu)
    Complaint.objects.filter(pk=case.pk).update(
        due_date=datetime.date(2030, 3, 4), due_provisional=True, warning="yellow"
    )
    client.force_login(people["petition"])
    html = client.get("/admin/cases/").content.decode()
    assert "2030-03-04（暂定）" in html and "黄色预警" in html


def test_the_case_list_takes_the_same_queries_however_many_cases(client, tree, people):
    for village in (tree.xigu, tree.awu_village):
        case = new_case(village)
        ownership.assign_leader(people["petition"], case, people["leader"], "county")
    client.force_login(people["petition"])
    url = "/admin/cases/?warning=none"
    before = render_queries(client, url)
    for village in (tree.xigu, tree.hadapu_village, tree.awu_village):
        case = new_case(village)
        ownership.assign_leader(people["petition"], case, people["leader"], "county")
    assert render_queries(client, url) == before
    client.force_login(people["leader"])
    before = render_queries(client, "/admin/my-cases/")
    new_case(tree.xigu)
    ownership.assign_leader(people["petition"], new_case(tree.xigu), people["leader"], "township")
    assert render_queries(client, "/admin/my-cases/") == before


# --- 批量交办 -------------------------------------------------------------------------------


def test_bulk_assignment_assigns_all_in_one_go(client, tree, people):
    first, second = accepted(people, tree.xigu), accepted(people, tree.awu_village)
    outside = accepted(
        {"petition": factories.staff_user("wudu", Role.COUNTY_PETITION, tree.wudu)},
        tree.pingershang,
    )
    client.force_login(people["petition"])
    page = client.get("/admin/bulk-assign/").content.decode()
    assert first.number in page and second.number in page and outside.number not in page
    assert 'href="/admin/bulk-assign/"' in client.get("/admin/cases/").content.decode()
    response = client.post(
        "/admin/bulk-assign/",
        {"cases": [first.pk, second.pk], "unit": "阿坞镇纪委", "handler": people["jiwei"].pk},
    )
    assert response.status_code == 302
    for case in (first, second):
        case.refresh_from_db()
        assert case.state == State.ASSIGNED and case.handler == people["jiwei"]
        assert case.assigned_unit == "阿坞镇纪委"
    assert "已将 2 件交办给" in client.get(response["Location"]).content.decode()
    # A case of another county is no choice: refused, nothing written.
    response = client.post(
        "/admin/bulk-assign/",
        {"cases": [outside.pk], "unit": "阿坞镇纪委", "handler": people["jiwei"].pk},
    )
    assert response.status_code == 200
    outside.refresh_from_db()
    assert outside.state == State.ACCEPTED


def test_bulk_assignment_writes_nothing_when_one_case_fails(client, tree, people):
    fits, misfit = accepted(people, tree.xigu), accepted(people, tree.hadapu_village)
    events = CaseEvent.objects.count()
    client.force_login(people["petition"])
    # 阿坞镇's discipline officer does not cover 哈达铺村.
    response = client.post(
        "/admin/bulk-assign/",
        {"cases": [fits.pk, misfit.pk], "unit": "阿坞镇纪委", "handler": people["jiwei"].pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert misfit.number in html and "一件都没有交办" in html
    assert 'value="阿坞镇纪委"' in html  # what was typed is kept
    assert re.search(rf'value="{fits.pk}"[^>]*checked', html)
    for case in (fits, misfit):
        case.refresh_from_db()
        assert case.state == State.ACCEPTED and case.handler is None
    assert CaseEvent.objects.count() == events
    empty = client.post("/admin/bulk-assign/", {"unit": "", "handler": ""}).content.decode()
    assert "请至少选择一件。" in empty and "请填写承办单位。" in empty


@pytest.mark.parametrize("name", ["jiwei", "leader", "station"])
def test_only_the_petition_office_assigns_in_bulk(client, tree, people, name):
    case = accepted(people, tree.xigu)
    client.force_login(people[name])
    assert client.get("/admin/bulk-assign/").status_code == 302
    response = client.post(
        "/admin/bulk-assign/",
        {"cases": [case.pk], "unit": "阿坞镇纪委", "handler": people["jiwei"].pk},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.ACCEPTED


def test_my_notices_lists_every_notice_of_mine_and_keeps_read_ones(client, tree, people):
    case = new_case(tree.xigu)
    for n in range(7):
        Notice.objects.create(
            key=f"n{n}",
            case=case,
            audience=Notice.Audience.STAFF,
            channel=Notice.Channel.ADMIN,
            code="warning_yellow",
            user=people["jiwei"],
            text=f"第{n}条：{case.number} 即将到期。",
            read_at=timezone.now() if n == 0 else None,
        )
    Notice.objects.create(
        key="other",
        case=case,
        audience=Notice.Audience.STAFF,
        channel=Notice.Channel.ADMIN,
        code="assigned",
        user=people["petition"],
        text="另一人的通知",
    )
    client.force_login(people["jiwei"])
    home = client.get("/admin/").content.decode()
    assert "另有 1 条较早的未读通知" in home and "查看全部通知" in home
    page = client.get("/admin/todo/notices/").content.decode()
    assert "共 7 条通知，未读 6 条" in page
    assert all(f"第{n}条" in page for n in range(7)) and "另一人的通知" not in page
    client.post("/admin/todo/notices/read/", {"next": "/admin/todo/notices/"})
    page = client.get("/admin/todo/notices/").content.decode()
    assert "共 7 条通知，未读 0 条" in page and "全部标为已读" not in page
