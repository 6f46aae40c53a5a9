"""confusable-example: an example the matcher would give to another intent.

Why: the intent matcher compares a customer's turn with each intent's
examples taken together. When one of an intent's examples, left out, is
closer to another intent that can answer in the same state, customers who
say it that way reach the wrong intent: the two intents cannot be told
apart from their examples. The check is leave-one-out: each example
against the rest of its own intent and against the intents it competes
with (those routed from a state where its intent is routed too, global
and handoff intents included), scored as the matcher scores a turn; it is
reported when another intent reaches the matcher's threshold and beats its
own by `margin` (0.15 by default: a closer call is the noise of a small
intent, where leaving one example out leaves little).

Fails:

    intents:
      check_order: {examples: ["cek status pesanan", "pesanan saya di mana"]}
      cancel_order: {examples: ["batalkan pesanan", "cek pesanan saya dong"]}

Passes:

    intents:
      check_order: {examples: ["cek status pesanan", "pesanan saya di mana"]}
      cancel_order: {examples: ["batalkan pesanan", "saya mau cancel pesanan"]}

Fix: reword the example with the words that make its intent what it is
("batalkan", "cancel"), move it to the intent it really means, or merge
the two intents when customers cannot tell them apart either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from alur.flows.diagnostics import Severity
from alur.flows.model import Flow
from alur.flows.rules._context import Context, Problem
from alur.flows.rules.duplicate_example import sentence

if TYPE_CHECKING:
    from alur.flows.nlu.intents import Confusion

ID = "confusable-example"
SEVERITY = Severity.WARNING
SUMMARY = "an example, left out, is closer to another intent of the same state"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {"margin": 0.15}


def rivals(flow: Flow) -> dict[str, set[str]]:
    """Each intent -> the intents it competes with in some waiting state."""
    shared = [r.trigger for r in flow.global_routes if not r.is_event] + flow.handoff_intents()
    found: dict[str, set[str]] = {}
    for state in flow.states.values():
        if not state.waits:
            continue
        routed = [r.trigger for r in state.routes if not r.is_event] + [b.intent for b in state.buttons if b.intent]
        names = {name for name in (*routed, *shared) if name in flow.intents}
        for name in names:
            found.setdefault(name, set()).update(names - {name})
    return found


def confusable(flow: Flow, margin: float = float(OPTIONS["margin"])) -> Iterator[Confusion]:  # type: ignore[arg-type]
    """The examples this rule reports, for the rule and for the designer's
    intents screen alike: (intent, example index, other intent, scores)."""
    competing = rivals(flow)
    if not competing:
        return
    from alur.flows.nlu.intents import IntentMatcher  # only for flows whose intents compete
    from alur.flows.nlu.lexicon import Lexicon

    intents = {name: (intent.examples, ()) for name, intent in flow.intents.items()}
    lexicon = Lexicon.builtin().extended(without_concepts=flow.without_concepts)
    for confusion in IntentMatcher(intents, lexicon=lexicon).confusions(competing):
        example = flow.intents[confusion.intent].examples[confusion.example]
        if confusion.score - confusion.own < margin or sentence(example) in {
            sentence(e) for e in flow.intents[confusion.other].examples
        }:
            continue  # a close call, or the same sentence twice (duplicate-example says so)
        yield confusion


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    margin = float(options.get("margin", OPTIONS["margin"]))  # type: ignore[arg-type]
    for confusion in confusable(flow, margin):
        example = flow.intents[confusion.intent].examples[confusion.example]
        yield Problem(
            ctx.span(("intents", confusion.intent, "examples", confusion.example)),
            f"example {example!r} of intent {confusion.intent!r} is closer to intent {confusion.other!r} "
            f"({confusion.score:.2f}) than to the rest of its own ({confusion.own:.2f}); "
            f"the matcher would answer {confusion.other!r}",
        )
