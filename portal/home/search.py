"""Site search that understands Chinese.

The databases' full-text parsers do not split Chinese (SQLite FTS and PostgreSQL's parsers treat
"低保申请审批流程" as one word, so 低保 finds nothing). Instead:

- every power item keeps its searchable text in one column (`PowerItemPage.search_text`), so a
  substring match finds any two-character word (低保, 宅基, 公章) on SQLite and PostgreSQL alike;
- a query is segmented with jieba (offline dictionary) so that a phrase whose words are not adjacent
  in the text ("低保审批" against "低保申请审批") still matches: every word must occur;
- results are ranked in Python: the item whose *name* holds the query comes before one that only
  mentions it in its steps or risks.

Each county publishes its own catalog of the same standard items, so one standard item matches
once per county. Site-wide, the items of different catalogs with the same number and title are one
result naming the places that publish it, and the visitor picks their village (county → township
→ village, plain links) to reach that village's own copy (docs/architecture.md "Chinese search").

At national scale PostgreSQL's pg_trgm GIN index on search_text makes the same LIKE fast.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_

import jieba
from django.db.models import Q
from django.utils.translation import get_language

from disclosures.models import DisclosurePage, PowerCatalogPage, PowerItemPage
from disclosures.services.lists import catalog_for, village_scope
from disclosures.services.village_copies import TownshipCopies, village_copies
from portal.base.visibility import public_pages
from villages.models import AREA_MODELS, CountyPage, TownshipPage, VillagePage

jieba.setLogLevel(logging.WARNING)

MAX_RESULTS = 50
MAX_CANDIDATES = 1000
PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)
STEPLEN = PowerItemPage.steplen
# What the chooser accepts in the query string: a page id, a county (6) or township (9) code.
ITEM_ID = re.compile(r"[0-9]{1,12}")
AREA_CODE = re.compile(r"[0-9]{6}(?:[0-9]{3})?")


@dataclass
class Place:
    """A county or township whose catalog holds an item, with the item as published there."""

    page: CountyPage | TownshipPage
    name: str
    item: PowerItemPage


@dataclass
class SearchResult:
    title: str
    url: str
    kind: str
    context: str
    score: float = 0.0
    # A standard item published by several places: pick one (village chooser, see choose_village).
    places: list[Place] = field(default_factory=list)
    item_id: int | None = None

    @property
    def counties_only(self) -> bool:
        return all(isinstance(place.page, CountyPage) for place in self.places)


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


def indexed_words(words: list[str]) -> list[str]:
    """The words a trigram index can find (three characters or more), less any word inside
    another one (村务 in 村务公开: requiring both is requiring 村务公开). A two-character word
    has no trigram: matching it means reading every row of a large table."""
    return [
        w for w in words if len(w) >= 3 and not any(w != other and w in other for other in words)
    ]


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
        pages = public_pages(
            model.objects.filter(Q(title__icontains=phrase) | Q(name_en__icontains=phrase))
        ).order_by("path")[:MAX_RESULTS]
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


def same_item_key(item: PowerItemPage) -> tuple[str, str]:
    """Two catalog items are "the same item" when number and title agree: the counties copy the
    city's standard catalog, so its items keep number and name (docs/architecture.md)."""
    return item.number, item.title


def catalog_items(items: list[PowerItemPage]) -> dict[str, PowerCatalogPage]:
    """The catalogs that hold `items` (one query), by path; items missing from it are village
    additions."""
    paths = {item.path[:-STEPLEN] for item in items}
    return {c.path: c for c in PowerCatalogPage.objects.filter(path__in=paths)} if paths else {}


def places_of(items: list[PowerItemPage]) -> dict[str, Place]:
    """The county or township publishing each catalog item, by catalog path (two queries
    whatever the number of catalogs). A township is named with its county (宕昌县阿坞镇)."""
    owner_paths = {item.path[: -2 * STEPLEN] for item in items}
    if not owner_paths:
        return {}
    counties = {
        c.path: c
        for c in public_pages(
            CountyPage.objects.filter(path__in=owner_paths | {p[:-STEPLEN] for p in owner_paths})
        )
    }
    townships = {t.path: t for t in public_pages(TownshipPage.objects.filter(path__in=owner_paths))}
    is_chinese = not (get_language() or "").startswith("en")
    places = {}
    for item in items:
        owner_path = item.path[: -2 * STEPLEN]
        if owner_path in counties:
            page = counties[owner_path]
            name = page.display_name
        elif owner_path in townships:
            page = townships[owner_path]
            county = counties.get(owner_path[:-STEPLEN])
            names = [county.display_name] if county else []
            # 宕昌县阿坞镇 in Chinese; "Tanchang County, Awu Town" in English.
            name = ("" if is_chinese else ", ").join([*names, page.display_name])
        else:  # not live: nobody can reach it there
            continue
        places.setdefault(item.path[:-STEPLEN], Place(page, name, item))
    return places


