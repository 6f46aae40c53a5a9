"""sms-segments: an SMS message would be split into too many billed parts.

Why: every part of a long SMS is billed as one message, arrives separately
on some phones, and one character outside the GSM-7 alphabet (an emoji, a
curly quote, "á") halves what fits: 160 GSM-7 characters in one SMS and 153
per part once split; 70 UCS-2 characters and 67 per part (3GPP TS 23.038,
23.040). This rule reports a message needing more parts than `max_parts`
(default 2), and names the character that forced UCS-2. Checked for every
`say` and fallback re-prompt when `channels` lists `sms`. Buttons are
counted as SMS shows them: one line "N. title" each after the text.
`{slot}` placeholders are counted as written.

Fails:

    channels: [sms]
    states:
      greet:
        say: "Halo! 👋 Terima kasih sudah menghubungi Belanjain. Ketik 1 untuk cek pesanan, 2 untuk lacak paket, 3 untuk refund, atau 4 untuk bicara dengan tim CS kami."

Passes: the same text without the emoji: GSM-7, one SMS.

Fix: remove emoji and curly quotes, shorten the text, or split it over two
states.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import SmsLimits, sms_segments
from alur.flows.diagnostics import Severity
from alur.flows.rules._channel import applies
from alur.flows.rules._context import Context, Problem

ID = "sms-segments"
SEVERITY = Severity.WARNING
SUMMARY = "an SMS needs more parts than allowed (160 GSM-7 / 70 UCS-2 per SMS)"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}
CHANNEL = SmsLimits.channel
LIMITS = ("max_parts", "gsm7_single", "gsm7_part", "ucs2_single", "ucs2_part")


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    if not applies(ctx, CHANNEL):
        return
    limits = ctx.limits(SmsLimits)
    for message in ctx.messages:
        text = message.text
        if not message.reprompt and message.state is not None and message.state.buttons:
            text += "".join(f"\n{i}. {button.title}" for i, button in enumerate(message.state.buttons, 1))
        count = sms_segments(text, limits)
        if count.parts <= limits.max_parts:
            continue
        why = ""
        if count.encoding == "UCS-2" and count.first_non_gsm_at is not None and count.first_non_gsm_at < len(message.text):
            why = f"; {count.first_non_gsm!r} is not in the GSM-7 alphabet, so the whole text is sent as UCS-2 ({limits.ucs2_single} per SMS)"
            span = ctx.inner_span(message.span, count.first_non_gsm_at + 1)
        else:
            span = message.span
        yield Problem(span, f"this SMS is {count.units} {count.encoding} units: {count.parts} billed parts (at most {limits.max_parts} allowed){why}")
