from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from disclosures.demo.affairs import build_disclosures, delete_disclosures
from disclosures.demo.builder import build_catalogs, build_village_lists
from portal.base.revisions import ensure_live_revisions
from supervision.demo.builder import build_complaints, delete_complaints
from supervision.demo.dispatch import build_dispatch, delete_dispatch
from supervision.demo.history import build_history
from supervision.demo.statistics import build_ledger
from villages.demo.builder import DEMO_PASSWORD, seed
from villages.demo.totp import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "载入陇南市演示数据（可重复运行）。Load the Longnan demo data; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="先删除演示数据再重建。")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="在 DEBUG 关闭时也允许载入（仅用于基准测试等演示环境）。",
        )

    def handle(self, *args, reset=False, allow_production=False, **options):
        if not (settings.DEMO_DATA_ALLOWED or allow_production):
            raise CommandError(
                "演示数据带有公开的演示账号密码，生产环境拒绝载入；"
                "确需载入（如基准测试）请加 --allow-production。"
            )
        if reset:
            # Cases protect their village, logins and partner: they go before the tree.
            delete_complaints()
            # Reception days and supervised items hold on to their area pages.
            delete_dispatch()
            # Disclosure tables are protected by the pages that show them: they go first.
            delete_disclosures()
        report = seed(reset=reset)
        build_catalogs(report)
        build_village_lists(report)
        build_disclosures(report)
        build_complaints(report)
        build_history(report)
        build_dispatch(report)
        build_ledger(report)
        # A first, live revision per page: a reviewer compares a change with it.
        revised = ensure_live_revisions()
        if revised:
            report.created["revision"] = revised
        if report.created:
            summary = "，".join(f"{kind} {n}" for kind, n in sorted(report.created.items()))
            self.stdout.write(self.style.SUCCESS(f"演示数据已载入：新建 {summary}。"))
        else:
            self.stdout.write("演示数据已是最新，无需改动。")
        self.stdout.write(f"演示账号密码：{DEMO_PASSWORD}（见 README）")
        self.stdout.write(
            f"两步验证演示密钥（admin、jiwei_awu、petition_tanchang、city_longnan）：{DEMO_TOTP_KEY}"
        )
