"""The secrets check run by `make lint` (tools/check_secrets.py): a planted key fails it, a known
test value listed in .secrets.baseline does not."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("check_secrets", REPO / "tools/check_secrets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_planted_aws_key_fails_the_check_and_a_clean_file_passes(tmp_path):
    tool = _tool()
    planted = tmp_path / "settings_local.py"
    # Built at run time so that this file itself holds no key.
    planted.write_text(f'AWS_ACCESS_KEY_ID = "{"AKIA" + "IOSFODNN7QWERTYZ"}"\n', encoding="utf-8")
    clean = tmp_path / "clean.py"
    clean.write_text('GREETING = "你好"\n', encoding="utf-8")
    problems = tool.check([str(planted), str(clean)])
    assert len(problems) == 1
    # Named as detect-secrets names it (relative to the repository when the repository is not
    # /work/main, e.g. CI's clone under /tmp): by the file name, with the kind of secret.
    assert planted.name in problems[0] and "AWS Access Key" in problems[0]
    assert tool.check([str(clean)]) == []


def test_known_test_values_in_the_baseline_pass():
    tool = _tool()
    # The demo password, listed (not a secret) in the committed baseline.
    assert tool.check(["villages/demo/builder.py"]) == []
