"""Forget the sealed receipt PINs whose reshow window is over (supervision/services/retention.py).
Idempotent; run it every hour (cron or a systemd timer); `make setup` runs it too."""

from django.core.management.base import BaseCommand

from supervision.services.retention import forget_expired_pins


class Command(BaseCommand):
    help = "清除已过重显期限的回执查询密码（可重复运行，建议每小时运行一次）。"

    def handle(self, *args, **options):
        count = forget_expired_pins()
        self.stdout.write(f"已清除 {count} 件信访举报件暂存的查询密码。")
