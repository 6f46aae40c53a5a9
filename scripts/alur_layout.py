"""Lays flows/, runner/ and designer/ out as the `alur` package they are
installed as (`alur.flows` is the folder `flows/`), for the tools that find
packages on disk rather than through the installed import hooks: mypy and
import-linter. Prints the folder to put on PYTHONPATH:

    PYTHONPATH="$(python scripts/alur_layout.py)" lint-imports

The layout is `.gates/alur/` in the checkout, links to the three folders,
so the tools see every edit at once and mypy's cache is reused.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("flows", "runner", "designer")


def layout(root: Path = ROOT) -> Path:
    """The folder holding `alur/`, with each package folder of `root` linked in."""
    base = root / ".gates"
    package = base / "alur"
    package.mkdir(parents=True, exist_ok=True)
    for name in PACKAGES:
        link = package / name
        if (root / name).is_dir() and not link.is_symlink():
            link.symlink_to(root / name, target_is_directory=True)
    return base


if __name__ == "__main__":
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT
    print(layout(root))
