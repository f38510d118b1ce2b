"""Backup and restore (README "Backup and restore", docs/security.md "Backups (Part 9)").

A backup is one directory, var/backups/<UTC time>/ by default (BACKUP_DIR), holding:

- the database: `db.dump` (PostgreSQL, `pg_dump -Fc`) or `db.sqlite3` (SQLite, copied with
  SQLite's online backup API, so a running site may keep writing);
- `files.tar`: MEDIA_ROOT (images, documents), the built PDFs and the case files, under
  `media/`, `pdfs/` and `case-files/` (ledger exports are temporary and left out);
- `manifest.json`, written last (and atomically): time, app version and git commit, the
  migrations applied, the row count of every table, and the sha256 of every file, both the two
  above and each file inside the tar. A directory without a manifest is an incomplete backup and
  is never restored.

Restore checks the checksums before touching anything, refuses a backup made by newer code
(a migration the code does not have) and, unless forced, refuses to overwrite a database that
holds content or file folders that hold files. The reporter-identity keys (IDENTITY_KEYS,
SECRET_KEY, IDENTITY_HASH_KEY) are not in a backup: a restore needs the same ones.

This module sits in portal.management, the top layer: it reads every app's tables by label and
imports none of their code.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
FILES_ARCHIVE = "files.tar"
PG_DUMP = "db.dump"
SQLITE_COPY = "db.sqlite3"
FORMAT = 1
STAMP = "%Y%m%dT%H%M%SZ"

# The keep policy (prune_backups): the newest backup of each of the last 7 days, 4 weeks and
# 12 months is kept; so are backups younger than a day. Every other complete backup is removed,
# and so is an incomplete one (no manifest) older than a day.
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why, for the operator."""


def backup_root() -> Path:
    return Path(os.environ.get("BACKUP_DIR") or Path(settings.VAR_DIR) / "backups")


def file_roots() -> dict[str, Path]:
    """The folders a backup carries, by their name in the archive."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "pdfs": Path(storages["pdfs"].location),
        "case-files": Path(storages["case_files"].location),
    }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(_("不支持的数据库类型：%(vendor)s。") % {"vendor": vendor})
    return vendor


def _pg_env(alias: str) -> tuple[dict, list[str]]:
    """Environment and connection arguments for pg_dump/pg_restore (the password never on the
    command line)."""
    params = connections[alias].settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    return env, [*args, "--dbname", str(params["NAME"])]


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(
            _("%(tool)s 失败：%(error)s")
            % {"tool": command[0], "error": (done.stderr or done.stdout).strip()[-2000:]}
        )


def other_sessions(alias: str) -> list[str]:
    """Who else is connected to the PostgreSQL database `alias` (application name @ address),
    asked over a connection of its own after this process has let go of its own (a pool's
    too). SQLite: nothing to ask, an empty list."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return []
    connection.close()
    if getattr(connection, "pool", None) is not None:
        connection.close_pool()
    env, args = _pg_env(alias)
    query = (
        "SELECT coalesce(nullif(application_name, ''), '?') || '@' "
        "|| coalesce(host(client_addr), 'local') FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND backend_type = 'client backend' ORDER BY backend_start"
    )
    done = subprocess.run(  # noqa: S603
        ["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query, *args],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(_("psql 失败：%(error)s") % {"error": done.stderr.strip()[-2000:]})
    return [line for line in done.stdout.splitlines() if line.strip()]


def _app_version() -> dict:
    version = ""
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    if pyproject.exists():
        version = tomllib.loads(pyproject.read_text("utf-8")).get("project", {}).get("version", "")
    commit = os.environ.get("APP_COMMIT", "")
    if not commit:
        try:
            done = subprocess.run(
                ["git", "rev-parse", "HEAD"],  # noqa: S607
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
                check=False,
                timeout=10,
            )
            commit = done.stdout.strip() if done.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            commit = ""
    return {"version": version, "commit": commit}


def applied_migrations(alias: str = "default") -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def row_counts(alias: str = "default") -> dict[str, int]:
    """Rows of every table the code has a model for (concrete, managed), by model label."""
    tables = set(connections[alias].introspection.table_names())
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table not in tables:
            continue
        counts[meta.label] = model._base_manager.using(alias).count()
    return dict(sorted(counts.items()))


# --- making a backup ------------------------------------------------------------------------


def _new_directory(root: Path, now: datetime.datetime) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(datetime.UTC).strftime(STAMP)
    for n in range(1, 100):
        target = root / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            target.mkdir()
        except FileExistsError:
            continue
        return target
    raise BackupError(_("无法在 %(root)s 下新建备份目录。") % {"root": root})


def _dump_database(target: Path, alias: str) -> str:
    if _engine(alias) == "postgresql":
        env, args = _pg_env(alias)
        dump = ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / PG_DUMP)]
        _run([*dump, *args], env)
        return PG_DUMP
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(target / SQLITE_COPY)
    try:
        with connection.wrap_database_errors:
            connection.connection.backup(copy)
    finally:
        copy.close()
    return SQLITE_COPY


