"""Private services for the fault tests: a PostgreSQL cluster of their own (initdb into a
temporary folder, run as the postgres OS user), a redis-server of their own, and gunicorn with
the bench's production settings. Each can be killed, restarted or starved without touching the
machine's shared PostgreSQL and Redis. Ports come from the helper's range (FAULTS_PORT_BASE).

Nothing here imports Django: the test process only talks HTTP to gunicorn and SQL to the
private cluster (psycopg), so what it sees is what a villager and the database see.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.environment import ROOT, Database, production_env

PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))
PORT_BASE = int(os.environ.get("FAULTS_PORT_BASE", "8310"))
PG_PORT, REDIS_PORT, GUNICORN_PORT = PORT_BASE, PORT_BASE + 1, PORT_BASE + 2


def missing_tools() -> str | None:
    """Why the fault tests cannot run here, or None."""
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        return f"no PostgreSQL server binaries in {PG_BIN} (initdb, pg_ctl)"
    if not shutil.which("redis-server"):
        return "redis-server is not installed"
    if os.geteuid() != 0 or not shutil.which("runuser"):
        return "needs root (runuser -u postgres, mount) to run a private PostgreSQL cluster"
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        return "no postgres OS user to run the private cluster as"
    return None


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port} after {timeout}s")


def _die_with_parent() -> None:
    os.setsid()
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


# --- PostgreSQL ---------------------------------------------------------------------------------


@dataclass
class Postgres:
    """A throwaway cluster: trust authentication on 127.0.0.1 only, fsync off (nothing here
    outlives the test session; a fast restart still shuts down cleanly)."""

    root: Path
    port: int = PG_PORT

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _pg(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            ["runuser", "-u", "postgres", "--", *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed:\n{result.stdout}{result.stderr}")
        return result

    def init(self) -> None:
        shutil.chown(self.root, "postgres", "postgres")
        self._pg(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.root}'\nfsync = off\n"
                "synchronous_commit = off\nfull_page_writes = off\nmax_connections = 60\n"
            )

    def start(self) -> None:
        self._pg(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def restart(self) -> None:
        """Fast restart: open sessions are cut off, the cluster comes back on the same port."""
        self._pg(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-m",
            "fast",
            "-w",
            "restart",
        )

    def stop(self) -> None:
        self._pg(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-m",
            "immediate",
            "-w",
            "stop",
            check=False,
        )

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def connect(self, name: str = "postgres"):
        import psycopg

        return psycopg.connect(self.url(name), autocommit=True, connect_timeout=5)

    def create_database(self, name: str, template: str | None = None) -> None:
        from psycopg import sql

        with self.connect() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            admin.execute(query)


# --- Redis --------------------------------------------------------------------------------------


@dataclass
class Redis:
    root: Path
    port: int = REDIS_PORT
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        wait_for_port(self.port, 10)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


# --- gunicorn -----------------------------------------------------------------------------------


@dataclass
class Gunicorn:
    env: dict[str, str]
    log_path: Path
    port: int = GUNICORN_PORT
    workers: int = 2
    process: subprocess.Popen | None = None
    extra: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if not port_free(self.port):
            raise RuntimeError(f"port {self.port} is taken; set FAULTS_PORT_BASE")
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-w",
                str(self.workers),
                "-b",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                *self.extra,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
        log.close()
        self.wait_healthy()

    def wait_healthy(self, timeout: float = 60.0) -> None:
        import requests

        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                response = requests.get(self.base + "/healthz", timeout=5)
                if response.status_code == 200:
                    return
                last = f"{response.status_code}"
            except requests.RequestException as error:
                last = str(error)
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not healthy after {timeout}s ({last}):\n{self.log_tail()}")

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


# --- the whole world ----------------------------------------------------------------------------


SEED_SCRIPT = """
import django
from django.core.management import call_command

