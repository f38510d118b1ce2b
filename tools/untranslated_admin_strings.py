"""List the admin strings that the installed packages leave untranslated in Simplified Chinese.

Wagtail (and django-import-export, django-filter, Django) ship an English source catalog
(`locale/en/.../*.po`, every msgid) and a community zh_Hans catalog that lags behind. This script
compares the two, drops what the project's own catalog (`locale/zh_Hans/`) already translates,
and prints the rest as a .po fragment with empty msgstr, ready to translate and append:

    .venv/bin/python tools/untranslated_admin_strings.py            # django domain
    .venv/bin/python tools/untranslated_admin_strings.py djangojs   # Wagtail's admin JavaScript

Run it after upgrading Wagtail; tests/portal/test_admin_chinese.py fails on what it misses.
Django gives LOCALE_PATHS precedence over app catalogs (docs/architecture.md "Languages").
"""

from __future__ import annotations

import ast
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import wagtail

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(wagtail.__file__).resolve().parent.parent  # site-packages
PROJECT_CATALOG = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"

# (package dir, its catalog holding every msgid): the apps in INSTALLED_APPS whose strings reach
# the admin. django-import-export ships no English catalog (its zh_Hans one lists every msgid).
# django-filter ships zh_CN, which Django never looks up for zh-hans, so all its strings are
# listed, with the zh_CN translation filled in as a start.
PACKAGES = [
    ("wagtail/admin", "en"),
    ("wagtail", "en"),
    ("wagtail/snippets", "en"),
    ("wagtail/users", "en"),
    ("wagtail/documents", "en"),
    ("wagtail/images", "en"),
    ("wagtail/search", "en"),
    ("wagtail/sites", "en"),
    ("wagtail/embeds", "en"),
    ("wagtail/contrib/forms", "en"),
    ("wagtail/contrib/redirects", "en"),
    ("wagtail/contrib/settings", "en"),
    ("import_export", "zh_Hans"),
    ("django_filters", "zh_CN"),
    ("django/conf", "en"),
    ("django/contrib/auth", "en"),
]


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return "fuzzy" not in self.flags and bool(self.msgstr) and all(self.msgstr.values())


def parse_po(path: Path) -> list[Entry]:
    """A minimal .po reader: enough for gettext's own output (no obsolete entries)."""
    entries: list[Entry] = []
    entry = Entry()
    current: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, current
        if current is not None:
            entries.append(entry)
        entry, current = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if current is not None and current[0].startswith("msgstr"):
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if current is not None and current[0].startswith("msgstr"):
                finish()
            entry.comments.append(raw)
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            name, index = current
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, (getattr(entry, name) or "") + value)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword == "msgctxt" and current is not None and current[0] == "msgstr":
                finish()
            value = ast.literal_eval(rest)
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if "[" in keyword else 0
                entry.msgstr[index] = value
                current = ("msgstr", index)
            else:
                setattr(entry, keyword, value)
                current = (keyword, 0)
    finish()
    return [e for e in entries if e.msgid]


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def runtime_catalog(domain: str):
    """What Django itself would use for zh-hans: every app's catalog merged (fuzzy and empty
    entries are never compiled), so a msgid translated by any installed app counts."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.utils.translation.trans_real import DjangoTranslation

    if domain == "django":
        return DjangoTranslation("zh-hans")._catalog
    admin_locale = str(SITE / "wagtail" / "admin" / "locale")  # Wagtail's JavaScriptCatalog
    return DjangoTranslation("zh-hans", domain=domain, localedirs=[admin_locale])._catalog


def catalog_key(entry: Entry) -> str | tuple[str, int]:
    msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    return msgid if entry.msgid_plural is None else (msgid, 0)


def missing(domain: str) -> list[tuple[str, Entry]]:
    catalog = runtime_catalog(domain)
    done: set[tuple[str | None, str]] = set()
    own = PROJECT_CATALOG / f"{domain}.po"
    if own.exists():  # translated here but not compiled yet
        done = {e.key for e in parse_po(own) if e.translated}
    found: list[tuple[str, Entry]] = []
    for package, source_dir in PACKAGES:
        source = SITE / package / "locale" / source_dir / "LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            continue
        for entry in parse_po(source):
            if entry.key in done or catalog.get(catalog_key(entry)):
                continue
            done.add(entry.key)
            found.append((package, entry))
    return found


def main(domain: str = "django") -> None:
    out = sys.stdout
    for package, entry in missing(domain):
        out.write(f"# {package}\n")
        for comment in entry.comments:
            if comment.startswith(("#.", "#:")):
                out.write(comment + "\n")
        flags = sorted(f for f in entry.flags if f and f != "fuzzy")
        if flags:
            out.write("#, " + ", ".join(flags) + "\n")
        suggested = entry.msgstr if entry.translated else {}
        if entry.msgctxt is not None:
            out.write(f"msgctxt {quote(entry.msgctxt)}\n")
        out.write(f"msgid {quote(entry.msgid)}\n")
        if entry.msgid_plural is not None:
            out.write(f"msgid_plural {quote(entry.msgid_plural)}\n")
            out.write(f"msgstr[0] {quote(suggested.get(0, ''))}\n\n")
        else:
            out.write(f"msgstr {quote(suggested.get(0, ''))}\n\n")


if __name__ == "__main__":
    main(*sys.argv[1:2])
