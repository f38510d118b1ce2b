"""Staff accounts: what keeps a user from being deleted.

Records kept by rule name the staff user who made them (the audit log, the identity access log,
case history, legal holds…) with `on_delete=PROTECT`, so deleting that user would fail. This
module asks Django's own deletion collector which kept records hold a user, without knowing the
apps that define them (the tree knows nothing of what hangs on it)."""

from __future__ import annotations

from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError


def records_keeping(user) -> list[str]:
    """The names (verbose_name_plural) of the kinds of kept record that name `user`, in a stable
    order; empty when the user can be deleted. Nothing is deleted."""
    collector = Collector(using=router.db_for_write(type(user), instance=user))
    try:
        collector.collect([user])
    except ProtectedError as error:
        blocking = error.protected_objects
    except RestrictedError as error:
        blocking = error.restricted_objects
    else:
        return []
    return sorted({str(obj._meta.verbose_name_plural) for obj in blocking})
