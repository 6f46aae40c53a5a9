"""The package installs as users get it: every subpackage in the wheel, the
three packages importable as alur.*, and the layering that keeps `alur check`
fast (the flow language imports neither textual nor the engine library)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP_LEVEL = ("flows", "designer", "runner")


def _source_packages() -> set[str]:
    return {
        "alur/" + "/".join(init.parent.relative_to(ROOT).parts)
        for top in TOP_LEVEL
        for init in (ROOT / top).rglob("__init__.py")
    }


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True)
    return result.stdout


def test_built_wheel_contains_every_subpackage_and_data_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("alur-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {name.rsplit("/", 1)[0] for name in names if name.endswith("/__init__.py")}
    assert _source_packages() <= packages
    assert "alur/flows/schema.json" in names
    data_files = [
        path
        for top in TOP_LEVEL
        for path in (ROOT / top).rglob("*")
        if path.suffix in {".json", ".yaml", ".tcss", ".txt", ".tsv"} and "__pycache__" not in path.parts
    ]
    for path in data_files:
        assert "alur/" + str(path.relative_to(ROOT)) in names, f"{path} is missing from the wheel"


def test_packages_import_as_alur_from_any_directory() -> None:
    out = _run("import alur.flows, alur.runner, alur.designer; print(alur.flows.__name__)")
    assert out.strip() == "alur.flows"


def test_flow_language_and_runner_leave_textual_out() -> None:
    out = _run(
        "import sys, alur.flows.validate, alur.runner.cli, alur.runner.findings;"
        "print(sorted(m for m in ('textual', 'transitions', 'jsonschema') if m in sys.modules))"
    )
    assert out.strip() == "[]"


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "alur"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("check", "replay", "audit", "explore", "design"):
        assert command in result.stdout
