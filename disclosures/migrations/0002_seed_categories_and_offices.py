"""The usual categories of village small powers (Gansu 2020 guidance, the Ninghai list) and the
usual village offices. They are data: editors add or rename them in the admin."""

from django.db import migrations

CATEGORIES = [
    ("decision", "重大事项决策", "“三重一大”事项，按“四议两公开”程序决策"),
    ("finance", "村级财务管理", "财务收支、报账、预决算和公开"),
    ("project", "工程项目", "工程建设、招投标与村级采购"),
    ("assets", "集体资产资源", "“三资”发包、租赁、处置和收益分配"),
    ("welfare", "惠民政策", "低保、特困、临时救助、危房改造、农业补贴"),
    ("land_comp", "征地拆迁补偿分配", "征地补偿款和安置补助的分配"),
    ("homestead", "宅基地审批", "农村村民宅基地申请与审批"),
    ("certificates", "证明开具与印章使用", "各类证明的出具和村级印章管理"),
    ("services", "其他便民服务", "调解、代办和其他便民事项"),
]
OFFICES = [
    ("secretary", "村党组织书记（村委会主任）"),
    ("deputy", "村委会副主任"),
    ("clerk", "村文书"),
    ("accountant", "村会计（报账员）"),
    ("supervisor", "村务监督委员会主任"),
    ("first_secretary", "驻村第一书记"),
    ("group_leader", "村民小组长"),
]


def seed(apps, schema_editor):
    PowerCategory = apps.get_model("disclosures", "PowerCategory")
    Office = apps.get_model("disclosures", "Office")
    for order, (code, name, description) in enumerate(CATEGORIES, start=1):
        PowerCategory.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )
    for order, (code, name) in enumerate(OFFICES, start=1):
        Office.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
