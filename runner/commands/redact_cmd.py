"""Mask personal data in a transcript file before it is shared or committed.

Reads a JSONL transcript (plain or gzip-compressed, read line by line) and
writes a copy in which phone numbers, emails, NIK, NPWP, card and account
numbers, OTPs and PINs, and values under personal keys (`phone`, `email`,
`name`, ...) are replaced by placeholders of the same kind and shape: the
same value always becomes the same placeholder, so a replay of the scrubbed
file drives a flow the way the original did.

Placeholders are derived from a secret salt. Give the same --salt (or set
ALUR_REDACT_SALT) to keep them stable across files and runs; keep it secret,
since anyone with it can test guesses of the originals. Without one, a
random salt is used and placeholders are stable within this file only.

Lines that are not a JSON conversation are dropped, never copied, and
listed as path:line. OUT is written atomically and may be IN itself; it is
gzip-compressed when its name ends in .gz.

examples:
  alur redact chats.jsonl -o chats.redacted.jsonl
  alur redact export.jsonl.gz -o export.jsonl.gz --salt "$TEAM_SALT"
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from codecs import BOM_UTF8
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from alur.flows.limits import LINE_BYTES
from alur.runner.atomic import atomic_file
from alur.runner.errors import ExitCode, InputError
from alur.runner.privacy import KINDS, Redactor
from alur.runner.reports.common import count
from alur.runner.safe_text import say
from alur.runner.transcripts import TranscriptError, decode_line, read_shards

_SHOWN_BROKEN = 20  # broken lines listed one by one; the rest are counted


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="IN", help="transcript file (.jsonl or .jsonl.gz)")
    parser.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="where to write the scrubbed copy (may be IN)"
    )
    parser.add_argument(
        "--salt",
        default=os.environ.get("ALUR_REDACT_SALT"),
        help="secret that keeps placeholders stable across runs (default: $ALUR_REDACT_SALT, else random)",
    )


def run(args: argparse.Namespace) -> int:
    source, target = Path(args.input), Path(args.output)
    _check_paths(source, target)
    redactor = Redactor(args.salt)
    stats = redact_file(source, target, redactor, sys.stderr)
    _summary(stats, redactor, target, salted=args.salt is not None)
    return ExitCode.OK


class Stats:
    """What one run read, wrote and dropped."""

    def __init__(self, errors: TextIO) -> None:
        self.conversations = 0
        self.broken = 0
        self._errors = errors

    def drop(self, where: str, why: str) -> None:
        """Count a line that is not a conversation; name the first few."""
        self.broken += 1
        if self.broken <= _SHOWN_BROKEN:
            say(f"{where}: {why}; line dropped", self._errors)


def redact_file(source: Path, target: Path, redactor: Redactor, errors: TextIO) -> Stats:
    """Scrub `source` into `target` atomically: a temporary file in `target`'s
    folder, flushed to disk, then renamed over `target`. On any failure the
    temporary file is removed and `target` is left as it was."""
    stats = Stats(errors)
    try:
        with atomic_file(target) as raw:
            out: BinaryIO = (
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) if target.name.endswith(".gz") else raw
            )
            for number, line in _lines(source):
                conversation = _parse(line, number, f"{source}:{number}", stats)
                if conversation is not None:
                    scrubbed = redactor.conversation(conversation)
                    out.write(json.dumps(scrubbed, ensure_ascii=False).encode() + b"\n")
                    stats.conversations += 1
            if out is not raw:
                out.close()
            if stats.conversations == 0 and stats.broken:
                raise InputError(
                    f"{source}: no transcript conversations in it ({count(stats.broken, 'line')} could not be read); "
                    "alur redact reads JSONL transcripts, one conversation object per line"
                )
    except OSError as error:  # writing failed (disk full, permissions); reading errors are InputErrors
        raise InputError(f"{target}: cannot write: {error.strerror or error}") from None
    if stats.broken > _SHOWN_BROKEN:
        say(f"{source}: ... and {count(stats.broken - _SHOWN_BROKEN, 'more line')} dropped", errors)
    return stats


def _check_paths(source: Path, target: Path) -> None:
    if not source.exists():
        raise InputError(f"{source}: no such file")
    if source.is_dir():
        raise InputError(f"{source}: is a folder; give a transcript file")
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give the output file's name")
    if not target.parent.is_dir():
        raise InputError(f"{target}: folder {target.parent} does not exist")


def _lines(source: Path) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of a plain or gzip file, streamed by the transcript
    reader, so its limits hold here too: a line longer than `LINE_BYTES`
    after decompression is never held. What cannot be read (a damaged or
    cut-short file, a line over the limit) is an InputError naming where: a
    redacted copy is whole or not written at all."""
    limit = int(LINE_BYTES.value())
    for shard in read_shards(str(source)):
        if shard.error is not None:
            where = f"{source}:{shard.first_line}" if shard.first_line else str(source)
            raise InputError(f"{where}: cannot read: {shard.error}")
        for offset, line in enumerate(shard.lines()):
            if len(line) > limit:  # a shard may carry a line over the limit whole
                raise InputError(
                    f"{source}:{shard.first_line + offset}: the line is {len(line):,} bytes, longer than the limit of {LINE_BYTES.says(limit)}; nothing was written"
                )
            yield shard.first_line + offset, line


def _parse(line: bytes, number: int, where: str, stats: Stats) -> dict | None:
    """The conversation on one line, or None. Blank lines are skipped quietly.

    Parsed and explained as `alur audit` does (alur.runner.transcripts), so
    both name the same line and column for the same broken line. Reasons
    never quote the line: it is exactly the unscrubbed text that must not be
    printed (and they are masked besides).
    """
    if not line.strip():
        return None
    body = line[:-1] if line.endswith(b"\n") else line
    if number == 1 and body.startswith(BOM_UTF8):
        body = body[len(BOM_UTF8) :]
    try:
        value = decode_line(body)
    except TranscriptError as error:
        stats.drop(where, str(error))
        return None
    if not isinstance(value, dict):
        stats.drop(where, f"a JSON {_json_type(value)}, not a conversation object")
        return None
    if not isinstance(value.get("turns"), list):
        stats.drop(where, "the conversation has no `turns` list")
        return None
    return value


def _json_type(value: object) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def _summary(stats: Stats, redactor: Redactor, target: Path, salted: bool) -> None:
    replaced = sum(redactor.counts.values())
    by_kind = ", ".join(f"{kind} {redactor.counts[kind]}" for kind in KINDS if redactor.counts[kind])
    lines = [
        f"alur redact: {count(stats.conversations, 'conversation')} written to {target}; "
        f"{count(replaced, 'value')} replaced" + (f" ({by_kind})" if by_kind else "")
    ]
    if stats.broken:
        what = "was not a conversation and was" if stats.broken == 1 else "were not conversations and were"
        lines.append(f"alur redact: {count(stats.broken, 'line')} {what} dropped (listed above)")
    if not salted:
        lines.append("alur redact: no --salt given: placeholders are stable within this file only")
    say("\n".join(lines))
