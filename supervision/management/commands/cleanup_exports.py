"""Remove ledger (台账) exports older than a week: their files and rows (services/ledger.py).
Idempotent; run it daily (cron or a systemd timer) beside cleanup_imports."""

from django.core.management.base import BaseCommand

from supervision.services import ledger


class Command(BaseCommand):
    help = "删除超过保留期限的台账导出文件和记录。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=ledger.KEEP_DAYS, help="days an export is kept (7)"
        )

    def handle(self, *args, days, **options):
        removed = ledger.cleanup_exports(days)
        self.stdout.write(f"removed {removed} ledger export(s)")
