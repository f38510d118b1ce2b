"""Village affairs disclosures in public (issue 10): the disclosure page with its table
(pagination, sorting, exact totals of the whole table), corrections and earlier versions, the
village's 村务公开 index with on-time and overdue, "有疑问?" links, sitemap and search."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from disclosures.affairs_models import DisclosureSchedule, SubsidyRow
from disclosures.services import schedule
from tests import factories

pytestmark = pytest.mark.usefixtures("pdfs_in_tmp")


def get(client, url, **params):
    response = client.get(url, params)
    return response, response.content.decode()


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def footer(body: str) -> str:
    return re.search(r"<tfoot>(.*?)</tfoot>", body, re.S).group(1)


def body_lines(body: str) -> list[int]:
    tbody = re.search(r"<table class=\"data rows\">.*?<tbody>(.*?)</tbody>", body, re.S).group(1)
    return [int(n) for n in re.findall(r'<tr><td class="n">(\d+)</td>', tbody)]


@pytest.fixture
def big(tree):
    """120 payments with distinct amounts (1,000.37 + i), published."""
    rows = factories.subsidy_values(120, amount="1000.37")
    return factories.disclosure(tree.awu_village, rows=rows, summary="第三季度耕地地力保护补贴")


def test_the_page_shows_who_what_when_and_the_first_50_rows(client, tree, big):
    response, body = get(client, big.url)
    assert response.status_code == 200
    assert big.title in body and "阿坞村" in body
    assert "2026年第3季度" in body
    assert "阿坞村村务监督委员会" in body  # the default publisher
    assert "第 1–50 行，共 120 行" in body
    assert body_lines(body) == list(range(1, 51))
    assert "<caption" in body and 'scope="col"' in body
    # Masked names only: the raw ones went to the encrypted column.
    assert "张*明" in body and "张三明" not in body and "欧阳小明" not in body
    assert "621026198001010" not in body


def test_totals_are_the_exact_sum_of_the_whole_table_on_every_screen(client, tree, big):
    exact = sum(Decimal("1000.37") + i for i in range(120))
    assert exact == Decimal("127184.40")
    for params in ({}, {"p": 3}, {"sort": "amount", "dir": "desc"}, {"q": "王*"}):
        _response, body = get(client, big.url, **params)
        assert money(exact) in footer(body), params
    # Not the sum of the first page only.
    first_page = sum(Decimal("1000.37") + i for i in range(50))
    assert money(first_page) not in get(client, big.url)[1]


def test_pages_of_50_rows(client, tree, big):
    _response, body = get(client, big.url, p=3)
    assert "第 101–120 行，共 120 行" in body
    assert body_lines(body) == list(range(101, 121))
    assert 'rel="prev"' in body and 'rel="next"' not in body
    # A page beyond the end shows the last one; nonsense shows the first.
    assert body_lines(get(client, big.url, p=99)[1]) == list(range(101, 121))
    assert body_lines(get(client, big.url, p="x")[1]) == list(range(1, 51))


def test_sorting_by_a_column_and_back_to_file_order(client, tree, big):
    _response, body = get(client, big.url, sort="amount", dir="desc")
    assert body_lines(body)[:3] == [120, 119, 118]
    assert 'aria-sort="descending"' in body
    assert money(Decimal("1119.37")) in body and money(Decimal("1000.37")) not in body
    _response, body = get(client, big.url, sort="amount")
    assert body_lines(body)[:3] == [1, 2, 3]
    assert 'aria-sort="ascending"' in body
    # An unknown column is file order; the header links sort.
    _response, body = get(client, big.url, sort="raw", dir="desc")
    assert body_lines(body)[:3] == [1, 2, 3]
    assert "?sort=amount#rows" in body


def test_filtering_rows_by_masked_household(client, tree, big):
    _response, body = get(client, big.url, q="欧**明")
    assert "共 30 行" in body
    assert all(line % 4 == 3 for line in body_lines(body))


def test_money_is_right_aligned_with_thousands_separators(client, tree, big):
    _response, body = get(client, big.url)
    assert '<td class="n">1,000.37</td>' in body


def test_a_draft_disclosure_is_404_on_every_path(client, tree):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3), publish=False)
    revision_id = page.latest_revision_id
    for suffix in ("", "pdf/", "data.csv", "data.json", f"versions/{revision_id}/"):
        assert client.get(page.url + suffix).status_code == 404, suffix


@pytest.mark.parametrize("suffix", ["", "pdf/", "data.csv", "data.json", "versions/1/"])
def test_a_restricted_disclosure_shows_nothing_on_any_path(client, tree, suffix):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3))
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="mima")
    response = client.get(page.url + suffix)
    body = response.content.decode() if not response.streaming else ""
    assert response.status_code in (200, 404)
    assert "张*明" not in body and "120.50" not in body
    assert response["Content-Type"].startswith("text/html")
    assert "public" not in response.get("Cache-Control", "")


def test_a_password_opened_restricted_disclosure_is_still_no_open_data(client, tree):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="mima"
    )
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "mima", "return_url": page.url},
    )
    assert client.get(page.url).status_code == 200
    for suffix in ("pdf/", "data.csv", "data.json"):
        assert client.get(page.url + suffix).status_code == 404, suffix


# --- corrections and versions --------------------------------------------------------------------


def test_a_correction_is_shown_with_its_note_and_what_changed(client, tree):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3))
    first_revision = page.live_revision_id
    page = factories.correct(page, factories.subsidy_values(4), "第4户漏报，已补上")
    _response, body = get(client, page.url)
    assert "更正说明" in body and "第4户漏报，已补上" in body
    assert "明细表：共 3 行" in body and "共 4 行" in body
    assert "历史版本" in body and f"versions/{first_revision}/" in body
    assert "第 1–4 行，共 4 行" in body


def test_an_earlier_version_keeps_its_own_rows_and_says_it_is_old(client, tree):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3))
    first_revision = page.live_revision_id
    page = factories.correct(page, factories.subsidy_values(4, amount="200.00"), "金额更正")
    response, body = get(client, f"{page.url}versions/{first_revision}/")
    assert response.status_code == 200
    assert "旧版本" in body and "现行版本" in body
    assert '<meta name="robots" content="noindex">' in body
    assert "第 1–3 行，共 3 行" in body and "120.50" in body and "200.00" not in body
    # The current version is at the page's own address.
    current = client.get(f"{page.url}versions/{page.live_revision_id}/")
    assert current.status_code == 302 and current["Location"] == page.url


def test_a_revision_never_published_is_404(client, tree):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3))
    page.summary = "草稿里的改动"
    page.correction_note = "改了说明"
    draft = page.save_revision()
    assert client.get(f"{page.url}versions/{draft.pk}/").status_code == 404
    assert client.get(f"{page.url}versions/999999/").status_code == 404
    assert "草稿里的改动" not in client.get(page.url).content.decode()


# --- 有疑问? ------------------------------------------------------------------------------------


def test_question_links_for_the_disclosure_and_every_row(client, tree):
    """The links come from whoever takes questions (supervision's complaint form here)."""
    from django.utils.html import escape

    from villages.hooks import question_url

    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3))
    body = client.get(page.url).content.decode()
    row_link = question_url(tree.awu_village, f"disclosure:{page.pk}", 2)
    assert "line=2" in row_link
    assert escape(row_link) in body
    assert escape(question_url(tree.awu_village, f"disclosure:{page.pk}")) + '"' in body
    assert "对第 3 行有疑问" in body