class _Hashing:
    """A file read through: what goes into the tar is exactly what is hashed, even if the file
    changes while the backup runs."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        block = self.handle.read(size)
        self.digest.update(block)
        return block


def _archive_files(target: Path, roots: dict[str, Path]) -> dict[str, str]:
    """Tar every root (a missing root is an empty one); return each file's sha256."""
    contents: dict[str, str] = {}
    with tarfile.open(target / FILES_ARCHIVE, "w") as archive:
        for name, root in roots.items():
            if not root.is_dir():
                continue
            archive.add(root, arcname=name, recursive=False)
            for path in sorted(root.rglob("*")):
                if path.is_symlink():
                    continue  # never follow a link out of the folder
                arcname = f"{name}/{path.relative_to(root).as_posix()}"
                info = archive.gettarinfo(path, arcname)
                if not info.isreg():
                    archive.addfile(info)
                    continue
                with open(path, "rb") as handle:
                    hashing = _Hashing(handle)
                    archive.addfile(info, hashing)
                contents[arcname] = hashing.digest.hexdigest()
    return contents


def create_backup(
    root: Path | None = None, *, alias: str = "default", roots: dict[str, Path] | None = None
) -> Path:
    """Make one backup under `root` (BACKUP_DIR); return its directory."""
    now = timezone.now()
    roots = roots if roots is not None else file_roots()
    _engine(alias)
    if not applied_migrations(alias):
        raise BackupError(_("数据库是空的（从未执行迁移），没有可备份的内容。"))
    target = _new_directory(Path(root) if root else backup_root(), now)
    database_file = _dump_database(target, alias)
    contents = _archive_files(target, roots)
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "app": _app_version(),
        "database": {"engine": _engine(alias), "file": database_file},
        "migrations": applied_migrations(alias),
        "row_counts": row_counts(alias),
        "files": {
            name: {"sha256": sha256_of(target / name), "size": (target / name).stat().st_size}
            for name in (database_file, FILES_ARCHIVE)
        },
        "archive_contents": contents,
        "keys_included": False,
    }
    # Last, and atomically: a directory without this file is an incomplete backup.
    partial = target / f".{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    os.replace(partial, target / MANIFEST)
    return target


# --- checking and restoring -----------------------------------------------------------------


