"""no-way-out: a state that is not terminal has no way to move on.

Why: a state that neither waits for the customer nor has `next` or routes
leaves the conversation stuck: the bot says its piece and then nothing can
happen. The customer is left talking to a wall (a `dead_end` finding when
replayed). Typical causes: an `action` with no `on` for its outcomes, or a
final message that forgot `end: true`.

Fails:

    lookup:
      action: lookup_order          # outcome never routed
    goodbye:
      say: "Terima kasih!"          # neither `next` nor `end: true`

Passes:

    lookup:
      action: lookup_order
      on: {found: tell_status, not_found: ask_again, error: handoff}
    goodbye:
      say: "Terima kasih!"
      end: true

Fix: route the action's outcomes with `on`, add `next`, or mark the state
`end: true` (resolved) or `escalate: true` (handed to a human).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.model import State
from alur.flows.rules._context import Context, Problem

ID = "no-way-out"
SEVERITY = Severity.ERROR
SUMMARY = "a non-terminal state has no `next`, no routes and does not wait"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def stuck(state: State) -> bool:
    """Neither terminal nor waiting, and nothing to move on by."""
    return not state.terminal and not state.waits and not state.routes and state.next is None


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    for name, state in ctx.flow.states.items():
        if stuck(state):
            if state.action is not None:
                hint = f"action {state.action!r} runs but none of its outcomes is routed: add `on:` with its outcomes"
            else:
                hint = "add `next`, routes under `on`, or `end: true` / `escalate: true`"
            yield Problem(state.span, f"state {name!r} is not terminal but has no way out; {hint}")
