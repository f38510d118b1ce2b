"""System checks for supervision's data (docs/architecture.md "The clock")."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.utils import timezone


@register(Tags.database)
def next_year_calendar(app_configs=None, databases=None, **kwargs):
    """Warn while this or next year's holiday schedule is missing: deadlines in it are counted
    on weekends alone and shown as 暂定. A database check: it runs with `migrate` (so `make
    run` shows it) and `manage.py check --database default`."""
    if not databases:
        return []
    from .services.workdays import missing_years

    try:
        missing = missing_years(timezone.localdate())
    except DatabaseError:  # not migrated yet
        return []
    if not missing:
        return []
    years = "、".join(str(y) for y in missing)
    return [
        Warning(
            f"尚未录入 {years} 年的法定节假日安排："
            "这些年份的工作日期限暂按周末计算，显示为“暂定”。",
            hint="国务院办公厅发布通知后，在后台“设置 → 节假日安排”中添加该年份。",
            id="supervision.W001",
        )
    ]
