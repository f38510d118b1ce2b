"""Remove old backups by the keep policy (portal/management/backup.py): the newest of each of
the last 7 days, 4 weeks and 12 months, and everything younger than a day, are kept; an
incomplete backup (no manifest) older than a day is removed. Idempotent; `make backup` runs it."""

from pathlib import Path

from django.core.management.base import BaseCommand

from portal.management.backup import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    backup_root,
    plan_prune,
    prune_backups,
)


class Command(BaseCommand):
    help = "按保留策略删除旧备份（每日 7 份、每周 4 份、每月 12 份）。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="backup root (default: BACKUP_DIR or var/backups)")
        parser.add_argument("--daily", type=int, default=KEEP_DAILY)
        parser.add_argument("--weekly", type=int, default=KEEP_WEEKLY)
        parser.add_argument("--monthly", type=int, default=KEEP_MONTHLY)
        parser.add_argument("--dry-run", action="store_true", help="list, remove nothing")

    def handle(self, *args, dir=None, daily, weekly, monthly, dry_run, **options):
        root = Path(dir) if dir else backup_root()
        policy = {"daily": daily, "weekly": weekly, "monthly": monthly}
        plan = plan_prune(root, **policy) if dry_run else prune_backups(root, **policy)
        verb = "将删除 (would remove)" if dry_run else "已删除 (removed)"
        for directory in plan.remove:
            self.stdout.write(f"{verb}: {directory.name}")
        self.stdout.write(f"保留 {len(plan.keep)} 份，{verb} {len(plan.remove)} 份备份。")
