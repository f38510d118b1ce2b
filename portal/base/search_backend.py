"""Wagtail's database search backend, with Chinese queries split into words.

Set as `WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`. Wagtail calls this module's
`SearchBackend(params)`, which builds the database backend for the current database (SQLite FTS5,
PostgreSQL or the fallback, as `modelsearch.backends.database.SearchBackend` chooses) with
`search()` and `autocomplete()` splitting a plain query with jieba first, so that the admin's
page search (which calls `autocomplete`) for 低保 matches the word 低保 that
`portal.base.chinese_words.index_words` stored for "低保申请审批流程".
"""

from __future__ import annotations

from functools import cache

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import PlainText

from .chinese_words import query_words


def split_query(query):
    if isinstance(query, str):
        return query_words(query) or query
    if isinstance(query, PlainText):
        words = query_words(query.query_string)
        if words:
            return PlainText(words, operator=query.operator, boost=query.boost)
    return query


class ChineseQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(split_query(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return super().autocomplete(split_query(query), model_or_queryset, *args, **kwargs)


@cache
def _chinese(backend_class):
    return type(f"Chinese{backend_class.__name__}", (ChineseQueryMixin, backend_class), {})


# Wagtail looks up `SearchBackend` in a backend module.
def SearchBackend(params):
    backend = database_backend(params)
    backend.__class__ = _chinese(type(backend))
    return backend
