"""Uploaded import files kept between the upload, the preview and the confirm.

Each upload gets a folder ``VAR_DIR/imports/<token>/`` holding the files and a ``meta.json``
that names their owner and catalog; loading checks both, so a token alone opens nothing. Files
are copied chunk by chunk, never read whole into memory. ``expire`` removes folders older than a
day (the ``cleanup_imports`` command and every new upload call it).
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,40}$")
META = "meta.json"
DEFAULT_MAX_AGE_S = 24 * 3600


class StagedUploadMissing(Exception):
    """No staged upload under this token (never was, or expired)."""


def root() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def _folder(token: str) -> Path:
    if not TOKEN_RE.match(token or ""):
        raise StagedUploadMissing(token)
    return root() / token


def save(user_id: int, catalog_id: int, files: dict) -> str:
    """``files`` maps a key ("xlsx", "items"...) to a Django UploadedFile or (name, bytes)."""
    token = secrets.token_urlsafe(16)
    folder = _folder(token)
    folder.mkdir(parents=True)
    names = {}
    for key, upload in files.items():
        with open(folder / key, "wb") as out:
            if isinstance(upload, tuple):
                names[key] = upload[0]
                out.write(upload[1])
            else:
                names[key] = upload.name
                for chunk in upload.chunks():
                    out.write(chunk)
    meta = {"names": names, "user": user_id, "catalog": catalog_id}
    (folder / META).write_text(json.dumps(meta), encoding="utf-8")
    return token


def load(token: str, user_id: int, catalog_id: int) -> dict[str, tuple[str, Path]]:
    """The staged files as (original name, path), for their owner and catalog only."""
    folder = _folder(token)
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StagedUploadMissing(token) from None
    if meta["user"] != user_id or meta["catalog"] != catalog_id:
        raise PermissionDenied
    return {key: (name, folder / key) for key, name in meta["names"].items()}


def discard(token: str) -> None:
    with contextlib.suppress(StagedUploadMissing):
        shutil.rmtree(_folder(token), ignore_errors=True)


def expire(max_age_s: float = DEFAULT_MAX_AGE_S, now: float | None = None) -> int:
    """Remove staged uploads older than ``max_age_s``; returns how many. Idempotent."""
    base = root()
    if not base.is_dir():
        return 0
    cutoff = (now or time.time()) - max_age_s
    removed = 0
    for folder in base.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
