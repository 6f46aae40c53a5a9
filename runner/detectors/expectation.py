"""expectation: an `expect` of a test conversation (`*.test.yaml`) did not
hold once the bot had answered that turn.

Each key that does not hold is one finding, at that turn (its message ends
with the turn's line in the test file):

    state          the bot now waits in this state, or reached this terminal state
    escalated      true: the conversation reached an `escalate: true` state; false: it did not
    ended          true: the conversation reached an `end: true` state; false: it did not
    say_contains   this text (or each text of a list) is part of what the bot said
                   in answer to the turn (all its messages; case and spacing must match)
    intent         the turn was understood as this intent (a built-in handoff
                   phrase counts as the flow's handoff intent, a button tap as
                   the button's intent)
    slots          these slots hold these values now, written as alur keeps
                   them: numbers as numbers, dates as "2025-08-30", phones as
                   "+6281234567890"; `null` for a slot that must be empty

A turn after the conversation ended is checked against the ended
conversation (the bot says nothing more). Values of sensitive slots are
never shown, not even the expected ones; when such a value, or one that is
personal data (a phone number, an e-mail), differs from the expected one,
the message says how without showing either: both lengths and where they
differ (`alur.runner.secret_diff`). `alur replay --show-sensitive` shows the
values themselves on the terminal, never in a report file. A `state`, `intent` or slot name
the flow does not have is said so, with the closest name it does have (a
typo in the test, not the flow's fault, is the likelier cause).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from alur.flows.engine import Step
from alur.flows.rules._names import did_you_mean
from alur.flows.values import format_value
from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding
from alur.runner.privacy import mask_text, mask_value
from alur.runner.secret_diff import difference
from alur.runner.trace import ReplayConfig, ReplayedTurn, Trace

_LISTED = 12  # names of a kind listed when none is close to a misspelt one


class Expectation(Detector[ReplayConfig, Trace]):
    __doc__ = __doc__
    code = "expectation"
    kind = "expectation"

    def check(self, trace: Trace) -> Iterator[Finding]:
        turns = trace.conversation.turns
        for turn in trace.turns:
            if not turn.expect:
                continue
            line = turns[turn.index].get("line")
            where = f" (line {line})" if line is not None else ""
            for key, wanted in turn.expect.items():
                if key == "slots":
                    problems = list(_slot_problems(trace, turn.step, wanted))  # type: ignore[arg-type]
                else:
                    problem = _problem(key, wanted, turn, trace)
                    problems = [problem] if problem is not None else []
                for problem in problems:
                    yield Finding(self.kind, turn.index, turn.step.state, problem + where)


def _problem(key: str, wanted: object, turn: ReplayedTurn, trace: Trace) -> str | None:
    step = turn.step
    flow = trace.engine.flow
    if key == "state":
        if step.state == wanted:
            return None
        if wanted not in flow.states:
            return f"{_unknown('state', str(wanted), flow.states)} (the conversation is in {step.state!r})"
        return f"expected state {wanted!r}, but the conversation is in {step.state!r}"
    if key in ("escalated", "ended"):
        actual = step.escalated if key == "escalated" else step.ended
        if actual == wanted:
            return None
        if wanted:
            return f"expected the conversation to have {key}, but it is in state {step.state!r}"
        return f"expected the conversation not to have {key}, but it reached {step.state!r}"
    if key == "say_contains":
        said = step.text
        texts = (
            wanted if isinstance(wanted, list) else [wanted]
        )  # importers write a list when a turn has several checks
        missing = next((str(text) for text in texts if str(text) not in said), None)
        if missing is None:
            return None
        shown = f"it said '{snippet(said, 80)}'" if said else "it said nothing"
        return f"expected the bot to say '{missing}'; {shown}"
    if key == "intent":
        if step.intent == wanted:
            return None
        got = f"{step.intent!r}" if step.intent is not None else "no intent"
        if wanted not in flow.intents:
            return f"{_unknown('intent', str(wanted), flow.intents)} (the turn was understood as {got})"
        return f"expected intent {wanted!r}, but the turn was understood as {got}"
    return None  # the reader accepts only the keys above


def _slot_problems(trace: Trace, step: Step, wanted: Mapping[str, object]) -> Iterator[str]:
    sensitive = trace.engine.is_sensitive
    declared = trace.engine.flow.slots
    for name, value in wanted.items():
        actual = step.slots.get(name)
        if _same(actual, value):
            continue
        if name not in declared:
            yield _unknown("slot", name, declared)
            continue
        hidden = sensitive(name) or _personal(value) or _personal(actual)
        show = mask_value if sensitive(name) else _shown
        if actual is None:
            yield f"expected slot {name} = {show(value)}, but it is not filled"
        elif value is None:
            yield f"expected slot {name} to be empty, but it holds {show(actual)}"
        elif hidden:
            yield f"expected slot {name} = {show(value)}, but it holds {show(actual)}: {difference(format_value(value), format_value(actual))}"
        else:
            yield f"expected slot {name} = {show(value)}, but it holds {show(actual)}"


def hidden_differences(trace: Trace) -> Iterator[tuple[int, str, str, str]]:
    """(turn, slot, expected, held) of each failed slot expectation whose
    values reports mask (a sensitive slot, or personal data such as a phone
    number): for `--show-sensitive`, which shows them on the terminal only."""
    sensitive = trace.engine.is_sensitive
    for turn in trace.turns:
        wanted = (turn.expect or {}).get("slots")
        if not isinstance(wanted, Mapping):
            continue
        for name, value in wanted.items():
            actual = turn.step.slots.get(name)
            if (
                not _same(actual, value)
                and name in trace.engine.flow.slots
                and (sensitive(name) or _personal(value) or _personal(actual))
            ):
                yield turn.index, name, _revealed(value), _revealed(actual)


def _personal(value: object) -> bool:
    """Whether reports would mask `value` as personal data."""
    if value is None or isinstance(value, (bool, int, float)):
        return False
    text = format_value(value)
    return mask_text(text) != text


def _revealed(value: object) -> str:
    return "(empty)" if value is None else repr(format_value(value))


def _unknown(what: str, name: str, known: Iterable[str]) -> str:
    """The problem with an expected state, intent or slot the flow does not
    have: most often a typo in the test, so the closest name is offered."""
    names = list(known)
    close = did_you_mean(name, names)
    if not close:
        shown = ", ".join(names[:_LISTED]) + (", …" if len(names) > _LISTED else "")
        close = f"; its {what}s: {shown}" if names else f"; it has no {what}s"
    return f"expected {what} {name!r}, but the flow has no {what} {name!r}{close}"


def _same(actual: object, wanted: object) -> bool:
    if wanted is None or actual is None:
        return wanted is None and actual is None
    if isinstance(wanted, bool) or isinstance(actual, bool):
        return actual is wanted
    if isinstance(wanted, (int, float)) and isinstance(actual, (int, float)):
        return float(actual) == float(wanted)
    return actual == wanted or format_value(actual) == format_value(wanted)


def _shown(value: object) -> str:
    return repr(format_value(value)) if not isinstance(value, (int, float)) else format_value(value)
