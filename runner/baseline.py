"""Baselines: accept today's findings, fail only on new ones.

A team adopting alur on a big corpus cannot fix every finding first.
`--write-baseline FILE` records the findings of a run; `--baseline FILE`
then lists them as known, fails the run only on findings not in it, and
names the baseline's findings no longer found, so the file can shrink.

A finding is recorded by a fingerprint that survives reordering and
unrelated edits, as ruff's and mypy's baselines do: for a conversation's
finding, the conversation id, the kind, the state and the message; for a
diagnostic of `alur check`, the file, the rule code and the message (which
names the state). Messages are normalised (masked, digits dropped, spaces
collapsed), so a loop seen 4 times instead of 3, or a diagnostic moved down
a line, is the same finding. The file holds only masked text: never
personal data. Fingerprints are counted, so a second copy of a known
finding is new.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from alur.runner.errors import InputError

VERSION = 1
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, order=True)
class Known:
    """One finding as a baseline records it (all text masked)."""

    where: str  # the conversation id, or for `check` the flow file
    kind: str  # the finding's kind, or the rule code
    state: str
    message: str  # normalised

    @property
    def fingerprint(self) -> str:
        text = "\x1f".join((self.where, self.kind, self.state, self.message))
        return hashlib.sha256(text.encode()).hexdigest()[:20]

    def __str__(self) -> str:
        state = f" (state {self.state})" if self.state else ""
        return f"{self.where}: {self.kind}{state}: {self.message}"


def normalised(message: str) -> str:
    """`message` masked, without digits or runs of spaces: what stays when
    a count or a line number changes."""
    from alur.runner.privacy import mask_text

    return _SPACES.sub(" ", _DIGITS.sub("#", mask_text(message))).strip()


def of_results(results: Iterable[object]) -> list[Known]:
    """The findings of conversation results (replay, audit, explore)."""
    from alur.runner.privacy import mask_text

    found = []
    for result in results:
        for finding in result.findings:  # type: ignore[attr-defined]
            found.append(Known(mask_text(result.id), finding.kind, finding.state or "", normalised(finding.message)))  # type: ignore[attr-defined]
    return found


def of_diagnostics(diagnostics: Iterable[object]) -> list[Known]:
    """`alur check`'s diagnostics that fail a run (errors)."""
    from alur.flows.diagnostics import Severity

    return [
        Known(d.file, d.code, "", normalised(d.message))  # type: ignore[attr-defined]
        for d in diagnostics
        if d.severity is Severity.ERROR  # type: ignore[attr-defined]
    ]


def add_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument(
        "--baseline", metavar="FILE", help="findings listed in FILE are known: they do not fail the run; new ones do"
    )
    parser.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record this run's findings in FILE (atomically), to pass as --baseline later",
    )


def load(path: str) -> Counter[Known]:
    """The findings a baseline file lists; InputError naming the file (and
    line and column) when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except OSError as error:
        raise InputError(f"{path}: cannot read the baseline: {error.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        where = f"{error.lineno}:{error.colno}: " if isinstance(error, json.JSONDecodeError) else ""
        raise InputError(f"{path}:{where}not a baseline (JSON written by --write-baseline)") from None
    try:
        if data.get("version") != VERSION:
            raise InputError(f"{path}: baseline version {data.get('version')!r}; this alur reads version {VERSION}")
        return Counter(
            {Known(e["where"], e["kind"], e["state"], e["message"]): int(e.get("count", 1)) for e in data["findings"]}
        )
    except (AttributeError, KeyError, TypeError, ValueError):
        raise InputError(f"{path}: not a baseline (JSON written by --write-baseline)") from None


def write(path: str, command: str, found: Iterable[Known]) -> None:
    from alur.runner.atomic import atomic_file

    counts = Counter(found)
    entries = [
        {
            "fingerprint": known.fingerprint,
            "where": known.where,
            "kind": known.kind,
            "state": known.state,
            "message": known.message,
            "count": n,
        }
        for known, n in sorted(counts.items())
    ]
    try:
        with atomic_file(path, text=True) as out:
            json.dump({"version": VERSION, "command": command, "findings": entries}, out, ensure_ascii=False, indent=1)
            out.write("\n")
    except OSError as error:
        raise InputError(f"{path}: cannot write the baseline: {error.strerror}") from None


@dataclass
class Comparison:
    new: list[Known]
    known: int
    fixed: list[Known]


def compare(found: Iterable[Known], baseline: Counter[Known]) -> Comparison:
    """Which findings are new (beyond the baseline's count of them), how
    many are known, and which of the baseline's are no longer found."""
    left = Counter(baseline)
    new = []
    known = 0
    for item in found:
        if left[item] > 0:
            left[item] -= 1
            known += 1
        else:
            new.append(item)
    return Comparison(new, known, sorted(left.elements()))


def apply(command: str, found: list[Known], baseline: str | None, write_to: str | None) -> bool | None:
    """Writes the baseline `write_to` and compares with `baseline`, saying
    what is new, known and fixed on standard error. Returns whether the run
    has new findings (None: no baseline, the findings decide as usual)."""
    from alur.runner.safe_text import say

    if write_to:
        write(write_to, command, found)
        say(
            f"alur {command}: {len(found):,} finding{'s' if len(found) != 1 else ''} written to the baseline {write_to}"
        )
    if not baseline:
        return None
    result = compare(found, load(baseline))
    say(
        f"alur {command}: baseline {baseline}: {result.known:,} known, {len(result.new):,} new, {len(result.fixed):,} fixed"
    )
    for item in result.new:
        say(f"  new: {item}")
    for item in result.fixed:
        say(f"  fixed (shrink the baseline with --write-baseline): {item}")
    return bool(result.new)
