"""A disclosure's open data and print (issue 10, part 7): CSV and JSON carry the masked public
columns only, streamed, with formula injection neutralised; the bulletin-board PDF prints the
title, village, table with exact totals, publisher and the liaison station's hotline, built in the
task worker and summarised when the table is too long for a notice board."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest

from disclosures import tasks
from disclosures.services import open_data
from disclosures.services import pdf as pdf_service
from tests import factories
from tests.disclosures.test_pdf import pdf_info, pdf_text

pytestmark = pytest.mark.usefixtures("pdfs_in_tmp")

RAW = ("张三明", "欧阳小明", "621026198001010", "6228480402564890")


def content(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def page(tree):
    return factories.disclosure(
        tree.awu_village,
        rows=factories.subsidy_values(5),
        title="阿坞村2026年第三季度惠民补贴发放公示",
    )


# --- formula injection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("张*明", "张*明"),
        ("a=b", "a=b"),
        (Decimal("-12.50"), "-12.50"),  # a number is a number, not a formula
        (datetime.date(2026, 8, 15), "2026-08-15"),
        (None, ""),
    ],
)
def test_safe_cell_neutralises_formulas_only(value, expected):
    assert open_data.safe_cell(value) == expected


def test_a_formula_in_a_cell_reaches_the_csv_as_text(client, tree):
    rows = factories.subsidy_values(2)
    rows[0]["item"] = '=HYPERLINK("http://evil","点我")'
    rows[1]["group"] = "@第二组"
    page = factories.disclosure(tree.awu_village, rows=rows)
    lines = list(csv.reader(io.StringIO(content(client.get(page.url + "data.csv")))))
    assert lines[1][3] == '\'=HYPERLINK("http://evil","点我")'
    assert lines[2][2] == "'@第二组"


# --- CSV and JSON -------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_chinese_headers_masked_and_plain_decimals(client, page):
    response = client.get(page.url + "data.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = content(response)
    assert text.startswith("\ufeff行号,户主,村民小组,补贴项目,标准（元）,数量,金额（元）,发放日期")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(lines) == 6
    assert lines[1] == [
        "1",
        "张*明",
        "第1村民小组",
        "耕地地力保护补贴",
        "100.00",
        "1.00",
        "120.50",
        "2026-08-15",
    ]
    assert lines[3][1] == "欧**明"
    for raw in RAW:
        assert raw not in text


def test_json_carries_who_what_when_totals_columns_and_masked_rows(client, page):
    response = client.get(page.url + "data.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    text = content(response)
    for raw in RAW:
        assert raw not in text
    data = json.loads(text)
    assert data["village"]["name"] == "阿坞村"
    assert data["title"] == page.title
    assert data["kind"] == "subsidy" and data["period"]["label"] == "2026年第3季度"
    assert data["publisher"] == "阿坞村村务监督委员会"
    assert data["published_on"]
    assert data["row_count"] == 5
    # 120.50 + 121.50 + ... + 124.50, exact, as a plain decimal.
    assert data["totals"] == {"amount": "612.50"}
    assert [c["label"] for c in data["columns"]][:3] == ["行号", "户主", "村民小组"]
    assert len(data["rows"]) == 5
    assert data["rows"][0]["household"] == "张*明"
    assert data["rows"][0]["amount"] == "120.50"
    assert "raw" not in data["rows"][0] and "id_number" not in data["rows"][0]


def test_the_downloads_are_streamed_from_the_database(client, page):
    # The rows come from a server-side iterator, not a list built in memory.
    response = client.get(page.url + "data.csv")
    assert response.streaming
    assert not isinstance(response.streaming_content, list | tuple)


def test_a_disclosure_without_a_table_has_json_but_no_csv(client, tree):
    page = factories.disclosure(tree.awu_village, kind="party", summary="支部换届")
    assert client.get(page.url + "data.csv").status_code == 404
    data = json.loads(content(client.get(page.url + "data.json")))
    assert data["rows"] == [] and data["columns"] == []


def test_the_page_links_its_downloads(client, page):
    body = client.get(page.url).content.decode()
    for suffix in ("pdf/", "data.csv", "data.json"):
        assert f'href="{page.url}{suffix}"' in body


# --- PDF ---------------------------------------------------------------------------------------


def test_the_pdf_prints_title_village_table_total_hotline_and_masked_names(
    client, tree, page, tmp_path
):
    response = client.get(page.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "阿坞村2026年第三季度惠民补贴发放公示" in text
    assert "阿坞村" in text and "2026年第3季度" in text
    assert "612.50" in text  # the total
    assert tree.awu_village.station_phone in text
    assert "联络站" in text and "阿坞村村务监督委员会" in text
    assert "张*明" in text and "欧**明" in text
    for raw in RAW:
        assert raw not in text
    # Seven columns: landscape A4.
    info = pdf_info(response.content, tmp_path)
    assert "841.89 x 595.276" in info or "842 x 595" in info


def test_a_request_never_builds_the_pdf(client, page, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "request_disclosure_pdf", queued.append)
    response = client.get(page.url + "pdf/")
    assert response.status_code == 202
    assert "正在生成" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert [p.pk for p in queued] == [page.pk]


def test_a_long_table_prints_a_summary_by_group_and_item(client, tree, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_service, "BOARD_MAX_ROWS", 10)
    rows = factories.subsidy_values(12)
    page = factories.disclosure(tree.awu_village, rows=rows)
    text = pdf_text(client.get(page.url + "pdf/").content, tmp_path)
    assert "超过公开栏张贴的篇幅" in text and "扫码查看" in text
    assert "第1村民小组" in text and "耕地地力保护补贴" in text
    # Group 1 has lines 1, 4, 7, 10: 120.50 + 123.50 + 126.50 + 129.50.
    assert "500.00" in text
    total = sum(Decimal("120.50") + i for i in range(12))
    assert f"{total:,.2f}" in text
    assert "张*明" not in text  # no rows, only the summary


def test_a_corrected_disclosure_prints_its_new_table(client, tree, page, tmp_path):
    client.get(page.url + "pdf/")
    page = factories.correct(page, factories.subsidy_values(2, amount="300.00"), "金额更正")
    text = pdf_text(client.get(page.url + "pdf/").content, tmp_path)
    assert "601.00" in text and "612.50" not in text


def test_a_text_disclosure_prints_its_body(client, tree, tmp_path):
    page = factories.disclosure(
        tree.awu_village,
        kind="affairs",
        title="阿坞村2026年第三季度村务公开",
        body="<p>村民代表会议决定硬化二组通组道路，预算三十八万六千元。</p>",
    )
    text = pdf_text(client.get(page.url + "pdf/").content, tmp_path)
    assert "村民代表会议决定硬化二组通组道路" in text.replace(" ", "").replace("\n", "")
