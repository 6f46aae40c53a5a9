"""A message as the customer will see it on each of the flow's channels,
with the channel's limits counted (the limits of `flows/channels.py`, the
ones `alur check` enforces):

- WhatsApp: the text as a bubble, reply buttons under it (at most 3, titles
  of 20 characters) or, with `list_button`, the menu button that opens a list
  (at most 10 rows of 24 characters);
- SMS: the text, its encoding, units and parts, and the character that
  forces UCS-2 (70 characters a part instead of 160);
- RCS: the text with its suggestion chips (25 characters each);
- webchat: the text with its buttons.

Textual-free: lines of `Content` the form shows as the designer types.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from alur.flows.channels import RcsLimits, SmsLimits, WebchatLimits, WhatsAppLimits, sms_segments

OVER = "bold $error"


def _count(used: int, limit: int) -> tuple[str, str]:
    return f"{used}/{limit}", OVER if used > limit else "dim"


def preview(channels: Sequence[str], text: str, buttons: Sequence[str], list_button: str | None) -> list[Content]:
    """Preview lines for `text` (one variant) and its buttons on each channel."""
    lines: list[Content] = []
    for channel in channels or ("whatsapp",):
        if channel == "whatsapp":
            lines += _whatsapp(text, buttons, list_button)
        elif channel == "sms":
            lines += _sms(text, buttons)
        elif channel == "rcs":
            lines += _rcs(text, buttons)
        elif channel == "webchat":
            lines += _webchat(text, buttons)
    return lines


def _whatsapp(text: str, buttons: Sequence[str], list_button: str | None) -> list[Content]:
    limits = WhatsAppLimits()
    body_limit = limits.button_body if buttons and not list_button else limits.text
    lines = [Content.assemble(("WhatsApp ", "bold"), _count(len(text), body_limit))]
    lines += [Content.assemble(("│ ", "$success"), line) for line in (text or " ").splitlines()]
    if buttons and list_button:
        lines.append(
            Content.assemble(
                ("  ☰ ", "$accent"),
                (list_button, "bold"),
                " ",
                _count(len(list_button), limits.list_button),
                "  ",
                _count(len(buttons), limits.list_rows),
                (" rows", "dim"),
            )
        )
        lines += [
            Content.assemble("    · ", title, " ", _count(len(title), limits.list_row_title)) for title in buttons
        ]
    elif buttons:
        chips = [
            Content.assemble(("[", "dim"), title, ("]", "dim"), " ", _count(len(title), limits.button_title), "  ")
            for title in buttons
        ]
        lines.append(Content.assemble("  ", *chips))
        if len(buttons) > limits.buttons:
            lines.append(
                Content.styled(
                    f"  {len(buttons)} reply buttons: WhatsApp shows at most {limits.buttons}; "
                    "set a list button to send a list",
                    OVER,
                )
            )
    return lines


def _sms(text: str, buttons: Sequence[str]) -> list[Content]:
    limits = SmsLimits()
    full = text + "".join(f"\n{n}. {title}" for n, title in enumerate(buttons, 1))  # SMS has no buttons: numbered
    count = sms_segments(full, limits)
    parts_style = OVER if count.parts > limits.max_parts else "dim"
    head = [
        ("SMS ", "bold"),
        (f"{count.encoding} · {count.units} units · ", "dim"),
        (f"{count.parts} part{'s' * (count.parts != 1)}", parts_style),
    ]
    if count.first_non_gsm is not None:
        head += [
            ("  UCS-2 because of ", "$warning"),
            (repr(count.first_non_gsm), "bold $warning"),
            (f" at {count.first_non_gsm_at + 1 if count.first_non_gsm_at is not None else '?'}", "$warning"),
        ]
    return [Content.assemble(*head), *(Content.assemble(("│ ", "dim"), line) for line in (full or " ").splitlines())]


def _rcs(text: str, buttons: Sequence[str]) -> list[Content]:
    limits = RcsLimits()
    lines = [Content.assemble(("RCS ", "bold"), _count(len(text), limits.text))]
    lines += [Content.assemble(("┃ ", "$primary"), line) for line in (text or " ").splitlines()]
    if buttons:
        chips = [
            Content.assemble(("(", "dim"), title, (")", "dim"), " ", _count(len(title), limits.suggestion_text), "  ")
            for title in buttons
        ]
        lines.append(Content.assemble("  ", *chips))
        if len(buttons) > limits.suggestions:
            lines.append(Content.styled(f"  {len(buttons)} suggestions: RCS shows at most {limits.suggestions}", OVER))
    return lines


def _webchat(text: str, buttons: Sequence[str]) -> list[Content]:
    limits = WebchatLimits()
    lines = [Content.assemble(("webchat ", "bold"), _count(len(text), limits.text))]
    lines += [Content.assemble(("│ ", "dim"), line) for line in (text or " ").splitlines()]
    if buttons:
        lines.append(
            Content.assemble("  ", *[Content.assemble(("[", "dim"), title, ("] ", "dim")) for title in buttons])
        )
    return lines
