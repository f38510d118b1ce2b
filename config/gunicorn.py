"""gunicorn for `make serve` and production: `gunicorn -c config/gunicorn.py config.wsgi`.
Every value can be changed from the environment (docs/deployment.md "gunicorn").

Workers: sync workers, 2 x cores + 1 by default (gunicorn's own rule of thumb: while one worker
waits on PostgreSQL or Redis another uses the core). A page costs 9-18 ms of CPU here
(docs/benchmarks.md), so the cores, not the workers, are the limit; more workers than that only
add memory (about 200 MB each). WEB_CONCURRENCY overrides the count.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# A request running longer than this is killed and its worker restarted. Nothing a visitor asks
# for should come near it: PDFs and big exports are built by the task worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (a deploy), workers finish the requests they have for up to this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Keep-alive behind a proxy on the same network (nginx keeps its own client connections).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Each worker is replaced after about this many requests (jittered so they do not all restart
# at once): slow memory growth in any library never builds up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# X-Forwarded-* is trusted only from these addresses (the TLS proxy in front).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr, for systemd's journal or the container runtime to collect.
accesslog = "-" if os.environ.get("ACCESS_LOG", "1") not in {"0", "false", "off"} else None
errorlog = "-"
# No control socket (gunicornc) unless asked for: several servers on one machine would share
# its default path.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
if os.environ.get("LOG_FORMAT", "json").strip().lower() == "json":
    logger_class = "config.gunicorn_logging.JsonLogger"
