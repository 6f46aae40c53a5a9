"""identical-reprompt: a customer who is not understood reads the same text three times.

Why: contract §4 counts it as a `loop` when the bot says the same thing a
3rd time with no slot filled in between, re-prompts included: a customer who
reads the same prompt three times feels trapped even if a handoff follows.
In a waiting state the bot says its `say` on entry, then each failed turn
re-prompts with the fallback `say` (variants in turn) or, without one, the
state's `say` again (variants in turn). With the default `max_retries: 2`,
a single `say` and no fallback `say`, the customer sees it 3 times. A state
that collects a `text` slot is left alone: any reply fills it, so its
customer is never re-prompted.

Fails:

    ask_order_id:
      say: "Kirim nomor pesanan Anda."
      collect: order_id
      next: lookup

Passes:

    ask_order_id:
      say: "Kirim nomor pesanan Anda."
      collect: order_id
      next: lookup
      fallback:
        say:
          - "Nomor pesanan diawali INV- lalu 6 angka, misalnya INV-204518."
          - "Belum terbaca. Salin nomornya dari menu Pesanan Saya."

Fix: add re-prompt variants under `fallback: {say: [...]}` (in the state or
for the whole flow), or give `say` variants.

Options: `repeats` (default 3): how many times the same text may not appear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.model import Flow, State
from alur.flows.rules._context import Context, Problem

ID = "identical-reprompt"
SEVERITY = Severity.WARNING
SUMMARY = "re-prompts would show the customer the same text 3 times"
BLOCKS_RUNNING = False
OPTIONS: dict[str, int] = {"repeats": 3}


def check(ctx: Context, options: Mapping[str, int]) -> Iterator[Problem]:
    # options are whole numbers: configuration refuses anything else
    repeats = options["repeats"]
    flow = ctx.flow
    for name in ctx.graph.waiting:
        state = flow.states[name]
        if not state.say or name not in ctx.reachable or _takes_any_reply(flow, state):
            continue
        policy = flow.fallback_for(state)
        shown = [state.say[0]]
        for retry in range(1, policy.max_retries + 1):
            if policy.say:
                shown.append(policy.say[(retry - 1) % len(policy.say)])
            else:
                shown.append(state.say[retry % len(state.say)])
        text, count = Counter(shown).most_common(1)[0]
        if count >= repeats:
            preview = text if len(text) <= 40 else text[:39] + "…"
            yield Problem(
                state.say_spans[0] if state.say_spans else state.span,
                f"a customer who is not understood in state {name!r} reads {preview!r} {count} times; add re-prompt variants under `fallback: {{say: [...]}}`",
            )


def _takes_any_reply(flow: Flow, state: State) -> bool:
    """A `text` slot takes whatever the customer writes: no re-prompt follows."""
    slot = flow.slots.get(state.collect) if state.collect else None
    return slot is not None and slot.type == "text"
