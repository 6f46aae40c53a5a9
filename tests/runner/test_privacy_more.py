"""Masking: dates and times stay readable, long bare numbers are masked in any text.

Two mistakes these guard against: a date followed by a time read as one long
number ("2024-03-12 08:01" shown as "[NUMBER]:01"), and a bill or customer
number shown in a bot message because a word before it was taken for a
reference ("Tagihan nomor 4829137560").
"""

from __future__ import annotations

import pytest

from alur.runner.privacy import Redactor, mask_text

DATES_AND_TIMES = [
    "2024-03-12 08:01",
    "12/03/2024 15.30",
    "tgl 12-03-2024 jam 08:01",
    "03.00 WIB",
    "Senin, 12 Maret 2024 pukul 08.01",
    "12-03-2024 08:01:22",
    "12.03.2024 08.00",
    "jatuh tempo 1-4-2024 23:59",
    "Your appointment is on 2024/03/12 at 9:30",
    "Booked for 12-03-24 14:00 to 16:30",
    "Jam layanan 08.00-20.00 WIB",
    "lahir 31-12-1990",
]


@pytest.mark.parametrize("text", DATES_AND_TIMES)
def test_dates_and_times_stay_readable(text):
    assert mask_text(text) == text


MUST_MASK = [
    # a long number next to a date or time is masked, the date and time kept
    ("2024-03-12 081234567890", "2024-03-12 [PHONE]"),
    ("12-03-2024 08:01 hubungi 0812 3456 7890", "12-03-2024 08:01 hubungi [PHONE]"),
    ("0812 3456 7890 12-03-2024", "[PHONE] 12-03-2024"),
    ("NIK 3174012345670001 12-03-2024", "NIK [NIK] 12-03-2024"),
    ("12-03-2024 3174012345670001", "12-03-2024 [NUMBER]"),
    ("3175091203900004 12-03-2024", "[NIK] 12-03-2024"),
    ("BCA 1234567890 tgl 12/03/2024 15.30", "BCA [ACCOUNT] tgl 12/03/2024 15.30"),
    ("OTP 482913 berlaku s/d 08:05", "OTP [OTP] berlaku s/d 08:05"),
    ("4111 1111 1111 1111 exp 12/27", "[CARD] exp 12/27"),
    ("NPWP 12.345.678.9-012.345 per 01-01-2024", "NPWP [NPWP] per 01-01-2024"),
    ("email budi@gmail.com 12-03-2024", "email [EMAIL] 12-03-2024"),
    ("12.30 4567 8901 2345", "12.30 [NUMBER]"),
    # a date-like piece of a longer digit run is part of that number
    ("12-03-2024-5678", "[NUMBER]"),
    ("1212-03-2024", "[NUMBER]"),
    ("12-03-20241234", "[NUMBER]"),
    ("0021-01-123456-50-9", "[NUMBER]"),
    # bill, customer and account numbers, in the bot's text as in the customer's
    ("Tagihan nomor 4829137560", "Tagihan nomor [NUMBER]"),
    ("Tagihan nomor 4829137560 jatuh tempo 12-03-2024", "Tagihan nomor [NUMBER] jatuh tempo 12-03-2024"),
    ("Tagihan 48291375 jatuh tempo 3 hari lagi", "Tagihan [NUMBER] jatuh tempo 3 hari lagi"),
    ("nomor tagihan saya 4829137560", "nomor tagihan saya [NUMBER]"),
    ("Your bill number is 48291375.", "Your bill number is [NUMBER]."),
    ("ID pelanggan 53211099", "ID pelanggan [NUMBER]"),
    ("Brian White, 85731890 at PNC.", "Brian White, [NUMBER] at PNC."),
    ("It is 12345678 or 789", "It is [NUMBER] or 789"),
    ("48291375", "[NUMBER]"),
    ("4829-1375-60", "[NUMBER]"),
]


@pytest.mark.parametrize(("text", "masked"), MUST_MASK)
def test_personal_numbers_are_masked_next_to_dates_and_in_bot_text(text, masked):
    assert mask_text(text) == masked


@pytest.mark.parametrize(
    "reply_to", [None, "Masukkan nomor tagihan Anda", "What is your account number?", "Ada yang bisa dibantu?"]
)
@pytest.mark.parametrize("number", ["4829137560", "48291375"])
def test_a_long_bare_number_is_masked_whatever_it_answers(number, reply_to):
    assert number not in mask_text(number, reply_to=reply_to)
    assert number not in mask_text(f"Tagihan nomor {number}", reply_to=reply_to)


MUST_KEEP = [
    # amounts
    "Total Rp 1.500.000 untuk 3 barang",
    "tagihan Rp 1.500.000 jatuh tempo 12-03-2024",
    "Tagihan bulan ini Rp150.000",
    "transfer 15.000.000 ke rekening yang sama",
    "cicilan 1,5 jt per bulan",
    "sisa tagihan 1250000",
    "saldo 48291375",
    "48291375 rupiah",
    "Your balance is $12,500,000.00",
    # ranges, references, short numbers
    "I would say between 1000-1600",
    "budget 1500-2000 a month",
    "from 1990-2024",
    "order 12345678901 belum sampai",
    "resi JNE 012345678901 kok belum update",
    "pesanan #12345678 sudah sampai",
    "6831893",
    "Tagihan 12345 sudah lunas",
]


@pytest.mark.parametrize("text", MUST_KEEP)
def test_amounts_ranges_and_references_stay_readable(text):
    assert mask_text(text) == text


@pytest.mark.parametrize("date", ["2024-03-12", "12/03/2024", "12-03-2024 08:01", "03.00", "15.30"])
@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("081234567890", "[PHONE]"),
        ("+62 812-3456-7890", "[PHONE]"),
        ("0812 3456 7890", "[PHONE]"),
        ("4111111111111111", "[CARD]"),
        ("3175091203900004", "[NIK]"),
        ("4829137560", "[NUMBER]"),
    ],
)
def test_a_date_or_time_on_either_side_never_uncovers_a_value(date, value, tag):
    assert mask_text(f"{date} {value}") == f"{date} {tag}"
    assert mask_text(f"{value} {date}") == f"{tag} {date}"


def test_redaction_keeps_dates_and_times_and_replaces_the_number_beside_them():
    text = "Tagihan 4829137560 jatuh tempo 2024-03-12 08:01"
    redacted = Redactor("salt").text(text)
    assert redacted.startswith("Tagihan ") and redacted.endswith(" jatuh tempo 2024-03-12 08:01")
    assert "4829137560" not in redacted
