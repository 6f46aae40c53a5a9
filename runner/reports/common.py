"""What every report format needs: masking and escaping, and the lines of an excerpt."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from alur.runner.findings import ConversationResult, Finding, Report, Tally
from alur.runner.safe_text import escape_controls, shown


def mask(text: str, reply_to: str | None = None) -> str:
    """`text` with personal data masked (alur.runner.privacy.mask_text), for
    the formats that carry data (JSON): control characters are left to the
    format's own escaping.

    Imported here, on first use, so that reading the reports package costs
    nothing for commands that never print a report.
    """
    from alur.runner.privacy import mask_text

    return mask_text(text, reply_to)


def _escaped(text: str, reply_to: str | None = None) -> str:
    return escape_controls(text)


def _as_is(text: str, reply_to: str | None = None) -> str:
    return text


_PLACE = re.compile(r":\d+(?::\d+)?\Z")


def masked_source(source: str) -> str:
    """`path`, `path:line` or `path:line:column` with personal data in the
    path masked ("wa-[PHONE].jsonl:3"): exports are often named after the
    customer's phone number. Each path is masked once, as every conversation
    of a file shares it."""
    place = _PLACE.search(source)
    if place is None:
        return _masked_path(source)
    return _masked_path(source[: place.start()]) + place.group()


def shown_source(source: str) -> str:
    """`masked_source`, with control characters in the path escaped, for people."""
    return escape_controls(masked_source(source))


@lru_cache(maxsize=256)
def _masked_path(path: str) -> str:
    return mask(path)


def masker(result: ConversationResult) -> Callable[..., str]:
    """How to show the texts of `result` to a person (alur.runner.safe_text):
    masked and escaped, or only escaped when the worker that made it masked
    them already (`ConversationResult.masked`)."""
    return _escaped if result.masked else shown


def tally(report: Report) -> tuple[dict[str, int], int]:
    """(findings by kind, conversations with findings or errors). A spooled
    report's results know it (alur.runner.parallel.ResultSpool); others are
    counted in one pass."""
    known = getattr(report.results, "tally", None)
    if callable(known):
        return known()
    return Tally.of(report.results).tally()


def errored(report: Report) -> int:
    """How many conversations could not be run (results with an `error`).
    Spooled and pre-rendered results know it; others are counted."""
    known = getattr(report.results, "errors", None)
    if callable(known):
        return known()
    return Tally.of(report.results).errors


def failing(report: Report) -> Iterator[ConversationResult]:
    """The results with findings or errors, in order. A spooled report's
    results give them without reading the passing ones back from disk."""
    known = getattr(report.results, "failing", None)
    if callable(known):
        return known()
    return (result for result in report.results if result.findings or result.error is not None)


def count(number: int, noun: str) -> str:
    """ "1 conversation", "6,652 conversations"."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def one_line(text: str, limit: int | None = None) -> str:
    """`text` on one line (newlines and runs of spaces become one space),
    cut to `limit` characters with an ellipsis (only the start of a long
    text is read: a 50 MB "message" must not cost gigabytes)."""
    flat = " ".join((text if limit is None else text[: 8 * limit]).split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


@dataclass(frozen=True, slots=True)
class ExcerptLine:
    """One turn of an excerpt, masked, ready to print."""

    index: int | None  # None: a bot reply the replay produced, not in the transcript
    role: str
    text: str
    is_finding: bool  # the turn the finding is about

    @property
    def number(self) -> str:
        """What the report prints in the turn column: the index a reader looks
        up in the transcript, or `·` for a line that is not in it."""
        return "·" if self.index is None else str(self.index)


def excerpt_lines(finding: Finding, before: int, limit: int | None = 160, masked: bool = False) -> list[ExcerptLine]:
    """The last `before` turns ahead of the finding's turn and the turn itself,
    masked (unless `masked` says they are already) and escaped. A customer's turn is
    masked knowing the bot turn it answers ("Masukkan kode OTP", "482913").

    An un-numbered turn (a replayed bot reply) goes with the numbered turn it
    follows, or, ahead of any (the bot's opening), with the first: it is shown
    when that turn is, and is never the one marked as the finding."""
    hide = _as_is if masked else mask
    anchor = next((t.index for t in finding.excerpt if t.index is not None), finding.turn)
    lines = []
    previous_bot: str | None = None
    for turn in finding.excerpt:
        if turn.index is not None:
            anchor = turn.index
        if not finding.turn - before <= anchor <= finding.turn:
            continue
        reply_to = previous_bot if turn.role == "user" else None
        text = one_line(escape_controls(hide(turn.text, reply_to), lines=True), limit)  # line breaks become spaces
        lines.append(ExcerptLine(turn.index, turn.role, text, turn.index == finding.turn))
        if turn.role == "bot":
            previous_bot = turn.text
    return lines
