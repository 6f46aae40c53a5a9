"""Drift: where the flow as written today answers a recorded customer turn
differently from the bot that was recorded, summarised per state.

This is the regression a flow change would cause (or the fix it brings):
replay production transcripts against the edited flow and see which
states now answer differently, in how many conversations.

For each replayed customer turn that the recording answered with bot turns
(and for the bot's opening, when the recording starts with the bot), the
last recorded bot turn is compared with the last message the flow says now:

- when the recorded turn carries a `state`, by state first: the recording
  was in `ask_order_id` and the flow is now in `order_not_found`;
- then by text, ignoring case, spacing, punctuation, emoji and numbers: a
  reworded prompt, or a re-prompt that now varies, is drift; a date
  resolved relative to another day is not ("tgl 30" is the 30th of the
  month the replay runs in).

Only the first difference in a conversation counts: after it the two
conversations are on different paths and every later turn would differ.
It is counted under the state the customer's turn was handled in (the
flow's `start` for the opening), with a few examples, masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from alur.flows.engine import BotMessage
from alur.flows.nlu.formats import MONTH_NAMES
from alur.runner.audit_view import message_key
from alur.runner.detectors.base import snippet
from alur.runner.privacy import mask_text
from alur.runner.trace import Trace

EXAMPLES = 3  # examples kept per state
# Numbers and month names: a relative date ("tgl 30", "besok") resolved on
# another day than the recording changes both, and is not a flow change.
_NUMBERS = re.compile(rb"\d+|\b(?:" + b"|".join(sorted(name.encode() for name in MONTH_NAMES)) + rb")\b")
_SEEN_LIMIT = 4_096
_seen: dict[str, bytes] = {}


@dataclass(frozen=True, slots=True)
class DriftPoint:
    """The first turn of one conversation that the flow now answers differently."""

    conversation: str
    turn: int
    state: str  # where the customer's turn was handled
    by: str  # "state" or "text"
    recorded: str
    now: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.conversation, "turn": self.turn, "by": self.by, "recorded": self.recorded, "now": self.now}

    def describe(self) -> str:
        if self.by == "state":
            return f"{self.conversation} turn {self.turn}: recorded in state {self.recorded}, now {self.now}"
        return f"{self.conversation} turn {self.turn}: recorded '{self.recorded}', now '{self.now}'"


@dataclass(slots=True)
class StateDrift:
    conversations: int = 0
    examples: list[DriftPoint] = field(default_factory=list)


class Drift:
    """Drift counts per state. Picklable and mergeable, in input order."""

    __slots__ = ("compared", "by_state")

    def __init__(self) -> None:
        self.compared = 0  # conversations that had recorded bot turns to compare with
        self.by_state: dict[str, StateDrift] = {}

    @property
    def diverged(self) -> int:
        return sum(entry.conversations for entry in self.by_state.values())

    def record(self, replayed: Trace) -> None:
        """Compare one replayed conversation with its recording."""
        compared = False
        for index, origin, recorded, messages in _pairs(replayed):
            compared = True
            difference = _difference(recorded, messages)
            if difference is not None:
                self._add(replayed, index, origin, *difference)
                break
        if compared:
            self.compared += 1

    def _add(self, replayed: Trace, index: int, origin: str, by: str, recorded: str, now: str) -> None:
        entry = self.by_state.setdefault(origin, StateDrift())
        entry.conversations += 1
        if len(entry.examples) < EXAMPLES:
            secrets = replayed.sensitive_values()
            point = DriftPoint(
                mask_text(replayed.conversation.id),
                index,
                origin,
                by,
                mask_text(recorded, secrets=secrets),
                mask_text(now, secrets=secrets),
            )
            entry.examples.append(point)

    def merge(self, other: Drift) -> Drift:
        merged = Drift()
        merged.compared = self.compared + other.compared
        for source in (self, other):
            for state, entry in source.by_state.items():
                target = merged.by_state.setdefault(state, StateDrift())
                target.conversations += entry.conversations
                target.examples.extend(entry.examples[: EXAMPLES - len(target.examples)])
        return merged

    def ranked(self) -> list[tuple[str, StateDrift]]:
        """States by how many conversations drift there, most first."""
        return sorted(self.by_state.items(), key=lambda item: -item[1].conversations)

    def to_dict(self) -> dict[str, object]:
        """The drift section of the JSON report."""
        return {
            "compared": self.compared,
            "diverged": self.diverged,
            "states": {
                state: {"conversations": entry.conversations, "examples": [p.to_dict() for p in entry.examples]}
                for state, entry in self.ranked()
            },
        }

    def summary(self) -> str:
        return f"{self.diverged} of {self.compared} recorded conversations now answer differently"

    def text_lines(self) -> list[str]:
        """The drift section of the text report (nothing when nothing was recorded)."""
        if not self.compared:
            return []
        lines = [f"drift from the recorded bot: {self.summary()}"]
        for state, entry in self.ranked():
            lines.append(
                f"  in state {state}: {entry.conversations} conversation{'s' if entry.conversations != 1 else ''}"
            )
            lines.extend(f"    {point.describe()}" for point in entry.examples)
        return lines

    def markdown_lines(self) -> list[str]:
        if not self.compared:
            return []
        lines = ["", "### Drift from the recorded bot", "", self.summary() + "."]
        if self.by_state:
            lines += ["", "| state | conversations | example |", "| --- | ---: | --- |"]
            for state, entry in self.ranked():
                example = entry.examples[0].describe().replace("|", "\\|") if entry.examples else ""
                lines.append(f"| `{state}` | {entry.conversations} | {example} |")
        return lines


def _pairs(replayed: Trace) -> Iterator[tuple[int, str, Sequence[Mapping], tuple[BotMessage, ...]]]:
    """(turn index, state handled in, recorded bot turns, messages now) for
    the opening and each replayed turn the recording answered."""
    turns = replayed.conversation.turns
    if replayed.opening is not None:
        opening = _reply(turns, 0)  # the recording starts with the bot: compare the openings
        if opening:
            yield 0, replayed.facts.flow.start, opening, replayed.opening.messages
    for item in replayed.turns:
        recorded = _reply(turns, item.index + 1)
        if recorded:
            yield item.index, item.origin, recorded, item.step.messages


def _reply(turns: Sequence[Mapping], start: int) -> list[Mapping]:
    """The bot turns from `start` up to the next customer or agent turn."""
    reply = []
    for position in range(start, len(turns)):
        role = turns[position]["role"]
        if role == "bot":
            reply.append(turns[position])
        elif role != "system":
            break
    return reply


def _difference(recorded: Sequence[Mapping], messages: tuple[BotMessage, ...]) -> tuple[str, str, str] | None:
    """(by, recorded, now) when the answers differ, else None."""
    last = recorded[-1]
    state = last.get("state")
    if state is not None:
        now = messages[-1].state if messages else "(says nothing)"
        if now != state:
            return ("state", state, now)
    text = last["text"]
    if not messages:
        return ("text", snippet(text), "(says nothing)")
    said = messages[-1].text
    if _words(text) == _words(said):
        return None
    return ("text", snippet(text), snippet(said))


def _words(text: str) -> bytes:
    """What the comparison looks at: the words, without numbers. Bots speak
    from templates, so most texts are answered from a bounded memo."""
    words = _seen.get(text)
    if words is None:
        if len(_seen) >= _SEEN_LIMIT:
            _seen.clear()
        words = _seen[text] = _NUMBERS.sub(b"#", message_key(text))
    return words
