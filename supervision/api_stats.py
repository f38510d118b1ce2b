"""The statistics API (issue 11 item 2; docs/api.md "Statistics").

- `GET /api/v1/stats/` for staff: every figure of `services.stats.report` for an area within
  the user's jurisdiction, counted over the cases the user may see (`access.cases_for`), with
  the breakdowns and the 12-month trend. Signed in by the admin session, or by
  `Authorization: Bearer <token>` with one of Wagtail's own API tokens (设置 → API 令牌); a
  request with a token is that token's user only, whatever session cookie it also carries.
  Never kept by any cache (`private, no-store`).
- `GET /api/v1/public-stats/` for anyone: the public subset of the area and of each division
  under it (public_stats.build, suppression in `stats.public_figures`); no cookie, publicly
  cacheable for ten minutes.

Neither URL has a language prefix: messages and labels follow the Accept-Language header
(Chinese by default), as Open311 does.
"""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from wagtail.models import APIToken

from portal.base.http import read_only
from portal.base.ratelimit import client_address, hit
from villages.services.jurisdiction import can_act_on, jurisdiction_of

from . import public_stats
from .services import stats
from .services.access import JURISDICTION_ROLES, role_of

API_VERSION = 1
AREA_CODE = re.compile(r"^\d{6}(?:\d{3}){0,2}$")
PUBLIC_CACHE = "public, max-age=600"
PRIVATE_CACHE = "private, no-store"


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def _json(data, status=200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def api_view(cache: str, public: bool):
    """Methods, language, rate limit, errors and caching, the same for both endpoints."""

    def decorator(view):
        @read_only
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            with translation.override(translation.get_language_from_request(request)):
                try:
                    if wait := hit("api", client_address(request)):
                        raise ApiError(
                            429,
                            _("请求太频繁，请 %(seconds)d 秒后再试。") % {"seconds": wait},
                            {"Retry-After": str(wait)},
                        )
                    response = _json(view(request, *args, **kwargs))
                    response["Cache-Control"] = cache
                except ApiError as error:
                    response = _json({"error": error.message}, status=error.status)
                    for name, value in error.headers.items():
                        response[name] = value
                    response["Cache-Control"] = "no-store" if public else PRIVATE_CACHE
            if public:
                response["Access-Control-Allow-Origin"] = "*"
            patch_vary_headers(response, ["Accept-Language"])
            return response

        return wrapper

    return decorator


# --- who asks -------------------------------------------------------------------------------


def _bearer(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _sep, token = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        return ""  # some other credentials: not ours, refused below
    return token.strip()


def _touch(token: APIToken) -> None:
    """As wagtail/api/v3/auth.py does: last_used_at at most once per interval."""
    interval = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
    if interval is None:
        return
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= interval:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)


def api_user(request):
    """The user the request speaks for: the token's, when it carries one (the session is then
    ignored; an unknown, revoked or inactive user's token is nobody), else the session's."""
    token_text = _bearer(request)
    if token_text is None:
        return request.user
    user = AnonymousUser()
    if token_text:
        token = (
            APIToken.objects.select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(token_text), revoked_at__isnull=True)
            .first()
        )
        if token is not None and token.user.is_active:
            user = token.user
            _touch(token)
    request.user = user  # nothing after this may see the session's user
    return user


def _unauthorized() -> ApiError:
    return ApiError(
        401,
        _("需要登录：请带上 Authorization: Bearer <API 令牌>，或先登录管理后台。"),
        {"WWW-Authenticate": 'Bearer realm="api"'},
    )


def may_read_stats(user, area) -> bool:
    """Staff with a jurisdiction role whose jurisdiction holds `area`, or a superuser."""
    if user.is_superuser:
        return True
    return role_of(user) in JURISDICTION_ROLES and can_act_on(user, area)


# --- parameters -----------------------------------------------------------------------------


def _period(request) -> stats.Period:
    first, last = request.GET.get("from"), request.GET.get("to")
    if not first and not last:
        return public_stats.last_complete_month()
    try:
        return stats.Period.parse(first, last)
    except stats.PeriodError as error:
        raise ApiError(400, str(error)) from None


def _checked_code(code: str) -> str:
    if not AREA_CODE.match(code):
        raise ApiError(
            400,
            _("“area”应为 6、9 或 12 位区划代码，收到的是“%(value)s”。") % {"value": code[:20]},
        )
    return code


def _not_found(code: str) -> ApiError:
    return ApiError(404, _("没有区划代码为 %(code)s 的地区。") % {"code": code})


def area_json(area) -> dict:
    return {"code": area.division_code, "name": area.title, "level": area.level}


def periods_json(period, as_of, previous, previous_as_of) -> dict:
    return {
        "period": {
            "from": period.from_key,
            "to": period.to_key,
            "as_of": as_of.isoformat(),
            "label": period.label,
        },
        "previous_period": {
            "from": previous.from_key,
            "to": previous.to_key,
            "as_of": previous_as_of.isoformat(),
            "label": previous.label,
        },
    }


# --- the endpoints --------------------------------------------------------------------------


@api_view(PRIVATE_CACHE, public=False)
def staff_stats(request) -> dict:
    user = api_user(request)
    if not user.is_authenticated:
        raise _unauthorized()
    code = request.GET.get("area", "").strip()
    if code:
        area = stats.area_of(_checked_code(code))
        if area is None:
            raise _not_found(code)
    else:
        node = jurisdiction_of(user)
        area = node.specific if node is not None else public_stats.default_city()
        if area is None:
            raise ApiError(400, _("请用“area”指定地区的区划代码。"))
    if not may_read_stats(user, area):
        raise ApiError(403, _("您没有查看该地区统计的权限。"))
    period = _period(request)
    result = stats.report(area, period, user=user)
    trend = stats.trend(stats.area_cases(area, user), period)
    return {
        "api_version": API_VERSION,
        "area": area_json(area),
        **periods_json(period, result.as_of, result.previous_period, result.previous_as_of),
        "figures": {key: figure.as_json() for key, figure in result.figures.items()},
        "breakdowns": {
            name: [
                {
                    "key": group.key,
                    "label": group.label,
                    "figures": {k: f.as_json() for k, f in group.figures.items()},
                }
                for group in groups
            ]
            for name, groups in result.breakdowns.items()
        },
        "trend": [
            {
                "month": f"{month.month:%Y-%m}",
                "received": month.received,
                "concluded": month.concluded,
                "received_year_earlier": month.received_year_earlier,
            }
            for month in trend
        ],
    }


@api_view(PUBLIC_CACHE, public=True)
def public_stats_json(request) -> dict:
    code = request.GET.get("area", "").strip()
    try:
        area = public_stats.public_area(_checked_code(code) if code else None, request)
    except public_stats.PublicAreaError as error:
        raise ApiError(400, str(error)) from None
    if area is None:
        raise _not_found(code)
    try:
        period = public_stats.public_period(request.GET.get("from"), request.GET.get("to"))
    except stats.PeriodError as error:
        raise ApiError(400, str(error)) from None
    data = public_stats.build(area, period, request)
    return {
        "api_version": API_VERSION,
        "area": area_json(area),
        **periods_json(period, data.as_of, data.previous_period, data.previous_as_of),
        "suppressed_below": stats.SUPPRESS_BELOW,
        "figures": data.total.figures,
        "children": [{**area_json(row.area), "figures": row.figures} for row in data.children],
        "page_url": request.build_absolute_uri(public_stats.page_url(area, period)),
    }
