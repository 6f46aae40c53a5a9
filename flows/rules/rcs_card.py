"""rcs-card: the title or description of an RCS rich card is too long.

Why: a state's `card` is sent on RCS as a rich card around its message.
Google's RBM API rejects a card whose title is over 200 characters or whose
description is over 2,000, so the customer receives nothing. Checked only
when `channels` lists `rcs`. Lengths are counted in characters (code
points) as written.

Fails:

    channels: [rcs]
    states:
      offer:
        say: "Promo bulan ini:"
        card:
          title: "Gratis ongkir untuk semua pesanan …"   # 240 characters

Passes:

    offer:
      say: "Promo bulan ini:"
      card:
        title: "Gratis ongkir"
        description: "Untuk semua pesanan di atas Rp100.000 sampai akhir bulan."

Fix: keep the title to a headline and the description to what the customer
needs to decide; link to the full terms instead of writing them out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import RcsLimits
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, quote
from alur.flows.rules._context import Context, Problem

ID = "rcs-card"
SEVERITY = Severity.WARNING
SUMMARY = "RCS rich card: title ≤ 200 characters, description ≤ 2000"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = RcsLimits.channel
LIMITS = ("card_title", "card_description")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(RcsLimits)
    for name, state in ctx.flow.states.items():
        if state.card is None:
            continue
        for part, text, limit in (
            ("title", state.card.title, limits.card_title),
            ("description", state.card.description, limits.card_description),
        ):
            if text is not None and len(text) > limit:
                yield Problem(
                    ctx.span(("states", name, "card", part)),
                    f"card {part} {quote(text)} is {len(text)} characters; RCS allows {limit}",
                )
