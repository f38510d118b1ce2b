"""Key rotation for the reporter's identity (docs/security.md "Reporter identity").

django-fernet-encrypted-fields derives one Fernet key per (secret key, salt key) pair, from
SECRET_KEY then SECRET_KEY_FALLBACKS crossed with SALT_KEY (= IDENTITY_KEYS): the first pair
encrypts, every pair decrypts. `reencrypt()` rewrites every encrypted value of every model with
the first key and recomputes the complaints' identity hashes with the current
IDENTITY_HASH_KEY, batch by batch, one transaction per batch. It is idempotent: a value already
under the first key and a hash already right are left alone.

A value no key opens is never rewritten: the library would hand back the ciphertext as if it
were the text, and encrypting that again would bury the identity under two layers. Such values
are counted and named instead, so the operator can put the missing key back and run again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast
from encrypted_fields.fields import EncryptedFieldMixin, EncryptedJSONField

from ..models import Complaint
from .identity import identity_hashes

BATCH_SIZE = 500


@dataclass
class RotationReport:
    rows: int = 0  # rows holding at least one encrypted field
    values: int = 0  # non-empty encrypted values seen
    reencrypted: int = 0  # values rewritten under the first key
    current: int = 0  # values already under the first key
    hashes_updated: int = 0  # complaints whose identity hashes changed
    unreadable: list[tuple[str, int, str]] = field(default_factory=list)  # (model, pk, field)


def encrypted_fields() -> dict[type[models.Model], list[models.Field]]:
    """Every model's encrypted fields, across all installed apps."""
    found = {}
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]
        if fields:
            found[model] = fields
    return found


def forget_cached_keys() -> None:
    """The library derives its keys once per field (`cached_property`); after the settings
    change in this process (tests, a shell), drop them so they are derived again."""
    for fields in encrypted_fields().values():
        for f in fields:
            f.__dict__.pop("keys", None)
            f.__dict__.pop("f", None)


def reencrypt(batch_size: int = BATCH_SIZE, dry_run: bool = False) -> RotationReport:
    forget_cached_keys()
    report = RotationReport()
    for model, fields in encrypted_fields().items():
        for batch in _batches(model, batch_size):
            with transaction.atomic():
                _rotate_batch(model, fields, batch, report, dry_run)
    return report


def _batches(model, batch_size: int) -> Iterator[list[int]]:
    last = None
    while True:
        rows = model._base_manager.order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        batch = list(rows.values_list("pk", flat=True)[:batch_size])
        if not batch:
            return
        yield batch
        last = batch[-1]


def _open(f, token: str) -> tuple[object, bool]:
    """The plain value of a stored token and whether the first key sealed it (InvalidToken if no
    key opens it). An encrypted JSON field (a disclosure row's raw values) seals each value of
    its object separately: all must open, and it is current only if the first key sealed all."""
    first = Fernet(f.keys[0])
    if isinstance(f, EncryptedJSONField):
        data = json.loads(token)
        if isinstance(data, str):  # stored as a JSON string holding the JSON text
            data = json.loads(data)
        opened, current = {}, True
        for key, value in (data or {}).items():
            opened[key], sealed_by_first = _open_value(first, f, str(value))
            current = current and sealed_by_first
        return opened, current
    return _open_value(first, f, token)


def _open_value(first: Fernet, f, token: str) -> tuple[str, bool]:
    try:
        return first.decrypt(token.encode()).decode(), True
    except InvalidToken:
        return f.f.decrypt(token.encode()).decode(), False


def _rotate_batch(model, fields, pks, report: RotationReport, dry_run: bool) -> None:
    # The stored tokens as text (a Cast skips the field's own decrypting converter), locked
    # against a concurrent edit until this batch commits.
    raw_names = {f.attname: f"raw_{f.attname}" for f in fields}
    is_complaint = model is Complaint
    extra = ["real_name", "identity_hash", "id_number_hash"] if is_complaint else []
    rows = (
        model._base_manager.select_for_update()
        .filter(pk__in=pks)
        .annotate(**{raw: Cast(name, models.TextField()) for name, raw in raw_names.items()})
        .values("pk", *raw_names.values(), *extra)
        .order_by("pk")
    )
    for row in rows:
        report.rows += 1
        plain: dict[str, str | None] = {}
        rewrite: dict[str, str] = {}
        readable = True
        for f in fields:
            token = row[raw_names[f.attname]]
            if not token:
                plain[f.attname] = None
                continue
            report.values += 1
            try:
                plain[f.attname], current = _open(f, token)
            except InvalidToken:
                readable = False
                report.unreadable.append((str(model._meta.verbose_name), row["pk"], f.attname))
                continue
            if current:
                report.current += 1
                continue
            rewrite[f.attname] = plain[f.attname]
            report.reencrypted += 1
        changes: dict[str, object] = dict(rewrite)  # update() encrypts with the first key
        if is_complaint and readable:
            hashes = (
                identity_hashes(
                    plain["reporter_name"] or "",
                    plain["reporter_contact"] or "",
                    plain["reporter_id_number"] or "",
                )
                if row["real_name"]
                else ("", "")
            )
            if hashes != (row["identity_hash"], row["id_number_hash"]):
                changes["identity_hash"], changes["id_number_hash"] = hashes
                report.hashes_updated += 1
        if changes and not dry_run:
            model._base_manager.filter(pk=row["pk"]).update(**changes)
