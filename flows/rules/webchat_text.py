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

from alur.flows.channels import WebchatLimits
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, texts_and_buttons
from alur.flows.rules._context import Context, Problem

ID = "webchat-text"
SEVERITY = Severity.WARNING
SUMMARY = "webchat: text ≤ 2000 characters, ≤ 10 buttons, button titles ≤ 40 (alur defaults)"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = WebchatLimits.channel
LIMITS = ("text", "buttons", "button_title")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(WebchatLimits)
    yield from texts_and_buttons(
        ctx,
        limits.text,
        limits.buttons,
        limits.button_title,
        too_long="text is {length} characters; more than {limit} is hard to read in a chat widget",
        too_many="{count} buttons; more than {limit} do not fit a chat widget: split the menu in two steps",
        long_title="button title {title} is {length} characters; keep it to {limit}",
    )
