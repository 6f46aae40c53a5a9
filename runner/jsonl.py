"""Writing JSONL files so that readers never see half of one.

A command that converts or rewrites transcripts (`import`, `redact`) must not
leave a truncated `OUT.jsonl` behind when it fails or is interrupted: a CI job
would then audit half a corpus and pass. `AtomicJsonlWriter` writes to a
temporary file in the target's own folder (so the final rename stays on one
file system), flushes and fsyncs it, and only then renames it over the
target. Until that rename the old file, if any, is untouched; on any error
the temporary file is removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from alur.runner.atomic import atomic_file
from alur.runner.errors import InputError

try:
    import orjson

    def _dumps(record: Mapping[str, Any]) -> bytes:
        return orjson.dumps(record) + b"\n"

except ImportError:  # orjson is a dependency, but the stdlib keeps alur working without it
    import json

    def _dumps(record: Mapping[str, Any]) -> bytes:
        text = json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.encode("utf-8") + b"\n"


class AtomicJsonlWriter:
    """Context manager writing one JSON object per line to `path`, atomically.

    >>> with AtomicJsonlWriter(Path("out.jsonl")) as out:   # doctest: +SKIP
    ...     out.write({"id": "c-1", "turns": []})

    The file appears (or is replaced) only when the `with` block ends without
    an exception; raise to discard what was written.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.count = 0
        self._file: IO[bytes] | None = None
        self._stack = ExitStack()

    def __enter__(self) -> AtomicJsonlWriter:
        if self.path.is_dir():
            raise InputError(f"cannot write {self.path}: it is a folder")
        if not self.path.parent.is_dir():
            raise InputError(f"cannot write {self.path}: folder {self.path.parent} does not exist")
        try:
            self._file = self._stack.enter_context(atomic_file(self.path))
        except OSError as error:
            raise InputError(f"cannot write {self.path}: {error.strerror or error}") from None
        return self

    def write(self, record: Mapping[str, Any]) -> None:
        """Append one record as a line of JSON."""
        if self._file is None:
            raise RuntimeError("AtomicJsonlWriter.write() called outside its `with` block")
        self._file.write(_dumps(record))
        self.count += 1

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._stack.__exit__(exc_type, exc, tb)
        except OSError as error:
            raise InputError(f"cannot write {self.path}: {error.strerror or error}") from None


def write_jsonl(path: Path | str, records: Iterable[Mapping[str, Any]]) -> int:
    """Write `records` to `path` atomically; returns how many were written."""
    with AtomicJsonlWriter(path) as out:
        for record in records:
            out.write(record)
    return out.count
