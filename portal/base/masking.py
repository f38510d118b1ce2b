"""De-identification for anything shown in public.

docs/domain.md "Village affairs disclosure": never a full ID number, bank card or mobile
number; names masked as 张*明 / 李*.
One module so the page, the PDF and the export agree."""

from __future__ import annotations

import re

# How people really write the numbers (an export, a form typed on a phone, a scanned sheet
# retyped): full-width digits (１３８), a full-width or lowercase x, spaces or hyphens between
# groups, a +86 in front of a mobile. The patterns match a copy of the text with those
# characters folded to ASCII one for one, so every match maps back onto the original's positions.
_FOLD = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {"Ｘ": "X", "ｘ": "x", "\u3000": " ", "－": "-", "＋": "+"}
)
# 18 characters, in one run or grouped 6-8-4 or 6-4-4-4 with single spaces or hyphens, the
# check character perhaps set apart (620102 1990 0101 123 X).
ID_NUMBER_RE = re.compile(
    r"(?<![0-9Xx])\d{6}[ -]?\d{4}[ -]?\d{4}[ -]?\d{3}[ -]?[\dXx](?![0-9Xx])", re.ASCII
)
# 16-19 digits in one run, or in groups of four with single spaces or hyphens
# (6228 4804 0256 4890 018, 6228-4804-0256-4890-018).
BANK_CARD_RE = re.compile(
    r"(?<!\d)(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?)(?!\d)", re.ASCII
)
# A mainland mobile, 3-4-4 with optional spaces or hyphens, with or without +86 / 86.
MOBILE_RE = re.compile(r"(?<![\d+])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)", re.ASCII)


def _mask(pattern: re.Pattern, value, render) -> str:
    """Replace each match of `pattern` (found in the folded copy) by `render(its digits)`."""
    if not value:
        return ""
    text = str(value)
    folded = text.translate(_FOLD)
    parts, last = [], 0
    for match in pattern.finditer(folded):
        digits = re.sub(r"[^0-9Xx]", "", match.group(0)).upper()
        parts += [text[last : match.start()], render(digits)]
        last = match.end()
    return "".join([*parts, text[last:]])


def mask_phone(value: str | None) -> str:
    """138****1234 for a mobile, however written; a landline (a public office number) is left
    as it is."""
    return _mask(MOBILE_RE, value, lambda d: f"{d[-11:-8]}****{d[-4:]}")


def mask_id_number(value: str | None) -> str:
    """620000********123X: keep region (6) and the last four."""
    return _mask(ID_NUMBER_RE, value, lambda d: f"{d[:6]}{'*' * 8}{d[-4:]}")


def mask_bank_card(value: str | None) -> str:
    return _mask(BANK_CARD_RE, value, lambda d: f"{d[:4]}{'*' * (len(d) - 8)}{d[-4:]}")


def mask_name(value: str | None) -> str:
    """张三 → 张*, 张三明 → 张*明, 欧阳小明 → 欧**明."""
    if not value:
        return ""
    name = str(value).strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_text(value: str | None) -> str:
    """Mask every ID number, bank card and mobile number found in free text (ID first: it is the
    longest pattern and contains runs that look like the others)."""
    if not value:
        return ""
    return mask_phone(mask_bank_card(mask_id_number(str(value))))
