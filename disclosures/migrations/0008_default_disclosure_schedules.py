"""The default disclosure schedule (docs/domain.md "Village affairs disclosure"): finance monthly
by the 10th; general items quarterly by the 20th of the quarter's first month; 低保 lists within
10 working days and on show 7; projects of 50,000 元 or more at once (within 5 working days).
Counties add their own rules in the admin (公开时限规则)."""

from django.db import migrations

DEFAULTS = [
    # kind, period type, due day, due working days, display working days, basis
    ("party", "quarter", 20, None, None, "党务公开工作条例（试行）"),
    ("affairs", "quarter", 20, None, None, "村民委员会组织法第三十条"),
    ("finance", "month", 10, None, None, "村民委员会组织法第三十条：财务项目至少每月公布一次"),
    ("assets", "quarter", 20, None, None, "农村集体“三资”管理有关规定"),
    ("subsidy", "quarter", 20, None, None, "惠民惠农财政补贴资金“一卡通”管理办法"),
    ("project", "once", None, 5, None, "5 万元以上投资项目即时公开"),
    ("relief", "once", None, 10, 7, "最低生活保障审核确认办法：初审名单公示 7 个工作日"),
]


def seed(apps, schema_editor):
    Schedule = apps.get_model("disclosures", "DisclosureSchedule")
    for kind, period, day, working, display, basis in DEFAULTS:
        Schedule.objects.get_or_create(
            county=None,
            kind=kind,
            defaults={
                "period_type": period,
                "due_day": day,
                "due_working_days": working,
                "display_working_days": display,
                "basis": basis,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0007_village_affairs")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
