"""Write a realistic subsidy (惠民补贴“一卡通”) workbook of N rows, as a county system exports it:
the import's template headers, households of a village's 村民小组, the subsidies a household in
Gansu really receives (per 亩 of land, per month, per person), paid in one quarter, a few percent
with 身份证号 and 银行卡号 columns filled (valid check characters). No two rows are the same.

    manage.py make_subsidy_workbook --rows 100000 --out var/bench/subsidy.xlsx

Used by the benchmark (tests/bench/subsidy_import.py) and handy for trying the import by hand.

The workbook is written as Excel and the county systems' exporters (Apache POI) write one: text
in a shared-strings table, dates as serial numbers with a date format. openpyxl's write-only
mode writes every text cell inline instead, which no real export does and which reads several
times slower, so the few XML parts are written here directly (streamed, any number of rows).
"""

from __future__ import annotations

import datetime
import random
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from django.core.management.base import BaseCommand

from disclosures.affairs_resources import ID_CHECK, ID_WEIGHTS
from disclosures.services import affairs_import

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡"
SURNAMES += "余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国志强海军秀英桂兰玉梅春花永福德明国庆小军红霞金凤长生保平彦龙亚萍文斌学礼成林"
# (item, standard in 元, quantity: "area" in 亩 with one decimal, or a count)
ITEMS = (
    ("耕地地力保护补贴", Decimal("105.50"), "area"),
    ("生态公益林补偿", Decimal("14.75"), "area"),
    ("退耕还林补助", Decimal("90.00"), "area"),
    ("农村低保金", Decimal("465.00"), "months"),
    ("特困人员供养金", Decimal("715.00"), "months"),
    ("高龄补贴", Decimal("100.00"), "months"),
    ("残疾人两项补贴", Decimal("90.00"), "months"),
    ("农机购置补贴", Decimal("1200.00"), "count"),
)
REGION = "621223"  # 宕昌县


def id_number(rng: random.Random) -> str:
    born = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 60 * 365))
    body = f"{REGION}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return body + ID_CHECK[total % 11]


def subsidy_rows(count: int, *, groups: int = 8, quarter_start=None, seed: int = 10):
    """`count` rows as the template's columns (the import's headers), unique."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    start = quarter_start or datetime.date(2026, 7, 1)
    pay_days = [start.replace(month=start.month + i, day=15) for i in range(3)]  # each month
    seen = set()
    made = 0
    while made < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        group = f"第{rng.randint(1, groups)}村民小组"
        item, standard, unit = rng.choice(ITEMS)
        if unit == "area":
            quantity = Decimal(rng.randint(5, 300)) / 10
        elif unit == "months":
            quantity = Decimal(1)
        else:
            quantity = Decimal(rng.randint(1, 3))
        paid_on = rng.choice(pay_days)
        key = (name, group, item, quantity, paid_on)
        if key in seen:
            continue
        seen.add(key)
        amount = (standard * quantity).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        identity = rng.random() < 0.03
        made += 1
        yield (
            name,
            group,
            item,
            float(standard),
            float(quantity),
            float(amount),
            paid_on,
            id_number(rng) if identity else None,
            f"62284804{rng.randint(0, 10**11 - 1):011d}" if identity else None,
        )


EXCEL_EPOCH = datetime.date(1899, 12, 30)
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="补贴发放明细" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def write_workbook(out: Path, headers: list[str], rows, count: int) -> None:
    """An .xlsx of one sheet: text through a shared-strings table, numbers as numbers, dates as
    Excel serials with a date format (style 1). Rows are streamed into the archive."""
    strings: dict[str, int] = {}
    letters = [chr(ord("A") + i) for i in range(len(headers))]

    def cell(ref: str, value) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, datetime.date):
            return f'<c r="{ref}" s="1"><v>{(value - EXCEL_EPOCH).days}</v></c>'
        if isinstance(value, int | float | Decimal):
            return f'<c r="{ref}"><v>{value}</v></c>'
        index = strings.setdefault(str(value), len(strings))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                # The sheet's size first, as Excel and POI write it: a reader sizes the sheet
                # from it instead of reading the whole sheet to find out.
                + f'<dimension ref="A1:{letters[-1]}{count + 1}"/>'.encode()
                + b"<sheetData>"
            )
            for number, row in enumerate(_with_header(headers, rows), start=1):
                cells = "".join(cell(f"{c}{number}", v) for c, v in zip(letters, row, strict=False))
                sheet.write(f'<row r="{number}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
        shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        archive.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        )


def _with_header(headers, rows):
    yield headers
    yield from rows


class Command(BaseCommand):
    help = "Write a realistic subsidy workbook of N rows (for the import's benchmark and trials)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--out", required=True)
        parser.add_argument("--groups", type=int, default=8, help="村民小组 in the village")
        parser.add_argument("--seed", type=int, default=10)

    def handle(self, *args, **options):
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        headers = affairs_import.template_headers("subsidy")
        rows = subsidy_rows(options["rows"], groups=options["groups"], seed=options["seed"])
        write_workbook(out, headers, rows, options["rows"])
        size = out.stat().st_size / 1024 / 1024
        self.stdout.write(f"{options['rows']} rows → {out} ({size:.1f} MB)")
