"""whatsapp-list: a WhatsApp list message breaks the platform's limits.

Why: WhatsApp rejects a list message that breaks its limits, so the
customer receives nothing at all. A state with `buttons` and `list_button`
is sent as a list message: at most 10 rows in total, row titles at most 24
characters, row descriptions at most 72, the menu button label at most 20,
and a body text (the state's `say`, required) of at most 4096. Checked only
when `channels` lists `whatsapp`. Lengths are counted in characters (code
points) as written, `{slot}` placeholders included.

Fails:

    channels: [whatsapp]
    states:
      menu:
        say: "Pilih layanan:"
        list_button: "Lihat semua pilihan layanan"      # 27 characters
        buttons:
          - {title: "Cek status pesanan", description: "Lihat posisi pesanan Anda"}

Passes:

    menu:
      say: "Pilih layanan:"
      list_button: "Pilih menu"
      buttons:
        - {title: "Cek status pesanan", description: "Lihat posisi pesanan Anda"}

Fix: shorten labels (move detail into the row `description`), split more
than 10 options into two steps.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import WhatsAppLimits
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, description_span, quote, title_span
from alur.flows.rules._context import Context, Problem

ID = "whatsapp-list"
SEVERITY = Severity.WARNING
SUMMARY = "WhatsApp list message: ≤ 10 rows, row title ≤ 24, description ≤ 72, menu button ≤ 20"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = WhatsAppLimits.channel
LIMITS = ("list_rows", "list_row_title", "list_row_description", "list_button", "list_body")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(WhatsAppLimits)
    for name, state in ctx.flow.states.items():
        if state.list_button is None:
            continue
        if len(state.list_button) > limits.list_button:
            yield Problem(
                ctx.span(("states", name, "list_button")),
                f"menu button label {quote(state.list_button)} is {len(state.list_button)} characters; WhatsApp allows {limits.list_button}",
            )
        if len(state.buttons) > limits.list_rows:
            yield Problem(
                ctx.span(("states", name, "buttons")),
                f"{len(state.buttons)} rows: a WhatsApp list message holds at most {limits.list_rows}; split the menu in two steps",
            )
        for index, button in enumerate(state.buttons):
            if len(button.title) > limits.list_row_title:
                yield Problem(
                    title_span(ctx, state, index, button),
                    f"row title {quote(button.title)} is {len(button.title)} characters; WhatsApp allows {limits.list_row_title} (put detail in `description`)",
                )
            if button.description is not None and len(button.description) > limits.list_row_description:
                yield Problem(
                    description_span(ctx, state, index, button),
                    f"row description is {len(button.description)} characters; WhatsApp allows {limits.list_row_description}",
                )
        if not state.say:
            yield Problem(
                state.span,
                f"state {name!r} is a list message but has no `say`; WhatsApp list messages need a body text",
            )
        for text, span in zip(state.say, state.say_spans, strict=True):
            if len(text) > limits.list_body:
                yield Problem(
                    span, f"text of the list message is {len(text)} characters; WhatsApp allows {limits.list_body}"
                )
