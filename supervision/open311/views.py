"""The Open311 GeoReport v2 endpoints (docs/api.md "Open311").

Every endpoint answers in the format its URL ends with (`.json` or `.xml`), and every failure in
the spec's error list with the matching HTTP status. A case is created only by
`services.intake.submit` (channel 开放接口), so the API follows the same rules as every other
channel: one transaction, an event from the first moment, identity encrypted, idempotent.

Headers: no cookie is ever set (the POST is CSRF-exempt: it is authenticated by its api_key, not
by a browser session); anything sent with a key is `Cache-Control: no-store`; public answers
(services, status) may be kept briefly by a proxy, and may be read from a browser on any origin.
"""

from __future__ import annotations

import functools

from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.base.ratelimit import client_address, hit

from ..models import Complaint, ComplaintCategory
from ..services.intake import submit
from ..services.partners import key_digest, partner_for_key
from ..services.timeline import CLOSED_STATES
from . import params, serializers
from .rendering import Open311Error, render, render_error

# GeoReport's own limit is 4,000 characters of description (up to 12 KB in UTF-8, three times
# that percent-encoded) plus a few short fields; anything larger is not a complaint.
MAX_BODY_BYTES = 64 * 1024
MAX_FIELDS = 50
MAX_RESULTS = 1000  # spec "Response Volume": 90 days or the first 1000 requests
SERVICES_CACHE = "public, max-age=300"
STATUS_CACHE = "public, max-age=60"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _raw_key(request) -> str | None:
    if request.method == "POST":
        key = request.POST.get("api_key") or request.GET.get("api_key")
    else:
        key = request.GET.get("api_key")
    return key.strip() if key and key.strip() else None


