"""Reading and saving flow files without ever losing the designer's work.

Saving writes a temporary file beside the target, fsyncs it, then renames
it over the target: a crash or a full disk at any moment leaves either the
old file or the new one, never half of one, and never a stray temporary
file. No `NAME.bak` is left beside the flow (it showed up in `git status`):
the previous version is in version control, unsaved edits are in the
recovery file (`alur.designer.recovery`), and a colleague's edit is merged,
not overwritten. A stamp (mtime, size, content hash) taken at open and save
tells when someone else changed the file meanwhile.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from alur.flows.loader import read_text
from alur.runner.atomic import atomic_file


@dataclass(frozen=True, slots=True)
class DiskStamp:
    """What the file on disk looked like when the designer last read or wrote it."""

    mtime_ns: int
    size: int
    digest: str


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stamp(path: Path) -> DiskStamp | None:
    """The file's current stamp, or None when it does not exist (or cannot be read)."""
    try:
        info = path.stat()
        data = path.read_bytes()
    except OSError:
        return None
    return DiskStamp(info.st_mtime_ns, info.st_size, digest(data))


def changed_on_disk(path: Path, known: DiskStamp | None) -> bool:
    """Whether the file's content differs from what the designer last saw.

    A touched file (new mtime, same bytes) is not a change; a deleted file is.
    Cheap when nothing happened: the content is hashed only when mtime or
    size moved.
    """
    try:
        info = path.stat()
    except OSError:
        return known is not None
    if known is None:
        return True
    if info.st_mtime_ns == known.mtime_ns and info.st_size == known.size:
        return False
    try:
        return digest(path.read_bytes()) != known.digest
    except OSError:
        return True


def read_flow_text(path: Path) -> tuple[str, DiskStamp | None]:
    """The file's text (FlowError when unreadable) and its stamp."""
    text = read_text(path)
    return text, stamp(path)


def save_atomic(path: Path, text: str) -> DiskStamp:
    """Write `text` to `path` atomically (write, fsync, rename).

    Writes to the real file behind a symlink (the link stays a link) and keeps
    the old file's permission bits. Raises OSError with the operating
    system's reason when the folder is not writable or the disk is full; the
    target is untouched then.
    """
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8")
    with atomic_file(target) as out:
        out.write(data)
    info = target.stat()
    return DiskStamp(info.st_mtime_ns, info.st_size, digest(data))
