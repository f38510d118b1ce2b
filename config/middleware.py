"""Site-wide request guards that must run before anything reads the request body."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body is larger than `MAX_REQUEST_BODY_BYTES` with 413,
    before a byte of it is read. Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) leave file
    uploads out, and streams them to disk whatever their size. The proxy in front should refuse
    the same size first (nginx `client_max_body_size`); this is the last line behind it.

    The answer is plain text so that the admin's XHR uploaders can show it as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "MAX_REQUEST_BODY_BYTES", None)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            message = _(
                "提交的内容太大（%(size)s MB），超过了 %(limit)s MB 的上限，未被接收。"
                "请压缩或拆分文件后重新上传。"
            ) % {"size": _megabytes(length), "limit": _megabytes(limit)}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}" if size >= 1024 * 1024 else f"{size / (1024 * 1024):.1f}"
