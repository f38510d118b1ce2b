"""The reference the issue measures against: a bare `wagtail start` project, built in the bench's
temporary directory with the installed Wagtail, on its own SQLite database, with production-ish
settings (its own `settings/production.py`: DEBUG off, manifest static files; plus a random
SECRET_KEY and ALLOWED_HOSTS), served by gunicorn with the same workers as ours. Its home page
is Wagtail's welcome page: one page, one template, Wagtail's routing and site lookup, no app of
ours."""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from .environment import BenchError, Server, log, start_gunicorn

NAME = "plainsite"
WAGTAIL = Path(sys.executable).with_name("wagtail")


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(
            f"plain Wagtail: {' '.join(command)} failed ({result.returncode}):\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )


def plain_env(root: Path) -> dict[str, str]:
    variables = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "BENCH_"))
    }
    variables.update(
        {
            "DJANGO_SETTINGS_MODULE": f"{NAME}.settings.production",
            "PYTHONPATH": str(root),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return variables


def build(tmpdir: Path) -> tuple[Path, dict[str, str], float]:
    """`wagtail start`, local settings, migrate, collectstatic. Returns (project directory, its
    environment, seconds taken)."""
    started = time.perf_counter()
    root = tmpdir / "plain"
    root.mkdir()
    env = plain_env(root)
    _run([str(WAGTAIL), "start", NAME, str(root)], tmpdir, env)
    (root / NAME / "settings" / "local.py").write_text(
        f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\n"
        'ALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
        "DEBUG = False\n",
        encoding="utf-8",
    )
    _run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], root, env)
    _run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], root, env)
    seconds = time.perf_counter() - started
    log(f"plain Wagtail project built in {seconds:.1f}s ({root})")
    return root, env, seconds


def start(tmpdir: Path, workers: int, stack: contextlib.ExitStack) -> tuple[Server, float]:
    root, env, seconds = build(tmpdir)
    server = start_gunicorn(
        env,
        workers,
        stack,
        cwd=root,
        app=f"{NAME}.wsgi",
        name="gunicorn-plain-wagtail",
        health_path="/",
    )
    return server, seconds