def test_no_question_link_when_nobody_takes_questions(client, tree, monkeypatch):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3))
    monkeypatch.setattr("villages.hooks.question_url", lambda village, about, line=None: "")
    body = client.get(page.url).content.decode()
    assert "有疑问" not in body


# --- the village's 村务公开 ----------------------------------------------------------------------


def published(page, day: datetime.date):
    """Say the page was first published on `day`."""
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    type(page).objects.filter(pk=page.pk).update(first_published_at=when)


def status_row(body: str, label: str) -> str:
    return re.search(rf"<th scope=\"row\">{label}</th>(.*?)</tr>", body, re.S).group(1)


def test_the_index_says_on_time_overdue_and_late(client, tree, monkeypatch):
    village = tree.awu_village
    # The rules apply from the third quarter of 2026 (earlier quarters are not asked about).
    DisclosureSchedule.objects.update(effective_from=datetime.date(2026, 7, 1))
    on_time = factories.disclosure(village, kind="subsidy", rows=factories.subsidy_values(2))
    published(on_time, datetime.date(2026, 10, 15))  # Q3 due 2026-10-20
    late = factories.disclosure(
        village,
        kind="assets",
        period_start=datetime.date(2026, 7, 1),
        title="三资台账第三季度",
        slug="assets-q3",
    )
    published(late, datetime.date(2026, 10, 25))  # 5 days late
    monkeypatch.setattr(schedule, "today", lambda: datetime.date(2026, 11, 1))
    response, body = get(client, village.url + "affairs/")
    assert response.status_code == 200
    assert "按时" in status_row(body, "惠民补贴“一卡通”")
    assert "上次公开晚了 5 天" in status_row(body, "三资管理")
    # Nothing published for 党务公开: every quarter since the rule took effect is overdue.
    assert "逾期未公开：2026年第3季度" in status_row(body, "党务公开")
    assert on_time.title in body and late.title in body


