"""webchat-text: a webchat message or button is longer than reads well.

Why: a website chat widget has no platform limit, but a reply that fills
the phone screen, a row of more than 10 buttons or a 60-character button
label is not read. The defaults (text 2000 characters, 10 buttons, button
title 40) are alur's choice for readability on a phone and are meant to be
tuned to your widget. Checked only when `channels` lists `webchat`.

Fails:

    channels: [webchat]
    states:
      menu:
        say: "Pilih layanan:"
        buttons: ["Saya ingin mengecek status pesanan yang sudah saya bayar kemarin"]

Passes:

    menu:
      say: "Pilih layanan:"
      buttons: ["Cek status pesanan"]

Fix: shorten the text or label, split long texts or menus over two states.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, quote, title_span
from alur.flows.rules._context import Context, Problem

ID = "webchat-text"
SEVERITY = Severity.WARNING
SUMMARY = "webchat: text ≤ 2000 characters, ≤ 10 buttons, button titles ≤ 40 (alur defaults)"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = "webchat"
LIMITS = ("text", "buttons", "button_title")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(CHANNEL)
    for message in ctx.messages:
        if len(message.text) > limits.text:
            yield Problem(message.span, f"text is {len(message.text)} characters; more than {limits.text} is hard to read in a chat widget")
    for name, state in ctx.flow.states.items():
        if len(state.buttons) > limits.buttons:
            yield Problem(ctx.span(("states", name, "buttons")), f"{len(state.buttons)} buttons; more than {limits.buttons} do not fit a chat widget: split the menu in two steps")
        for index, button in enumerate(state.buttons):
            if len(button.title) > limits.button_title:
                yield Problem(title_span(ctx, state, index, button), f"button title {quote(button.title)} is {len(button.title)} characters; keep it to {limits.button_title}")
