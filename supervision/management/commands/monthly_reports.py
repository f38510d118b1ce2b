"""The scheduled monthly report (一月一分析): last month's PDF for the city and every county that
has none yet. Idempotent and cheap when nothing is missing, so it may run every few minutes
(`make run` runs it beside check_deadlines; production: cron, docs/deployment.md). It builds
the PDFs itself, in this process (outside any request), so the reports appear on the 1st even
when no task worker is running."""

from django.core.management.base import BaseCommand, CommandError

from supervision.services import analysis, monthly_report, stats


class Command(BaseCommand):
    help = "生成上月（或 --month 指定月份）市和各区县的一月一分析报告（已生成的跳过，可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: last month)")

    def handle(self, *args, month=None, **options):
        try:
            period = stats.Period.parse(month, None) if month else analysis.last_complete_month()
        except stats.PeriodError as error:
            raise CommandError(str(error)) from error
        made = monthly_report.make_missing(period.start.year, period.start.month)
        failed = [row for row in made if row.status != monthly_report.DONE]
        self.stdout.write(
            f"{period.label}：新生成 {len(made) - len(failed)} 份，失败 {len(failed)} 份。"
        )
