"""sms-segments: an SMS message would be split into too many billed parts.

Why: every part of a long SMS is billed as one message, arrives separately
on some phones, and one character outside the GSM-7 alphabet (an emoji, a
curly quote, "á") halves what fits: 160 GSM-7 characters in one SMS and 153
per part once split; 70 UCS-2 characters and 67 per part (3GPP TS 23.038,
23.040). This rule reports a message needing more parts than `max_parts`
(default 2), and names the character that forced UCS-2. It also reports a
message where one character alone (an emoji, a curly quote) forces UCS-2
and so adds a billed part, naming it and the parts with and without it:
a 116-character message fits one GSM-7 SMS, and one emoji makes it two. Checked for every
`say` and fallback re-prompt when `channels` lists `sms`. Buttons are
counted as SMS shows them: one line "N. title" each after the text.
`{slot}` placeholders are counted as written.

Fails:

    channels: [sms]
    states:
      greet:
        say: "Halo! 👋 Terima kasih sudah menghubungi Belanjain. Ketik 1 untuk cek pesanan, 2 untuk lacak paket, 3 untuk refund, atau 4 untuk bicara dengan tim CS kami."

Passes: the same text without the emoji: GSM-7, one SMS.

Warns (one emoji doubles the cost; 116 characters):

    channels: [sms]
    states:
      paid:
        say: "Pembayaran Anda sudah kami terima. Pesanan INV-88123 akan dikirim besok pagi melalui JNE. Terima kasih sudah belanja! 🙏"

Fix: remove emoji and curly quotes, shorten the text, or split it over two
states.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.channels import SmsLimits, sms_segments, without_sole_non_gsm
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
        span = message.span
        if (
            count.encoding == "UCS-2"
            and count.first_non_gsm_at is not None
            and count.first_non_gsm_at < len(message.text)
        ):
            span = ctx.inner_span(message.span, count.first_non_gsm_at + 1)
        sole = without_sole_non_gsm(text) if count.encoding == "UCS-2" else None
        saved = ""
        if sole is not None:
            without = sms_segments(sole[1], limits)
            if without.parts < count.parts:
                saved = f"; without {sole[0]!r} it is GSM-7: {without.parts} part{'s' if without.parts != 1 else ''} instead of {count.parts}"
        if count.parts > limits.max_parts:
            why = ""
            if span is not message.span:
                why = f"; {count.first_non_gsm!r} is not in the GSM-7 alphabet, so the whole text is sent as UCS-2 ({limits.ucs2_single} per SMS)"
            yield Problem(
                span,
                f"this SMS is {count.units} {count.encoding} units: {count.parts} billed parts (at most {limits.max_parts} allowed){why}{saved}",
            )
        elif saved and sole is not None:
            yield Problem(
                span,
                f"{sole[0]!r} alone makes this SMS UCS-2: {count.parts} billed parts with it, "
                f"{without.parts} without it ({count.units} UCS-2 units; {limits.ucs2_single} per SMS, "
                f"{limits.gsm7_single} in GSM-7)",
            )
