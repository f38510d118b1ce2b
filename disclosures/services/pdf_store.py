"""Built PDFs, kept durably and keyed by what they print (docs/architecture.md "PDFs").

A booklet takes seconds to build, so a request never builds one: the task worker does
(disclosures/tasks.py) and files it here, under `pdfs/` in the `pdfs` storage if settings name
one (STORAGES["pdfs"]), else the default storage. A PDF's name is a digest of its *content
version*: the village, every public page it prints with its last publication time, the site's
base URL (printed in the QR code) and the print format. Never the Host a request used, never the
day. So the same content is built once, whichever address or port asked for it, and any change
(a publish, an unpublish, a new restriction) gives a new name.

Next to the PDFs each village keeps a pointer to its last good booklet with the pages it
printed; while a new version is being built, a request gets the last good one, but only if
every page in it is still public (a restriction or an unpublish never waits for a rebuild).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db.models import Q
from wagtail.models import Page

from portal.base.visibility import public_pages
from villages.models import VillagePage

from ..models import PowerCatalogPage, PowerItemPage
from . import lists, pdf

# Bump when the print templates or print.css change what a PDF looks like: every stored PDF is
# then rebuilt on its next request.
PRINT_FORMAT = 3


@dataclass(frozen=True)
class Version:
    digest: str
    pages: frozenset[int]  # the public pages printed (ids)


def storage():
    return storages["pdfs"] if "pdfs" in settings.STORAGES else default_storage


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


# --- booklets ---------------------------------------------------------------------------------


def booklet_version(village) -> Version:
    """The version of everything the village's booklet prints (two queries): the village and
    its ancestors (the place name), its own items and the public catalog with its items."""
    catalog = lists.public_catalog_for(village)
    steplen = village.steplen
    ancestors = [village.path[:i] for i in range(2 * steplen, len(village.path), steplen)]
    scope = Q(path__startswith=village.path) | Q(path__in=ancestors)
    if catalog is not None:
        scope |= Q(path__startswith=catalog.path)
    rows = list(
        public_pages(Page.objects.filter(scope), checked=village)
        .order_by("id")
        .values_list("id", "last_published_at")
    )
    digest = _digest(PRINT_FORMAT, village.pk, settings.WAGTAILADMIN_BASE_URL, rows)
    return Version(digest, frozenset(pk for pk, _ in rows))


def _booklet_dir(village_pk: int) -> str:
    return f"pdfs/booklets/{village_pk}/"


def _booklet_name(village_pk: int, digest: str) -> str:
    return f"{_booklet_dir(village_pk)}{digest}.pdf"


def _pointer_name(village_pk: int) -> str:
    return f"{_booklet_dir(village_pk)}latest.json"


def _read(name: str) -> bytes | None:
    try:
        with storage().open(name, "rb") as file:
            return file.read()
    except (FileNotFoundError, OSError):
        return None


def read_booklet(village, version: Version) -> bytes | None:
    """The stored booklet of exactly this version, or None."""
    return _read(_booklet_name(village.pk, version.digest))


def last_good_booklet(village, version: Version) -> bytes | None:
    """The last booklet built for the village, while its current version is being built; None
    if there is none, or if it prints a page that is no longer public."""
    raw = _read(_pointer_name(village.pk))
    if raw is None:
        return None
    try:
        pointer = json.loads(raw)
        printed = set(pointer["pages"])
        digest = str(pointer["digest"])
    except (ValueError, KeyError, TypeError):
        return None
    if not printed <= version.pages:
        return None
    return _read(_booklet_name(village.pk, digest))


def has_booklet(village) -> bool:
    return storage().exists(_pointer_name(village.pk))


def refresh_booklet(village) -> str:
    """Build and file the village's booklet unless its current version is already filed; point
    "last good" at it and remove older versions. Returns the version's digest. Runs in the task
    worker (disclosures/tasks.py)."""
    version = booklet_version(village)
    name = _booklet_name(village.pk, version.digest)
    files = storage()
    if not files.exists(name):
        files.save(name, ContentFile(pdf.render_booklet(village)))
    pointer = _pointer_name(village.pk)
    files.delete(pointer)
    payload = {"digest": version.digest, "pages": sorted(version.pages)}
    files.save(pointer, ContentFile(json.dumps(payload).encode()))
    _remove_other_pdfs(_booklet_dir(village.pk), keep=name)
    return version.digest


def _remove_other_pdfs(directory: str, keep: str) -> None:
    files = storage()
    try:
        _, names = files.listdir(directory)
    except (FileNotFoundError, OSError):
        return
    for filename in names:
        if filename.endswith(".pdf") and directory + filename != keep:
            files.delete(directory + filename)


def villages_printing(page: Page) -> list:
    """The live villages whose booklet prints `page` (or lies under it), in two queries: the
    village itself for a village or its own item; for a catalog or a catalog item, the villages
    reading that catalog (not those under a township with its own); for any other page (a
    township renamed, a restriction set on a county), every village below it."""
    root, catalog = page.specific, None
    while isinstance(root, PowerItemPage | PowerCatalogPage):
        if isinstance(root, PowerCatalogPage):
            catalog = root
        root = root.get_parent().specific
    villages = list(VillagePage.objects.live().filter(path__startswith=root.path))
    if catalog is None:
        return villages
    # A catalog deeper than this one (a township's, under a county catalog) takes its villages.
    deeper = PowerCatalogPage.objects.live().filter(
        path__startswith=root.path, depth__gt=catalog.depth
    )
    taken = [path[: -catalog.steplen] for path in deeper.values_list("path", flat=True)]
    return [v for v in villages if not v.path.startswith(tuple(taken))] if taken else villages


# --- one-page item sheets ---------------------------------------------------------------------


def item_version(village, item) -> str:
    """What an item sheet prints: the item, the village (its name and station phone) and the
    site's base URL. No query: both are loaded and checked public by the caller."""
    return _digest(
        PRINT_FORMAT,
        village.pk,
        village.last_published_at,
        item.pk,
        item.last_published_at,
        settings.WAGTAILADMIN_BASE_URL,
    )


