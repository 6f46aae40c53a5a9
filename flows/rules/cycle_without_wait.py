"""cycle-without-wait: states that move on by `next` lead round in a circle.

Why: a state that does not wait for the customer (no `collect`, no `on`
routes) and runs no `action` moves on by its `next` at once. When such
states lead back to one of themselves, the bot would talk forever without
ever letting the customer answer, so the engine refuses the conversation the
moment it enters the loop: `alur chat` stops with exit 2, `replay` and
`explore` report an engine error. Every loop is reported once, at the state
that comes first in the file, with its states in the order the bot would
visit them. Loops no conversation can reach are reported too: they are
just as broken, and the next edit may make them reachable.

What counts is exactly what the engine refuses (`Engine._advance`): a state
belongs to such a loop when it is neither terminal nor waiting
(`State.terminal`, `State.waits`, the definitions the engine runs on), has
no `action`, and its `next` leads on to another such state. Those states have
one way to move on (`next`, which takes no condition), so no branch can
leave the loop. A loop through a state with an `action` is not reported,
as the engine does not refuse it: the outcome comes from outside, and an
outcome the state does not route (or whose `if:` does not hold) leaves the
loop by the state's `next`, or stops the conversation there (a `dead_end`),
so going round again is never certain. A loop through a waiting state is
an ordinary conversation loop (`trap-state` judges whether it can finish).

Fails:

    tell_status:
      say: "Pesanan Anda sedang dikirim."
      next: anything_else
    anything_else:
      say: "Ada lagi yang bisa kami bantu?"
      next: tell_status            # neither state waits for an answer

Passes: the same with `anything_else` waiting for the customer, e.g.
`on: {check_order: tell_status, no_thanks: done}` instead of `next`.

Fix: make one state of the loop wait for the customer (`collect` a slot, or
route intents with `on`), or send the loop's last `next` to a state that
ends, escalates or waits.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "cycle-without-wait"
SEVERITY = Severity.ERROR
SUMMARY = "states that never wait for the customer lead round in a circle"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}

_NAMED = 12  # a longer loop is named by its first and last states


def _named(loop: list[str]) -> str:
    if len(loop) <= _NAMED:
        return " → ".join(loop)
    return f"{' → '.join(loop[: _NAMED // 2])} → … → {' → '.join(loop[-_NAMED // 2 :])} ({len(loop) - 1} states)"


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    for loop in ctx.silent_loops:
        yield Problem(
            ctx.flow.states[loop[0]].span,
            f"{_named(loop)} never waits for the customer: the bot would talk forever; "
            "let one of these states wait (`collect` or `on`) or lead one `next` out of the loop",
        )
