"""Unsaved edits survive a closed terminal, a crash or a kill -9.

While the designer has unsaved edits, the editor's text is written every few
seconds to a recovery file in the user's cache folder (platformdirs'
`user_cache_dir("alur")/recovery`, so `$XDG_CACHE_HOME` on Linux), never
beside the flow where it would show up in `git status`. The file is named
after a hash of the flow's absolute path (one flow, one recovery file,
whatever the folder it was opened from) and holds that path, the text the
edits were made from (so a file changed on disk since is merged, not
overwritten, on restore) and the text itself. Opening the flow
again offers it; saving or discarding removes it. Writes are atomic, so a
kill in the middle of one leaves the previous recovery file, not half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from alur.runner.atomic import atomic_file

RECOVERY_SECONDS = 3.0  # how often unsaved edits are written; what a kill -9 can lose at most


@dataclass(frozen=True, slots=True)
class Recovered:
    """Unsaved edits found for a flow."""

    flow: str  # the flow's absolute path
    base: str | None  # the text the edits were made from (None: a new file)
    text: str
    saved_at: float  # seconds since the epoch

    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.saved_at))


def recovery_folder() -> Path:
    from platformdirs import user_cache_dir  # only the designer pays for it, not `alur check`

    return Path(user_cache_dir("alur")) / "recovery"


def recovery_file(flow: Path) -> Path:
    """Where the unsaved edits of `flow` are kept."""
    absolute = os.path.abspath(flow)
    key = hashlib.sha256(absolute.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return recovery_folder() / f"{Path(absolute).name}.{key}.json"


def keep(flow: Path, text: str, base: str | None) -> None:
    """Write (atomically) the unsaved `text` of `flow`, edited from `base`.
    Raises OSError when the cache folder cannot be written."""
    target = recovery_file(flow)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    record = {
        "flow": os.path.abspath(flow),
        "base": base,
        "saved_at": time.time(),
        "text": text,
    }
    with atomic_file(target, text=True) as out:
        json.dump(record, out, ensure_ascii=False)
    os.chmod(target, 0o600)  # a flow in progress is the designer's own business


def find(flow: Path) -> Recovered | None:
    """The unsaved edits kept for `flow`, if any (None for an unreadable file)."""
    try:
        record = json.loads(recovery_file(flow).read_text(encoding="utf-8"))
        return Recovered(str(record["flow"]), record.get("base"), str(record["text"]), float(record["saved_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget(flow: Path) -> None:
    """Remove the recovery file of `flow` (after a save or a discard)."""
    try:
        recovery_file(flow).unlink(missing_ok=True)
    except OSError:
        pass
