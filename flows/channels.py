"""What each channel can carry, and how long a text is in the channel's own terms.

A flow that reads well in the designer can still fail on the wire: WhatsApp
refuses a fourth reply button or a 21-character button title, an SMS with
one emoji costs three times as much. The lint rules measure flows with the
functions here against the limits here.

Every limit has a default taken from the platform's documentation (its
`source`) and can be overridden from configuration with `limits_for(channel,
overrides)`, because platforms change and gateways add limits of their own.

How length is counted:

- WhatsApp, RCS and webchat count characters: Unicode code points of the
  text as it is sent, so "é" is 1 and an emoji such as "👍" is 1.
- SMS counts in the units of its encoding (GSM 03.38, 3GPP TS 23.038). A
  text made only of the GSM-7 alphabet is sent in 7-bit septets: 160 in one
  message, 153 per part once it is split (the 6-octet concatenation header
  takes the rest). The extension characters `€ [ ] { } \\ ^ ~ |` and form
  feed take two septets each. One character outside the alphabet (an emoji,
  a curly quote, "á") turns the whole message into UCS-2: 70 UTF-16 code
  units in one message, 67 per part, and a character outside the Basic
  Multilingual Plane (most emoji) takes two. Parts are filled greedily and
  a two-unit character is never split between parts, as phones and gateways
  do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import ClassVar, Literal, TypeVar

CHANNELS = ("whatsapp", "sms", "rcs", "webchat")

_WA_BUTTONS = "https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages"
_WA_LIST = "https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages"
_WA_TEXT = "https://developers.facebook.com/docs/whatsapp/cloud-api/messages/text-messages"
_GSM_0338 = "3GPP TS 23.038 (GSM 7-bit default alphabet and UCS-2), TS 23.040 (140-octet user data)"
_GSM_CONCAT = "3GPP TS 23.040 §9.2.3.24.1 (concatenation header takes 6 of 140 octets)"
_RBM = "https://developers.google.com/business-communications/rcs-business-messaging/reference/rest/v1/phones.agentMessages"
_ALUR = "alur default: webchat widgets set no fixed limit; chosen for readability on a phone screen"


def _limit(default: int, source: str) -> int:
    return field(default=default, metadata={"source": source})


@dataclass(frozen=True)
class ChannelLimits:
    """Limits of one channel. Subclasses add their fields with `_limit(default, source)`."""

    channel: ClassVar[str]

    def source(self, name: str) -> str:
        """Where the default of limit `name` comes from (a URL or a standard)."""
        for f in fields(self):
            if f.name == name:
                return str(f.metadata["source"])
        raise KeyError(name)

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class WhatsAppLimits(ChannelLimits):
    """WhatsApp Cloud API: text, reply-button and list messages."""

    channel: ClassVar[str] = "whatsapp"
    text: int = _limit(4096, _WA_TEXT)
    buttons: int = _limit(3, _WA_BUTTONS)  # reply buttons in one message; 4–10 options: use a list message
    button_title: int = _limit(20, _WA_BUTTONS)
    button_body: int = _limit(1024, _WA_BUTTONS)
    header: int = _limit(60, _WA_BUTTONS)
    footer: int = _limit(60, _WA_BUTTONS)
    list_rows: int = _limit(10, _WA_LIST)  # rows across all sections
    list_sections: int = _limit(10, _WA_LIST)
    list_section_title: int = _limit(24, _WA_LIST)
    list_row_title: int = _limit(24, _WA_LIST)
    list_row_description: int = _limit(72, _WA_LIST)
    list_button: int = _limit(20, _WA_LIST)  # the menu button that opens the list
    list_body: int = _limit(4096, _WA_LIST)


@dataclass(frozen=True)
class SmsLimits(ChannelLimits):
    """SMS: units per message and per part, and how many billed parts are acceptable."""

    channel: ClassVar[str] = "sms"
    gsm7_single: int = _limit(160, _GSM_0338)
    gsm7_part: int = _limit(153, _GSM_CONCAT)
    ucs2_single: int = _limit(70, _GSM_0338)
    ucs2_part: int = _limit(67, _GSM_CONCAT)
    max_parts: int = _limit(2, "alur default: each part is billed as one SMS; warn past this many")


@dataclass(frozen=True)
class RcsLimits(ChannelLimits):
    """RCS Business Messaging (Google RBM)."""

    channel: ClassVar[str] = "rcs"
    text: int = _limit(3072, _RBM)
    suggestions: int = _limit(11, _RBM)
    suggestion_text: int = _limit(25, _RBM)
    card_title: int = _limit(200, _RBM)
    card_description: int = _limit(2000, _RBM)


@dataclass(frozen=True)
class WebchatLimits(ChannelLimits):
    """A website chat widget: no platform limit, so limits that keep replies readable."""

    channel: ClassVar[str] = "webchat"
    text: int = _limit(2000, _ALUR)
    buttons: int = _limit(10, _ALUR)
    button_title: int = _limit(40, _ALUR)


LimitsT = TypeVar("LimitsT", bound=ChannelLimits)

_BY_CHANNEL: dict[str, type[ChannelLimits]] = {
    cls.channel: cls for cls in (WhatsAppLimits, SmsLimits, RcsLimits, WebchatLimits)
}


def limits_for(channel: str, overrides: Mapping[str, int] | None = None) -> ChannelLimits:
    """The limits of `channel`, with `overrides` (limit name → value) from configuration.

    Raises ValueError, naming what is valid, for an unknown channel, an
    unknown limit name or a value that is not a positive whole number.
    """
    cls = _BY_CHANNEL.get(channel)
    if cls is None:
        raise ValueError(f"unknown channel {channel!r}; channels are {', '.join(CHANNELS)}")
    return configured(cls, overrides)


def configured(cls: type[LimitsT], overrides: Mapping[str, int] | None = None) -> LimitsT:
    """The limits of the channel `cls` describes, with `overrides`, typed as
    `cls`: a rule that asks for `WhatsAppLimits` can read `list_rows`.

    Raises ValueError as `limits_for` does.
    """
    limits = cls()
    if not overrides:
        return limits
    names = [f.name for f in fields(cls)]
    for name, value in overrides.items():
        if name not in names:
            raise ValueError(f"{cls.channel} has no limit {name!r}; its limits are {', '.join(names)}")
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{cls.channel} limit {name} must be a whole number of at least 1, not {value!r}")
    return replace(limits, **dict(overrides))


# GSM 03.38 default alphabet, in table order (0x1B, the escape to the extension table, is not a character).
_GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")


@dataclass(frozen=True, slots=True)
class SmsCount:
    """How an SMS text is sent.

    `units` are septets (GSM-7) or UTF-16 code units (UCS-2); `parts` is how
    many SMS are sent and billed (0 for an empty text). `first_non_gsm` is
    the character that forced UCS-2, at index `first_non_gsm_at` of the text.
    """

    encoding: Literal["GSM-7", "UCS-2"]
    units: int
    parts: int
    first_non_gsm: str | None = None
    first_non_gsm_at: int | None = None


def sms_segments(text: str, limits: SmsLimits | None = None) -> SmsCount:
    """Encoding, length and number of parts of `text` sent as one SMS."""
    limits = limits or SmsLimits()
    for index, char in enumerate(text):
        if char not in _GSM7_BASIC and char not in _GSM7_EXTENSION:
            sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]
            parts = _parts(sizes, limits.ucs2_single, limits.ucs2_part)
            return SmsCount("UCS-2", sum(sizes), parts, char, index)
    sizes = [2 if c in _GSM7_EXTENSION else 1 for c in text]
    return SmsCount("GSM-7", sum(sizes), _parts(sizes, limits.gsm7_single, limits.gsm7_part))


# Characters that only modify the one before them (emoji variation selectors,
# the zero-width joiner, skin tones): "❤️" is one character to its sender.
_MODIFIERS = frozenset("\ufe0e\ufe0f\u200d") | frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))


def without_sole_non_gsm(text: str) -> tuple[str, str] | None:
    """When a single character outside GSM-7 (repeated or not, with its
    modifiers) is all that keeps `text` from GSM-7: that character, and the
    text without it. None when the text is GSM-7 already or more than one
    character would have to go."""
    outside = {char for char in text if char not in _GSM7_BASIC and char not in _GSM7_EXTENSION}
    main = outside - _MODIFIERS
    if len(main) != 1:
        return None
    return next(iter(main)), "".join(char for char in text if char not in outside)


def _parts(sizes: list[int], single: int, per_part: int) -> int:
    """Parts needed when a message over `single` units is split into parts of
    `per_part`, never splitting one character's units between two parts."""
    total = sum(sizes)
    if total == 0:
        return 0
    if total <= single:
        return 1
    parts, used = 1, 0
    for size in sizes:
        if used + size > per_part:
            parts, used = parts + 1, 0
        used += size
    return parts


def text_length(text: str, channel: str = "whatsapp") -> int:
    """Length of `text` as `channel` counts it against its limits: characters
    (code points) for WhatsApp, RCS and webchat, encoding units for SMS."""
    if channel == "sms":
        return sms_segments(text).units
    if channel not in _BY_CHANNEL:
        raise ValueError(f"unknown channel {channel!r}; channels are {', '.join(CHANNELS)}")
    return len(text)
