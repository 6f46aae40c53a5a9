"""Importers: what QA teams already have, turned into transcripts (contract §2).

One module per source format, registered in `IMPORTERS`. Each module has

- `NAME`, `SUMMARY` (one line for `alur formats`), `EXTENSIONS` (the file
  names it reads when given a folder) and `EXAMPLE` (a command line);
- a docstring: the `alur import NAME --help` text, flags and examples;
- `configure(parser)`: adds its own flags;
- `options(args) -> Options`: a frozen dataclass of those flags, checked
  (raises `InputError`), so the importer can also be called from Python;
- `read(path, options) -> Iterator[conversation dict | SkippedInput | Note]`
  (see `base`).

Adding a format is adding a module and a line here.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from alur.runner.errors import InputError
from alur.runner.importers.base import ImportItem

IMPORTERS: dict[str, str] = {
    "whatsapp": "alur.runner.importers.whatsapp",
    "csv": "alur.runner.importers.csv_rows",
    "rasa": "alur.runner.importers.rasa",
    "botium": "alur.runner.importers.botium",
    "chatdown": "alur.runner.importers.chatdown",
    "botframework": "alur.runner.importers.botframework",
}


class Importer(Protocol):
    """The interface of an importer module (see the package docstring)."""

    NAME: str
    SUMMARY: str
    EXTENSIONS: tuple[str, ...]
    EXAMPLE: str
    __doc__: str | None

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def options(self, args: argparse.Namespace) -> Any: ...

    def read(self, path: Path, options: Any) -> Iterator[ImportItem]: ...


def names() -> list[str]:
    return list(IMPORTERS)


def get(name: str) -> Importer:
    """The importer for a format name; an unknown name lists the known ones."""
    try:
        module_name = IMPORTERS[name.lower()]
    except KeyError:
        raise InputError(f"unknown format {name!r}; known formats: {', '.join(IMPORTERS)}") from None
    module: Importer = importlib.import_module(module_name)  # type: ignore[assignment]
    return module
