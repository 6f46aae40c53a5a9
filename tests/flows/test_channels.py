"""Channel limits and SMS segment counting, against hand-computed cases."""

from __future__ import annotations

import dataclasses

import pytest

from alur.flows.channels import (
    CHANNELS,
    SmsLimits,
    WhatsAppLimits,
    limits_for,
    sms_segments,
    text_length,
)


@pytest.mark.parametrize(
    ("text", "encoding", "units", "parts"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),  # 153 × 2
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # the euro sign takes two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("{[~]}|^\\", "GSM-7", 16, 1),
        ("á" * 70, "UCS-2", 70, 1),  # á is not in the GSM alphabet
        ("á" * 71, "UCS-2", 71, 2),
        ("á" * 134, "UCS-2", 134, 2),  # 67 × 2
        ("á" * 135, "UCS-2", 135, 3),
        ("a" * 68 + "😊", "UCS-2", 70, 1),  # an emoji is two UTF-16 units
        ("a" * 69 + "😊", "UCS-2", 71, 2),
    ],
)
def test_sms_segments_hand_computed(text, encoding, units, parts):
    count = sms_segments(text)
    assert (count.encoding, count.units, count.parts) == (encoding, units, parts)


def test_one_emoji_turns_a_gsm_message_into_ucs2():
    text = "Pesanan Anda sudah dikirim, terima kasih! " * 3  # 126 GSM characters: one SMS
    assert sms_segments(text).parts == 1
    count = sms_segments(text + "🙏")
    assert count.encoding == "UCS-2"
    assert count.parts == 2  # 128 units at 67 per part
    assert count.first_non_gsm == "🙏"
    assert count.first_non_gsm_at == len(text)


def test_indonesian_text_with_e_acute_stays_gsm7():
    text = "Kafé kami buka jam 08.00-22.00, yuk mampir!"
    count = sms_segments(text)
    assert count.encoding == "GSM-7"
    assert count.units == len(text)
    assert count.first_non_gsm is None


def test_curly_quote_pasted_from_a_word_processor_is_named():
    count = sms_segments("Mohon ditunggu, kami sedang mengecek pesanan Anda’")
    assert count.encoding == "UCS-2"
    assert count.first_non_gsm == "’"


def test_escape_sequence_is_never_split_between_parts():
    # 306 septets would fit two parts of 153, but the € at septets 153-154 moves to part 2.
    text = "a" * 152 + "€" + "a" * 152
    assert sms_segments(text).units == 306
    assert sms_segments(text).parts == 3


def test_surrogate_pair_is_never_split_between_parts():
    text = "a" * 66 + "😊" + "a" * 66  # 134 units, yet the emoji cannot straddle parts 1 and 2
    assert sms_segments(text).parts == 3


def test_gateway_limits_override_segmenting():
    gateway = SmsLimits(gsm7_single=140, gsm7_part=134)
    assert sms_segments("a" * 150).parts == 1
    assert sms_segments("a" * 150, gateway).parts == 2


def test_text_length_counts_as_the_platform_does():
    assert text_length("Halo 👍", "whatsapp") == 6
    assert text_length("Halo 👍", "rcs") == 6
    assert text_length("Halo 👍", "sms") == 7
    assert text_length("Harga €5", "sms") == 9
    with pytest.raises(ValueError, match="telegram"):
        text_length("x", "telegram")


def test_whatsapp_defaults_match_the_documentation():
    limits = limits_for("whatsapp")
    assert isinstance(limits, WhatsAppLimits)
    assert (limits.buttons, limits.button_title, limits.button_body, limits.text) == (3, 20, 1024, 4096)
    assert (limits.list_rows, limits.list_row_title, limits.list_row_description, limits.list_button) == (
        10,
        24,
        72,
        20,
    )


def test_sms_and_rcs_defaults():
    sms = limits_for("sms")
    assert (sms.gsm7_single, sms.gsm7_part, sms.ucs2_single, sms.ucs2_part) == (160, 153, 70, 67)
    rcs = limits_for("rcs")
    assert (rcs.text, rcs.suggestions, rcs.suggestion_text) == (3072, 11, 25)


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_limit_names_its_source(channel):
    limits = limits_for(channel)
    for name in limits.as_dict():
        assert limits.source(name).strip()


def test_overrides_replace_only_what_they_name():
    limits = limits_for("whatsapp", {"button_title": 24})
    assert limits.button_title == 24
    assert limits.buttons == 3
    assert limits_for("whatsapp").button_title == 20


def test_limits_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        limits_for("sms").max_parts = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("channel", "overrides", "message"),
    [
        ("telegram", None, "unknown channel 'telegram'"),
        ("whatsapp", {"button_titel": 20}, "no limit 'button_titel'.*button_title"),
        ("sms", {"max_parts": 0}, "at least 1"),
        ("sms", {"max_parts": "3"}, "whole number"),
        ("rcs", {"suggestions": True}, "whole number"),
    ],
)
def test_bad_configuration_is_explained(channel, overrides, message):
    with pytest.raises(ValueError, match=message):
        limits_for(channel, overrides)
