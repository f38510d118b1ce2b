"""Chinese search: two-character words, phrases, ranking, and a village's own copy."""

import pytest
from django.core.cache import cache

from portal.home.search import query_terms
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """Search is rate limited per address; every test client is 127.0.0.1."""
    cache.clear()


@pytest.fixture
def items(tree):
    catalog = factories.catalog(tree.tanchang)
    return {
        "dibao": factories.power_item(
            catalog,
            "19",
            "最低生活保障申请审批",
            steps=[
                {"actor": "村民委员会", "action": "组织低保民主评议"},
                {"actor": "乡镇人民政府", "action": "审核确认"},
            ],
            risks=[{"description": "人情保、关系保"}],
        ),
        "dibao_named": factories.power_item(
            catalog,
            "20",
            "低保对象动态管理",
            steps=[{"actor": "村民委员会", "action": "定期复核"}],
        ),
        "homestead": factories.power_item(
            catalog,
            "30",
            "宅基地申请审批",
            category_code="homestead",
            steps=[{"actor": "申请人", "action": "提交宅基地申请"}],
        ),
        "seal": factories.power_item(
            catalog,
            "33",
            "村级印章使用管理",
            category_code="certificates",
            steps=[{"actor": "村文书", "action": "登记用印，加盖公章"}],
        ),
        "tender": factories.power_item(
            catalog,
            "13",
            "村级工程项目招投标",
            category_code="project",
            steps=[{"actor": "村两委", "action": "委托代理机构公开招标"}],
        ),
    }


def titles(client, q, **params):
    body = client.get("/search/", {"q": q, **params}).content.decode()
    return body


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("低保", "低保对象动态管理"),
        ("宅基", "宅基地申请审批"),
        ("公章", "村级印章使用管理"),
        ("招标", "村级工程项目招投标"),
    ],
)
def test_two_character_words_find_items(client, items, word, expected):
    assert expected in titles(client, word)


def test_the_item_named_by_the_word_ranks_above_one_that_only_mentions_it(client, items):
    body = titles(client, "低保")
    assert body.index("低保对象动态管理") < body.index("最低生活保障申请审批")


def test_a_phrase_whose_words_are_apart_in_the_text_still_matches(client, items):
    body = titles(client, "低保评议")  # text says 组织低保民主评议
    assert "最低生活保障申请审批" in body
    assert "宅基地申请审批" not in body


def test_nothing_found_for_unrelated_words(client, items):
    assert "找到 0 条" in titles(client, "火箭发射")


def test_results_link_to_the_villages_own_copy_when_a_village_is_chosen(client, tree, items):
    body = titles(client, "宅基", village=tree.awu_village.division_code)
    assert f'href="{tree.awu_village.url}power/30/"' in body
    # Another county's village has no such catalog: no item results there.
    other = titles(client, "宅基", village=tree.pingershang.division_code)
    assert "宅基地申请审批" not in other


def test_the_search_box_on_a_village_page_searches_that_village(client, tree, items):
    body = client.get(tree.awu_village.url).content.decode()
    assert f'name="village" value="{tree.awu_village.division_code}"' in body


def test_query_terms_segment_chinese():
    phrase, words = query_terms("低保 申请审批流程")
    assert phrase == "低保申请审批流程"
    assert {"低保", "申请", "审批", "流程"} <= set(words)
