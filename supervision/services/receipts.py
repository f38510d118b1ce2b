"""Receipt codes and PINs (回执码、查询密码): what a resident takes home to follow a case.

A code is 12 characters from 32 that cannot be confused when read aloud or copied by hand (no
0/O, no 1/I), so 60 random bits: unguessable, and rate limits on /track/ make trying codes
pointless. It is shown grouped as ABCD-EFGH-JKLM. The 6-digit PIN is stored only as a keyed
digest (IDENTITY_HASH_KEY), so a copy of the database does not reveal it either.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12
GROUP = 4
PIN_LENGTH = 6

_SEPARATORS = re.compile(r"[\s\-－—_·.]+")


def new_receipt_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def format_code(code: str) -> str:
    """ABCDEFGHJKLM → ABCD-EFGH-JKLM, for reading aloud and printing."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize_code(typed: str) -> str | None:
    """What a resident typed → the stored code, or None if it cannot be one. Spaces, dashes and
    lower case are forgiven; full-width letters and digits too (a Chinese keyboard gives them)."""
    if not typed:
        return None
    text = typed.strip()[:40]
    # Full-width ASCII (Ａ-Ｚ, ０-９) → half-width.
    text = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)
    code = _SEPARATORS.sub("", text).upper()
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def normalize_pin(typed: str) -> str | None:
    if not typed:
        return None
    text = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in typed.strip())
    text = _SEPARATORS.sub("", text)
    if len(text) != PIN_LENGTH or not text.isdigit():
        return None
    return text


def pin_digest(code: str, pin: str) -> str:
    key = settings.IDENTITY_HASH_KEY.encode()
    return hmac.new(key, f"receipt-pin:{code}:{pin}".encode(), hashlib.sha256).hexdigest()


def pin_matches(code: str, pin: str, digest: str) -> bool:
    return hmac.compare_digest(pin_digest(code, pin), digest)
