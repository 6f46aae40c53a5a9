"""Type-check alur with mypy and fail only on errors not in the baseline.

The code is typed strictly in flows/ (pyproject.toml, [tool.mypy]) and
with mypy's defaults elsewhere. The errors that were there when the gate
was added are listed in `mypy-baseline.txt`; a change may fix them but not
add to them. An entry is a file, an error code and the message, without
the line number, so that editing above an old error does not make it new.

    python scripts/mypy_baseline.py            # the gate: exit 1 on a new error
    python scripts/mypy_baseline.py --update   # rewrite the baseline (after fixing some)

When errors of the baseline no longer occur, the gate says so and how
many, so the baseline shrinks with the next `--update`.

mypy is run on the `alur` package as scripts/alur_layout.py lays it out.
`--root` checks another checkout (the gate's own test breaks a copy).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from alur_layout import layout  # scripts/alur_layout.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "mypy-baseline.txt"
# alur/flows/check.py:12: error: Message text  [code]
_ERROR = re.compile(r"^alur/(?P<path>[^:]+):(?P<line>\d+): error: (?P<message>.*?)  \[(?P<code>[a-z0-9-]+)\]$")


def run_mypy(root: Path) -> list[tuple[str, int]]:
    """Every mypy error as (baseline entry, line). Exits 2 if mypy could not
    check at all (a crash, a broken configuration): that is no verdict."""
    base = layout(root)
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(root / "pyproject.toml"),
        "--cache-dir",
        str(root / ".mypy_cache"),
        "--no-pretty",
        "--show-error-codes",
        "--no-error-summary",
        "-p",
        "alur",
    ]
    done = subprocess.run(command, cwd=base, capture_output=True, text=True)
    errors = []
    for line in done.stdout.splitlines():
        match = _ERROR.match(line)
        if match:
            errors.append((f"{match['path']}: [{match['code']}] {match['message']}", int(match["line"])))
    if done.returncode not in (0, 1) or (done.returncode == 1 and not errors):
        sys.stderr.write(f"{done.stdout}{done.stderr}mypy could not check the code (exit {done.returncode})\n")
        raise SystemExit(2)
    return errors


def read_baseline(path: Path) -> Counter[str]:
    if not path.is_file():
        return Counter()
    lines = path.read_text(encoding="utf-8").splitlines()
    return Counter(line for line in lines if line and not line.startswith("#"))


def write_baseline(entries: Counter[str], path: Path) -> None:
    header = "# mypy errors accepted for now; regenerate with: python scripts/mypy_baseline.py --update\n"
    path.write_text(header + "".join(f"{entry}\n" for entry in sorted(entries.elements())), encoding="utf-8")


def compare(errors: list[tuple[str, int]], baseline: Counter[str]) -> tuple[list[str], int]:
    """The errors beyond the baseline, as `path:line: [code] message`, and how
    many baseline entries no longer occur."""
    current = Counter(entry for entry, _ in errors)
    extra = current - baseline
    new = []
    for entry, line in errors:
        if extra[entry]:
            extra[entry] -= 1
            path, rest = entry.split(": ", 1)
            new.append(f"{path}:{line}: {rest}")
    return new, sum((baseline - current).values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="write the current errors as the baseline")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to check (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    baseline = root / BASELINE
    errors = run_mypy(root)
    if args.update:
        write_baseline(Counter(entry for entry, _ in errors), baseline)
        print(f"mypy baseline: {len(errors)} errors written to {BASELINE}")
        return 0
    new, gone = compare(errors, read_baseline(baseline))
    for line in new:
        print(line)
    if gone:
        print(
            f"mypy baseline: {gone} listed errors no longer occur; shrink it with `python scripts/mypy_baseline.py --update`"
        )
    if new:
        print(f"mypy: {len(new)} new errors (not in {BASELINE}); fix them, do not add them to the baseline")
        return 1
    print(f"mypy: no new errors ({len(errors)} known, in {BASELINE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
