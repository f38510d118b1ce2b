"""The bench's world: a fresh database, production settings in the environment, the Django
management steps and the gunicorn server. Everything here is undone by ``cleanup`` callbacks
registered on a contextlib.ExitStack, so an error or Ctrl-C leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .load import Connection, LoadError

ROOT = Path(__file__).resolve().parents[2]
PG_SCHEMES = ("postgres", "postgresql", "pgsql", "postgis")
HEALTH_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


class BenchError(RuntimeError):
    """A step of the bench failed; the message says which and why."""


# --- database --------------------------------------------------------------------------------


@dataclass
class Database:
    url: str
    engine: str  # "sqlite" or "postgresql"
    name: str
    created: bool = False
    pg: dict | None = None  # connection parameters (PostgreSQL)

    def backend_pids(self) -> list[int]:
        """PostgreSQL backends connected to the bench database (gunicorn's, as the harness
        itself connects only to the maintenance database), for CPU accounting. Their /proc
        entries are readable only when the server runs on this machine."""
        if self.pg is None:
            return []
        with _pg_admin(self.pg) as admin:
            rows = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.name]
            ).fetchall()
        return [pid for (pid,) in rows]


def _pg_parts(url: str) -> dict:
    parts = urlsplit(url)
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or 5432,
        "user": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "dbname": unquote(parts.path.lstrip("/")),
    }


def _pg_admin(parts: dict):
    import psycopg

    return psycopg.connect(
        host=parts["host"],
        port=parts["port"],
        user=parts["user"],
        password=parts["password"],
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    )


def prepare_database(url: str | None, tmpdir: Path, stack: contextlib.ExitStack, keep: bool):
    """A fresh, empty database: a temporary SQLite file, or the PostgreSQL database named by
    ``url``, created now and dropped at the end (its name must contain "bench": the harness
    drops it, and drops a leftover of that name from an interrupted run)."""
    if not url:
        path = tmpdir / "bench.sqlite3"
        return Database(url=f"sqlite:///{path}", engine="sqlite", name=str(path))
    scheme = urlsplit(url).scheme.split("+")[0]
    if scheme == "sqlite":
        path = Path(unquote(urlsplit(url).path))
        if path.exists():
            raise BenchError(f"{path} exists; the bench wants a fresh SQLite file, remove it first")
        if not keep:
            stack.callback(_remove_sqlite, path)
        return Database(url=url, engine="sqlite", name=str(path))
    if scheme not in PG_SCHEMES:
        raise BenchError(f"BENCH_DATABASE_URL: unsupported scheme {scheme!r}")
    parts = _pg_parts(url)
    name = parts["dbname"]
    if "bench" not in name:
        raise BenchError(
            f"BENCH_DATABASE_URL names database {name!r}: the harness creates and drops it, so "
            "its name must contain 'bench' (e.g. xiaowei_bench)"
        )
    from psycopg import sql

    with _pg_admin(parts) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            log(f"dropping leftover database {name!r} from an earlier run")
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"created PostgreSQL database {name!r} on {parts['host']}:{parts['port']}")
    if not keep:
        stack.callback(_drop_pg, parts)
    return Database(url=url, engine="postgresql", name=name, created=True, pg=parts)


def _drop_pg(parts: dict) -> None:
    from psycopg import sql

    try:
        with _pg_admin(parts) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(parts["dbname"])
                )
            )
        log(f"dropped database {parts['dbname']!r}")
    except Exception as error:  # cleanup must not hide the original error
        log(f"could not drop database {parts['dbname']!r}: {error}")


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# --- settings --------------------------------------------------------------------------------


@dataclass
class BenchEnv:
    tmpdir: Path
    database: Database
    variables: dict[str, str] = field(default_factory=dict)

    def with_overrides(self, **overrides: str) -> dict[str, str]:
        return {**self.variables, **overrides}

    def variant(self, **overrides: str) -> BenchEnv:
        return BenchEnv(self.tmpdir, self.database, self.with_overrides(**overrides))


def production_env(tmpdir: Path, database: Database) -> BenchEnv:
    """Production settings with the transport security that needs a TLS proxy turned off."""
    variables = dict(os.environ)
    token = secrets.token_hex(4)
    variables.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "IDENTITY_KEYS": secrets.token_urlsafe(32),
            "IDENTITY_HASH_KEY": secrets.token_urlsafe(32),
            "DEBUG": "0",
            "DATABASE_URL": database.url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_ROOT": str(tmpdir / "static"),
            "MEDIA_ROOT": str(tmpdir / "media"),
            "VAR_DIR": str(tmpdir / "var"),
            # A key prefix of its own: a shared Redis (CACHE_URL) never serves an earlier run's
            # entries, whose page ids belong to another database.
            "CACHE_KEY_PREFIX": f"xiaowei-bench-{token}",
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
        }
    )
    variables.pop("PYTHONDONTWRITEBYTECODE", None)
    return BenchEnv(tmpdir=tmpdir, database=database, variables=variables)


# --- management steps ------------------------------------------------------------------------


def manage(env: BenchEnv, *args: str) -> float:
    """Run a manage.py command; raise with its output if it fails. Returns seconds taken."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env.variables,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return time.perf_counter() - started


