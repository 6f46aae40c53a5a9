"""whatsapp-interactive: the header or footer of a WhatsApp interactive message is too long.

Why: a state with `buttons` is sent on WhatsApp as an interactive message
(reply buttons, or a list behind `list_button`), which may carry a text
`header` above the body and a `footer` below it, at most 60 characters
each. WhatsApp rejects the whole message when either is longer, so the
customer receives nothing at all. Checked only when `channels` lists
`whatsapp`. Lengths are counted in characters (code points) as written.

Fails:

    channels: [whatsapp]
    states:
      menu:
        header: "Layanan pelanggan Toko Kita, buka setiap hari pukul 08.00 sampai 22.00"
        say: "Pilih layanan:"
        buttons: ["Cek pesanan", "Bicara dengan CS"]

Passes:

    menu:
      header: "Layanan pelanggan"
      footer: "Buka setiap hari 08.00–22.00"
      say: "Pilih layanan:"
      buttons: ["Cek pesanan", "Bicara dengan CS"]

Fix: keep the header to a title and the footer to a short note; move
anything longer into `say`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import WhatsAppLimits
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies, quote
from alur.flows.rules._context import Context, Problem

ID = "whatsapp-interactive"
SEVERITY = Severity.WARNING
SUMMARY = "WhatsApp interactive message: header ≤ 60 characters, footer ≤ 60"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = WhatsAppLimits.channel
LIMITS = ("header", "footer")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(WhatsAppLimits)
    for name, state in ctx.flow.states.items():
        for part, text, limit in (("header", state.header, limits.header), ("footer", state.footer, limits.footer)):
            if text is not None and len(text) > limit:
                yield Problem(
                    ctx.span(("states", name, part)),
                    f"{part} {quote(text)} is {len(text)} characters; WhatsApp allows {limit}",
                )
