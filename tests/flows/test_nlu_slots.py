"""Slot extraction tables: what each type takes, and what it must not."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alur.flows.nlu import SlotSpec, compile_slot_pattern, extract_slot

TODAY = datetime.date(2025, 8, 14)  # a Thursday


def extract(type_: str, text: str, **spec):
    return extract_slot(SlotSpec(type_, **spec), text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("08123456789", "+628123456789"),
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("no hp saya 0812.3456.789 ya kak", "+628123456789"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62-812-3456-7890", "+6281234567890"),
        ("+62 (812) 3456-7890", "+6281234567890"),
        ("+62 0812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("0062 812 3456 7890", "+6281234567890"),
        ("(021) 555-1234", "+62215551234"),
        ("+1 415 555 0100", "+14155550100"),
        ("jam 10 ya, 08123456789", "+628123456789"),
        ("NIK 3174012345678901, HP 081234567890", "+6281234567890"),
    ],
)
def test_phone(text, phone):
    assert extract("phone", text) == phone


@pytest.mark.parametrize(
    "text",
    [
        "3174012345678901",  # 16-digit NIK
        "6271031234567890",  # a NIK from Central Kalimantan starts with 62
        "3174 0123 4567 8901",
        "4111 1111 1111 1111",  # card number
        "6222 0212 3456 7890",  # UnionPay card, starts with 62
        "0812 3456 7890 1234",  # card-like grouping, even if it starts with 08
        "INV0812345678",
        "0812345",  # too short
        "12345678",
        "Rp 62.000",
        "belum punya",
    ],
)
def test_not_a_phone(text):
    assert extract("phone", text) is None


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Budi.Santoso@Gmail.com", "budi.santoso@gmail.com"),
        ("email saya budi_s+cs@mail.co.id ya kak", "budi_s+cs@mail.co.id"),
        ("<rina@example.org>.", "rina@example.org"),
    ],
)
def test_email(text, email):
    assert extract("email", text) == email


@pytest.mark.parametrize("text", ["budi@gmail", "budi gmail com", "a..b@x.com", "@example.com", "budi@@x.com"])
def test_not_an_email(text):
    assert extract("email", text) is None


@pytest.mark.parametrize(
    ("text", "otp"),
    [
        ("kodenya 123456", "123456"),
        ("123456", "123456"),
        ("kode 012345 ya", "012345"),  # leading zero kept
        ("123 456", "123456"),
        ("G-482193 is your code", "482193"),
        ("OTP: 482193.", "482193"),
    ],
)
def test_otp(text, otp):
    assert extract("otp", text, length=6) == otp


@pytest.mark.parametrize(
    "text",
    [
        "12345",
        "1234567",
        "kode 12345",
        "0812 3456 7890",
        "0812-3456-7890",
        "123456.78",
        "belum masuk kodenya",
        "INV123456",
    ],
)
def test_not_an_otp_of_six(text):
    assert extract("otp", text, length=6) is None


def test_otp_without_length_takes_four_to_eight_digits():
    assert extract("otp", "4821") == "4821"
    assert extract("otp", "123") is None
    assert extract("otp", "123456789") is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,5 jt", 1_500_000),
        ("1.5jt", 1_500_000),
        ("Rp 50rb", 50_000),
        ("Rp50.000", 50_000),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("2 juta", 2_000_000),
        ("Rp. 1.500.000,-", 1_500_000),
        ("1 juta 500 ribu", 1_500_000),
        ("1jt 250rb", 1_250_000),
        ("50k", 50_000),
        ("IDR 75,000", 75_000),
        ("$20", 20),
        ("20.50 USD", 20.5),
        ("Rp 1.500.000,50", 1_500_000.5),
        ("transfer 2x, total 500rb", 500_000),  # money beats a bare number
        ("saya bayar 150000", 150_000),
    ],
)
def test_money(text, amount):
    value = extract("money", text)
    assert value == amount and type(value) is type(amount)


@pytest.mark.parametrize("text", ["gratis", "17/08/2025", "jam 10:30"])
def test_not_money(text):
    assert extract("money", text) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3", 3),
        ("3 orang", 3),
        ("dua orang", 2),
        ("2,5", 2.5),
        ("untuk 17 agustus, 3 orang", 3),  # 17 is above max
    ],
)
def test_number_in_range(text, number):
    assert extract("number", text, min=1, max=10) == number


def test_number_with_thousands():
    assert extract("number", "1.500 unit") == 1500


def test_number_out_of_range_is_none():
    assert extract("number", "20 orang", min=1, max=10) is None
    assert extract("number", "0", min=1) is None
    assert extract("number", "tidak tahu") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("hari ini", "2025-08-14"),
        ("besok", "2025-08-15"),
        ("bsk aja kak", "2025-08-15"),
        ("lusa", "2025-08-16"),
        ("kemarin", "2025-08-13"),
        ("17 Agustus 2025", "2025-08-17"),
        ("tgl 17 agt", "2025-08-17"),
        ("17/08/2025", "2025-08-17"),
        ("17/08", "2025-08-17"),
        ("17-08-25", "2025-08-17"),
        ("17.08.2025", "2025-08-17"),
        ("2025-08-17", "2025-08-17"),
        ("08/17/2025", "2025-08-17"),  # day-first impossible: month first
        ("01/02/2025", "2025-02-01"),  # day first
        ("tomorrow", "2025-08-15"),
        ("Aug 17", "2025-08-17"),
        ("August 17th, 2025", "2025-08-17"),
        ("the 17th of August", "2025-08-17"),
        ("tanggal 20", "2025-08-20"),
        ("hari senin", "2025-08-18"),
        ("Kamis", "2025-08-21"),  # today is Thursday: the next one
        ("hari minggu", "2025-08-17"),
        ("3 Januari", "2026-01-03"),  # nearer next year than last
        ("17 Mei", "2025-05-17"),  # nearer last May than next
    ],
)
def test_date(text, date):
    assert extract("date", text) == date


@pytest.mark.parametrize(
    "text", ["31/02/2025", "jam 10.30", "minggu depan", "2 minggu lagi", "Rp 17.000", "secepatnya"]
)
def test_not_a_date(text):
    assert extract("date", text) is None


def test_date_defaults_to_the_real_today():
    assert extract_slot(SlotSpec("date"), "hari ini") == datetime.date.today().isoformat()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("INV-123456", "INV-123456"),
        ("pesanan saya INV-123456 kak", "INV-123456"),
        ("inv-123456", "INV-123456"),  # typed in lower case: the pattern's case
        ("no INV-123456.", "INV-123456"),
    ],
)
def test_regex(text, value):
    assert extract("regex", text, pattern="INV-[0-9]{6}") == value


@pytest.mark.parametrize("text", ["INV-12345", "INV-1234567", "XINV-123456", "pesanan saya"])
def test_regex_needs_the_whole_value(text):
    assert extract("regex", text, pattern="INV-[0-9]{6}") is None


@pytest.mark.parametrize(
    ("pattern", "text", "value"),
    [
        # global flags open the pattern; Python refuses them anywhere else
        ("(?i)inv-[0-9]{6}", "nomornya INV-123456 ya", "INV-123456"),
        ("(?i)inv-[0-9]{6}", "inv-123456", "inv-123456"),  # any case asked for: kept as typed
        ("(?i)(?s)kode-[a-z]{3}", "KODE-ABC", "KODE-ABC"),
        ("(?a)[0-9]{3}-[0-9]{3}", "kode 123-456", "123-456"),
        # verbose: spaces ignored, a trailing comment must not swallow the bounds
        ("(?x) INV- [0-9]{6}   # order number", "INV-123456 kak", "INV-123456"),
        ("(?x)\n  # order number\n  (?i) inv - \\d{6}", "inv-000001", "inv-000001"),
        # named groups and backreferences keep their numbers
        ("(?P<prefix>INV)-[0-9]{6}", "ini INV-123456", "INV-123456"),
        ("([A-Z])-\\1[0-9]{2}", "kode B-B12", "B-B12"),
        # anchors: the whole reply, spaces around it allowed
        ("^INV-[0-9]{6}$", "INV-123456", "INV-123456"),
        ("^INV-[0-9]{6}$", "  inv-123456\n", "INV-123456"),
        ("^INV-[0-9]{6}$", "nomornya INV-123456", None),
        # a slot is never filled with nothing
        ("[0-9]*", "abc 123", "123"),
        ("[0-9]*", "abc", None),
        ("(?i)", "apa saja", None),
        # still a whole value with flags on
        ("(?i)inv-[0-9]{6}", "xinv-123456", None),
    ],
)
def test_regex_runs_any_valid_pattern(pattern, text, value):
    assert extract("regex", text, pattern=pattern) == value


def test_an_invalid_pattern_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="inv\\(\\?i\\)"):
        extract("regex", "inv-123456", pattern="inv(?i)-[0-9]{6}")


_PIECES = st.sampled_from(
    [
        "INV",
        "-",
        "[0-9]{6}",
        "\\d+",
        "(?P<n>ab)",
        "(?P=n)",
        "(a|b)",
        "\\1",
        "^",
        "$",
        "\\b",
        " ",
        "# note\n",
        "(?i:x)",
        "[#]",
        "\\#",
        "(",
        ")",
        "[",
        "*",
        "?",
        "{2}",
        "(?i)",
        "(?x)",
        "(?s)",
        "\n",
        "\\",
    ]
)


@pytest.mark.filterwarnings("ignore::FutureWarning")  # "[[" may become a nested set one day: still valid today
@given(st.lists(_PIECES, max_size=8).map("".join), st.sampled_from(["", "(?i)", "(?x)", "(?i)(?m)", "(?x) # c\n(?s)"]))
def test_whatever_python_compiles_the_slot_runs(body, flags):
    """`bad-regex` refuses exactly what this refuses, so a flow that passes the
    check never crashes a conversation: every pattern Python compiles runs."""
    pattern = flags + body or "x"  # an empty pattern is `bad-regex`'s "no pattern"
    try:
        re.compile(pattern)
    except re.error:
        with pytest.raises(re.error):
            compile_slot_pattern(pattern)
        return
    exact, folded = compile_slot_pattern(pattern)
    for text in ("INV-123456", "ab ab", "x", "", "a-a"):
        extract("regex", text, pattern=pattern)  # never raises


CHOICES = ("Transfer Bank", "Kartu Kredit", "COD")


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("2", "Kartu Kredit"),
        ("transfer bank", "Transfer Bank"),
        ("cod dong", "COD"),
        ("pakai transfer aja", "Transfer Bank"),
        ("kartu", "Kartu Kredit"),
    ],
)
def test_choice(text, choice):
    assert extract("choice", text, choices=CHOICES) == choice


@pytest.mark.parametrize("text", ["bank atau kartu", "ovo", "4", ""])
def test_unclear_choice_is_none(text):
    assert extract("choice", text, choices=CHOICES) is None


def test_yes_no_choice_understands_chat_spelling():
    assert extract("choice", "iyaaa kak", choices=("Ya", "Tidak")) == "Ya"
    assert extract("choice", "gak", choices=("Ya", "Tidak")) == "Tidak"


def test_the_longest_named_choice_wins():
    assert extract("choice", "pakai bank bca", choices=("Bank", "Bank BCA")) == "Bank BCA"


def test_text_takes_any_non_empty_turn():
    assert extract("text", "  Jl. Merdeka 17  ") == "Jl. Merdeka 17"
    assert extract("text", "   ") is None


def test_unknown_type_is_an_error():
    with pytest.raises(ValueError, match="unknown slot type 'colour'"):
        extract("colour", "red")