def search_items(phrase: str, words: list[str], village=None) -> list[SearchResult]:
    items = public_pages(PowerItemPage.objects).select_related("category")
    if village is not None:
        items = items.filter(village_scope(village, catalog_for(village)))
    items = items.filter(text_filter("search_text", phrase, words)).order_by("path")
    items = list(items[:MAX_CANDIDATES])
    kind = str(PowerItemPage._meta.verbose_name)
    if village is not None:
        return [
            SearchResult(
                title=f"{item.number}. {item.title}",
                url=village.url + village.reverse_subpage("power_item", args=[item.number]),
                kind=kind,
                context=f"{village.title} · {item.category.name}",
                score=score(item.title, item.search_text, phrase, words),
            )
            for item in items
        ]
    return group_site_wide(items, phrase, words)


def group_site_wide(items: list[PowerItemPage], phrase: str, words: list[str]):
    """One result per standard item (however many catalogs publish it) and one per village
    addition. Four queries whatever the number of items and catalogs."""
    catalogs = catalog_items(items)
    in_catalogs = [item for item in items if item.path[:-STEPLEN] in catalogs]
    places = places_of(in_catalogs)
    additions = [item for item in items if item.path[:-STEPLEN] not in catalogs]
    villages = {
        v.path: v
        for v in public_pages(
            VillagePage.objects.filter(path__in={i.path[:-STEPLEN] for i in additions})
        )
    }
    kind = str(PowerItemPage._meta.verbose_name)
    results = []
    groups: dict[tuple[str, str], list[PowerItemPage]] = {}
    for item in in_catalogs:
        groups.setdefault(same_item_key(item), []).append(item)
    for group in groups.values():
        first = group[0]
        group_places = [places[i.path[:-STEPLEN]] for i in group if i.path[:-STEPLEN] in places]
        result = SearchResult(
            title=f"{first.number}. {first.title}",
            url=first.url,
            kind=kind,
            context=first.category.name,
            score=max(score(i.title, i.search_text, phrase, words) for i in group),
        )
        if len(group_places) > 1:
            result.places, result.item_id = group_places, first.pk
        elif group_places:
            result.context = f"{group_places[0].name} · {first.category.name}"
        results.append(result)
    for item in additions:
        village = villages.get(item.path[:-STEPLEN])
        if village is None:
            continue
        results.append(
            SearchResult(
                title=f"{item.number}. {item.title}",
                url=village.url + village.reverse_subpage("power_item", args=[item.number]),
                kind=kind,
                context=f"{village.display_name} · {item.category.name}",
                score=score(item.title, item.search_text, phrase, words),
            )
        )
    return results


DISCLOSURE_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "kind",
    "summary",
    "body",
    "period_type",
    "period_start",
    "event_date",
)


