"""The flowchart drawing and the step rules, without a database."""

import re
from types import SimpleNamespace

from disclosures.services.flowchart import render_flowchart, wrap
from disclosures.services.validation import StepData, step_errors


def step(key, action, branch_target="", branch_condition="", time_limit=5):
    return SimpleNamespace(
        key=key,
        actor="村两委",
        action=action,
        time_limit=time_limit,
        time_limit_text=f"{time_limit}个工作日" if time_limit else "",
        document="",
        branch_target=branch_target,
        branch_condition=branch_condition,
    )


ITEM = SimpleNamespace(title="测试事项")


def test_every_step_is_a_box_with_its_text_in_order():
    svg = render_flowchart(ITEM, [step("1", "提出申请"), step("2", "审核"), step("3", "公示")])
    assert svg.count("<rect") == 3 + 2  # three steps plus start and end terminals
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert texts.index("开始") < texts.index("提出申请") < texts.index("审核") < texts.index("公示")
    assert texts[-1] == "办结"
    assert "时限：5个工作日" in texts


def test_a_branch_to_end_draws_an_end_box_with_its_condition():
    svg = render_flowchart(ITEM, [step("1", "评议", "end", "不符合条件"), step("2", "公示")])
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert "不符合条件" in texts and "结束" in texts and "书面告知理由" in texts


def test_a_branch_back_to_an_earlier_step_draws_a_return_path():
    svg = render_flowchart(ITEM, [step("1", "申请"), step("2", "审核", "1", "材料不全")])
    assert "<polyline" in svg and "转步骤 1" in svg


def test_long_chinese_text_wraps_inside_the_box():
    lines = wrap("党员大会审议（应到党员三分之二以上到会，过半数同意）", 206, 13)
    assert len(lines) == 2
    assert "".join(lines) == "党员大会审议（应到党员三分之二以上到会，过半数同意）"


def test_text_is_escaped():
    svg = render_flowchart(ITEM, [step("1", "<script>alert(1)</script>")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_print_size_keeps_the_aspect_ratio():
    svg = render_flowchart(ITEM, [step("1", "申请")], print_width_mm=68)
    view = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    height_mm = float(re.search(r'height="([\d.]+)mm"', svg).group(1))
    assert abs(height_mm - 68 * int(view.group(2)) / int(view.group(1))) < 0.2


def test_step_rules():
    ok = [StepData("1"), StepData("2", "1", "材料不全"), StepData("3", "end", "不符合")]
    assert step_errors(ok) == []
    problems = step_errors(
        [
            StepData("1"),
            StepData("1"),
            StepData("2", "9", "x"),
            StepData("3", "end"),
            StepData("4", time_limit=0),
        ]
    )
    joined = "\n".join(problems)
    assert "重复" in joined and "不存在的步骤“9”" in joined
    assert "没有填写分支条件" in joined and "正数" in joined