def _check_body(request) -> None:
    """Before the body is read: a form, and a small one."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        raise Open311Error(
            413,
            _("提交的内容太大（%(size)d 字节），上限为 %(max)d 字节。")
            % {"size": length, "max": MAX_BODY_BYTES},
        )
    if request.content_type not in FORM_TYPES:
        raise Open311Error(
            400,
            _("请以 application/x-www-form-urlencoded 表单提交（GeoReport v2 规定的格式）。"),
        )
    try:
        fields = len(request.POST)
    except (SuspiciousOperation, MultiPartParserError):  # too many fields, a broken multipart
        fields = MAX_FIELDS + 1
    if fields > MAX_FIELDS:
        raise Open311Error(400, _("提交的参数太多（最多 %(max)d 个）。") % {"max": MAX_FIELDS})


def open311_view(methods: tuple[str, ...], cache: str):
    """Format, methods, api_key, rate limit, errors and headers, the same for every endpoint.
    The view is called as view(request, fmt, partner, **kwargs); `cache` is the Cache-Control
    of its successful answer to a request without a key."""

    allowed = ", ".join(
        (*methods, "HEAD", "OPTIONS") if "GET" in methods else (*methods, "OPTIONS")
    )

    def decorator(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request, fmt, **kwargs):
            # Open311 has no language prefix, so LocaleMiddleware leaves it in Chinese; a client
            # that prefers English (Accept-Language: en) gets English messages and notices.
            # The data (category names, notes) stays as written.
            with translation.override(translation.get_language_from_request(request)):
                return _answer(request, fmt, kwargs, view, methods, allowed, cache)

        return wrapper

    return decorator


def _answer(request, fmt, kwargs, view, methods, allowed, cache):
    if request.method == "OPTIONS":
        response = HttpResponse(status=200)
        response["Allow"] = allowed
        response["Content-Length"] = "0"
        return response
    keyed = False
    try:
        method = "GET" if request.method == "HEAD" else request.method
        if method not in methods:
            raise Open311Error(
                405,
                _("此地址不接受 %(method)s 请求，可用：%(allowed)s。")
                % {"method": request.method[:10], "allowed": allowed},
                headers={"Allow": allowed},
            )
        if method == "POST":
            _check_body(request)
        raw_key = _raw_key(request)
        keyed = raw_key is not None
        partner = partner_for_key(raw_key) if keyed else None
        # Counted per partner, or per client address for everyone else (an invalid key
        # counts against the address, so trying keys is limited too).
        bucket = f"key:{key_digest(raw_key)}" if partner else client_address(request)
        wait = hit("open311", bucket)
        if wait:
            raise Open311Error(
                429,
                _("请求太频繁，请 %(seconds)d 秒后再试。") % {"seconds": wait},
                headers={"Retry-After": str(wait)},
            )
        if keyed and partner is None:
            raise Open311Error(403, _("api_key 无效或已停用，请向平台管理员核对。"))
        response = view(request, fmt, partner, **kwargs)
    except Open311Error as error:
        response = render_error(fmt, error)
        response["Cache-Control"] = "no-store"
        return response
    if keyed or method == "POST":
        response["Cache-Control"] = "private, no-store"
    else:
        response["Cache-Control"] = cache
        response["Access-Control-Allow-Origin"] = "*"
    return response


@open311_view(("GET",), SERVICES_CACHE)
def services(request, fmt, partner):
    categories = ComplaintCategory.objects.filter(active=True)
    return render(fmt, "services", [serializers.service_json(c) for c in categories])


def _category(code: str) -> ComplaintCategory:
    category = None
    if params.SERVICE_CODE.fullmatch(code):
        category = ComplaintCategory.objects.filter(code=code, active=True).first()
    if category is None:
        raise Open311Error(
            404,
            _("没有代码为 %(code)s 的服务（问题类别），请先读取 services.json。")
            % {"code": params.echo(code)},
        )
    return category


@open311_view(("GET",), SERVICES_CACHE)
def service_definition(request, fmt, partner, code):
    return render(fmt, "service_definition", serializers.service_definition(_category(code)))


@open311_view(("GET", "POST"), STATUS_CACHE)
def requests_collection(request, fmt, partner):
    if request.method == "POST":
        return _create(request, fmt, partner)
    return _list(request, fmt, partner)


def _create(request, fmt, partner):
    if partner is None:
        raise Open311Error(403, _("提交需要 api_key：请向平台管理员申请对接密钥。"))
    data = params.parse_submission(request.POST, partner)
    key = params.submission_key(request, partner)
    result = submit(
        data,
        channel=Complaint.Channel.OPEN311,
        partner=partner,
        actor_label=partner.name,
        submission_key=key,
    )
    body = serializers.submitted_json(
        result.case, result.pin, request.build_absolute_uri("/track/")
    )
    response = render(fmt, "service_requests", [body])
    if result.repeated:
        response["Idempotent-Replayed"] = "true"
    return response


def _open311_cases():
    return serializers.with_request_data(
        Complaint.objects.filter(channel=Complaint.Channel.OPEN311)
    )


def _list(request, fmt, partner):
    query = params.parse_request_query(request.GET)
    cases = _open311_cases()
    if query.ids:
        # "This overrides all other arguments" (spec); each is shown as its reader may see it.
        cases = cases.filter(number__in=query.ids)
    else:
        if partner is not None:
            cases = cases.filter(partner=partner)
        if query.service_codes:
            cases = cases.filter(category__code__in=query.service_codes)
        cases = cases.filter(created_at__gte=query.start, created_at__lte=query.end)
        if query.statuses == ["closed"]:
            cases = cases.filter(state__in=CLOSED_STATES)
        elif query.statuses == ["open"]:
            cases = cases.exclude(state__in=CLOSED_STATES)
    cases = list(cases.order_by("-created_at", "-pk")[:MAX_RESULTS])
    return render(fmt, "service_requests", serializers.requests_json(cases, partner))


@open311_view(("GET",), STATUS_CACHE)
def request_detail(request, fmt, partner, request_id):
    case = None
    if params.REQUEST_ID.fullmatch(request_id):
        case = _open311_cases().filter(number=request_id).first()
    if case is None:
        raise Open311Error(
            404, _("没有编号为 %(id)s 的服务请求。") % {"id": params.echo(request_id)}
        )
    return render(fmt, "service_requests", serializers.requests_json([case], partner))


@open311_view(("GET",), STATUS_CACHE)
def token(request, fmt, partner, token):
    case = None
    if params.TOKEN.fullmatch(token):
        case = (
            Complaint.objects.filter(open311_token=token, channel=Complaint.Channel.OPEN311)
            .only("number", "open311_token")
            .first()
        )
    if case is None:
        raise Open311Error(404, _("没有这个 token。"))
    return render(
        fmt, "service_requests", [{"service_request_id": case.number, "token": case.open311_token}]
    )


def not_found(request, path):
    """Anything else under /open311/v2/: the spec's 404, in XML if that was asked for."""
    fmt = "xml" if path.endswith(".xml") else "json"
    response = render_error(
        fmt,
        Open311Error(
            404,
            _(
                "没有这个接口。可用：services.json、services/<代码>.json、requests.json、"
                "requests/<编号>.json、tokens/<token>.json（或 .xml）。"
            ),
        ),
    )
    response["Cache-Control"] = "no-store"
    return response
