"""duplicate-example: the same example is listed under two intents.

Why: the intent matcher learns from the examples; when one sentence belongs
to two intents, the matcher cannot tell which the customer means and picks
one arbitrarily (often differently after the next edit). Examples are
compared ignoring case, repeated spaces and trailing punctuation.

Fails:

    intents:
      check_order: {examples: ["cek pesanan", "status order"]}
      track_package: {examples: ["lacak paket", "Status order?"]}

Passes:

    intents:
      check_order: {examples: ["cek pesanan", "status order"]}
      track_package: {examples: ["lacak paket", "posisi paket"]}

Fix: keep the example under the intent it really means, and give the other
intent a sentence that only it would match.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "duplicate-example"
SEVERITY = Severity.WARNING
SUMMARY = "the same example is listed under two intents"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}

_TRAILING = " .,!?;:…"


def sentence(example: str) -> str:
    """An example as this rule compares it: case, repeated spaces and
    trailing punctuation ignored."""
    return " ".join(example.casefold().split()).rstrip(_TRAILING)


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    first: dict[str, tuple[str, int]] = {}  # normalised example → (intent, index)
    for name, intent in ctx.flow.intents.items():
        for index, example in enumerate(intent.examples):
            owner = first.setdefault(sentence(example), (name, index))
            if owner[0] != name:
                span = ctx.span(("intents", owner[0], "examples", owner[1]))
                where = f" (line {span.line})" if span is not None else ""
                yield Problem(
                    ctx.span(("intents", name, "examples", index)),
                    f"example {example!r} is also an example of intent {owner[0]!r}{where}; the matcher cannot tell them apart",
                )
