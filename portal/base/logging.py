"""Structured logs: one JSON object per line, and a request id that ties a request's lines
together (docs/deployment.md "Logs").

`JsonFormatter` writes time, level, logger, message, the request id, method and path of the
request being served (when the line is written inside one), the exception if any, and the extra
fields a caller passed (`logger.info("...", extra={"job": "check_deadlines"})`). It is used by
Django's LOGGING when LOG_FORMAT=json (the production default) and by gunicorn's logger
(config/gunicorn_logging.py), so the app, the access log, the worker and the scheduler all speak
the same format.

Nothing here reads request bodies, query strings, cookies or headers other than X-Request-ID:
a path and a method are all a line says about a request. Reporters' names and contacts never
reach a log line through this module; callers must not pass them as extras either.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import time
import uuid

# The request being served in this thread or task: set by RequestIdMiddleware, read by the
# formatter for every line written while the request runs.
_current_request: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "portal_current_request", default=None
)

# LogRecord's own attributes: everything else on a record came from `extra=`.
_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "taskName"}
)

# An X-Request-ID from a proxy in front is kept when it looks like one (nginx's $request_id is 32
# hex digits; a UUID has dashes); anything else is replaced, so a client cannot write arbitrary
# text into the logs through the header.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


_PLAIN = (str, int, float, bool, type(None))


def _plain(value):
    """Extras as JSON: plain values and lists/dicts of them; any other object by its type name
    only. An object's text may hold what a log must not: Django's request logger passes the
    request, whose repr has the query string; a model's repr may hold a name."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return f"<{type(value).__name__}>"


def _json_default(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: {"time", "level", "logger", "message", ...}."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = _current_request.get()
        if request:
            entry.update(request)
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = _plain(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=_json_default)


def current_request_id() -> str | None:
    request = _current_request.get()
    return request["request_id"] if request else None


class RequestIdMiddleware:
    """Gives every request an id (the proxy's X-Request-ID when it sent a sane one, else a new
    one), returns it as X-Request-ID, and lets every log line written while the request runs
    carry it with the method and path. The access line itself (status, duration) is written by
    gunicorn's logger, which reads the id from the response header."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        # A request slower than this is also logged as a WARNING from the app itself (with its
        # status and duration), whatever serves it; 0 turns that off.
        self.slow_ms = getattr(settings, "SLOW_REQUEST_MS", 0)

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current_request.set(
            {"request_id": request_id, "method": request.method, "path": request.path}
        )
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response["X-Request-ID"] = request_id
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        if self.slow_ms and duration_ms >= self.slow_ms:
            logging.getLogger("portal.request").warning(
                "slow request",
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
        return response
