"""Erase the reporter identity of ended cases past their category's retention period, except
under a legal hold (supervision/services/retention.py; docs/security.md "Retention and legal
holds (Part 9)"). Idempotent; run it daily (cron or a systemd timer) beside cleanup_receipts."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from supervision.services.retention import erase_expired_identities


class Command(BaseCommand):
    help = "按问题类别的保存年限抹去已办结案件的反映人身份信息（法律保全中的除外）。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count by category, erase nothing"
        )
        parser.add_argument("--today", help="YYYY-MM-DD (default: today, Asia/Shanghai)")

    def handle(self, *args, dry_run, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{today}") from error
        result = erase_expired_identities(day, dry_run=dry_run)
        verb = "将抹去" if dry_run else "已抹去"
        for name, count in sorted(result.by_category.items()):
            self.stdout.write(f"{name}：{verb} {count} 件")
        self.stdout.write(
            f"{verb} {result.total} 件信访举报件的反映人身份信息；"
            f"{result.held} 件已到期但在法律保全中，未抹去。"
        )