# --- gunicorn --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _own_session_and_die_with_parent() -> None:
    """preexec_fn: a process group of its own (Ctrl-C reaches the harness, which then stops the
    server in order) and SIGTERM from the kernel if the harness dies without cleaning up."""
    os.setsid()
    with contextlib.suppress(Exception):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path
    name: str = "gunicorn"

    def worker_pids(self) -> list[int]:
        """The gunicorn master and its workers (Linux /proc), for CPU accounting."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        try:
            return [pid, *(int(p) for p in children.read_text().split())]
        except OSError:
            return [pid]

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def start_gunicorn(
    env: BenchEnv | dict[str, str],
    workers: int,
    stack: contextlib.ExitStack,
    *,
    cwd: Path = ROOT,
    app: str = "config.wsgi",
    name: str = "gunicorn",
    health_path: str = "/healthz",
) -> Server:
    """gunicorn with ``workers`` sync workers on a free port; ``env`` is the bench's (our
    project) or a plain environment (tests.bench.plain: the bare Wagtail project in ``cwd``)."""
    variables = env.variables if isinstance(env, BenchEnv) else env
    tmpdir = env.tmpdir if isinstance(env, BenchEnv) else cwd.parent
    port = free_port()
    log_path = tmpdir / f"{name}.log"
    log_file = stack.enter_context(open(log_path, "wb"))  # noqa: SIM115 (closed by the stack)
    command = [sys.executable, "-m", "gunicorn", app, "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    # preexec_fn is safe here: the harness starts no thread before the server.
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=variables,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        preexec_fn=_own_session_and_die_with_parent,
    )
    server = Server(process=process, port=port, log_path=log_path, name=name)
    stack.callback(stop_gunicorn, server)
    _wait_healthy(server, health_path)
    return server


def _wait_healthy(server: Server, health_path: str = "/healthz") -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    last_error = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(
                f"{server.name} exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            with contextlib.closing(Connection("127.0.0.1", server.port, timeout=5)) as conn:
                status, _size, body = conn.get(health_path, keep_body=True)
            if status == 200:
                workers = len(server.worker_pids()) - 1
                log(f"{server.name} up on 127.0.0.1:{server.port} ({workers} workers)")
                return
            last_error = f"{health_path} answered {status}: {body[:200]!r}"
        except (OSError, LoadError) as error:
            last_error = str(error)
        time.sleep(0.2)
    raise BenchError(f"{server.name} not healthy after {HEALTH_TIMEOUT_S}s ({last_error})")


def stop_gunicorn(server: Server) -> None:
    process = server.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            log("gunicorn did not stop on SIGTERM; killing its process group")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    log(f"{server.name} stopped")


# --- temporary directory ---------------------------------------------------------------------


def temporary_directory(stack: contextlib.ExitStack, keep: bool) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="xiaowei-bench-"))
    if keep:
        stack.callback(log, f"kept {path} (BENCH_KEEP)")
    else:
        stack.callback(shutil.rmtree, path, ignore_errors=True)
    return path


def django_op(env: BenchEnv, module: str, op: str, args: dict) -> dict:
    """Run `python -m <module> <op> ARGS.json RESULT.json` in a fresh process with the bench's
    settings (the Django side of a scenario) and return its JSON result."""
    name = f"{module.rsplit('.', 1)[-1]}-{op}"
    spec, out = env.tmpdir / f"{name}.json", env.tmpdir / f"{name}.out.json"
    spec.write_text(json.dumps(args), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", module, op, str(spec), str(out)],
        cwd=ROOT,
        env=env.variables,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        raise BenchError(f"{module} {op} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))