django.setup()
call_command("migrate", interactive=False, verbosity=0)
call_command("seed_demo", allow_production=True)
"""
CACHE_DIR = ROOT / "var" / "faults"
SEED_SOURCES = ("*/migrations/*.py", "*/demo/*.py", "portal/management/commands/seed_demo.py")


def seed_fingerprint() -> str:
    """What the seeded database depends on: the migrations and the demo builders."""
    import hashlib

    digest = hashlib.sha256()
    for pattern in SEED_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _run(command: list[str], env: dict, timeout: float = 900) -> None:
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:3])} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )


def seed_database(postgres: Postgres, name: str, env: dict) -> str:
    """Migrate and seed the Longnan demo into ``name``, or restore the dump an earlier run made
    of exactly that (var/faults/seed-<fingerprint>.dump): seeding takes minutes on a busy
    machine, a restore seconds. Returns how the database was made."""
    dump = CACHE_DIR / f"seed-{seed_fingerprint()}.dump"
    postgres.create_database(name)
    url = postgres.url(name)
    if dump.exists():
        _run([str(PG_BIN / "pg_restore"), "--no-owner", "-d", url, str(dump)], env)
        return f"restored {dump.name}"
    _run([sys.executable, "-c", SEED_SCRIPT], {**env, "DATABASE_URL": url})
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for old in CACHE_DIR.glob("seed-*.dump"):
        old.unlink()
    partial = dump.with_suffix(".partial")
    _run([str(PG_BIN / "pg_dump"), "-Fc", "-f", str(partial), url], env)
    partial.rename(dump)
    return f"seeded and saved {dump.name}"


@dataclass
class World:
    root: Path
    postgres: Postgres
    redis: Redis
    env: dict[str, str]
    database: str
    case_files: Path  # a tiny tmpfs of its own when `mounted`
    mounted: bool

    def manage(self, *args: str, env: dict | None = None, timeout: float = 300):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def sql(self, query: str, params=()) -> list[tuple]:
        with self.postgres.connect(self.database) as conn:
            return conn.execute(query, params).fetchall()

    def redis_keys(self) -> int:
        import redis

        return redis.Redis(port=self.redis.port, socket_timeout=2).dbsize()

    def gunicorn(self, name: str, **overrides: str) -> Gunicorn:
        return Gunicorn(env={**self.env, **overrides}, log_path=self.root / f"{name}.log")


def build_world(stack: contextlib.ExitStack) -> World:
    """A private cluster and Redis, one database migrated and seeded with the Longnan demo, and
    the environment gunicorn and manage.py get (config.settings.bench: production settings,
    rate limits lifted; the Redis cache on the private server)."""
    for port in (PG_PORT, REDIS_PORT, GUNICORN_PORT):
        if not port_free(port):
            raise RuntimeError(f"port {port} is taken; set FAULTS_PORT_BASE to a free range")
    root = Path(tempfile.mkdtemp(prefix="xiaowei-faults-"))
    root.chmod(0o755)  # the postgres OS user reaches its cluster below it
    stack.callback(shutil.rmtree, root, ignore_errors=True)
    postgres = Postgres(root / "pg")
    postgres.root.mkdir()
    postgres.init()
    postgres.start()
    stack.callback(postgres.stop)
    redis = Redis(root)
    redis.start()
    stack.callback(redis.kill)

    # Complaint attachments on a filesystem of their own that the disk-full scenario fills up.
    case_files = root / "case-files"
    case_files.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(case_files)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if mounted:
        stack.callback(subprocess.run, ["umount", "-l", str(case_files)], check=False)

    database = Database(url=postgres.url("faults_site"), engine="postgresql", name="faults_site")
    env = production_env(root, database).variables
    env.update(
        {
            "CACHE_URL": redis.url,
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(CACHE_DIR / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "CASE_FILES_ROOT": str(case_files),
        }
    )
    started = time.monotonic()
    how = seed_database(postgres, "faults_seed", env)
    # The seeded database stays untouched: scenarios copy it (CREATE DATABASE ... TEMPLATE).
    postgres.create_database("faults_site", template="faults_seed")
    _run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    print(f"faults: database {how}, ready in {time.monotonic() - started:.0f}s", file=sys.stderr)
    name = "faults_site"
    return World(
        root=root,
        postgres=postgres,
        redis=redis,
        env=env,
        database=name,
        case_files=case_files,
        mounted=mounted,
    )
