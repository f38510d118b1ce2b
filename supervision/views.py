"""Villagers' pages: 我要监督 (a village's online form and its receipt) and 进度查询 (/track/).

- The form is a sub-URL of the village page (`complaint/`, registered in public_hooks.py), only
  on villages the public may see (portal/base/visibility.py). Each case is made by
  `intake.submit`, the one way in for every channel.
- A double submit makes one case: the form carries a one-time key, and posting it again shows the
  same receipt (code and PIN) while intake may still show it (RESHOW_WINDOW), then a page that
  says the case exists but the PIN can no longer be shown.
- A robot that fills the honeypot gets a receipt that looks real and creates nothing.
- /track/ gives one answer to every wrong lookup (unknown code, wrong PIN, a code that cannot
  be one): same text, same status, and a PIN digest computed whatever the case, so the time
  taken does not tell a known code from an unknown one.
- Receipts and lookups carry `Cache-Control: no-store`: a code and PIN never stay in a cache.
- 网上评价: a concluded case's result page carries a rating form; it posts a signed, short-lived
  token (services/rating.py), never the PIN, to /track/rate/, under the same rate limits.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from portal.base.http import accepts_post, form_view
from portal.base.ratelimit import client_address, hit, too_many_requests
from portal.base.visibility import is_public

from .forms import ComplaintForm, RatingForm, TrackForm
from .models import Complaint
from .services import rating, receipts
from .services.clock import Facts, review_window, running_deadline
from .services.intake import submit
from .services.timeline import PublicCase, public_case

logger = logging.getLogger(__name__)

# What /track/ compares a PIN with when there is no case: computing the digest anyway keeps an
# unknown code as slow as a wrong PIN.
_NO_CASE_DIGEST = "0" * 64


def _no_store(response):
    add_never_cache_headers(response)  # includes no-store: never kept by a browser or proxy
    return response


def _track_url(request) -> str:
    return request.build_absolute_uri(reverse("track"))


def _station_hint(village) -> str:
    if village.station_phone:
        return _("您也可以到%(station)s当面反映，或拨打 %(phone)s。") % {
            "station": village.station_display_name,
            "phone": village.station_phone,
        }
    return _("您也可以到%(station)s当面反映。") % {"station": village.station_display_name}


# --- 我要监督 (the form) --------------------------------------------------------------------------


@accepts_post
def complaint(village, request):
    """The form (GET) and its submission (POST) on a village's `complaint/` sub-URL."""
    if not is_public(village, request):
        raise Http404
    if request.method == "POST":
        return _submit(village, request)
    initial = {"about": request.GET.get("about", ""), "line": request.GET.get("line", "")}
    return _form_page(
        request, village, ComplaintForm(village=village, request=request, initial=initial)
    )


def _form_page(request, village, form, status=200):
    response = TemplateResponse(
        request,
        "supervision/complaint_form.html",
        {
            "page": village,
            "form": form,
            "station_hint": _station_hint(village),
            "trail": [(_("我要监督"), None)],
        },
        status=status,
    )
    # Each showing of the form has its own one-time key: never serve it from a cache (the back
    # button then fetches a fresh form instead of re-sending the last one's key).
    return _no_store(response)


def _submit(village, request):
    form = ComplaintForm(request.POST, request.FILES, village=village, request=request)
    if not form.is_valid():
        return _form_page(request, village, form)
    key = form.intake_submission_key()
    if form.is_robot:
        if wait := hit("complaint", client_address(request)):
            return _refused(request, village, wait)
        decoy = _decoy_receipt(form, key)
        return _receipt_page(request, village, decoy, _decoy_pin(key), form.is_real_name)
    repeat = Complaint.objects.filter(submission_key=key).exists()
    # A retried post of a case already made is answered, not counted.
    if not repeat and (wait := hit("complaint", client_address(request))):
        return _refused(request, village, wait)
    try:
        result = submit(form.intake_data(), channel=Complaint.Channel.ONLINE, submission_key=key)
    except OSError:
        # A file could not be written (a full disk): nothing was kept, the case included
        # (services/intake.py). The form comes back with what was typed and the same one-time
        # key, so sending it again once there is room makes exactly one case.
        logger.exception("complaint attachments could not be stored")
        form.add_error(
            None,
            _(
                "附件暂时无法保存，您的反映尚未提交。请稍后重新选择附件再提交一次，或到联络站当面反映。"
            ),
        )
        return _form_page(request, village, form, status=503)
    if result.pin is None:
        return _receipt_gone_page(request, village, result.case)
    case = result.case
    return _receipt_page(request, village, public_case(case), result.pin, case.real_name)