def read_manifest(directory: Path) -> dict:
    directory = Path(directory)
    if not directory.is_dir():
        raise BackupError(_("备份目录不存在：%(path)s") % {"path": directory})
    try:
        manifest = json.loads((directory / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        raise BackupError(
            _("%(path)s 没有 manifest.json：这是一份没有做完的备份，不能用来恢复。")
            % {"path": directory}
        ) from None
    except ValueError:
        raise BackupError(_("%(path)s 的 manifest.json 已损坏。") % {"path": directory}) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("不认识的备份格式：%(format)s。") % {"format": manifest.get("format")})
    return manifest


def verify_backup(directory: Path) -> dict:
    """The manifest, once every file of the backup matches its checksum."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    for name, expected in manifest["files"].items():
        path = directory / name
        if not path.is_file():
            raise BackupError(_("备份缺少文件 %(name)s。") % {"name": name})
        if sha256_of(path) != expected["sha256"]:
            raise BackupError(
                _("备份文件 %(name)s 的校验值不符（已被改动或损坏），不能恢复。") % {"name": name}
            )
    return manifest


def newer_migrations(manifest: dict) -> list[str]:
    """Migrations the backup's database has and this code does not (a backup of newer code)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    # An app no longer installed left its rows behind; that is not newer code.
    return [
        f"{app_label}.{name}"
        for app_label, names in sorted(manifest["migrations"].items())
        if app_label in installed
        for name in names
        if (app_label, name) not in known
    ]


def database_has_content(alias: str = "default") -> bool:
    """Whether the database holds anything worth keeping: a user, a case, or a page below the
    home page. A database just migrated (categories, calendar and home page seeded) is empty."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    if "django_migrations" not in tables:
        return False
    checks = [
        ("auth_user", "SELECT 1 FROM auth_user LIMIT 1"),
        ("supervision_complaint", "SELECT 1 FROM supervision_complaint LIMIT 1"),
        ("wagtailcore_page", "SELECT 1 FROM wagtailcore_page WHERE depth > 2 LIMIT 1"),
    ]
    with connection.cursor() as cursor:
        for table, query in checks:
            if table in tables:
                cursor.execute(query)
                if cursor.fetchone():
                    return True
    return False


def _folders_with_files(roots: dict[str, Path]) -> list[Path]:
    return [root for root in roots.values() if root.is_dir() and any(root.iterdir())]


def _restore_database(directory: Path, manifest: dict, alias: str) -> None:
    engine = _engine(alias)
    if manifest["database"]["engine"] != engine:
        raise BackupError(
            _("这是 %(backup)s 数据库的备份，不能恢复到 %(target)s 数据库。")
            % {"backup": manifest["database"]["engine"], "target": engine}
        )
    connection = connections[alias]
    if engine == "postgresql":
        connection.close()
        env, args = _pg_env(alias)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--no-owner",
                "--no-privileges",
                *args,
                str(directory / PG_DUMP),
            ],
            env,
        )
        return
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{directory / SQLITE_COPY}?mode=ro", uri=True)
    try:
        with connection.wrap_database_errors:
            source.backup(connection.connection)
    finally:
        source.close()
    connection.close()  # the next query opens it afresh, on the restored content


def _unpack_files(directory: Path, manifest: dict, roots: dict[str, Path]) -> dict[str, Path]:
    """Unpack each folder beside its target and check every file against the manifest; nothing
    in place is touched yet. Returns {folder name: scratch folder}; removes them on failure."""
    contents = manifest["archive_contents"]
    unpacked: dict[str, Path] = {}
    try:
        with tarfile.open(directory / FILES_ARCHIVE) as archive:
            members = archive.getmembers()
            for name, root in roots.items():
                root.parent.mkdir(parents=True, exist_ok=True)
                scratch = Path(tempfile.mkdtemp(prefix=f".restore-{root.name}-", dir=root.parent))
                unpacked[name] = scratch
                mine = [m for m in members if m.name == name or m.name.startswith(f"{name}/")]
                archive.extractall(scratch, members=mine, filter="data")
        for arcname, expected in contents.items():
            name, _slash, rest = arcname.partition("/")
            path = unpacked[name] / name / rest if name in unpacked else None
            if path is None or not path.is_file() or sha256_of(path) != expected:
                raise BackupError(
                    _("备份中的文件 %(name)s 与清单不符，不能恢复。") % {"name": arcname}
                )
    except BaseException:
        _discard(unpacked)
        raise
    return unpacked


def _discard(unpacked: dict[str, Path]) -> None:
    for scratch in unpacked.values():
        shutil.rmtree(scratch, ignore_errors=True)


def _swap_in(unpacked: dict[str, Path], roots: dict[str, Path]) -> list[Path]:
    """Put each unpacked folder in place (renames on the same disk); a folder that held files
    is kept as <folder>.before-restore-<time>. Returns those kept folders."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime(STAMP)
    kept = []
    for name, root in roots.items():
        fresh = unpacked[name] / name
        if root.exists():
            if root.is_dir() and not any(root.iterdir()):
                root.rmdir()
            else:
                aside = root.with_name(f"{root.name}.before-restore-{stamp}")
                root.rename(aside)
                kept.append(aside)
        if fresh.is_dir():
            fresh.rename(root)
        else:
            root.mkdir(parents=True)
        shutil.rmtree(unpacked[name], ignore_errors=True)
    return kept


@dataclass
class RestoreResult:
    manifest: dict
    kept_folders: list[Path] = field(default_factory=list)
    missing_migrations: list[str] = field(default_factory=list)
    count_mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)


