"""Intents as the designer's intent table shows them: each intent with its
examples and the routes on it; a customer message ranked against every
intent; and the examples that read as another intent.

Everything goes through the engine's matcher by its public entry point
(`alur.flows.nlu.IntentMatcher(intents, threshold=, lexicon=)` and
`.match(text, candidates)`), with the project's word lists, so what the
table says is what `alur chat` and `alur replay` would do, whichever
matcher the engine has. Textual-free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from alur.designer.engines import project_lexicon
from alur.flows.model import Flow, Intent
from alur.flows.nlu import IntentMatch, IntentMatcher


@dataclass(frozen=True, slots=True)
class Ranked:
    """How well `intent` matches a message, and its example that matches it best."""

    intent: str
    score: float
    via: str
    example: str | None  # the example that pulled it (None: a pattern, or nothing)
    passes: bool  # at or above the matcher's threshold: the engine would take it


@dataclass(frozen=True, slots=True)
class Clash:
    """`example` of `intent` reads as `other` (with `score`) once it is not
    itself an example: customers who write like it may land in `other`."""

    intent: str
    example: str
    other: str
    score: float


def _table(intents: Mapping[str, Intent]) -> dict[str, tuple[Sequence[str], Sequence[str]]]:
    return {name: (intent.examples, intent.patterns) for name, intent in intents.items()}


def _matcher(
    table: Mapping[str, tuple[Sequence[str], Sequence[str]]], flow: Flow, threshold: float | None = None
) -> IntentMatcher:
    """A matcher reading as the engine does: the project's word lists, the flow's concepts switched off."""
    lexicon = project_lexicon().extended(without_concepts=flow.without_concepts)
    if threshold is None:
        return IntentMatcher(table, lexicon=lexicon)
    return IntentMatcher(table, threshold=threshold, lexicon=lexicon)


def rank(flow: Flow, text: str) -> list[Ranked]:
    """Every intent that matches `text` at all, best first."""
    table = _table(flow.intents)
    if not text.strip() or not table:
        return []
    engine = _matcher(table, flow)
    scoring = _matcher(table, flow, threshold=0.0)
    ranked = []
    for name in table:
        found = scoring.match(text, [name])
        if found is None or found.score <= 0:
            continue
        ranked.append(
            Ranked(
                name,
                found.score,
                found.via,
                _pulled_by(flow, name, table[name][0], text),
                bool(engine.match(text, [name])),
            )
        )
    ranked.sort(key=lambda r: -r.score)
    return ranked


def _pulled_by(flow: Flow, name: str, examples: Sequence[str], text: str) -> str | None:
    """The example of `name` that matches `text` best on its own."""
    best: tuple[float, str] | None = None
    for example in examples:
        found: IntentMatch | None = _matcher({name: ([example], [])}, flow, threshold=0.0).match(text)
        if found is not None and (best is None or found.score > best[0]):
            best = (found.score, example)
    return best[1] if best else None


def clashes(flow: Flow) -> list[Clash]:
    """Examples that, left out of their own intent, the matcher reads as
    another intent they compete with: what `alur check` reports as
    confusable-example, so the screen and the checker never disagree."""
    from alur.flows.rules.confusable_example import confusable

    return [Clash(c.intent, flow.intents[c.intent].examples[c.example], c.other, c.score) for c in confusable(flow)]


def routes_on(flow: Flow, intent: str) -> list[str]:
    """The states that route on `intent` (`global` for a global route)."""
    states = [state.name for state in flow.states.values() if any(route.trigger == intent for route in state.routes)]
    if any(route.trigger == intent for route in flow.global_routes):
        states.append("global")
    return states