def test_the_index_filters_by_kind(client, tree):
    village = tree.awu_village
    subsidy = factories.disclosure(village, kind="subsidy", rows=factories.subsidy_values(2))
    assets = factories.disclosure(village, kind="assets", title="三资台账", slug="assets")
    _response, body = get(client, village.url + "affairs/", kind="assets")
    listed = body.split('id="disclosure-list"')[1]
    assert assets.title in listed and subsidy.title not in listed
    _response, body = get(client, village.url + "affairs/", kind="nonsense")
    listed = body.split('id="disclosure-list"')[1]
    assert assets.title in listed and subsidy.title in listed


def test_the_index_lists_no_draft_or_restricted_disclosure(client, tree):
    village = tree.awu_village
    factories.disclosure(village, title="草稿公开", slug="draft", publish=False)
    hidden = factories.disclosure(village, kind="assets", title="受限公开", slug="hidden")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    body = client.get(village.url + "affairs/").content.decode()
    assert "草稿公开" not in body and "受限公开" not in body


def test_the_village_page_links_to_its_affairs(client, tree):
    body = client.get(tree.awu_village.url).content.decode()
    assert tree.awu_village.url + "affairs/" in body
    assert "即将公开" not in body


# --- sitemap and search ---------------------------------------------------------------------------


def test_sitemap_has_public_disclosures_only(client, tree):
    village = tree.awu_village
    public = factories.disclosure(village, slug="public")
    draft = factories.disclosure(village, slug="draft", publish=False)
    hidden = factories.disclosure(village, slug="hidden")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    urls = client.get("/sitemap.xml").content.decode()
    assert public.url in urls and village.url + "affairs/" in urls
    assert draft.url not in urls and hidden.url not in urls


def test_search_finds_a_disclosure_by_its_text_and_shows_no_raw_number(client, tree):
    village = tree.awu_village
    page = factories.disclosure(
        village, rows=factories.subsidy_values(3), summary="第三季度耕地地力保护补贴发放"
    )
    hidden = factories.disclosure(village, kind="assets", slug="hidden", summary="耕地承包合同")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    body = client.get("/search/", {"q": "耕地补贴"}).content.decode()
    assert page.title in body and page.url in body
    assert hidden.title not in body
    assert "张三明" not in body and "621026" not in body
    assert not SubsidyRow.objects.filter(table=page.table, household="张三明").exists()


def test_an_exact_title_is_found_though_newer_pages_share_a_word_of_it(client, tree, monkeypatch):
    """A province has thousands of 2025 disclosures: searching one page's full title must find
    that page, not only the newest pages that hold "2025" (search reads at most MAX_RESULTS)."""
    from portal.home import search

    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    wanted = factories.disclosure(
        tree.awu_village,
        kind="party",
        title="阿坞村2025年第1季度党务公开",
        slug="party-2025-q1",
        period_start=datetime.date(2025, 1, 1),
    )
    for n in range(4):  # newer, each holding the query's word 2025
        factories.disclosure(
            tree.xigu,
            title=f"西固村2025年第4季度村务公开（{n + 1}）",
            slug=f"newer-{n}",
            period_start=datetime.date(2025, 10, 1),
        )
    body = client.get("/search/", {"q": wanted.title}).content.decode()
    assert wanted.url in body
    first = re.search(r'<a href="(/[^"]+/party-2025-q1/|/[^"]+/newer-\d/)"', body).group(1)
    assert first == wanted.url  # and first among them
