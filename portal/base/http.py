"""HTTP method handling shared by the public views that are plain functions (the API, search).

Every public URL of the portal is read-only: GET and HEAD are served, OPTIONS says exactly that
(`Allow: GET, HEAD, OPTIONS`, as the pages do through `BasePage.allowed_http_methods`), and any
other method gets 405 with the same `Allow`. Nothing advertises a method that does not exist.
The exceptions are forms that post to themselves (a village's 我要监督, /track/): their views say
so with `accepts_post`, and a page's sub-URL then allows POST too (`BasePage.check_request_method`).
"""

from __future__ import annotations

import functools

from django.http import HttpResponse, HttpResponseNotAllowed

READ_ONLY_METHODS = ("GET", "HEAD", "OPTIONS")


def options_response(methods=READ_ONLY_METHODS) -> HttpResponse:
    response = HttpResponse(status=200)
    response["Allow"] = ", ".join(methods)
    response["Content-Length"] = "0"
    return response


FORM_METHODS = (*READ_ONLY_METHODS, "POST")


def accepts_post(view):
    """Mark a routable page's sub-URL view as a form that posts to its own URL: the page then
    allows GET, HEAD, OPTIONS and POST there (`BasePage.check_request_method`)."""
    view.allowed_http_methods = FORM_METHODS
    return view


def form_view(view):
    """Decorator for a public function view that is a form posting to itself: GET, HEAD and
    POST served, OPTIONS answered, others 405."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return options_response(FORM_METHODS)
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(FORM_METHODS)
        return view(request, *args, **kwargs)

    wrapper.allowed_http_methods = FORM_METHODS
    return wrapper


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
