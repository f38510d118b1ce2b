from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published

from .models import TownshipPage, VillagePage
from .services import audit
from .services.roles import ensure_township_roles


@receiver(post_save, sender=TownshipPage, dispatch_uid="villages_township_roles")
def create_township_roles(sender, instance, created, raw=False, **kwargs):
    """A new township gets its editors' and discipline groups and its workflow at once."""
    if created and not raw:
        ensure_township_roles(instance)


@receiver(page_published, sender=VillagePage, dispatch_uid="villages_reindex_with_children")
def reindex_village_with_children(sender, instance, **kwargs):
    """Index a published village again, now that its office holders and station staff are saved.

    Wagtail queues the index update at the page row's `post_save`, before modelcluster saves the
    child rows; a worker runs it after the commit and sees them, but an immediate task backend
    would index the names of the previous version (VillagePage.admin_search_words)."""
    insert_or_update_object(instance)


# --- the audit log of staff actions (services/audit.py) ----------------------------------------


@receiver(user_logged_in, dispatch_uid="villages_audit_login")
def audit_login(sender, request, user, **kwargs):
    audit.record(audit.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="villages_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="villages_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    """The name as typed (masked unless it names an account, audit.masked_username); Django has
    already replaced the password in `credentials`, and it is not read here anyway."""
    typed = str(credentials.get("username", ""))
    username = audit.masked_username(typed)
    user = None
    if username == typed and typed:
        user = get_user_model().objects.filter(username=typed).first()
    # `user` is named so that the auditor of that account's area sees attempts on it; the row
    # is a failure all the same (action login_failed).
    audit.record(audit.LOGIN_FAILED, request=request, user=user, username=username)
