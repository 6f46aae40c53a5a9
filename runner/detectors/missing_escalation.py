"""missing-escalation: a customer who needs a person does not get one: the
bot's answer to a handoff request does not reach an escalate state, or
`no-match-threshold` customer turns in a row (default 3) match nothing and
no escalation follows.

In detail, it fires when

1. the customer asks for a human and the bot's answer does not reach an
   `escalate: true` state (with `escalate-within: N`, none of the bot's
   next N answers does; default 1, the answer to the request itself). A
   request is a turn matching an intent with `handoff: true`, or one
   containing a built-in handoff phrase in Indonesian or English ("mau
   ngomong sama orang", "CS", "admin", "agent", "real person", …) that
   matches no other route of the state it is said in; or
2. `no-match-threshold` customer turns in a row (default 3) match nothing
   (each is a fallback: a re-prompt or the fallback's `then`) and no
   escalation follows before the customer is understood again or the
   conversation ends. The first turn of a conversation that only opens the
   chat ("halo") is not a failure.

Fires:

    user: mau ngomong sama orang
    bot:  Maaf, aku belum paham. Pilih menu ya.     (no escalation)

Does not fire:

    user: mau ngomong sama orang
    bot:  Oke, aku sambungkan ke tim CS ya.          (state `handoff`, escalate: true)

    user: asdf / qwerty / zzz       (max_retries: 2 -> the 3rd failure goes to `then: handoff`)

Turns after the conversation ended are not judged, and a replay stopped by
an error does not count as the conversation ending without escalation.
The turn is the request, or the turn that completed the run of failures.
"""

from __future__ import annotations

from collections.abc import Iterator

from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding
from alur.runner.trace import ReplayConfig, ReplayedTurn, Trace


class MissingEscalation(Detector[ReplayConfig, Trace]):
    __doc__ = __doc__
    code = "missing-escalation"
    kind = "missing_escalation"
    options = ("escalate_within", "no_match_threshold")

    def check(self, trace: Trace) -> Iterator[Finding]:
        within = self.config.escalate_within
        threshold = self.config.no_match_threshold
        request: ReplayedTurn | None = None  # the oldest unanswered handoff request
        answers = 0  # bot answers since that request
        run: list[ReplayedTurn] = []  # consecutive turns that matched nothing
        for turn in trace.turns:
            step = turn.step
            events = step.events
            if "after_end" in events:
                break
            if step.escalated:
                return
            if request is not None:
                answers += 1
            elif "handoff_request" in events:
                request, answers = turn, 1
            if request is not None and answers >= within:
                yield self._unanswered(request, within, step.state)
                request = None
            if "no_match" in events:
                run.append(turn)
            else:
                if len(run) >= threshold:
                    yield self._run(run, threshold, "the customer was understood again without being handed over")
                run = []
        if not trace.complete:
            return
        last = trace.last_step
        if request is not None and last is not None:
            yield self._unanswered(request, answers, last.state)
        if len(run) >= threshold:
            yield self._run(run, threshold, "the conversation ended there")

    def _unanswered(self, request: ReplayedTurn, within: int, now: str) -> Finding:
        answered = (
            "the bot's answer did not escalate"
            if within == 1
            else f"none of the bot's {within} answers after it escalated"
        )
        return Finding(
            self.kind,
            request.index,
            request.origin,
            f"customer asked for a human ('{snippet(request.text)}') and {answered}; the conversation is now in state {now!r}",
        )

    def _run(self, run: list[ReplayedTurn], threshold: int, after: str) -> Finding:
        last = run[threshold - 1]
        return Finding(
            self.kind,
            last.index,
            last.origin,
            f"{threshold} customer turns in a row matched nothing and no escalation followed ({after})",
        )
