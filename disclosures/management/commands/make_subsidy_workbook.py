"""Write a realistic subsidy (惠民补贴“一卡通”) workbook of N rows, as a county system exports it:
the import's template headers, households of a village's 村民小组, the subsidies a household in
Gansu really receives (per 亩 of land, per month, per person), paid in one quarter, a few percent
with 身份证号 and 银行卡号 columns filled (valid check characters). No two rows are the same.

    manage.py make_subsidy_workbook --rows 100000 --out var/bench/subsidy.xlsx

Used by the benchmark (tests/bench/subsidy_import.py) and handy for trying the import by hand.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand

from disclosures.affairs_resources import ID_CHECK, ID_WEIGHTS
from disclosures.services import affairs_import

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
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
    rng = random.Random(seed)
    start = quarter_start or datetime.date(2026, 7, 1)
    pay_days = [start + datetime.timedelta(days=d) for d in (14, 44, 75)]  # the 15th of each month
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
        amount = (standard * quantity).quantize(Decimal("0.01"))
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
        affairs_import.write_workbook_rows(out, headers, rows)
        size = out.stat().st_size / 1024 / 1024
        self.stdout.write(f"{options['rows']} rows → {out} ({size:.1f} MB)")
