"""whatsapp-list-sections: a WhatsApp list message has too many sections, or a section title is too long.

Why: the rows of a list message (a state with `buttons` and `list_button`)
can be grouped into sections by giving rows a `section`; rows with the
same section are shown together under its title. WhatsApp allows at most
10 sections and section titles of at most 24 characters, and rejects the
whole message otherwise, so the customer receives nothing. Checked only
when `channels` lists `whatsapp`. Lengths are counted in characters (code
points) as written.

Fails:

    channels: [whatsapp]
    states:
      menu:
        say: "Pilih layanan:"
        list_button: "Pilih menu"
        buttons:
          - {title: "Cek status pesanan", section: "Pesanan dan pengiriman barang"}
          - {title: "Refund", section: "Pembayaran"}

Passes:

    menu:
      say: "Pilih layanan:"
      list_button: "Pilih menu"
      buttons:
        - {title: "Cek status pesanan", section: "Pesanan"}
        - {title: "Refund", section: "Pembayaran"}

Fix: shorten section titles; merge sections, or split the menu in two steps.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import WhatsAppLimits
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, quote
from alur.flows.rules._context import Context, Problem

ID = "whatsapp-list-sections"
SEVERITY = Severity.WARNING
SUMMARY = "WhatsApp list message: ≤ 10 sections, section title ≤ 24 characters"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = WhatsAppLimits.channel
LIMITS = ("list_sections", "list_section_title")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(WhatsAppLimits)
    for name, state in ctx.flow.states.items():
        if state.list_button is None:
            continue
        first_row: dict[str, int] = {}  # each section title → the first row under it
        for index, button in enumerate(state.buttons):
            if button.section is not None:
                first_row.setdefault(button.section, index)
        if len(first_row) > limits.list_sections:
            yield Problem(
                ctx.span(("states", name, "buttons")),
                f"{len(first_row)} sections: a WhatsApp list message holds at most {limits.list_sections}; merge sections or split the menu in two steps",
            )
        for title, index in first_row.items():
            if len(title) > limits.list_section_title:
                yield Problem(
                    ctx.span(("states", name, "buttons", index, "section")),
                    f"section title {quote(title)} is {len(title)} characters; WhatsApp allows {limits.list_section_title}",
                )
