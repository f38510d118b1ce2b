"""Chinese words for the admin's search index and queries.

The database search backends (SQLite FTS5, PostgreSQL's text parser) split text at spaces and
punctuation only, so "低保申请审批流程" is one token and a search for 低保 finds nothing. Text
meant for the admin search is therefore stored pre-split into space-separated words with jieba
(`index_words`), and every query goes through the same splitting (`query_words`, used by
`portal/base/search_backend.py`). The public site search does its own matching
(`portal/home/search.py`).
"""

from __future__ import annotations

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)

SEPARATORS = re.compile(r"[\s\W_]+", re.UNICODE)


def _words(text: str, cut) -> list[str]:
    words: list[str] = []
    for part in SEPARATORS.split(text or ""):
        if part:
            words += [w for w in cut(part) if w.strip()]
    return words


def index_words(*texts: str, whole: bool = False) -> str:
    """Every word (jieba's search mode: 宅基地 gives 宅基, 基地, 宅基地) of `texts`, each once.

    `whole` keeps each text unsplit as well (people's names: 张某某 is cut into 张 and 某某)."""
    seen: dict[str, None] = {}
    for text in texts:
        if whole and text and text.strip():
            seen.setdefault(text.strip(), None)
        for word in _words(text, jieba.cut_for_search):
            seen.setdefault(word, None)
    return " ".join(seen)


def query_words(query: str) -> str:
    """A query as space-separated words (jieba's precise mode), to match `index_words`."""
    return " ".join(_words(query, jieba.cut))


def content_words(text: str) -> set[str]:
    """The words of `text` that carry meaning (two characters or more: drops 的, 了, 在), for
    comparing two texts (supervision's repeat detection)."""
    return {w for w in _words(text, jieba.cut) if len(w) >= 2}
