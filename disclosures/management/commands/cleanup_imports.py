"""Forget catalog and disclosure-table imports nobody confirmed within a day: their staged
files and job rows.
Idempotent; run it daily (cron or a systemd timer). Every new upload also runs it."""

from django.core.management.base import BaseCommand

from disclosures.services import affairs_import_jobs, import_jobs


class Command(BaseCommand):
    help = "删除超过期限仍未确认的清单导入和明细导入（暂存文件和导入记录）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=float, default=24, help="age after which an import is removed (24)"
        )

    def handle(self, *args, hours, **options):
        disclosure_jobs = affairs_import_jobs.expire(hours * 3600)
        jobs, folders = import_jobs.expire(hours * 3600)
        jobs += disclosure_jobs
        self.stdout.write(f"removed {jobs} unconfirmed import(s) and {folders} staged folder(s)")
