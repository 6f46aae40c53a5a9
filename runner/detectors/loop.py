"""loop: the bot says the same thing, or enters the same non-terminal
state, for the `loop-threshold`th time (default 3) with no progress in
between: no slot filled, and no action run again on something new. The
states counted are those where the bot waits for the customer; states it
passes through on the way (actions, `say` + `next`) are part of the same
loop, not loops of their own.

Why: a customer who reads the same prompt three times feels trapped, even
if a handoff follows. Re-prompts count: a fallback that repeats the
state's `say` is the same thing said again, so vary re-prompts
(`fallback.say`, `say` variants). "The same thing" ignores case, spacing,
punctuation and emoji. A filled slot is progress and starts the count
afresh, so a customer who enters a wrong OTP twice and then the right one
is not in a loop: each code they type fills the slot. An action that runs
again with new slot values, or on a new request the flow understood (a turn
matched to an intent, not a fallback, with at least two words the customer
has not used before, filler and the intent's example words aside), is
progress too: four forecasts asked for one after another each
ran the forecast again, and "Anything else?" after each is no loop.

Fires (customer typing at a menu that does not understand them):

    bot:  Pilih menu: 1. Cek pesanan 2. Refund
    user: saya mau refund yang kemarin     -> re-prompt, same text (2nd)
    user: REFUND                           -> re-prompt, same text (3rd): loop

Does not fire:

    bot:  Masukkan kode OTP                 (ask_otp, 1st)
    user: 111111  -> verify: invalid -> ask_otp (2nd), slot filled: count restarts
    user: 222222  -> verify: invalid -> ask_otp, slot filled again
    user: 123456  -> verify: valid -> done

One finding per repeated message or state until there is progress; when a
message and the state that says it repeat together, one finding. The turn
is the customer turn whose answer was the repetition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from alur.flows.engine import Step
from alur.flows.nlu.lexicon import word_set
from alur.flows.values import format_value
from alur.runner.audit_view import message_key
from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding
from alur.runner.trace import ReplayConfig, Trace

_WORDS = re.compile(r"[^\W_]+")
_NEW_WORDS = 2  # a request saying at least this many new words asks for something new


class Loop(Detector[ReplayConfig, Trace]):
    __doc__ = __doc__
    code = "loop"
    kind = "loop"
    options = ("loop_threshold",)

    def check(self, trace: Trace) -> Iterator[Finding]:
        threshold = self.config.loop_threshold
        states = trace.facts.flow.states
        said: dict[bytes, int] = {}
        entered: dict[str, int] = {}
        reported: set[object] = set()
        ran: dict[str, tuple[tuple[str, str], ...]] = {}  # action -> the slot values it last ran with
        told: set[str] = set()  # the words of the customer's understood requests so far
        turns = trace.conversation.turns
        for index, step in trace.steps():
            text = turns[index]["text"] if step.turn is not None else ""
            if _progress(step, text, trace, ran, told):
                said.clear()
                entered.clear()
                reported.clear()
            found: dict[str, str] = {}  # state -> message, for this turn
            for name in step.path:
                if not states[name].waits:
                    continue  # states the bot passes through are part of the loop, not loops of their own
                times = entered[name] = entered.get(name, 0) + 1
                if times >= threshold and name not in reported:
                    reported.add(name)
                    found[name] = (
                        f"state {name!r} entered {times} times with no progress in between (no slot filled, no action run on anything new)"
                    )
            for message in step.messages:
                key = message_key(message.text)
                times = said[key] = said.get(key, 0) + 1
                if (
                    times >= threshold
                    and key not in reported
                    and (message.state in found or message.state not in reported)
                ):
                    reported.add(key)
                    reported.add(message.state)
                    found[message.state] = (
                        f"bot said '{snippet(message.text)}' {times} times with no progress in between (no slot filled, no action run on anything new)"
                    )
            if found:  # one finding per turn: the loop the customer is in
                state, text = next(reversed(found.items()))
                yield Finding(self.kind, index, state, text)


def _progress(step: Step, text: str, trace: Trace, ran: dict[str, tuple[tuple[str, str], ...]], told: set[str]) -> bool:
    """Whether `step` moved the conversation on: it filled a slot, or ran an
    action again with slot values other than its last run's, or on a new
    request (see `_new_request`). `ran` and `told` remember what was seen
    (updated here)."""
    progress = any(event.startswith("slot:") for event in step.events)
    actions = [event[len("action:") :].split("=", 1)[0] for event in step.events if event.startswith("action:")]
    if not actions:
        return progress
    values = tuple(sorted((name, format_value(value)) for name, value in step.slots.items()))
    new_request = _new_request(step, text, trace, told)
    for action in actions:
        if action in ran and (ran[action] != values or new_request):
            progress = True
        ran[action] = values
    return progress


def _new_request(step: Step, text: str, trace: Trace, told: set[str]) -> bool:
    """Whether the customer turn `text` is a request the flow understood (an
    intent, not a fallback) that says something new: at least
    `_NEW_WORDS` words the customer has not used before, filler and the
    intent's own example words aside. "Can you see when it will be warmer?"
    after a forecast for Chicago is a new request; "still no code" after
    "no code yet" is the same one again."""
    intent = trace.facts.flow.intents.get(step.intent) if step.intent is not None else None
    if intent is None or "fallback" in step.events or "no_match" in step.events:
        return False
    known = _filler() | {w for example in intent.examples for w in _WORDS.findall(example.casefold())}
    words = set(_WORDS.findall(text.casefold())) - known
    new = words - told
    told |= words
    return len(new) >= _NEW_WORDS


@cache
def _filler() -> frozenset[str]:
    return word_set("stopwords.txt")
