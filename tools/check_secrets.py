"""The secrets check (`make secrets`, run by `make lint` and so by CI): fails when a file holds a
secret that the committed baseline `.secrets.baseline` does not list, or one that the audit of the
baseline marked as real (docs/security.md "Secrets check (Part 9)").

Secrets are compared by file, type and hash, not by line, so editing a file above a known test
key does not fail the check. Usage:

    python tools/check_secrets.py                # every file git tracks
    python tools/check_secrets.py FILE [FILE...] # only these (what the test does)

To accept a new test or demo value after checking it is not a secret:
`detect-secrets scan --baseline .secrets.baseline` then `detect-secrets audit .secrets.baseline`
(answer "n": not a secret) and say why in docs/security.md.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from detect_secrets import SecretsCollection
from detect_secrets.core import baseline as baseline_file
from detect_secrets.settings import configure_settings_from_baseline, default_settings

REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / ".secrets.baseline"


def tracked_files() -> list[str]:
    git = shutil.which("git") or "git"
    listed = subprocess.run(  # noqa: S603 (a fixed command)
        [git, "ls-files", "-z"], cwd=REPO, capture_output=True, check=True, text=True
    ).stdout
    names = [name for name in listed.split("\0") if name and (REPO / name).is_file()]
    return [name for name in names if name != BASELINE.name]  # hashes of what it lists


def check(paths: list[str], baseline_path: Path = BASELINE) -> list[str]:
    """Problems found, one line each ("file:line: type"); empty when clean."""
    saved = baseline_file.load_from_file(str(baseline_path))
    known = SecretsCollection.load_from_baseline(saved)
    with default_settings():
        configure_settings_from_baseline(saved, filename=str(baseline_path))
        found = SecretsCollection(root=str(REPO))
        found.scan_files(*paths)
    # By the file's name as listed, type and hash (a scanned secret carries its absolute path).
    listed = {(name, secret.type, secret.secret_hash) for name, secret in known}
    problems = [
        f"{name}:{secret.line_number}: {secret.type} (not in .secrets.baseline)"
        for name, secret in found
        if (name, secret.type, secret.secret_hash) not in listed
    ]
    problems += [
        f"{name}:{secret.line_number}: {secret.type} (audited as a real secret)"
        for name, secret in known
        if secret.is_secret
    ]
    return problems


def main(argv: list[str]) -> int:
    paths = argv or tracked_files()
    problems = check(paths)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(
            f"Secrets check: {len(problems)} possible secret(s). Remove them (use the "
            "environment), or, for a test value, add it to the baseline: see "
            "tools/check_secrets.py.",
            file=sys.stderr,
        )
        return 1
    print(f"Secrets check: {len(paths)} files, nothing new.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
