"""The reporter's identity (§47 reporter protection, docs/domain.md "Complaints and reports").

One place decides who may see a reporter's name and contact, reads them (decrypting), and logs
the look; one place normalises an identity and hashes it for repeat matching (Part 6) so that
"138 0000 1234", "+86 13800001234" and "13800001234" are the same person.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings

from villages.models import Role

from ..models import Complaint, IdentityAccess
from .access import can_view_case, role_of

# Roles that handle cases and so may know who reported (the petition office accepts and
# assigns, the township discipline committee handles, the city supervises). A station operator
# wrote the details down but sees only the public timeline afterwards; leaders, auditors and
# editors never see identity.
IDENTITY_ROLES = {Role.COUNTY_PETITION, Role.TOWNSHIP_DISCIPLINE, Role.CITY_DISCIPLINE}

_NON_DIGITS = re.compile(r"\D+")
_SPACES = re.compile(r"[\s·•.\u3000]+")


def normalize_phone(value: str) -> str:
    """Digits only, country code and trunk zero dropped: '+86 138-0000-1234' → '13800001234'."""
    digits = _NON_DIGITS.sub("", unicodedata.normalize("NFKC", value or ""))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def normalize_name(value: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", value or "")).lower()


def normalize_id_number(value: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", value or "")).upper()


def _keyed(kind: str, *parts: str) -> str:
    key = settings.IDENTITY_HASH_KEY.encode()
    return hmac.new(key, f"{kind}:{'|'.join(parts)}".encode(), hashlib.sha256).hexdigest()


def identity_hashes(name: str, contact: str = "", id_number: str = "") -> tuple[str, str]:
    """(name+phone hash, name+ID hash); empty where a part is missing."""
    name_n = normalize_name(name)
    if not name_n:
        return "", ""
    phone_n = normalize_phone(contact)
    id_n = normalize_id_number(id_number)
    return (
        _keyed("name-phone", name_n, phone_n) if phone_n else "",
        _keyed("name-id", name_n, id_n) if id_n else "",
    )


def role_sees_identity(user) -> bool:
    """Whether `user`'s role may know who reported, on the cases they may view (a list or an
    export already limited to `cases_for(user)` asks this once, not per case)."""
    if user.is_superuser:
        return False  # the system administrator runs the system, not the cases
    return role_of(user) in IDENTITY_ROLES


def can_see_identity(user, case: Complaint) -> bool:
    if not case.real_name or not can_view_case(user, case):
        return False
    return role_sees_identity(user)


def log_bulk_look(user, case_ids, context: str) -> int:
    """One look per case logged at once (the ledger export: every name written in full)."""
    rows = [IdentityAccess(case_id=pk, user=user, context=context[:100]) for pk in case_ids]
    IdentityAccess.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@dataclass(frozen=True)
class Identity:
    name: str
    contact: str
    id_number: str
    address: str


def reveal_identity(user, case: Complaint, context: str) -> Identity | None:
    """The reporter's identity for `user`, logged; None if they may not see it."""
    if not can_see_identity(user, case):
        return None
    IdentityAccess.objects.create(case=case, user=user, context=context[:100])
    return Identity(
        name=case.reporter_name or "",
        contact=case.reporter_contact or "",
        id_number=case.reporter_id_number or "",
        address=case.reporter_address or "",
    )
