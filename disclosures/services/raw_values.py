"""The unmasked personal data behind a public table row: who may see it, and the log of every
look (issue 10, part 3; docs/security.md "Raw values of disclosures").

Only staff who check the lists see raw values: the township's editors and discipline staff and
the county's petition office, each within their jurisdiction (a superuser too). Every read is
written to `RawValueAccess` first, with the reason given; a read without a reason is refused.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from villages.models import Role
from villages.services.jurisdiction import can_act_on, jurisdiction_of

from ..affairs_models import DisclosureTable, RawValueAccess
from . import tables

RAW_ROLES = {Role.TOWNSHIP_EDITOR, Role.TOWNSHIP_DISCIPLINE, Role.COUNTY_PETITION}


def can_view_raw(user, table: DisclosureTable) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if jurisdiction_of(user) is None or user.staff_profile.role not in RAW_ROLES:
        return False
    return can_act_on(user, table.village)


def read_raw(user, table: DisclosureTable, line: int, reason: str, ip_address=None) -> dict:
    """The row's raw values ({"household": ..., "id_number": ...}), logged; PermissionDenied if
    the user may not, ValueError (Chinese) without a reason or for a row that does not exist."""
    if not can_view_raw(user, table):
        raise PermissionDenied(_("您无权查看原始信息。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("请写明查看事由（例如：核对发放对象）。查看会被记录。"))
    row = tables.spec_of(table).model.objects.filter(table=table, line=line).first()
    if row is None:
        raise ValueError(_("第 %(line)s 行不存在。") % {"line": line})
    RawValueAccess.objects.create(
        user=user, table=table, line=line, reason=reason[:200], ip_address=ip_address
    )
    return dict(row.raw or {})
