"""Division codes (统计用区划代码): 6 digits for city and county, 9 for township, 12 for village.

A child's code extends its parent's: county 621223 → township 621223106 → village 621223106201.
A county's code shares the city's first four digits (province 2 + city 2).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CODE_LENGTHS = {"city": 6, "county": 6, "township": 9, "village": 12}
# How many leading digits a child's code must share with its parent's.
PARENT_PREFIX = {"county": 4, "township": 6, "village": 9}


def validate_division_code(code: str, level: str) -> None:
    length = CODE_LENGTHS[level]
    if not re.fullmatch(rf"\d{{{length}}}", code or ""):
        raise ValidationError(
            _("区划代码必须是 %(length)d 位数字，收到的是“%(code)s”。")
            % {"length": length, "code": code},
            code="division_code_format",
        )
    if level == "city" and not code.endswith("00"):
        raise ValidationError(
            _("市级区划代码应以 00 结尾，例如 621200。"), code="division_code_format"
        )


def validate_code_under_parent(code: str, level: str, parent_code: str | None) -> None:
    prefix = PARENT_PREFIX.get(level)
    if not prefix or not parent_code:
        return
    if code[:prefix] != parent_code[:prefix]:
        raise ValidationError(
            _("区划代码 %(code)s 不属于上级 %(parent)s：前 %(n)d 位应为 %(expected)s。")
            % {"code": code, "parent": parent_code, "n": prefix, "expected": parent_code[:prefix]},
            code="division_code_parent",
        )
