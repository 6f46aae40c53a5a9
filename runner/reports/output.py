"""Writing a report (or any text file a command hands over) atomically.

A CI job that reads `report.xml` while `alur replay -o report.xml` is still
writing it, or after the run died half-way, must see the old file or the
whole new one, never half of one. `atomic_output` writes to a temporary file
in the target's own folder (so the rename stays on one file system),
flushes and syncs it, and only then renames it over the target. Until then
an existing file is untouched; on any error the temporary file is removed.
The file keeps an existing target's permissions; a new one gets what `open`
would give it (0666 minus the umask), not a temporary file's private 0600,
so a report meant for colleagues and CI artifacts stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from alur.runner.atomic import atomic_file
from alur.runner.errors import InputError


@contextmanager
def atomic_output(path: str | Path, what: str = "the report") -> Iterator[TextIO]:
    """A UTF-8 text stream (newlines written as `\\n`) whose content appears
    at `path` when the `with` block ends without an exception. An OSError
    becomes an InputError naming `path` and what was being written."""
    if Path(path).is_dir():
        raise InputError(f"{path}: cannot write {what}: it is a folder")
    try:
        with atomic_file(path, text=True) as out:
            yield out
    except OSError as error:
        raise InputError(f"{path}: cannot write {what}: {error.strerror or error}") from None
