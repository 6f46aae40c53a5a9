"""Convert what QA teams already have into alur transcripts (JSONL, contract §2).

  alur import FORMAT SRC... -o OUT.jsonl [--flow NAME] [--channel CHANNEL] [format options]

FORMAT is one of the formats below (`alur formats` lists them; `alur import
FORMAT --help` explains each one's options and what becomes of each step).
SRC are files, or folders searched for the format's files. OUT.jsonl is
written whole or not at all: a failed run leaves no partial file (and an
existing OUT.jsonl untouched).

Each conversation records where it came from (`source`: "file:line"), and
reports name that file. Checks the source makes on the bot (Rasa
assertions, Botium asserters) become an `expect` of the customer turn
before them, checked by `alur replay`.

Steps and lines that become neither a turn nor an `expect` are listed on
stderr as FILE:LINE: why (the first 20, then a count by reason); the import
still succeeds. It fails (exit 2) when a source is missing or not of the
format at all, when no conversation is found, when no customer (`user`)
turn is left to write (a transcript of the bot alone cannot be audited or
replayed), or when an option is wrong. Values from the sources quoted in
these messages have personal data masked.

Formats, with an example each:
{formats}
Then:
  alur audit chat.jsonl
  alur replay order_status.flow.yaml rasa.jsonl
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from alur.runner import importers
from alur.runner.errors import ExitCode, InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers.base import ROLES, Note, WrongFormat
from alur.runner.jsonl import AtomicJsonlWriter
from alur.runner.reports.common import count
from alur.runner.safe_text import say

__doc__ = __doc__.format(formats="\n".join(f"  {importers.get(name).EXAMPLE}" for name in importers.names()))

CHANNELS = ("whatsapp", "sms", "rcs", "webchat")
SHOWN_SKIPPED = 20


def configure(parser: argparse.ArgumentParser) -> None:
    formats = parser.add_subparsers(dest="format", metavar="FORMAT", required=True, title="formats")
    for name in importers.names():
        importer = importers.get(name)
        sub = formats.add_parser(
            name,
            help=importer.SUMMARY,
            description=(importer.__doc__ or importer.SUMMARY).strip(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("sources", nargs="+", type=Path, metavar="SRC", help="files, or folders to search")
        sub.add_argument(
            "-o", "--output", required=True, type=Path, metavar="OUT.jsonl", help="transcript file to write"
        )
        sub.add_argument("--flow", metavar="NAME", help="set each conversation's `flow`")
        sub.add_argument("--channel", choices=CHANNELS, help="set each conversation's `channel`")
        importer.configure(sub)


def run(args: argparse.Namespace) -> int:
    importer = importers.get(args.format)
    opts = importer.options(args)
    sources = _sources(args.sources, importer.EXTENSIONS, args.output)
    summary = _Summary()
    errors: list[str] = []
    with AtomicJsonlWriter(args.output) as out:
        for path, named in sources:
            try:
                for item in importer.read(path, opts):
                    if isinstance(item, SkippedInput):
                        summary.skipped.append(item)
                    elif isinstance(item, Note):
                        summary.notes.append(str(item))
                    else:
                        out.write(_finish(item, args, summary, path))
            except WrongFormat as error:
                if named:
                    errors.append(str(error))
                else:
                    summary.notes.append(f"{error} (passed over)")
            except InputError as error:
                errors.append(str(error))
        if errors:  # raising inside the `with` discards the file
            raise InputError("\n".join(errors) + f"\nnothing written to {args.output}")
        looked = ", ".join(str(path) for path, _ in sources)
        if not summary.conversations:
            summary.print(args.output, written=False)
            raise InputError(f"no conversations found in {looked}; nothing written to {args.output}")
        if not summary.roles["user"]:
            summary.print(args.output, written=False)
            why = " (skipped lines listed above)" if summary.skipped else ""
            raise InputError(
                f"no customer (user) turn in {count(summary.conversations, 'conversation')} from {looked}{why}: "
                f"a transcript of the bot alone cannot be audited or replayed; nothing written to {args.output}"
            )
    summary.print(args.output, written=True)
    return ExitCode.OK


def _sources(paths: list[Path], extensions: tuple[str, ...], output: Path) -> list[tuple[Path, bool]]:
    """Files to read, each with whether the user named it (a file found in a
    folder that is not of the format is passed over, not an error)."""
    found: list[tuple[Path, bool]] = []
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(extensions))
            if not files:
                raise InputError(f"{path}: no {' or '.join(extensions)} files in this folder")
            found.extend((file, False) for file in files)
        else:
            found.append((path, True))
    target = output.resolve()
    for path, _ in found:
        if path.resolve() == target:
            raise InputError(f"-o {output} is also a source; write the transcripts to another file")
    return found


def _finish(item: dict[str, Any], args: argparse.Namespace, summary: _Summary, path: Path) -> dict[str, Any]:
    """Apply --flow/--channel, record the source file when the importer gave
    no line, make the id unique in this output, count turns and checks."""
    settings = {key: value for key, value in (("flow", args.flow), ("channel", args.channel)) if value}
    source = item.get("source") or str(path)
    item = {"id": item["id"], **settings, "source": source, **{k: v for k, v in item.items() if k not in settings}}
    base, number = str(item["id"]), 1
    while item["id"] in summary.ids:
        number += 1
        item["id"] = f"{base}-{number}"
    if number > 1:
        summary.notes.append(
            f"two conversations are named {base!r}; the later one ({item['source']}) is written as {item['id']!r}"
        )
    summary.ids.add(item["id"])
    summary.conversations += 1
    summary.roles.update(t["role"] for t in item["turns"])
    summary.checks += sum(_checks(t.get("expect", {})) for t in item["turns"])
    return item


def _checks(expect: dict[str, Any]) -> int:
    """How many checks an `expect` holds: one per key, per slot, per text."""
    return sum(len(value) if key == "slots" or isinstance(value, list) else 1 for key, value in expect.items())


class _Summary:
    def __init__(self) -> None:
        self.conversations = 0
        self.roles: Counter[str] = Counter()
        self.ids: set[str] = set()
        self.checks = 0
        self.skipped: list[SkippedInput] = []
        self.notes: list[str] = []

    def print(self, output: Path, *, written: bool) -> None:
        """The skipped lines (and, past the first 20, a count by reason),
        then the notes (which may sum them up and say how to fix them), then
        what was written."""
        if self.skipped:
            say(f"{count(len(self.skipped), 'line')} skipped:")
            for item in self.skipped[:SHOWN_SKIPPED]:
                say(f"  {item}")
            if len(self.skipped) > SHOWN_SKIPPED:
                say(f"  … and {len(self.skipped) - SHOWN_SKIPPED:,} more; all {len(self.skipped):,} by reason:")
                for reason, times in Counter(item.reason for item in self.skipped).most_common():
                    say(f"  {times:>6,} × {reason}")
        for note in self.notes:
            say(f"note: {note}")
        if written:
            turns = sum(self.roles.values())
            by_role = ", ".join(f"{role} {self.roles[role]:,}" for role in ROLES if self.roles[role])
            checks = f", {count(self.checks, 'check')} in `expect`" if self.checks else ""
            skipped = f"; {count(len(self.skipped), 'line')} skipped" if self.skipped else ""
            say(
                f"wrote {count(self.conversations, 'conversation')}, {count(turns, 'turn')} ({by_role}){checks} to {output}{skipped}"
            )
