"""Masking personal data for display, and stable placeholders for redaction."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alur.runner.privacy import Redactor, find_personal, key_kind, mask_text, mask_value

MUST_MASK = [
    # phones, in every way Indonesians write them
    ("hubungi saya di 081234567890", "hubungi saya di [PHONE]"),
    ("WA 0812-3456-7890 ya kak", "WA [PHONE] ya kak"),
    ("nomor hp: +62 812 3456 7890", "nomor hp: [PHONE]"),
    ("saya di 6281234567890", "saya di [PHONE]"),
    ("+62-21-5551234 kantor", "[PHONE] kantor"),
    ("telp (021) 5551234", "telp [PHONE]"),
    ("chat https://wa.me/6281234567890", "chat https://wa.me/[PHONE]"),
    ("call me at (415) 555-1234", "call me at [PHONE]"),
    ("my number is +44 20 7946 0958", "my number is [PHONE]"),
    # emails
    ("email saya budi.santoso88@gmail.com", "email saya [EMAIL]"),
    ("send it to Jane_Doe+cs@mail.example.co.id.", "send it to [EMAIL]."),
    # NIK, NPWP, cards
    ("NIK saya 3201234567890001", "NIK saya [NIK]"),
    ("3175091203900004 itu KTP saya", "[NIK] itu KTP saya"),
    ("NPWP 12.345.678.9-012.345", "NPWP [NPWP]"),
    ("npwp saya 123456789012345", "npwp saya [NPWP]"),
    ("kartu kredit 4111 1111 1111 1111 exp 12/27", "kartu kredit [CARD] exp 12/27"),
    ("card 5500-0000-0000-0004", "card [CARD]"),
    ("pakai 4111111111111111 aja", "pakai [CARD] aja"),
    # bank and e-wallet accounts
    ("transfer ke BCA 1234567890 a/n Budi", "transfer ke BCA [ACCOUNT] a/n Budi"),
    ("no. rek 0123456789", "no. rek [ACCOUNT]"),
    ("rekening BRI 0021-01-123456-50-9", "rekening BRI [ACCOUNT]"),
    ("Mandiri 1370012345678 atas nama saya", "Mandiri [ACCOUNT] atas nama saya"),
    ("My account number is 85731890 and my pin is 9431", "My account number is [ACCOUNT] and my pin is [OTP]"),
    ("Sarah Brown, account number, 68318931, PIN 1596", "Sarah Brown, account number, [ACCOUNT], PIN [OTP]"),
    ("OVO 081298765432", "OVO [PHONE]"),
    # OTP, PIN, CVV
    ("OTP kamu 482913 jangan kasih siapa2", "OTP kamu [OTP] jangan kasih siapa2"),
    (
        "<#> 123456 adalah kode OTP Anda. JANGAN berikan kode ini.",
        "<#> [OTP] adalah kode OTP Anda. JANGAN berikan kode ini.",
    ),
    ("Kode verifikasi: 4821", "Kode verifikasi: [OTP]"),
    ("Your verification code is 739104.", "Your verification code is [OTP]."),
    ("I think my PIN is either 0314 or 9431", "I think my PIN is either [OTP] or [OTP]"),
    ("Kode OTP untuk transaksi Rp 50.000 adalah 839201.", "Kode OTP untuk transaksi Rp 50.000 adalah [OTP]."),
    ("cvv nya 123", "cvv nya [OTP]"),
    # long unexplained numbers
    ("Katarina Miller 93418043810 pin 5380", "Katarina Miller [NUMBER] pin [OTP]"),
    ("nomor pelanggan PLN 532110998877", "nomor pelanggan PLN [NUMBER]"),
]

MUST_KEEP = [
    "Pesanan INV-123456 sudah dibayar Rp 50.000",
    "Total Rp 1.500.000 untuk 3 barang",
    "harga 250.000 ya kak",
    "Rp50.000 aja",
    "order 12345678901 belum sampai",
    "resi JNE 012345678901 kok belum update",
    "kode pos 40115",
    "promo code 12345",
    "kode promo HEMAT50",
    "tanggal 12/05/1990 jam 10.30",
    "Your current balance is 6278 in credit and your PIN is safe with me.",
    "I want at least 3 bedrooms and not more than 3000 a month",
    "the error code 5003 keeps showing",
    "pesanan #12345678 sudah sampai",
    "Halo! Ada yang bisa kami bantu?",
    "Kirim nomor pesanan Anda (contoh: INV-123456).",
    "Masukkan kode OTP yang kami kirim",
    "ada 2 barang, 1 rusak",
    "tahun 2024 saya pindah",
    "IP 192.168.100.200",
    "Table for 4 @ 7 pm",
]


@pytest.mark.parametrize(("text", "masked"), MUST_MASK)
def test_personal_data_is_masked(text, masked):
    assert mask_text(text) == masked


@pytest.mark.parametrize("text", MUST_KEEP)
def test_ordinary_numbers_survive(text):
    assert mask_text(text) == text


def test_text_without_digits_or_at_sign_is_returned_untouched():
    prompt = "Mohon tunggu, kami hubungkan dengan agen kami."
    assert mask_text(prompt) is prompt


@pytest.mark.parametrize(
    ("reply_to", "text", "masked"),
    [
        ("Masukkan kode OTP yang kami kirim ke nomor Anda", "482913", "[OTP]"),
        ("Right, and your PIN as well please.", "It could be 7402 or 1596", "It could be [OTP] or [OTP]"),
        ("Could I get your account number?", "68318931", "[ACCOUNT]"),
        ("Boleh minta nomor HP-nya kak?", "812 3456 7890", "[PHONE]"),
        ("Masukkan kode OTP", "pesanan 123456 belum sampai", "pesanan 123456 belum sampai"),
    ],
)
def test_the_question_answered_classifies_a_bare_number(reply_to, text, masked):
    assert mask_text(text, reply_to=reply_to) == masked


def test_a_bare_short_number_without_context_is_kept():
    assert mask_text("6831893") == "6831893"


def test_sensitive_slot_values_are_masked_wherever_they_appear():
    text = "nama ibu kandung saya Siti Aminah, ya Siti Aminah"
    assert mask_text(text, secrets=["Siti Aminah"]) == "nama ibu kandung saya [SENSITIVE], ya [SENSITIVE]"


def test_masking_is_idempotent():
    once = mask_text("OTP 482913, HP 081234567890, email a@b.co")
    assert mask_text(once) == once


PIECES = st.sampled_from(
    [
        "0812",
        "3456",
        "7890",
        "+62",
        "(021)",
        "5551234",
        "12",
        "3",
        "-",
        ".",
        " ",
        "  ",
        "/",
        "#",
        "@",
        "a@b.co",
        "OTP",
        "pin",
        "rek",
        "BCA",
        "Rp",
        "kode",
        "saldo",
        "INV",
        "NIK",
        "card",
        "a/n",
        "hp",
        "order",
        "\n",
        "٣٤٥",
        "x",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join), st.sampled_from([None, "Masukkan kode OTP", "nomor rekening?"]))
def test_text_passed_over_by_the_quick_test_holds_nothing_to_mask(text, reply_to):
    # mask_text returns early, untouched, for text with no "@" and no run of three digits
    quick = "@" not in text and re.search(r"\d[ +().\-]*\d[ +().\-]*\d", text) is None
    if quick:
        assert find_personal(text, reply_to) == []
        assert mask_text(text, reply_to) is text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("123456", "••••"),
        ("1234567890", "••••90"),
        ("4111111111111111", "••••11"),
        ("", ""),
        (None, ""),
        (1234, "••••"),
    ],
)
def test_mask_value(value, shown):
    assert mask_value(value) == shown


# -- redaction -----------------------------------------------------------------


def _kinds(text: str) -> list[str]:
    return [m.kind for m in find_personal(text)]


@pytest.mark.parametrize(("text", "_masked"), MUST_MASK)
def test_placeholders_are_values_of_the_same_kind_and_shape(text, _masked):
    redactor = Redactor("salt")
    redacted = redactor.text(text)
    assert redacted != text
    assert _kinds(redacted) == _kinds(text)
    if "@" in text:
        assert "@example.com" in redacted
    else:  # every separator, sign and word kept: only digits change
        assert re.sub(r"[0-9]", "#", redacted) == re.sub(r"[0-9]", "#", text)


def test_the_same_number_gets_the_same_placeholder_in_every_format():
    redactor = Redactor("salt")
    local = redactor.text("081234567890")
    international = redactor.text("+62 812-3456-7890")
    assert local.startswith("0812") and local != "081234567890"
    assert re.sub(r"\D", "", international) == "62" + local[1:]
    assert redactor.text("nomor saya 081234567890 ya") == f"nomor saya {local} ya"


def test_different_values_get_different_placeholders():
    redactor = Redactor("salt")
    otps = {redactor.text(f"OTP {n:06d}") for n in range(2000)}
    assert len(otps) == 2000


def test_placeholders_are_stable_across_runs_with_the_same_salt_only():
    text = "BCA 1234567890, OTP 482913, budi@gmail.com"
    assert Redactor("team-secret").text(text) == Redactor("team-secret").text(text)
    assert Redactor("team-secret").text(text) != Redactor("other").text(text)
    assert Redactor().text(text) != Redactor().text(text)  # random salt: no way back from another run


def test_card_placeholder_passes_luhn_and_nik_placeholder_is_a_valid_nik():
    from alur.runner.privacy import _is_nik, _luhn_ok

    redactor = Redactor("salt")
    card = re.sub(r"\D", "", redactor.text("kartu 4111 1111 1111 1111"))
    assert len(card) == 16 and card[0] == "4" and _luhn_ok(card) and card != "4111111111111111"
    nik = redactor.text("NIK 3201234567890001")[4:]
    assert _is_nik(nik) and nik[:2] == "32" and nik != "3201234567890001"


@settings(max_examples=200, deadline=None)
@given(
    subscriber=st.text("0123456789", min_size=7, max_size=10),
    prefix=st.sampled_from(["08", "+628", "628", "+62 8"]),
    operator=st.sampled_from("12356789"),
)
def test_any_indonesian_mobile_number_is_masked_and_replaced_by_another(subscriber, prefix, operator):
    number = prefix + operator + subscriber
    assert mask_text(f"hubungi {number} ya") == "hubungi [PHONE] ya"
    replaced = Redactor("salt").text(number)
    assert replaced != number
    assert _kinds(replaced) == ["phone"]


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("phone", "phone"),
        ("customer_phone", "phone"),
        ("wa_id", "phone"),
        ("customerName", "name"),
        ("email", "email"),
        ("nama_pelanggan", "name"),
        ("pin", "otp"),
        ("flow_name", None),
        ("state", None),
        ("text", None),
        ("Did the assistant ask for your name politely and calmly?", None),
    ],
)
def test_personal_keys(key, kind):
    assert key_kind(key) == kind


def test_conversation_keys_values_and_their_repeats_in_text_are_replaced():
    conversation = {
        "id": "wa-6281234567890",
        "flow": "order_status",
        "channel": "whatsapp",
        "customer": {"name": "Budi Santoso", "phone": 6281234567890},
        "turns": [
            {"role": "bot", "text": "Masukkan kode OTP", "state": "ask_otp"},
            {"role": "user", "text": "482913"},
            {"role": "user", "text": "Saya Budi Santoso, nomor 081234567890", "intent": "inform"},
        ],
        "actions": {"lookup_order": ["found"]},
    }
    out = Redactor("salt").conversation(conversation)
    flat = repr(out)
    for original in ("6281234567890", "81234567890", "482913", "Budi", "Santoso"):
        assert original not in flat
    assert out["flow"] == "order_status" and out["channel"] == "whatsapp"
    assert out["actions"] == {"lookup_order": ["found"]}
    assert out["turns"][0] == conversation["turns"][0]
    assert out["turns"][2]["intent"] == "inform"
    assert isinstance(out["customer"]["phone"], int)
    # one person, one placeholder: the key's name and the name in the text agree
    assert out["turns"][2]["text"].startswith(f"Saya {out['customer']['name']}, nomor 0812")
    assert out["id"] == f"wa-{out['customer']['phone']}"


def test_a_sender_that_is_a_phone_number_gets_the_phone_placeholder_used_in_text():
    conversation = {
        "id": "wa",
        "turns": [{"role": "user", "sender": "+62 812-3456-7890", "text": "nomor saya 081234567890"}],
    }
    turn = Redactor("salt").conversation(conversation)["turns"][0]
    assert turn["sender"].startswith("+62 812-")
    assert turn["text"] == "nomor saya 0" + "".join(c for c in turn["sender"] if c.isdigit())[2:]


def test_counts_say_what_was_replaced():
    redactor = Redactor("salt")
    redactor.text("OTP 482913 ke 081234567890 dan 081234567890")
    assert redactor.counts == {"otp": 1, "phone": 2}
