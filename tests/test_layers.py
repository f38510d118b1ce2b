"""The layers hold (docs/architecture.md "Layers"): import-linter's contract in pyproject.toml,
run here too so that `make test` alone catches an import pointing upward."""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_no_app_imports_a_layer_above_it(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    exit_code = lint_imports(no_cache=True, verbose=False, show_timings=False)
    report = capsys.readouterr().out
    assert exit_code == 0, report[report.find("Broken contracts") :]
    assert "1 kept, 0 broken" in report
