"""whatsapp-buttons: WhatsApp reply buttons break the platform's limits.

Why: WhatsApp rejects an interactive reply-button message that breaks its
limits, so the customer receives nothing at all. A state with `buttons` and
no `list_button` is sent as reply buttons: 1 to 3 buttons, each title at
most 20 characters and unique in the message, and a body text (the
state's `say`) of at most 1024 characters, which WhatsApp requires.
Checked only when `channels` lists `whatsapp`. Lengths are counted in
characters (code points) as written, `{slot}` placeholders included.

Fails:

    channels: [whatsapp]
    states:
      menu:
        say: "Pilih layanan:"
        buttons: ["Cek status pesanan saya", "Lacak paket", "Refund", "Komplain"]

Passes:

    menu:
      say: "Pilih layanan:"
      buttons: ["Cek pesanan", "Lacak paket", "Refund"]

Fix: shorten titles; for 4–10 options use a list message (add
`list_button: "Pilih menu"`); put long explanations in a message before the
buttons.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import WhatsAppLimits
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, quote, title_span
from alur.flows.rules._context import Context, Problem

ID = "whatsapp-buttons"
SEVERITY = Severity.WARNING
SUMMARY = "WhatsApp reply buttons: 1–3 buttons, titles ≤ 20 characters and unique, body ≤ 1024"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = WhatsAppLimits.channel
LIMITS = ("buttons", "button_title", "button_body")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(WhatsAppLimits)
    for name, state in ctx.flow.states.items():
        if not state.buttons or state.list_button is not None:
            continue
        count = len(state.buttons)
        if count > limits.buttons:
            span = ctx.span(("states", name, "buttons"))
            if count <= limits.list_rows:
                yield Problem(
                    span,
                    f'{count} buttons: WhatsApp reply messages carry at most {limits.buttons}; for {limits.buttons + 1}–{limits.list_rows} options use a list message (add `list_button: "Pilih menu"`)',
                )
            else:
                yield Problem(
                    span,
                    f"{count} buttons: more than WhatsApp shows even in a list message ({limits.list_rows} rows); split the menu in two steps",
                )
        seen: dict[str, int] = {}
        for index, button in enumerate(state.buttons):
            if len(button.title) > limits.button_title:
                yield Problem(
                    title_span(ctx, state, index, button),
                    f"button title {quote(button.title)} is {len(button.title)} characters; WhatsApp allows {limits.button_title}",
                )
            key = button.title.strip().casefold()
            if key in seen:
                yield Problem(
                    title_span(ctx, state, index, button),
                    f"button title {quote(button.title)} repeats button {seen[key] + 1}; WhatsApp needs unique titles",
                )
            else:
                seen[key] = index
        if not state.say:
            yield Problem(
                state.span, f"state {name!r} has buttons but no `say`; WhatsApp reply buttons need a body text"
            )
        for text, span in zip(state.say, state.say_spans, strict=True):
            if len(text) > limits.button_body:
                yield Problem(
                    span,
                    f"text above reply buttons is {len(text)} characters; WhatsApp allows {limits.button_body}: send the explanation as a message before the buttons",
                )
