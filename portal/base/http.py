"""HTTP method handling shared by the public views that are plain functions (the API, search).

Every public URL of the portal is read-only: GET and HEAD are served, OPTIONS says exactly that
(`Allow: GET, HEAD, OPTIONS`, as the pages do through `BasePage.allowed_http_methods`), and any
other method gets 405 with the same `Allow`. Nothing advertises a method that does not exist.
"""

from __future__ import annotations

import functools

from django.http import HttpResponse, HttpResponseNotAllowed

READ_ONLY_METHODS = ("GET", "HEAD", "OPTIONS")


def options_response() -> HttpResponse:
    response = HttpResponse(status=200)
    response["Allow"] = ", ".join(READ_ONLY_METHODS)
    response["Content-Length"] = "0"
    return response


def read_only(view):
    """Decorator for a public function view: GET and HEAD, OPTIONS answered, others 405."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return options_response()
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(READ_ONLY_METHODS)
        return view(request, *args, **kwargs)

    return wrapper