def _item_dir(village_pk: int, item_pk: int) -> str:
    return f"pdfs/items/{village_pk}/{item_pk}/"


def read_item_sheet(village, item) -> bytes | None:
    """The stored sheet of exactly this version, or None."""
    return _read(f"{_item_dir(village.pk, item.pk)}{item_version(village, item)}.pdf")


def last_good_item_sheet(village, item) -> bytes | None:
    """The sheet built for an earlier version of this item in this village, while the current
    one is being built. It prints only this item and this village, both checked public by the
    caller; None if there is none."""
    directory = _item_dir(village.pk, item.pk)
    try:
        _, files = storage().listdir(directory)
    except (FileNotFoundError, OSError):
        return None
    pdfs = sorted(f for f in files if f.endswith(".pdf"))
    return _read(directory + pdfs[-1]) if pdfs else None


def refresh_item_sheet(village, item) -> str:
    """Build and file the sheet of this version unless it is filed, and remove older versions.
    Runs in the task worker (disclosures/tasks.py)."""
    directory = _item_dir(village.pk, item.pk)
    name = f"{directory}{item_version(village, item)}.pdf"
    if not storage().exists(name):
        storage().save(name, ContentFile(pdf.render_item(village, item)))
    _remove_other_pdfs(directory, keep=name)
    return name


# --- village affairs disclosures (issue 10) ------------------------------------------------------

# Bump when the disclosure print template changes what its PDF looks like.
DISCLOSURE_FORMAT = 1


def disclosure_version(page) -> str:
    """What a disclosure's PDF prints: the page as last published (its table with it), the
    village (its name, station and hotline) and the site's base URL. No query: the page and
    its village are loaded and checked public by the caller."""
    village = page.get_parent()
    return _digest(
        DISCLOSURE_FORMAT,
        page.pk,
        page.last_published_at,
        page.live_revision_id,
        page.table_id,
        village.pk,
        village.last_published_at,
        settings.WAGTAILADMIN_BASE_URL,
    )


def _disclosure_dir(page_pk: int) -> str:
    return f"pdfs/disclosures/{page_pk}/"


def read_disclosure_pdf(page) -> bytes | None:
    """The stored PDF of exactly this version of the disclosure, or None."""
    return _read(f"{_disclosure_dir(page.pk)}{disclosure_version(page)}.pdf")


def refresh_disclosure_pdf(page) -> str:
    """Build and file the disclosure's PDF unless this version is filed; remove older ones (an
    older version may print what a correction took back, so it is never served)."""
    directory = _disclosure_dir(page.pk)
    name = f"{directory}{disclosure_version(page)}.pdf"
    if not storage().exists(name):
        storage().save(name, ContentFile(pdf.render_disclosure(page)))
    _remove_other_pdfs(directory, keep=name)
    return name
