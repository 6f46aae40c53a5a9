"""bad-regex: a slot `pattern` or an intent `patterns` entry is not a valid regular expression.

Why: a pattern that does not compile can never match, so the slot is never
filled or the intent never recognised, and the customer is stuck in
re-prompts. A slot of type `regex` without a `pattern` (or with an empty
one) has the same effect.
`alur replay`, `explore` and the designer refuse to run a flow with this
error. Patterns are Python regular expressions; remember that in a
double-quoted YAML string a backslash must be doubled (`"\\\\d+"`), or use
single quotes (`'\\d+'`). Flags such as `(?i)` (any case) must open the
pattern. The check compiles each pattern exactly as the running bot does,
so a pattern it accepts always runs.

Fails:

    slots:
      order_id: {type: regex, pattern: "INV-[0-9{6}"}

Passes:

    slots:
      order_id: {type: regex, pattern: "INV-[0-9]{6}"}

Fix: correct the expression (the message says what the regular expression
engine objects to, and where).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.loader import Span
from alur.flows.rules._context import Context, Problem

ID = "bad-regex"
SEVERITY = Severity.ERROR
SUMMARY = "a slot pattern or intent pattern is not a valid regular expression"
BLOCKS_RUNNING = True
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    for name, slot in ctx.flow.slots.items():
        if slot.pattern:
            yield from _compile(
                ctx, slot.pattern, ctx.span(("slots", name, "pattern")), f"pattern of slot {name!r}", _slot_pattern
            )
        elif slot.type == "regex":
            empty = "an empty `pattern`" if slot.pattern is not None else "no `pattern`"
            yield Problem(
                ctx.span(("slots", name, "pattern")) or slot.span,
                f"slot {name!r} has type regex but {empty}, so nothing can fill it",
            )
    for name, intent in ctx.flow.intents.items():
        for index, pattern in enumerate(intent.patterns):
            yield from _compile(
                ctx,
                pattern,
                ctx.span(("intents", name, "patterns", index)),
                f"pattern of intent {name!r}",
                _intent_pattern,
            )


def _slot_pattern(pattern: str) -> object:
    """How the engine compiles a slot pattern (the same function)."""
    from alur.flows.patterns import compile_slot_pattern

    return compile_slot_pattern(pattern)


def _intent_pattern(pattern: str) -> re.Pattern[str]:
    """How the intent matcher compiles a pattern (`alur.flows.nlu.intents`)."""
    return re.compile(pattern, re.IGNORECASE)


def _compile(
    ctx: Context, pattern: str, span: Span | None, what: str, compile_: Callable[[str], object]
) -> Iterator[Problem]:
    try:
        compile_(pattern)
    except re.error as error:
        where = ctx.inner_span(span, error.pos + 1) if error.pos is not None and "\n" not in pattern else span
        yield Problem(where, f"the {what} is not a valid regular expression: {error.msg}")
