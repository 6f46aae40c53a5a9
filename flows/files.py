"""Why a file could not be read, said the same way by every reader.

Flows, transcripts, imported chats and phrase files are read by different
code, but a user who mistypes a path, names a folder or lacks permission
should read the same sentence whichever command they ran. So each reader
asks `unreadable_reason` and puts its own `path:` (or `path:line:`) before
it. This module imports only `errno` and `io`, which Python has loaded
before alur starts: the flow loader, which `alur check` imports, must stay
as cheap to import as it was.
"""

from __future__ import annotations

import errno
import io

# What opening or reading something that is not a file on disk fails with:
# a socket or device with nothing behind it (ENXIO, ENODEV), or a pipe that
# a reader tried to seek in (ESPIPE, or io.UnsupportedOperation from a
# buffered reader: `alur audit <(zcat chats.jsonl.gz)`).
_NOT_REGULAR = frozenset({errno.ENXIO, errno.ENODEV, errno.ESPIPE})


def unreadable_reason(error: OSError) -> str:
    """Why `error` kept a file from being read, in words a user expects and
    without the path (the caller names it) or any Python exception text:
    `no such file`, `permission denied`, `is a folder, not a file`,
    `not a regular file`, else the system's own reason (lower-cased)."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, NotADirectoryError):  # `notes.txt/chat.txt`
        return "no such file (part of its path is a file, not a folder)"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    if error.errno in _NOT_REGULAR or isinstance(error, io.UnsupportedOperation):
        return "not a regular file"
    if error.strerror:
        return _as_reason(error.strerror)
    if len(error.args) == 1 and isinstance(error.args[0], str) and error.args[0].strip():
        return _as_reason(error.args[0])
    return "cannot be read"


def _as_reason(text: str) -> str:
    """A system message as the end of `path: ...`: `Input/output error` →
    `input/output error` (but `I/O error` keeps its capitals), no full stop."""
    text = text.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
