"""The early-warning job (预警提醒): colour open cases yellow/red and tell the handler and their
supervisor. Idempotent: run it as often as you like (`make run` runs it every few minutes beside
the worker; production: a systemd timer or cron, docs/deployment.md)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from supervision.services import warnings


class Command(BaseCommand):
    help = (
        "检查办理期限：临期标黄、超期标红，并提醒承办人和上级；督办事项同样预警"
        "（可重复运行，不会重复提醒）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="check as of this date (YYYY-MM-DD), for testing")

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("--today 应为 YYYY-MM-DD 格式的日期。") from error
        report = warnings.run(day)
        coloured = report.coloured
        self.stdout.write(
            f"红色预警新增 {coloured.get('red', 0)} 件，"
            f"黄色预警新增 {coloured.get('yellow', 0)} 件，"
            f"解除 {coloured.get('none', 0)} 件；重算暂定期限 {report.recomputed} 件；"
            f"新提醒 {report.notices} 条，邮件 {report.emails} 封。"
        )
        items = report.items
        self.stdout.write(
            f"督办事项：红色预警新增 {items.get('red', 0)} 项，"
            f"黄色预警新增 {items.get('yellow', 0)} 项，解除 {items.get('none', 0)} 项。"
        )
