"""What the production settings make of the environment (config/settings/production.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import json, config.settings.production as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'max_age': db['CONN_MAX_AGE'], "
    "'options': db.get('OPTIONS', {}), 'handler': s.LOGGING['handlers']['console']}))"
)


def production_settings(**env):
    variables = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DB_POOL", "LOG_FORMAT"}
    }
    variables.update(
        SECRET_KEY="s", IDENTITY_KEYS="k", IDENTITY_HASH_KEY="h", VAR_DIR="/tmp/xiaowei-x", **env
    )
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env=variables,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_postgresql_gets_a_connection_pool_by_default():
    found = production_settings(
        DATABASE_URL="postgres://app@db.example:5432/xiaowei", DB_POOL_MAX_SIZE="6"
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["max_age"] == 0  # Django refuses persistent connections with a pool
    pool = found["options"]["pool"]
    assert pool["max_size"] == 6 and pool["min_size"] == 1 and pool["timeout"] == 10
    assert found["handler"]["formatter"] == "json"


def test_the_pool_can_be_left_to_pgbouncer_and_sqlite_never_gets_one():
    off = production_settings(DATABASE_URL="postgres://app@pgbouncer:6432/xiaowei", DB_POOL="0")
    assert "pool" not in off["options"] and off["max_age"] == 60
    sqlite = production_settings(DATABASE_URL="sqlite:////tmp/xiaowei-x.sqlite3")
    assert "pool" not in sqlite["options"]


def test_plain_logs_when_asked():
    found = production_settings(DATABASE_URL="sqlite:////tmp/x.sqlite3", LOG_FORMAT="plain")
    assert found["handler"]["formatter"] == "plain"
