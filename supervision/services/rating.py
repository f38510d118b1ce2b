"""网上评价 on /track/: a complainant who has just looked their concluded case up with code and
PIN rates the result (满意 / 基本满意 / 不满意), which is the case's return visit (回访).

The proof is not the PIN again (never in a hidden field, never re-typed) but a short-lived
signed token, issued when the lookup succeeds: it names the case, a digest of its PIN digest (a
new PIN makes it worthless) and how many return visits the case had (so once a rating is
recorded the same token is spent, even if the case is later reopened and concluded again).
Signed with SECRET_KEY under a salt of its own, so no other signed value passes for one.
"""

from __future__ import annotations

import hashlib

from django.core import signing

from ..models import Complaint
from . import workflow

SALT = "supervision.track.rating"
MAX_AGE = 30 * 60  # seconds: the page may stay open while the villager reads the result


class TokenError(Exception):
    """The token is forged, expired, or already spent (`reason` says which)."""

    def __init__(self, reason: str, case: Complaint | None = None):
        super().__init__(reason)
        self.reason = reason
        self.case = case  # SPENT only: the genuine token's case, to show where it stands


EXPIRED, INVALID, SPENT = "expired", "invalid", "spent"


def _pin_check(case: Complaint) -> str:
    return hashlib.sha256(f"rating:{case.pin_digest}".encode()).hexdigest()[:16]


def may_rate(case: Complaint) -> bool:
    """Whether the complainant may rate now: the same rule as the workflow's (a concluded case
    without a return visit since)."""
    transition = workflow.BY_NAME["return_visit"]
    return workflow.blocked_reason(None, case, transition) is None


def issue_token(case: Complaint) -> str:
    return signing.dumps(
        {"c": case.pk, "p": _pin_check(case), "v": case.return_visits.count()}, salt=SALT
    )


def case_for_token(token: str) -> Complaint:
    """The case the token was issued for; raises TokenError (EXPIRED, INVALID or SPENT)."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise TokenError(EXPIRED) from error
    except signing.BadSignature as error:
        raise TokenError(INVALID) from error
    if not isinstance(data, dict):
        raise TokenError(INVALID)
    case = Complaint.objects.select_related("category", "village").filter(pk=data.get("c")).first()
    if case is None or data.get("p") != _pin_check(case):
        raise TokenError(INVALID)
    if data.get("v") != case.return_visits.count() or not may_rate(case):
        raise TokenError(SPENT, case)
    return case


def rate(case: Complaint, result: str, comment: str = ""):
    """Record the rating as the case's return visit (method 网上评价), through the workflow."""
    return workflow.perform(
        None, case, "return_visit", {"result": result, "internal_text": comment.strip()}
    )
