"""Supervision's own admin views, wired by the viewsets in supervision/viewsets.py: intake and its
receipt, the case page with its attachments and the identity button, and the Open311 partner's
key shown once. Every case is looked up through `access.cases_for(user)`: a case the user may not
see is a 404, the same as one that does not exist."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin.views import generic
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from villages.models import Role
from villages.services.jurisdiction import jurisdiction_of

from .admin_forms import IntakeForm
from .models import CaseAttachment, Complaint, Open311Partner
from .services.access import cases_for, intake_channels_for, role_of
from .services.identity import can_see_identity, reveal_identity
from .services.intake import RESHOW_WINDOW, submit
from .services.partners import issue_key
from .services.receipts import format_code
from .services.timeline import public_case

# Where the identity was looked at, as the auditor reads it in 身份查看记录 (stored text: Chinese
# whatever the language of the screen).
IDENTITY_CONTEXT = "案件页面"


# --- intake ---------------------------------------------------------------------------------


def scoped_key(user, key: str) -> str:
    """The form's one-time key, bound to the user who submits it: a key seen by someone else
    cannot fetch this user's receipt."""
    return f"admin:{user.pk}:{key}"


def actor_label(user) -> str:
    """How the first event names who logged the case: role and place (联络站（阿坞村）)."""
    node, role = jurisdiction_of(user), role_of(user)
    if role is None:
        return _("系统管理员") if user.is_superuser else user.get_username()
    return f"{Role(role).label}（{node.title}）"


def track_url() -> str:
    """The public progress lookup, as printed on the slip (the site's own address)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/track/"


@require_http_methods(["GET", "POST"])
def intake(request):
    """登记信访举报: one form, one case, whatever the number of submits."""
    if not intake_channels_for(request.user):
        raise PermissionDenied
    form = IntakeForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["submission_key"]
        result = submit(
            form.intake_data(),
            channel=form.cleaned_data["channel"],
            actor=request.user,
            actor_label=actor_label(request.user),
            submission_key=scoped_key(request.user, key),
        )
        url = reverse("supervision_intake:receipt", args=[key])
        return redirect(url + ("?repeated=1" if result.repeated else ""))
    files_lost = request.method == "POST" and bool(request.FILES)
    return TemplateResponse(
        request,
        "supervision/admin/intake.html",
        {
            "form": form,
            "files_lost": files_lost,
            "error_count": sum(len(e) for e in form.errors.values()) if form.is_bound else 0,
        },
    )


def _own_receipt(request, key: str) -> Complaint:
    return get_object_or_404(
        cases_for(request.user).select_related("village", "category"),
        submission_key=scoped_key(request.user, key),
        logged_by=request.user,
    )


def _receipt_context(request, key: str) -> dict:
    case = _own_receipt(request, key)
    showable = case.receipt_reshow_until and case.receipt_reshow_until > timezone.now()
    return {
        "case": case,
        "receipt": public_case(case),
        "pin": case.sealed_pin if showable else None,
        "track_url": track_url(),
        "key": key,
        "reshow_hours": int(RESHOW_WINDOW.total_seconds() // 3600),
        "repeated": request.GET.get("repeated") == "1",
    }


@require_GET
def intake_receipt(request, key: str):
    """The slip after intake: code and PIN, for the operator to read out or print. The PIN is
    shown to the user who logged the case for RESHOW_WINDOW (a lost page can be opened again),
    then never."""
    return TemplateResponse(
        request, "supervision/admin/receipt.html", _receipt_context(request, key)
    )


@require_GET
def intake_receipt_print(request, key: str):
    """The slip alone, without the admin around it, to print for the resident."""
    context = _receipt_context(request, key)
    if context["pin"] is None:
        raise Http404
    return TemplateResponse(request, "supervision/admin/receipt_print.html", context)


# --- the case page --------------------------------------------------------------------------


FILE_KINDS = {"image": gettext_lazy("图片"), "audio": gettext_lazy("录音")}


def file_kind(attachment: CaseAttachment) -> str:
    """图片 PNG, 录音 AMR, PDF: what a clerk calls the file (its type was read from content)."""
    family = attachment.content_type.split("/")[0]
    extension = attachment.extension.lstrip(".").upper()
    return f"{FILE_KINDS[family]} {extension}" if family in FILE_KINDS else extension


def visible_attachments(user, case: Complaint):
    """A station operator sees the files they handed in themselves; handling staff all of the
    case's files."""
    attachments = case.attachments.all()
    if role_of(user) == Role.STATION_OPERATOR:
        attachments = attachments.filter(uploaded_by=user)
    return attachments


@dataclass(frozen=True)
class Entry:
    at: object
    label: str
    actor: str
    change: str
    public_text: str
    internal_text: str


