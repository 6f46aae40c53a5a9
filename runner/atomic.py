"""Writing a file so that readers never see half of one.

Reports, converted transcripts, scrubbed transcripts and the designer's
saved flows all go through `atomic_file`: it writes to a temporary file in
the target's own folder (so the rename stays on one file system), flushes
and fsyncs it, gives it the target's permissions, renames it over the
target and syncs the folder so the rename itself is durable. Until the
rename an existing file is untouched; on any error the temporary file is
removed and the error propagates.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_file(path: str | Path, text: bool = False) -> Iterator[IO]:
    """A file object (bytes, or UTF-8 text with `\\n` newlines) whose content
    appears at `path` when the `with` block ends without an exception.
    Raises OSError (e.g. a missing folder, a full disk) with nothing written."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        mode = "w" if text else "wb"
        with os.fdopen(handle, mode, **({"encoding": "utf-8", "newline": "\n"} if text else {})) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_folder(folder)


def mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets what `open` would
    give it (0666 minus the umask), not a temporary file's private 0600, so a
    report meant for colleagues and CI artifacts stays readable."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
