"""bad-regex: a slot `pattern` or an intent `patterns` entry is not a valid regular expression.

Why: a pattern that does not compile can never match, so the slot is never
filled or the intent never recognised, and the customer is stuck in
re-prompts. A slot of type `regex` without a `pattern` has the same effect.
`alur replay`, `explore` and the designer refuse to run a flow with this
error. Patterns are Python regular expressions; remember that in a
double-quoted YAML string a backslash must be doubled (`"\\\\d+"`), or use
single quotes (`'\\d+'`).

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
from collections.abc import Iterator, Mapping

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
        if slot.pattern is not None:
            yield from _compile(ctx, slot.pattern, ctx.span(("slots", name, "pattern")), f"pattern of slot {name!r}")
        elif slot.type == "regex":
            yield Problem(slot.span, f"slot {name!r} has type regex but no `pattern`, so nothing can fill it")
    for name, intent in ctx.flow.intents.items():
        for index, pattern in enumerate(intent.patterns):
            yield from _compile(ctx, pattern, ctx.span(("intents", name, "patterns", index)), f"pattern of intent {name!r}")


def _compile(ctx: Context, pattern: str, span: Span | None, what: str) -> Iterator[Problem]:
    try:
        re.compile(pattern)
    except re.error as error:
        where = ctx.inner_span(span, error.pos + 1) if error.pos is not None and "\n" not in pattern else span
        yield Problem(where, f"the {what} is not a valid regular expression: {error.msg}")
