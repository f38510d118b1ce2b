"""De-identification for anything shown in public.

docs/domain.md "Village affairs disclosure": never a full ID number, bank card or mobile
number; names masked as 张*明 / 李*.
One module so the page, the PDF and the export agree."""

from __future__ import annotations

import re

MOBILE_RE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
ID_NUMBER_RE = re.compile(r"(?<![0-9Xx])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9Xx])")
BANK_CARD_RE = re.compile(r"(?<!\d)(\d{4})\d{8,11}(\d{4})(?!\d)")


def mask_phone(value: str | None) -> str:
    """138****1234 for a mobile; a landline (public office number) is left as it is."""
    if not value:
        return ""
    return MOBILE_RE.sub(r"\1****\2", str(value))


def mask_id_number(value: str | None) -> str:
    """620000********123X: keep region (6) and the last four."""
    if not value:
        return ""
    return ID_NUMBER_RE.sub(lambda m: f"{m.group(1)}{'*' * 8}{m.group(2)}", str(value))


def mask_bank_card(value: str | None) -> str:
    if not value:
        return ""
    return BANK_CARD_RE.sub(
        lambda m: f"{m.group(1)}{'*' * (len(m.group(0)) - 8)}{m.group(2)}", str(value)
    )


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
