"""No public path leaks a full ID number, bank card or mobile from a disclosure (issue 10,
part 3), however the county's export wrote it: with spaces between the groups, in full-width
digits, with a lowercase x, with hyphens or a +86.

The numbers reach the table through every text column an import fills (the group, the item,
the household cell itself); then the page, its table sorted and filtered, an earlier version,
the CSV, the JSON, the PDF, the village's 村务公开 index, the search and the sitemap are read
back and searched for the digits in any spacing or width.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from tests import factories
from tests.disclosures.test_pdf import pdf_text

pytestmark = pytest.mark.usefixtures("pdfs_in_tmp")

# (as written in the export, the bare digits that must never appear)
NUMBERS = [
    ("621026 19800101 123x", "62102619800101123"),  # ID, 6-8-4 with spaces, lowercase x
    ("６２１０２６１９８５０２０２４５６Ｘ", "62102619850202456"),  # ID in full-width digits
    ("621026 1990 0303 789X", "62102619900303789"),  # ID grouped 6-4-4-4
    ("6228 4804 0256 4890 018", "6228480402564890018"),  # bank card in groups of four
    ("+86 138-1234-5678", "13812345678"),  # a mobile with +86 and hyphens
    ("１３９ ８７６５ ４３２１", "13987654321"),  # a mobile in full-width digits with spaces
]
NAMES = ["张三明", "欧阳小明"]

_FOLD = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"Ｘ": "X", "ｘ": "x"})


def bare(text: str) -> str:
    """The text with full-width digits folded and every space, hyphen and plus removed, so a
    number shows whatever spacing or width it was printed in."""
    return re.sub(r"[\s\-+\u3000]", "", text.translate(_FOLD))


def assert_clean(text: str, where: str) -> None:
    flat = bare(text)
    for written, digits in NUMBERS:
        assert digits not in flat, f"{where} shows {written!r}"
    for name in NAMES:
        assert name not in text, f"{where} shows the name {name!r}"


@pytest.fixture
def page(tree):
    values = []
    for i, (written, _digits) in enumerate(NUMBERS):
        values.append(
            {
                "household": NAMES[i % 2] if i != 5 else written,  # a number typed as a name
                "group": f"第{i % 3 + 1}村民小组 电话 {written}",
                "item": f"耕地地力保护补贴（账号 {written}）",
                "standard": Decimal("100.00"),
                "quantity": Decimal("1.00"),
                "amount": Decimal("100.00"),
                "paid_on": datetime.date(2026, 8, 15),
                "id_number": NUMBERS[0][0],
                "bank_card": NUMBERS[3][0],
                "phone": NUMBERS[4][0],
            }
        )
    return factories.disclosure(
        tree.awu_village,
        rows=values,
        title="阿坞村2026年第三季度惠民补贴发放公示",
        summary="第三季度耕地地力保护补贴发放名单",
    )


def test_the_stored_public_columns_hold_no_full_number(page):
    from disclosures.models import SubsidyRow

    for row in SubsidyRow.objects.filter(table=page.table):
        assert_clean(" ".join([row.household, row.group, row.item]), f"row {row.line}")
        # The originals are kept for checking, encrypted.
        assert row.raw["id_number"] == NUMBERS[0][0]


def test_no_public_path_shows_a_full_number_or_name(client, tree, page, tmp_path):
    paths = {
        "page": page.url,
        "page sorted by household": page.url + "?sort=household&dir=desc",
        "page filtered": page.url + "?q=" + "补贴",
        "csv": page.url + "data.csv",
        "json": page.url + "data.json",
        "village 村务公开": tree.awu_village.url + "affairs/",
        "search": "/search/?q=耕地补贴",
        "sitemap": "/sitemap.xml",
    }
    for where, url in paths.items():
        response = client.get(url)
        assert response.status_code == 200, (where, response.status_code)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8")
        assert_clean(body, where)
    # The table is really there (the check above would pass on an empty page).
    body = client.get(page.url).content.decode()
    assert "张*明" in body and "138****5678" in body.replace("&#x27;", "")

    pdf = client.get(page.url + "pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content, tmp_path)
    assert "张*明" in text
    assert_clean(text, "pdf")


def test_an_earlier_version_is_masked_too(client, tree, page):
    first_revision = page.live_revision_id
    factories.correct(page, factories.subsidy_values(2), "更正发放名单")
    response = client.get(f"{page.url}versions/{first_revision}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "张*明" in body
    assert_clean(body, "earlier version")
