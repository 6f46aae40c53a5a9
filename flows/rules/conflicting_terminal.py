"""conflicting-terminal: a state has both `escalate: true` and `end: true`.

Why: a conversation ends in exactly one way, either resolved by the bot
(`end`) or handed to a human (`escalate`). Reports, replay and the
escalation rules would each have to guess which one was meant.

Fails:

    handoff:
      say: "Kami hubungkan dengan agen."
      escalate: true
      end: true

Passes:

    handoff:
      say: "Kami hubungkan dengan agen."
      escalate: true

Fix: keep `escalate: true` if a human takes over, `end: true` if the bot
resolved the conversation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "conflicting-terminal"
SEVERITY = Severity.ERROR
SUMMARY = "a state both escalates and ends"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    for name, state in ctx.flow.states.items():
        if state.escalate and state.end:
            yield Problem(
                state.span,
                f"state {name!r} has both `escalate: true` and `end: true`; keep the one that describes how it ends",
            )
