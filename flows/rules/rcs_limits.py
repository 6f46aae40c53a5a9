"""rcs-limits: an RCS message breaks RCS Business Messaging limits.

Why: Google's RBM API rejects a message whose text is over 3072 characters,
that carries more than 11 suggestions, or whose suggestion labels are over
25 characters, so the customer receives nothing. Buttons are sent as
suggested replies. Checked only when `channels` lists `rcs`. Lengths are
counted in characters (code points) as written.

Fails:

    channels: [rcs]
    states:
      menu:
        say: "Pilih layanan:"
        buttons: ["Cek status pesanan saya sekarang", "Lacak paket"]

Passes:

    menu:
      say: "Pilih layanan:"
      buttons: ["Cek status pesanan", "Lacak paket"]

Fix: shorten labels and texts; split long menus and texts over two states.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import RcsLimits
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, texts_and_buttons
from alur.flows.rules._context import Context, Problem

ID = "rcs-limits"
SEVERITY = Severity.WARNING
SUMMARY = "RCS: text ≤ 3072 characters, ≤ 11 suggestions, labels ≤ 25"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = RcsLimits.channel
LIMITS = ("text", "suggestions", "suggestion_text")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(RcsLimits)
    yield from texts_and_buttons(
        ctx,
        limits.text,
        limits.suggestions,
        limits.suggestion_text,
        too_long="text is {length} characters; RCS allows {limit}: split it over two states",
        too_many="{count} buttons: RCS shows at most {limit} suggested replies; split the menu in two steps",
        long_title="button title {title} is {length} characters; RCS suggestions allow {limit}",
    )
