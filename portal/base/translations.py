"""Translated strings looked up once per process and language.

The interface's source strings are Chinese, so in Chinese (the default language) nearly every
`{% translate %}` is a miss: Django's zh-hans translation object looks the string up in each of
its ~20 merged catalogs (one per distinct plural formula) and then in a chain of ~11 fallback
catalogs (other zh locale directories of the installed apps), twice each. That was about 50 µs
a string on the bench machine, 40-60 strings a page: 2-3 ms of a village page (profiled in
Part 9, docs/benchmarks.md "Uncached pages, second pass").

`remember_lookups` keeps each answer on the translation object itself: the object is built once
per language and never changes afterwards (Django builds new ones when the settings that shape
them change), so the answer is exactly what the lookup would return. Only `gettext` (what
`translate`, `gettext`, `gettext_lazy` and `pgettext` use) is remembered, for at most
MAX_STRINGS strings per language.
"""

from __future__ import annotations

from django.utils.translation import trans_real

MAX_STRINGS = 20000
_MEMO = "_portal_gettext_memo"


def remember_lookups() -> None:
    cls = trans_real.DjangoTranslation
    if getattr(cls.gettext, "_portal_remembers", False):
        return
    lookup = cls.gettext

    def gettext(self, message):
        memo = self.__dict__.get(_MEMO)
        if memo is None:
            memo = self.__dict__[_MEMO] = {}
        try:
            return memo[message]
        except (KeyError, TypeError):
            result = lookup(self, message)
            if len(memo) < MAX_STRINGS and isinstance(message, str):
                memo[message] = result
            return result

    gettext._portal_remembers = True
    cls.gettext = gettext
