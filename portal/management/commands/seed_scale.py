import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from portal.management import scale
from villages.demo import longnan
from villages.models import CityPage


class Command(BaseCommand):
    help = (
        "生成省级规模的压测数据（仅 PostgreSQL）：在陇南市下批量新建区县、乡镇、村及其清单、"
        "两年村务公开和大量案件。Province-scale bench data (PostgreSQL only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--villages", type=int, default=16000, help="新建村数（默认 16000）")
        parser.add_argument(
            "--cases", type=int, default=1_000_000, help="新建案件数（默认 100 万）"
        )
        parser.add_argument("--years", type=int, default=2, help="公开和案件覆盖的年数（默认 2）")
        parser.add_argument(
            "--fresh", action="store_true", help="先删除上次生成的压测数据（演示数据保留）。"
        )
        parser.add_argument(
            "--yes", action="store_true", help="DEMO_DATA_ALLOWED 关闭时也执行（压测数据库）。"
        )

    def handle(self, *args, villages, cases, years, fresh, yes, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale 只支持 PostgreSQL（使用 COPY 批量写入）。")
        if not (settings.DEMO_DATA_ALLOWED or yes):
            raise CommandError(
                "压测数据会写入大量虚构的村和案件，生产环境拒绝执行；确需执行请加 --yes。"
            )
        if villages < 0 or cases < 0 or not 1 <= years <= 5:
            raise CommandError("--villages、--cases 不能为负数，--years 应在 1 到 5 之间。")
        self.verbosity = options.get("verbosity", 1)
        started = time.perf_counter()
        timings = {}

        def step(name, function, *args):
            at = time.perf_counter()
            result = function(*args)
            timings[name] = round(time.perf_counter() - at, 1)
            self.stdout.write(f"{name}: {result} ({timings[name]} s)")
            return result

        if not CityPage.objects.filter(division_code=longnan.CITY["code"]).exists():
            step("demo", call_command, "seed_demo", "--allow-production", "-v0")
        if fresh:
            with transaction.atomic():
                step("delete", scale.delete_scale)
        plan = scale.Plan(villages=villages, cases=cases, years=years)
        if scale.scale_counties().exists():
            if villages:
                self.stdout.write("压测区县已存在，跳过建树（重建请加 --fresh）。")
        elif villages:
            with transaction.atomic():
                step("tree", scale.build_tree, plan, self._log)
            with transaction.atomic():
                step("disclosures", scale.build_disclosures, years, self._log)
        if cases:
            step("cases", scale.build_cases, cases, years, self._log)
        step("analyze", scale.analyze)
        total = round(time.perf_counter() - started, 1)
        self.stdout.write(self.style.SUCCESS(f"压测数据已生成，用时 {total} 秒。"))

    def _log(self, message: str) -> None:
        if self.verbosity > 1:
            self.stdout.write(message)