def restore_backup(
    directory: Path,
    *,
    force: bool = False,
    alias: str = "default",
    roots: dict[str, Path] | None = None,
) -> RestoreResult:
    """Restore a backup into the database `alias` and the file folders `roots`."""
    directory = Path(directory)
    roots = roots if roots is not None else file_roots()
    manifest = verify_backup(directory)
    name = str(connections[alias].settings_dict["NAME"])
    if connections[alias].vendor == "sqlite" and name != ":memory:" and "mode=memory" not in name:
        Path(name).parent.mkdir(parents=True, exist_ok=True)  # a fresh VAR_DIR
    newer = newer_migrations(manifest)
    if newer:
        raise BackupError(
            _(
                "这份备份来自更新版本的代码（本代码没有迁移 %(migrations)s），"
                "请先部署同样新的代码再恢复。"
            )
            % {"migrations": "、".join(newer[:5])}
        )
    if not force:
        if database_has_content(alias):
            raise BackupError(_("目标数据库已有内容（用户、案件或页面）。确要覆盖，请加 --force。"))
        occupied = _folders_with_files(roots)
        if occupied:
            raise BackupError(
                _("文件目录 %(folders)s 已有文件。确要覆盖（原文件会改名保留），请加 --force。")
                % {"folders": "、".join(str(p) for p in occupied)}
            )
    # A site still running would write into the database while it is replaced (and hold locks
    # pg_restore waits on): refused, whatever --force says.
    others = other_sessions(alias)
    if others:
        raise BackupError(
            _(
                "还有 %(n)d 个连接正在使用数据库（%(who)s）。请先停止网站（gunicorn）、"
                "任务进程（db_worker）和调度器，再恢复。"
            )
            % {"n": len(others), "who": "、".join(others[:5])}
        )
    # Files first, beside their folders: a damaged archive or a full disk stops the restore
    # before the database is touched. Then the database (one transaction on PostgreSQL), and
    # only then the files are swapped in, by renames that cannot run out of space.
    unpacked = _unpack_files(directory, manifest, roots)
    try:
        _restore_database(directory, manifest, alias)
    except BaseException:
        _discard(unpacked)
        raise
    kept = _swap_in(unpacked, roots)
    # Pages kept whole and the tags they were stored under describe the database that was
    # there before: drop them all (the web workers' per-process memory goes with a restart,
    # which the command asks for).
    for cache_alias in {"default", getattr(settings, "PAGE_CACHE_ALIAS", "default")}:
        caches[cache_alias].clear()
    counts = row_counts(alias)
    mismatches = {
        label: (expected, counts.get(label, 0))
        for label, expected in manifest["row_counts"].items()
        if counts.get(label, 0) != expected
    }
    code = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    restored = {(a, n) for a, names in manifest["migrations"].items() for n in names}
    missing = sorted(f"{a}.{n}" for a, n in code - restored)
    return RestoreResult(manifest, kept, missing, mismatches)


# --- pruning --------------------------------------------------------------------------------


def _when(directory: Path) -> datetime.datetime | None:
    try:
        stamp = directory.name.split("-")[0]
        return datetime.datetime.strptime(stamp, STAMP).replace(tzinfo=datetime.UTC)
    except ValueError:
        return None


@dataclass
class PrunePlan:
    keep: list[Path]
    remove: list[Path]


def plan_prune(
    root: Path | None = None,
    *,
    now: datetime.datetime | None = None,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> PrunePlan:
    """Which backups the keep policy keeps and which it removes. Only directories named like a
    backup are looked at; anything else under the root is left alone."""
    root = Path(root) if root else backup_root()
    now = now or timezone.now()
    found = sorted(
        ((when, d) for d in (root.iterdir() if root.is_dir() else []) if (when := _when(d))),
        reverse=True,
    )
    keep: set[Path] = set()
    remove: list[Path] = []
    complete = []
    for when, directory in found:
        recent = now - when < datetime.timedelta(days=1)
        if not (directory / MANIFEST).is_file():
            if not recent:
                remove.append(directory)  # an incomplete backup a day old will never finish
            else:
                keep.add(directory)  # may still be running
            continue
        if recent:
            keep.add(directory)
        complete.append((when, directory))
    for periods, key in (
        (daily, lambda w: w.date()),
        (weekly, lambda w: w.isocalendar()[:2]),
        (monthly, lambda w: (w.year, w.month)),
    ):
        seen = []
        for when, directory in complete:  # newest first: the first of each period is kept
            period = key(when)
            if period in seen:
                continue
            if len(seen) == periods:
                break
            seen.append(period)
            keep.add(directory)
    if complete:
        keep.add(complete[0][1])  # the newest complete backup, always
    remove += [d for _w, d in complete if d not in keep]
    return PrunePlan(sorted(keep), sorted(remove))


def prune_backups(root: Path | None = None, **policy) -> PrunePlan:
    plan = plan_prune(root, **policy)
    for directory in plan.remove:
        shutil.rmtree(directory)
    return plan
