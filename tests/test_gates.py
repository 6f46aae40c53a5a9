"""The gates of .ci/run fail on what they are there to catch.

Each test breaks a copy of the code on purpose and runs the gate on the
copy as CI runs it: a layering break (lint-imports), a lint error (ruff), a
new type error (scripts/mypy_baseline.py). A gate that passed everything
would pass here too, so these fail if a gate is misconfigured into
silence. Skipped unless the gate tools are installed
(`pip install -e '.[test,dev]'`, as .ci/run does).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tool(module: str) -> None:
    pytest.importorskip(module, reason=f"{module} is a gate tool: pip install -e '.[test,dev]'")


def _copy(tmp_path: Path, folders: tuple[str, ...] = ("flows", "runner", "designer")) -> Path:
    copy = tmp_path / "alur"
    for name in (*folders, "scripts"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "mypy-baseline.txt"):
        shutil.copy(ROOT / name, copy / name)
    return copy


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _lint_imports(copy: Path) -> subprocess.CompletedProcess[str]:
    layout = subprocess.run(
        [sys.executable, "scripts/alur_layout.py", str(copy)], cwd=copy, capture_output=True, text=True, check=True
    )
    env = {"PATH": str(BIN), "PYTHONPATH": layout.stdout.strip()}
    return subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=copy, env=env, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "flows/graph.py",
            "from alur.runner import errors\n",
            "the flow language imports neither the runner nor the designer BROKEN",
        ),
        ("runner/atomic.py", "import textual\n", "only the designer imports textual BROKEN"),
        (
            "runner/coverage.py",
            "from alur.designer import outline\n",
            "the runner reaches the designer only from `alur design` BROKEN",
        ),
        (
            "runner/drift.py",
            "from alur.flows.machine import compile_flow\n",
            "only the engine imports flows.machine (the transitions wrapper) BROKEN",
        ),
    ],
)
def test_a_layering_break_fails_lint_imports(tmp_path: Path, module: str, line: str, contract: str) -> None:
    _tool("importlinter")
    copy = _copy(tmp_path)
    clean = _lint_imports(copy)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    _append(copy / module, line)
    broken = _lint_imports(copy)
    assert broken.returncode == 1
    assert contract in broken.stdout


def test_a_lint_error_fails_ruff(tmp_path: Path) -> None:
    _tool("ruff")
    copy = _copy(tmp_path)
    assert subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=copy, capture_output=True).returncode == 0
    _append(
        copy / "runner" / "coverage.py", "\n\ndef late_binding(names):\n    return [lambda: name for name in names]\n"
    )
    broken = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert broken.returncode == 1
    assert "runner/coverage.py" in broken.stdout and "B023" in broken.stdout


def test_a_new_type_error_fails_the_mypy_gate_and_names_it(tmp_path: Path) -> None:
    _tool("mypy")
    copy = _copy(tmp_path, ("flows",))  # the flow language alone: quick to check
    _append(copy / "flows" / "values.py", "\n\ndef count(text: str) -> int:\n    return text\n")
    broken = subprocess.run(
        [sys.executable, "scripts/mypy_baseline.py", "--root", str(copy)], cwd=copy, capture_output=True, text=True
    )
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "flows/values.py:" in broken.stdout and "[return-value]" in broken.stdout
    assert "1 new errors" in broken.stdout


def test_the_mypy_gate_accepts_the_baseline_and_says_when_it_can_shrink(tmp_path: Path) -> None:
    _tool("mypy")
    copy = _copy(tmp_path, ("flows",))
    _append(copy / "mypy-baseline.txt", "flows/values.py: [return-value] an error fixed since\n")
    done = subprocess.run(
        [sys.executable, "scripts/mypy_baseline.py", "--root", str(copy)], cwd=copy, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "listed errors no longer occur" in done.stdout
