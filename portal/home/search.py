"""Site search that understands Chinese.

The databases' full-text parsers do not split Chinese (SQLite FTS and PostgreSQL's parsers treat
"低保申请审批流程" as one word, so 低保 finds nothing). Instead:

- every power item keeps its searchable text in one column (`PowerItemPage.search_text`), so a
  substring match finds any two-character word (低保, 宅基, 公章) on SQLite and PostgreSQL alike;
- a query is segmented with jieba (offline dictionary) so that a phrase whose words are not adjacent
  in the text ("低保审批" against "低保申请审批") still matches: every word must occur;
- results are ranked in Python: the item whose *name* holds the query comes before one that only
  mentions it in its steps or risks.

At national scale PostgreSQL's pg_trgm GIN index on search_text makes the same LIKE fast.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import reduce
from operator import and_

import jieba
from django.db.models import Q

from disclosures.models import PowerCatalogPage, PowerItemPage
from disclosures.services.lists import catalog_for, village_scope
from villages.models import AREA_MODELS

jieba.setLogLevel(logging.WARNING)

MAX_RESULTS = 50
MAX_CANDIDATES = 1000
PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass
class SearchResult:
    title: str
    url: str
    kind: str
    context: str
    score: float = 0.0


def query_terms(query: str) -> tuple[str, list[str]]:
    """The phrase (query without spaces and punctuation) and its words of two or more characters."""
    phrase = PUNCTUATION.sub("", query)
    words = []
    for part in PUNCTUATION.split(query):
        if not part:
            continue
        for word in jieba.cut_for_search(part):
            word = word.strip()
            if len(word) >= 2 and word not in words:
                words.append(word)
    return phrase, words


def text_filter(field: str, phrase: str, words: list[str]) -> Q:
    condition = Q(**{f"{field}__icontains": phrase})
    if words:
        condition |= reduce(and_, (Q(**{f"{field}__icontains": w}) for w in words))
    return condition


def score(title: str, text: str, phrase: str, words: list[str]) -> float:
    points = 0.0
    if phrase and phrase in title:
        points += 100 + (50 if title.startswith(phrase) else 0)
    points += sum(20 for w in words if w in title)
    if phrase and phrase in text:
        points += 10
    points += sum(1 for w in words if w in text)
    return points - len(title) * 0.01  # shorter names first among equals


def search_areas(phrase: str) -> list[SearchResult]:
    results = []
    for model in AREA_MODELS:
        pages = (
            model.objects.live()
            .public()
            .filter(Q(title__icontains=phrase) | Q(name_en__icontains=phrase))
            .order_by("path")[:MAX_RESULTS]
        )
        for page in pages:
            results.append(
                SearchResult(
                    title=page.display_name,
                    url=page.url,
                    kind=str(model._meta.verbose_name),
                    context=page.division_code,
                    score=200 if page.title == phrase else 150 - len(page.title) * 0.01,
                )
            )
    return results


def search_items(phrase: str, words: list[str], village=None) -> list[SearchResult]:
    items = PowerItemPage.objects.live().public().select_related("category")
    if village is not None:
        items = items.filter(village_scope(village, catalog_for(village)))
    items = items.filter(text_filter("search_text", phrase, words))[:MAX_CANDIDATES]
    items = list(items)
    catalogs = {
        c.path: c
        for c in PowerCatalogPage.objects.filter(path__in={i.path[: -i.steplen] for i in items})
    }
    results = []
    for item in items:
        if village is not None:
            url = village.url + village.reverse_subpage("power_item", args=[item.number])
            context = f"{village.title} · {item.category.name}"
        else:
            url = item.url
            catalog = catalogs.get(item.path[: -item.steplen])
            context = f"{catalog.title if catalog else ''} · {item.category.name}"
        results.append(
            SearchResult(
                title=f"{item.number}. {item.title}",
                url=url,
                kind=str(PowerItemPage._meta.verbose_name),
                context=context,
                score=score(item.title, item.search_text, phrase, words),
            )
        )
    return results


def search_portal(query: str, village=None) -> list[SearchResult]:
    phrase, words = query_terms(query)
    if not phrase:
        return []
    results = search_areas(phrase) + search_items(phrase, words, village)
    results.sort(key=lambda r: -r.score)
    return results[:MAX_RESULTS]
