"""The statutory time limits (docs/domain.md "Complaints and reports") and the notice texts, as
data staff may edit."""

from django.db import migrations

PETITION_RULES = "《信访工作条例》（2022）"
DISCIPLINE_RULES = "《纪检监察机关处理检举控告工作规则》（2020）"

RULES = [
    # code, case kind ("" = all), days, unit, starts, basis
    ("acceptance", "", 15, "calendar", "自收到之日起", PETITION_RULES),
    ("acceptance", "accusation", 15, "working", "自收到之日起（次日起算）", DISCIPLINE_RULES),
    ("transfer", "", 5, "working", "自收到之日起", PETITION_RULES),
    ("conclusion", "", 60, "calendar", "自受理之日起", PETITION_RULES),
    ("extension", "", 30, "calendar", "原办结期限届满后，最多延长一次", PETITION_RULES),
    ("result_notice", "", 15, "working", "自办结之日起（实名反映）", DISCIPLINE_RULES),
    ("return_visit", "", 15, "working", "自办结之日起", "本市定期回访制度"),
    ("review_apply", "", 30, "calendar", "自收到处理意见之日起", PETITION_RULES),
    ("review_answer", "", 30, "calendar", "自收到复查请求之日起", PETITION_RULES),
    ("re_review_apply", "", 30, "calendar", "自收到复查意见之日起", PETITION_RULES),
    ("re_review_answer", "", 30, "calendar", "自收到复核请求之日起", PETITION_RULES),
]

TEMPLATES = {
    "accepted": "您反映的问题（编号{number}）已于{date}受理，将在{due}前办结。可凭回执码查询进度。",
    "not_accepted": "您反映的问题（编号{number}）不予受理，理由：{text}",
    "transferred": "您反映的问题（编号{number}）已转{unit}办理。",
    "feedback": "您反映的问题（编号{number}）办理进展：{text}",
    "extended": "您反映的问题（编号{number}）办理期限延长至{due}，原因：{text}",
    "result": "您反映的问题（编号{number}）已办结：{text} 如有异议，可在{due}前申请复查。",
    "warning_yellow": "信访件{number}（{village}）的“{deadline}”期限为{due}，即将到期，请抓紧办理。",
    "warning_red": "信访件{number}（{village}）的“{deadline}”期限{due}已过，已超期，请立即办理。",
    "assigned": "信访件{number}（{village}）已交由您办理，办结期限{due}。",
}


def seed(apps, schema_editor):
    Rule = apps.get_model("supervision", "DeadlineRule")
    Template = apps.get_model("supervision", "MessageTemplate")
    for code, kind, days, unit, starts, basis in RULES:
        Rule.objects.get_or_create(
            code=code,
            case_kind=kind,
            defaults={"days": days, "unit": unit, "starts": starts, "basis": basis},
        )
    for code, text in TEMPLATES.items():
        Template.objects.get_or_create(code=code, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [("supervision", "0005_case_handling")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