def staff_timeline(case: Complaint) -> list[Entry]:
    """Every event, with its public and its internal text, for those who handle the case."""
    entries = []
    for event in case.events.select_related("actor"):
        states = [str(Complaint.State(s).label) for s in (event.from_state, event.to_state) if s]
        change = " → ".join(states)
        actor = event.actor_label or (
            (event.actor.get_full_name() or event.actor.get_username()) if event.actor else ""
        )
        entries.append(
            Entry(
                timezone.localtime(event.at),
                str(event.get_kind_display()),
                actor,
                change,
                event.public_text,
                event.internal_text,
            )
        )
    return entries


class CaseView(generic.InspectView):
    """The case page. Handling staff see everything but the reporter's identity, which is
    behind a button for the roles allowed it (identity.can_see_identity) and logged at each
    press; a station operator sees the public timeline only, as the resident does."""

    template_name = "supervision/admin/case.html"
    page_title = gettext_lazy("案件详情")
    any_permission_required = ["view"]
    http_method_names = ["get", "post", "head", "options"]

    def get_object(self, queryset=None):
        return get_object_or_404(
            cases_for(self.request.user).select_related(
                "village", "category", "power_item", "accused_office", "logged_by", "disclosure"
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return self.object.number or format_code(self.object.receipt_code)

    def get_fields(self):
        return []

    @cached_property
    def is_operator(self) -> bool:
        return role_of(self.request.user) == Role.STATION_OPERATOR

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case, user = self.object, self.request.user
        context.update(
            case=case,
            is_operator=self.is_operator,
            attachments=[(a, file_kind(a)) for a in visible_attachments(user, case)],
            can_see_identity=can_see_identity(user, case),
        )
        if self.is_operator:
            context["receipt"] = public_case(case)
        else:
            context.update(
                code=format_code(case.receipt_code),
                timeline=staff_timeline(case),
                township=case.village.get_parent().title,
            )
        return context

    def post(self, request, *args, **kwargs):
        """查看反映人身份: shown in this response only, and logged."""
        identity = reveal_identity(request.user, self.object, IDENTITY_CONTEXT)
        if identity is None:
            raise PermissionDenied
        response = self.render_to_response(self.get_context_data(identity=identity))
        response["Cache-Control"] = "private, no-store"
        return response


@require_GET
def case_attachment(request, pk: int, attachment_pk: int):
    """A case file, to those who may see the case: always a download (never shown inline in
    the admin's origin), never cached."""
    case = get_object_or_404(cases_for(request.user), pk=pk)
    attachment: CaseAttachment = get_object_or_404(
        visible_attachments(request.user, case), pk=attachment_pk
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Open311 partners: the key shown once ---------------------------------------------------

SESSION_KEYS = "supervision_partner_keys"


def _hand_over_key(request, partner: Open311Partner, raw_key: str) -> None:
    """Keep the new key for the one page that shows it; that page removes it."""
    keys = request.session.get(SESSION_KEYS, {})
    keys[str(partner.pk)] = raw_key
    request.session[SESSION_KEYS] = keys


def _partner_policy():
    return policy_registry.get_by_type(Open311Partner)


class PartnerCreateView(generic.CreateView):
    success_message = gettext_lazy("已添加对接方“%(object)s”。")

    def save_instance(self):
        partner = self.form.instance
        self.raw_key = issue_key(partner)
        partner.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        _hand_over_key(self.request, self.object, self.raw_key)
        return reverse("open311_partners:key", args=[self.object.pk])


class PartnerEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        from wagtail.admin.widgets.button import Button

        return [
            *super().header_more_buttons,
            Button(
                _("重新签发密钥"),
                url=reverse("open311_partners:reissue", args=[self.object.pk]),
                icon_name="key",
                priority=40,
            ),
        ]


@require_GET
def partner_key(request, pk: int):
    """The key, once: the session keeps it only until this page is opened."""
    if not _partner_policy().user_has_permission(request.user, "change"):
        raise PermissionDenied
    partner = get_object_or_404(Open311Partner, pk=pk)
    keys = request.session.get(SESSION_KEYS, {})
    raw_key = keys.pop(str(pk), None)
    request.session[SESSION_KEYS] = keys
    response = TemplateResponse(
        request,
        "supervision/admin/partner_key.html",
        {"partner": partner, "raw_key": raw_key},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def partner_reissue(request, pk: int):
    """重新签发密钥: the old key stops working at once."""
    if not _partner_policy().user_has_permission(request.user, "change"):
        raise PermissionDenied
    partner = get_object_or_404(Open311Partner, pk=pk)
    if request.method == "POST":
        raw_key = issue_key(partner)
        partner.save(update_fields=["key_digest", "key_hint"])
        log(partner, "supervision.partner_key_reissued", user=request.user)
        messages.success(
            request, _("已为“%(name)s”重新签发密钥，旧密钥已失效。") % {"name": partner}
        )
        _hand_over_key(request, partner, raw_key)
        return redirect("open311_partners:key", pk)
    return TemplateResponse(request, "supervision/admin/partner_reissue.html", {"partner": partner})