def _refused(request, village, wait: int):
    hint = _("已经提交的反映都已登记。%(station_hint)s") % {"station_hint": _station_hint(village)}
    return too_many_requests(request, wait, hint=hint)


def _receipt_page(request, village, receipt: PublicCase, pin: str, real_name: bool):
    complaint_url = village.url + village.reverse_subpage("complaint")
    response = TemplateResponse(
        request,
        "supervision/receipt.html",
        {
            "page": village,
            "receipt": receipt,
            "pin": pin,
            "real_name": real_name,
            "track_url": _track_url(request),
            "trail": [(_("我要监督"), complaint_url), (_("回执"), None)],
        },
    )
    return _no_store(response)


def _receipt_gone_page(request, village, case: Complaint):
    complaint_url = village.url + village.reverse_subpage("complaint")
    response = TemplateResponse(
        request,
        "supervision/receipt_gone.html",
        {
            "page": village,
            "code": receipts.format_code(case.receipt_code),
            "station_hint": _station_hint(village),
            "trail": [(_("我要监督"), complaint_url), (_("回执"), None)],
        },
    )
    return _no_store(response)


# --- the honeypot's decoy -------------------------------------------------------------------------


def _decoy_digest(key: str) -> bytes:
    secret = settings.IDENTITY_HASH_KEY.encode()
    return hmac.new(secret, f"decoy:{key}".encode(), hashlib.sha256).digest()


def _decoy_pin(key: str) -> str:
    return f"{int.from_bytes(_decoy_digest(key)[:4], 'big') % 1_000_000:06d}"


def _decoy_receipt(form, key: str) -> PublicCase:
    """A receipt that reads like a real one, derived from the form's key (the same robot post
    gets the same answer) and stored nowhere."""
    digest = _decoy_digest(key)
    code = "".join(receipts.ALPHABET[b % len(receipts.ALPHABET)] for b in digest[4:16])
    data = form.cleaned_data
    now = timezone.localtime()
    unsaved = Complaint(
        kind=data["kind"],
        real_name=form.is_real_name,
        received_on=now.date(),
        state=Complaint.State.REGISTERED,
    )
    return PublicCase(
        code=receipts.format_code(code),
        number="",
        state=Complaint.State.REGISTERED,
        state_label=str(Complaint.State.REGISTERED.label),
        kind_label=str(unsaved.get_kind_display()),
        category=data["category"].name,
        village=form.village.title,
        channel_label=str(Complaint.Channel.ONLINE.label),
        received_on=now.date(),
        created_at=now,
        updated_at=now,
        deadline=running_deadline(unsaved, Facts(received_on=now.date())),
    )


# --- 进度查询 (/track/) ---------------------------------------------------------------------------


@form_view
def track(request):
    """/track/: GET shows the form; POST looks the case up (the PIN never goes in a URL)."""
    if request.method != "POST":
        return _track_page(request, TrackForm())
    if wait := hit("track", client_address(request)):
        return _no_store(too_many_requests(request, wait, hint=_track_hint()))
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _track_page(request, form)
    code = receipts.normalize_code(form.cleaned_data["code"])
    pin = receipts.normalize_pin(form.cleaned_data["pin"]) or ""
    # Per code whatever the client (only a well-formed code can be guessed at), counted for
    # unknown codes too, so a 429 does not tell that a code exists.
    if code and (wait := hit("track_code", code)):
        return _no_store(too_many_requests(request, wait, hint=_track_hint()))
    case = (
        Complaint.objects.select_related("category", "village").filter(receipt_code=code).first()
        if code
        else None
    )
    matched = receipts.pin_matches(code or "", pin, case.pin_digest if case else _NO_CASE_DIGEST)
    if case is None or not pin or not matched:
        return _track_page(request, form, not_found=True)
    return _result_page(request, case)


