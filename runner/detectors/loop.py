"""loop: the bot says the same thing, or enters the same non-terminal
state, for the `loop-threshold`th time (default 3) with no slot filled in
between. The states counted are those where the bot waits for the
customer; states it passes through on the way (actions, `say` + `next`)
are part of the same loop, not loops of their own.

Why: a customer who reads the same prompt three times feels trapped, even
if a handoff follows. Re-prompts count: a fallback that repeats the
state's `say` is the same thing said again, so vary re-prompts
(`fallback.say`, `say` variants). "The same thing" ignores case, spacing,
punctuation and emoji. A filled slot is progress and starts the count
afresh, so a customer who enters a wrong OTP twice and then the right one
is not in a loop: each code they type fills the slot.

Fires (customer typing at a menu that does not understand them):

    bot:  Pilih menu: 1. Cek pesanan 2. Refund
    user: saya mau refund yang kemarin     -> re-prompt, same text (2nd)
    user: REFUND                           -> re-prompt, same text (3rd): loop

Does not fire:

    bot:  Masukkan kode OTP                 (ask_otp, 1st)
    user: 111111  -> verify: invalid -> ask_otp (2nd), slot filled: count restarts
    user: 222222  -> verify: invalid -> ask_otp, slot filled again
    user: 123456  -> verify: valid -> done

One finding per repeated message or state until a slot is filled; when a
message and the state that says it repeat together, one finding. The turn
is the customer turn whose answer was the repetition.
"""

from __future__ import annotations

from collections.abc import Iterator

from alur.runner.audit_view import message_key
from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding
from alur.runner.trace import Trace



class Loop(Detector):
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
        for index, step in trace.steps():
            if any(event.startswith("slot:") for event in step.events):
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
                    found[name] = f"state {name!r} entered {times} times with no slot filled in between"
            for message in step.messages:
                key = message_key(message.text)
                times = said[key] = said.get(key, 0) + 1
                if times >= threshold and key not in reported and (message.state in found or message.state not in reported):
                    reported.add(key)
                    reported.add(message.state)
                    found[message.state] = f"bot said '{snippet(message.text)}' {times} times with no slot filled in between"
            if found:  # one finding per turn: the loop the customer is in
                state, text = next(reversed(found.items()))
                yield Finding(self.kind, index, state, text)
