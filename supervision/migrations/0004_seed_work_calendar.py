"""The official holiday schedules 2020-2026 from chinese-calendar (which stops at 2026); later
years are added in the admin when the State Council publishes them (docs/architecture.md
"The clock")."""

from django.db import migrations

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
FIRST_YEAR, LAST_YEAR = 2020, 2026


def seed(apps, schema_editor):
    from chinese_calendar import constants

    Year = apps.get_model("supervision", "WorkCalendarYear")
    Day = apps.get_model("supervision", "WorkCalendarDay")
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        calendar, created = Year.objects.get_or_create(
            year=year, defaults={"source": "国务院办公厅节假日安排通知（据 chinese-calendar 导入）"}
        )
        if not created:
            continue
        days = [
            Day(calendar=calendar, date=day, kind="holiday", name=NAMES.get(name, name))
            for day, name in constants.holidays.items()
            if day.year == year
        ] + [
            Day(calendar=calendar, date=day, kind="workday", name=NAMES.get(name, name))
            for day, name in constants.workdays.items()
            if day.year == year
        ]
        Day.objects.bulk_create(days)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0003_work_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
