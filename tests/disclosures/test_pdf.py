"""Printed lists: real CJK text (pdftotext reads it back), every item, page numbers, a QR code."""

import shutil
import subprocess

import pytest

from tests import factories


def pdf_text(content: bytes, tmp_path, *args) -> str:
    assert shutil.which("pdftotext"), "poppler-utils missing: run `make test` to install it"
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", *args, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_info(content: bytes, tmp_path, tool="pdfinfo") -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    return subprocess.run([tool, str(path)], capture_output=True, check=True, text=True).stdout


@pytest.fixture
def village_lists(tree):
    catalog = factories.catalog(tree.tanchang)
    for n in range(1, 6):
        factories.power_item(
            catalog,
            str(n),
            f"第{n}项小微权力事项",
            steps=[
                {"actor": "村两委", "action": f"研究第{n}项"},
                {
                    "actor": "村民代表会议",
                    "action": "表决",
                    "branch_condition": "未获通过",
                    "branch_target": "end",
                },
            ],
            risks=[{"description": f"第{n}项风险", "level": "high"}],
        )
    factories.power_item(tree.awu_village, "村1", "光伏电站收益分配", category_code="assets")
    return catalog


def test_booklet_has_every_item_in_extractable_chinese(client, tree, village_lists, tmp_path):
    response = client.get(tree.awu_village.url + "booklet/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "阿坞村" in text and "陇南市宕昌县阿坞镇阿坞村" in text
    for n in range(1, 6):
        assert f"第{n}项小微权力事项" in text
        assert f"第{n}项风险" in text
    assert "光伏电站收益分配" in text
    assert "目录" in text and "责任清单" in text and "风险防控清单" in text
    assert "第 3 页" in text  # page numbers in the footer
    fonts = pdf_info(response.content, tmp_path, "pdffonts")
    assert "WenQuanYi" in fonts or "Noto" in fonts
    assert " yes yes " in fonts  # embedded and subset


def test_booklet_flowchart_text_is_real_text(client, tree, village_lists, tmp_path):
    text = pdf_text(client.get(tree.awu_village.url + "booklet/").content, tmp_path)
    assert "开始" in text and "办结" in text and "研究第1项" in text


def test_single_item_sheet_is_one_page(client, tree, village_lists, tmp_path):
    response = client.get(tree.awu_village.url + "power/1/pdf/")
    assert response.status_code == 200
    info = pdf_info(response.content, tmp_path)
    assert "Pages:           1" in info
    text = pdf_text(response.content, tmp_path)
    assert "第1项小微权力事项" in text and "0939-5606205" in text


def test_booklet_is_cached_until_something_in_it_is_republished(
    client, tree, village_lists, tmp_path
):
    from disclosures.services import pdf

    url = tree.awu_village.url + "booklet/"
    first = client.get(url).content
    calls = []
    original = pdf._render
    pdf._render = lambda *a, **k: calls.append(a) or original(*a, **k)
    try:
        assert client.get(url).content == first
        assert calls == [], "the second request must come from the cache"
        item = village_lists.get_children().specific().first()
        item.title = "改名后的事项"
        item.save_revision().publish()
        text = pdf_text(client.get(url).content, tmp_path)
    finally:
        pdf._render = original
    assert len(calls) == 1
    assert "改名后的事项" in text
