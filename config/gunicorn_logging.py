"""gunicorn's own log lines (start, workers, errors) and its access log as JSON lines, in the
same format as the app's (portal/base/logging.py). Chosen by config/gunicorn.py when
LOG_FORMAT=json.

The access line holds the request id (the X-Request-ID the app returned), method, path (no query
string: a tracking code or search term stays out of the logs), status, bytes and duration. The
client's address and user agent are left out on purpose: a villager reporting a complaint must
not be traceable through the logs (docs/security.md "Reporter identity"); rate limits and
lockouts keep their own counts.
"""

from gunicorn.glogging import Logger

from portal.base.logging import JsonFormatter


def _wsgi_text(value: str) -> str:
    """WSGI hands the path over as latin-1-decoded bytes; Chinese paths arrive as UTF-8."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


class JsonLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        headers = {name.lower(): value for name, value in resp.headers}
        try:
            self.access_log.info(
                "request",
                extra={
                    "request_id": headers.get("x-request-id"),
                    "method": environ.get("REQUEST_METHOD"),
                    "path": _wsgi_text(environ.get("PATH_INFO", "")),
                    "status": int(status),
                    "bytes": getattr(resp, "sent", None),
                    "duration_ms": round(request_time.total_seconds() * 1000, 1),
                },
            )
        except Exception:
            self.exception("could not write the access log line")
