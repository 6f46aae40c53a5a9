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

from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, quote, title_span
from alur.flows.rules._context import Context, Problem

ID = "rcs-limits"
SEVERITY = Severity.WARNING
SUMMARY = "RCS: text ≤ 3072 characters, ≤ 11 suggestions, labels ≤ 25"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = "rcs"
LIMITS = ("text", "suggestions", "suggestion_text")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(CHANNEL)
    for message in ctx.messages:
        if len(message.text) > limits.text:
            yield Problem(message.span, f"text is {len(message.text)} characters; RCS allows {limits.text}: split it over two states")
    for name, state in ctx.flow.states.items():
        if len(state.buttons) > limits.suggestions:
            yield Problem(ctx.span(("states", name, "buttons")), f"{len(state.buttons)} buttons: RCS shows at most {limits.suggestions} suggested replies; split the menu in two steps")
        for index, button in enumerate(state.buttons):
            if len(button.title) > limits.suggestion_text:
                yield Problem(title_span(ctx, state, index, button), f"button title {quote(button.title)} is {len(button.title)} characters; RCS suggestions allow {limits.suggestion_text}")
