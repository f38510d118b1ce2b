"""The complaint categories of docs/domain.md (data: staff may add and rename them; the codes are
Open311 service codes and stay)."""

from django.db import migrations

CATEGORIES = [
    ("subsidy", "惠民补贴", "惠民惠农补贴、一卡通发放"),
    ("minimum-living", "低保救助", "低保、特困、临时救助的评定和发放"),
    ("collective-assets", "三资管理", "集体资金、资产、资源的管理和处置"),
    ("projects", "工程项目", "村级工程项目的招标、施工和验收"),
    ("homestead", "宅基地", "宅基地申请、审批和使用"),
    ("village-finance", "村级财务", "村级收支、报销和公开"),
    ("conduct", "作风问题", "干部作风、优亲厚友、吃拿卡要"),
    ("other", "其他", "以上类别以外的问题"),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("supervision", "ComplaintCategory")
    for order, (code, name, description) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