def search_disclosures(phrase: str, words: list[str], village=None) -> list[SearchResult]:
    """Public village affairs disclosures whose title, 说明 or 正文 hold the query (issue 10).
    Only the page's own text is searched, never a table's rows: a result never shows a number
    of a person (the page text is checked for full ID, card and mobile numbers on saving).

    A province publishes a quarter of a million disclosures and a common word (党务公开, 低保)
    is in half of them, so no search sorts every match: it reads the newest matches in the
    order of an index (`disclosure_newest`) and stops at `MAX_RESULTS`: first for pages whose
    title holds the whole query, then whose title holds its words, then whose 说明 or 正文 do.
    A title match always scores above a text-only one, so at most `MAX_RESULTS` of each can
    reach the page of results
    (docs/benchmarks.md "Part 9: province scale")."""
    pages = public_pages(DisclosurePage.objects)
    if village is not None:
        pages = pages.child_of(village)
    pages = pages.only(*DISCLOSURE_FIELDS).order_by("-period_start", "-page_ptr")
    # Word by word only for words of three characters or more: 低保 and 审批 apart would have
    # PostgreSQL read every disclosure; the phrase itself is always searched.
    long_words = indexed_words(words)
    in_text = text_filter("summary", phrase, long_words) | text_filter("body", phrase, long_words)
    # Titles holding the whole phrase first: they score highest, and a common word of the query
    # (2024) must not fill the results with newer pages before an exact title is read.
    found = list(pages.filter(title__icontains=phrase)[:MAX_RESULTS])
    seen = {page.pk for page in found}
    if long_words and len(found) < MAX_RESULTS:
        in_title = reduce(and_, (Q(title__icontains=w) for w in long_words))
        found += [
            page
            for page in pages.filter(in_title)[: MAX_RESULTS + len(found)]
            if page.pk not in seen
        ][: MAX_RESULTS - len(found)]
        seen = {page.pk for page in found}
    found += [
        page for page in pages.filter(in_text)[: MAX_RESULTS + len(found)] if page.pk not in seen
    ][:MAX_RESULTS]
    short_words = [w for w in words if w not in long_words]
    if len(found) < MAX_RESULTS and len(words) > 1 and short_words:
        # Two-character words apart (耕地 … 补贴) only in the short 说明, and only when the
        # indexed search found few: no index serves them, so this reads every disclosure's 说明.
        # Chinese has no case: a word without letters is matched as is, which spares
        # PostgreSQL an UPPER() of every row.
        seen = {page.pk for page in found}
        in_summary = reduce(
            and_,
            (
                Q(summary__contains=w) if w.upper() == w.lower() else Q(summary__icontains=w)
                for w in words
            ),
        )
        found += [page for page in pages.filter(in_summary)[:MAX_RESULTS] if page.pk not in seen]
    villages = {
        v.path: v for v in VillagePage.objects.filter(path__in={p.path[:-STEPLEN] for p in found})
    }
    kind = str(DisclosurePage._meta.verbose_name)
    results = []
    for page in found:
        owner = villages.get(page.path[:-STEPLEN])
        context = f"{page.get_kind_display()} · {page.period_label}"
        results.append(
            SearchResult(
                title=page.title,
                url=page.url,
                kind=kind,
                context=f"{owner.display_name} · {context}" if owner else context,
                score=score(page.title, f"{page.summary} {page.body}", phrase, words),
            )
        )
    return results


def search_portal(query: str, village=None) -> list[SearchResult]:
    phrase, words = query_terms(query)
    if not phrase:
        return []
    results = (
        search_areas(phrase)
        + search_items(phrase, words, village)
        + search_disclosures(phrase, words, village)
    )
    results.sort(key=lambda r: -r.score)
    return results[:MAX_RESULTS]


# --- choose your village ------------------------------------------------------------------------


@dataclass
class VillageChooser:
    """One step of "where do you live?" for a standard item: the places that publish it, then
    (an area chosen) the townships of a county or the villages of a township that show it."""

    item: PowerItemPage
    places: list[Place]
    area: CountyPage | TownshipPage | None = None
    place: Place | None = None  # the place whose catalog covers the chosen area, if one does
    county: Place | None = None  # a chosen township's county, when that county publishes it
    townships: list[TownshipCopies] = field(default_factory=list)

    @property
    def is_township(self) -> bool:
        return isinstance(self.area, TownshipPage)


def choose_village(item_id: str, area_code: str = "") -> VillageChooser | None:
    """The chooser for the item with page id `item_id` (any copy of the standard item) within the
    county or township `area_code`, or None if there is no such public catalog item. Eight
    queries at most, whatever the number of catalogs and villages."""
    if not ITEM_ID.fullmatch(item_id or ""):
        return None
    area_code = area_code if AREA_CODE.fullmatch(area_code or "") else ""
    item = public_pages(PowerItemPage.objects).filter(pk=int(item_id)).first()
    if item is None:
        return None
    number, title = same_item_key(item)
    group = list(
        public_pages(PowerItemPage.objects)
        .filter(number=number, title=title)
        .defer("search_text")
        .order_by("path")
    )
    catalogs = catalog_items(group)
    places = list(places_of([i for i in group if i.path[:-STEPLEN] in catalogs]).values())
    if not places:
        return None
    chooser = VillageChooser(item=places[0].item, places=places)
    if not area_code:
        return chooser
    area_model = CountyPage if len(area_code) == 6 else TownshipPage
    chooser.area = public_pages(area_model.objects).filter(division_code=area_code).first()
    if chooser.area is None:
        return chooser
    # The catalog that covers the area: the township's own if it has one, else the county's.
    covering = [p for p in places if chooser.area.path.startswith(p.page.path)]
    chooser.place = max(covering, key=lambda p: len(p.page.path), default=None)
    if isinstance(chooser.area, TownshipPage):
        county_path = chooser.area.path[:-STEPLEN]
        chooser.county = next((p for p in places if p.page.path == county_path), None)
    chooser.townships = village_copies(
        number, owner_paths=[p.page.path for p in places], within_path=chooser.area.path
    )
    return chooser