def _result_page(request, case, rating_form=None, rated=False, spent=False):
    """The public timeline; when concluded, until when 复查 may be asked for; and, while the
    complainant may rate (services/rating.may_rate), the rating form with a fresh token."""
    if rating_form is None and rating.may_rate(case):
        rating_form = RatingForm(initial={"token": rating.issue_token(case)})
    # A form shown again keeps what was typed and the token it came with: the 30 minutes run
    # from the lookup with code and PIN, and an invalid post must not renew them.
    window = review_window(case)
    response = TemplateResponse(
        request,
        "supervision/track_result.html",
        {
            "receipt": public_case(case),
            "review_window": window,
            "review_action": _("申请复核")
            if window and window.code == "re_review_apply"
            else _("申请复查"),
            "rating_form": rating_form
            if rating_form is not None and rating.may_rate(case)
            else None,
            "rate_url": reverse("track_rate"),
            "rated": rated,
            "spent": spent,
            "trail": _track_trail(result=True),
        },
    )
    return _no_store(response)


def track_rate(request):
    """/track/rate/: record the rating posted from the result page (POST only). The token
    proves the lookup; a replayed or expired one records nothing and says so."""
    if request.method != "POST":
        return _no_store(HttpResponseNotAllowed(["POST"]))
    if wait := hit("track", client_address(request)):
        return _no_store(too_many_requests(request, wait, hint=_track_hint()))
    form = RatingForm(request.POST)
    try:
        case = rating.case_for_token(request.POST.get("token", ""))
    except rating.TokenError as error:
        if error.case is not None:
            # The signature holds, so this is the complainant coming back (a reload, a double
            # click): show where the case stands, and that nothing more was recorded.
            return _result_page(request, error.case, spent=True)
        return _rating_refused(request, error.reason)
    if wait := hit("track_code", case.receipt_code):
        return _no_store(too_many_requests(request, wait, hint=_track_hint()))
    if not form.is_valid():
        return _result_page(request, case, rating_form=form)
    try:
        rating.rate(case, form.cleaned_data["result"], form.cleaned_data["comment"])
    except PermissionDenied:  # a second click that lost the race: already rated
        return _result_page(request, case, spent=True)
    except ValidationError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for field, messages in fields.items():
            form.add_error("comment" if field == "internal_text" else None, messages)
        return _result_page(request, case, rating_form=form)
    case.refresh_from_db()
    return _result_page(request, case, rated=True)


def _rating_refused(request, reason: str):
    form = TrackForm()
    response = TemplateResponse(
        request,
        "supervision/track_form.html",
        {
            "form": form,
            "rating_refused": (
                _("评价页面已超过 30 分钟，请重新查询后再评价。")
                if reason == rating.EXPIRED
                else _("评价没有提交成功：页面已失效。请重新查询后再评价。")
            ),
            "trail": _track_trail(),
        },
    )
    return _no_store(response)


def _track_hint() -> str:
    return _("为防止他人猜测查询密码，同一回执码和同一网络的查询次数有限制。")


def _track_trail(result=False):
    if result:
        return [(_("进度查询"), reverse("track")), (_("查询结果"), None)]
    return [(_("进度查询"), None)]


def _track_page(request, form, not_found=False):
    if not_found:
        # What was typed stays, except the PIN (as with any password).
        form = TrackForm(initial={"code": form.cleaned_data.get("code", "")})
    response = TemplateResponse(
        request,
        "supervision/track_form.html",
        {"form": form, "not_found": not_found, "trail": _track_trail()},
    )
    return _no_store(response)
