"""A village shows its county's catalog plus its own additions, without copying."""

import pytest

from disclosures.models import OfficeDuty, OfficeHolder, PowerItemPage
from tests import factories
from tests.queries import render_queries


@pytest.fixture
def lists(tree):
    tanchang = factories.catalog(tree.tanchang)
    items = {
        "decision": factories.power_item(
            tanchang,
            "1",
            "村级重大事项决策（四议两公开）",
            category_code="decision",
            steps=[
                {"actor": "村党组织", "action": "党支部提议", "office": "secretary"},
                {"actor": "村两委", "action": "村两委会议商议", "office": "secretary"},
                {
                    "actor": "党员大会",
                    "action": "党员大会审议",
                    "branch_condition": "未获通过",
                    "branch_target": "end",
                },
                {"actor": "村民代表会议", "action": "村民代表会议决议"},
                {
                    "actor": "村务监督委员会",
                    "action": "决议公开和实施结果公开",
                    "office": "supervisor",
                },
            ],
            risks=[{"description": "程序不到位，少数人说了算", "level": "high"}],
        ),
        "dibao": factories.power_item(
            tanchang,
            "2",
            "低保申请审批",
            steps=[
                {"actor": "申请人", "action": "提出书面申请"},
                {"actor": "村民委员会", "action": "入户调查、民主评议", "office": "deputy"},
            ],
            risks=[
                {"description": "人情保、关系保", "level": "high"},
                {"description": "公示时间不足", "level": "low"},
            ],
        ),
    }
    addition = factories.power_item(
        tree.awu_village,
        "村1",
        "光伏电站收益分配",
        category_code="assets",
        risks=[{"description": "收益挪用", "level": "medium"}],
    )
    OfficeHolder.objects.create(
        village=tree.awu_village, office=factories.office("secretary"), name="王某某", note="一肩挑"
    )
    return {"catalog": tanchang, "addition": addition, **items}


def power_url(village, suffix="power/"):
    return village.url + suffix


def test_village_power_list_groups_catalog_items_by_category(client, tree, lists):
    body = client.get(power_url(tree.awu_village)).content.decode()
    assert "重大事项决策" in body and "惠民政策" in body
    assert "村级重大事项决策（四议两公开）" in body and "低保申请审批" in body
    assert body.index("重大事项决策") < body.index("惠民政策")


def test_own_addition_shows_only_in_its_village(client, tree, lists):
    assert "光伏电站收益分配" in client.get(power_url(tree.awu_village)).content.decode()
    other = client.get(power_url(tree.xigu)).content.decode()
    assert "光伏电站收益分配" not in other
    assert "低保申请审批" in other  # same county catalog


def test_village_of_another_county_does_not_see_this_catalog(client, tree, lists):
    body = client.get(power_url(tree.pingershang)).content.decode()
    assert "低保申请审批" not in body
    assert "尚未公开" in body


def test_a_catalog_change_shows_on_every_village_at_once(client, tree, lists):
    item = lists["dibao"]
    step = item.steps.get(key="2")
    step.action = "村民委员会入户核查并组织民主评议"
    step.save()
    item.save_revision().publish()
    for village in (tree.awu_village, tree.xigu, tree.hadapu_village):
        body = client.get(power_url(village, "power/2/")).content.decode()
        assert "村民委员会入户核查并组织民主评议" in body, village.title
    # The village's own addition is untouched.
    assert "光伏电站收益分配" in client.get(power_url(tree.awu_village)).content.decode()


def test_item_page_has_flowchart_svg_and_ordered_steps(client, tree, lists):
    body = client.get(power_url(tree.awu_village, "power/1/")).content.decode()
    assert "<svg" in body and "党员大会审议" in body
    svg = body[body.index("<svg") : body.index("</svg>")]
    for text in ("开始", "党支部提议", "村两委会议商议", "办结", "未获通过", "结束"):
        assert text in svg, text
    steps = body[body.index('<ol class="steps">') :]
    assert steps.index("党支部提议") < steps.index("村民代表会议决议")
    assert "时限" in steps


def test_unknown_item_number_is_404(client, tree, lists):
    assert client.get(power_url(tree.awu_village, "power/99/")).status_code == 404


def test_risk_list_gathers_every_item_and_filters(client, tree, lists):
    url = power_url(tree.awu_village, "risks/")
    body = client.get(url).content.decode()
    for text in ("程序不到位，少数人说了算", "人情保、关系保", "公示时间不足", "收益挪用"):
        assert text in body
    high = client.get(url, {"level": "high"}).content.decode()
    assert "人情保、关系保" in high and "公示时间不足" not in high and "收益挪用" not in high
    welfare = client.get(url, {"category": "welfare"}).content.decode()
    assert "人情保、关系保" in welfare and "程序不到位" not in welfare
    bogus = client.get(url, {"level": "<script>"})
    assert bogus.status_code == 200 and "收益挪用" in bogus.content.decode()


def test_responsibility_list_maps_offices_to_people_and_items(client, tree, lists):
    OfficeDuty.objects.create(
        catalog=lists["catalog"],
        office=factories.office("secretary"),
        duties="主持村党组织全面工作\n落实四议两公开",
        accountability="违反程序擅自决策",
    )
    body = client.get(power_url(tree.awu_village, "responsibilities/")).content.decode()
    assert "王某某" in body and "一肩挑" in body
    assert "落实四议两公开" in body and "违反程序擅自决策" in body
    section = body[body.index("村党组织书记") :]
    assert "村级重大事项决策（四议两公开）" in section.split("</section>")[0]


@pytest.mark.parametrize("suffix", ["power/", "risks/", "responsibilities/"])
def test_list_pages_take_the_same_queries_for_10_and_60_items(client, tree, suffix):
    catalog = factories.catalog(tree.tanchang)
    for n in range(1, 11):
        factories.power_item(catalog, str(n), f"事项{n}", risks=[{"description": f"风险{n}"}])
    ten = render_queries(client, power_url(tree.awu_village, suffix))
    for n in range(11, 61):
        factories.power_item(
            catalog,
            str(n),
            f"事项{n}",
            category_code="finance" if n % 2 else "welfare",
            steps=[
                {"actor": "村会计", "action": "记账", "office": "accountant"},
                {"actor": "村两委", "action": "审核", "office": "secretary"},
            ],
            risks=[{"description": f"风险{n}"}],
        )
    assert PowerItemPage.objects.count() == 60
    assert render_queries(client, power_url(tree.awu_village, suffix)) == ten


def test_json_endpoint_returns_the_lists(client, tree, lists):
    response = client.get(f"/api/v1/villages/{tree.awu_village.division_code}/lists/")
    assert response.status_code == 200
    data = response.json()
    assert data["village"]["name"] == "阿坞村"
    numbers = [i["number"] for i in data["power_list"]]
    assert numbers == ["1", "村1", "2"]  # by category: 重大事项决策, 集体资产资源, 惠民政策
    decision = data["power_list"][0]
    assert decision["steps"][0]["action"] == "党支部提议"
    assert decision["steps"][2]["branch"] == {"condition": "未获通过", "target": "end"}
    assert data["power_list"][1]["village_addition"] is True
    assert {r["description"] for r in data["risk_list"]} >= {"人情保、关系保", "收益挪用"}
    assert client.get("/api/v1/villages/000000000000/lists/").status_code == 404


def test_item_page_in_english_labels_the_category_as_such(client, tree, lists):
    body = client.get("/en" + power_url(tree.awu_village, "power/1/")).content.decode()
    assert "Category" in body and "Flowchart" in body and "Start" in body
