"""whatsapp-text: a plain WhatsApp text message is too long.

Why: WhatsApp refuses text messages over 4096 characters, so the customer
receives nothing. Checked for every `say` of a state without buttons and
every fallback re-prompt, when `channels` lists `whatsapp` (texts sent with
buttons are checked by `whatsapp-buttons` and `whatsapp-list`). Lengths
are counted in characters (code points) as written, `{slot}` placeholders
included.

Fails: a `say` of 5,000 characters (terms and conditions pasted in).

Passes: the same text split over two states, or a short summary with a link.

Fix: split the text over several states (`say` + `next`), or send a link.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import WhatsAppLimits
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies
from alur.flows.rules._context import Context, Problem

ID = "whatsapp-text"
SEVERITY = Severity.WARNING
SUMMARY = "a plain WhatsApp text is longer than 4096 characters"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = WhatsAppLimits.channel
LIMITS = ("text",)


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limit = ctx.limits(WhatsAppLimits).text
    for message in ctx.messages:
        if not message.reprompt and message.state is not None and message.state.buttons:
            continue
        if len(message.text) > limit:
            yield Problem(
                message.span,
                f"text is {len(message.text)} characters; WhatsApp allows {limit}: split it over two states",
            )
