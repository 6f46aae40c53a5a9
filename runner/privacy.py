"""Personal data in conversation text: find it, mask it for display, replace it for redaction.

One detector serves two uses:

- `mask_text` and `mask_value` are what every report, log line and error
  message passes text through before printing it. They replace personal data
  with a typed tag (`[PHONE]`, `[EMAIL]`, `[NIK]`, `[NPWP]`, `[CARD]`,
  `[ACCOUNT]`, `[OTP]`, `[NUMBER]`, `[SENSITIVE]`, `[NAME]`) so a reader still
  sees *what* the customer gave, never the value. Text without a digit or an
  `@` (most bot prompts) is returned after one regex scan.
- `Redactor` is what `alur redact` uses to scrub a transcript file before it
  is committed. It replaces each value with a placeholder of the same kind and
  shape (a phone stays a valid Indonesian mobile number, a card stays
  Luhn-valid, an OTP keeps its length), the same value always with the same
  placeholder, so replaying the scrubbed file drives a flow the same way.

What counts as personal (Indonesian and English conversations):

- emails; phone numbers `08…`, `+62…`, `62…` (spaces, dashes, dots allowed),
  other `+` international numbers, Indonesian landlines `0xx…`, and US-style
  `(415) 555-1234`;
- NPWP (`12.345.678.9-012.345`, or 15/16 digits named as NPWP); 16-digit NIK
  (named as NIK/KTP, or with a valid province code and birth date); card
  numbers of 13–19 digits that pass the Luhn check (or named as a card);
- bank and e-wallet account numbers (8–18 digits near "rek", "rekening",
  "account", "a/n", a bank or e-wallet name); OTP, PIN and CVV codes (4–8
  digits, CVV 3–4, near "otp", "kode", "code", "pin", "verifikasi", …);
- any other bare run of 8 or more digits (`[NUMBER]`), in any text, the
  bot's as well as the customer's: unexplained long numbers are far more
  often account, bill or customer numbers ("Tagihan nomor 4829137560",
  "ID pelanggan 53211099") than anything safe to print.

What is kept: order and reference numbers (`INV-123456`, `#12345`, numbers
after "pesanan", "resi", "order", "booking", …: they name a transaction, not
a person, and a designer needs them to follow a conversation; a bill number
is not one of them, since "nomor tagihan" is the customer's number with the
biller), amounts (`Rp 50.000`, `1.500.000`, numbers after "saldo",
"balance", "total" or before "rupiah"), ranges (`1500-2000`, `1990-2024`),
dates and times (`2024-03-12 08:01`, `12/03/2024 15.30`, `03.00 WIB`: each
is read as a date or time before digit groups are joined into a number, so
the hour never becomes a digit of the date), and short numbers. The nearest
context word wins: in "PIN 1234, saldo 5000" the PIN is masked and the
balance kept.

Values written to slip past a pattern are read in their plain form first
(alur.runner.plain_text): digits spelled out in Indonesian or English or
typed one by one ("nol delapan satu dua …", "4 8 2 9 1 3"), a label glued
to its number ("nik3174…"), e-mail addresses with "[at]" and "[dot]". A
16-digit NIK or a Luhn-valid card number is masked even glued to a word.

Context carries across turns: `reply_to` is the message a text answers, so
a bare "482913" after "Masukkan kode OTP" is masked as an OTP. Context only
ever adds masking: a bare long number is `[NUMBER]` with or without it.

Not detected: names and addresses inside free text (no reliable way without
a language model). Values the caller knows are sensitive (slots marked
`sensitive: true`, name fields of a transcript) are passed as `secrets` and
masked wherever they appear.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets as _secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from alur.runner.plain_text import INVISIBLE, ODD_SPACES, Plain, may_need_rewriting, plain_value

KINDS = ("email", "phone", "nik", "npwp", "card", "account", "otp", "number", "name", "sensitive")
"""Every kind of personal data, in the order reports list them."""

# Everything found (secrets aside) is an e-mail address, with its "@", or a
# `_TOKEN` with three digits or more: a run of digits and the separators a
# token may hold. Most texts have neither and leave after this test.
_THREE_DIGITS = re.compile(rf"\d[ +().\-{INVISIBLE}{ODD_SPACES}]*\d[ +().\-{INVISIBLE}{ODD_SPACES}]*\d")
_NOT_DIGIT = re.compile(r"\D")
_DIGIT = re.compile(r"\d")

_EMAIL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)

# A date (2024-03-12, 12-03-2024, 12/03/24, 12.03.2024) or a time (08:01,
# 15.30, 08:01:22) standing on its own: not glued to more digits by a
# separator, so "12-03-2024-5678" and "0021-01-2024" stay one longer number.
_DAY, _MONTH, _YEAR = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])", r"(?:19|20)\d\d"
_END = r"(?!\d|[.\-/:]\d)"
_TIME = rf"(?:[01]?\d|2[0-4])[:.][0-5]\d(?:[:.][0-5]\d)?{_END}"


def _date(name: str) -> str:
    """The date pattern, its separator captured as `name` (used twice: year-month-day, day-month-year)."""
    return (
        rf"(?:{_YEAR}(?P<{name}1>[.\-/]){_MONTH}(?P={name}1){_DAY}"
        rf"|{_DAY}(?P<{name}2>[.\-/]){_MONTH}(?P={name}2)(?:{_YEAR}|\d\d)){_END}"
    )


# A number as people write it: digit groups joined by single spaces (groups of
# two or more digits), dashes or dots, with an optional leading "+" or "(021)".
# A date or time is a token of its own (group `when`, never personal), tried
# first and never taken in as a further group: in "2024-03-12 08:01" the hour
# is not the eleventh digit of a number. (The opening "(?=[\d+(])" names the
# characters a token can start with, so the scan jumps between them: without
# it, finding the numbers of a sentence took twice as long.)
_TOKEN = re.compile(
    rf"""
    (?=[\d+(])(?:
      (?<!\d)(?<!\d[.\-/])(?P<when>{_date("sep")}|{_TIME})
      |(?:\+\ ?|\((?=\+?\d{{1,4}}\)))?     # + or an opening parenthesis around a prefix
      \+?\d+(?:\)\ ?\d+)?                # first group, maybe closing that parenthesis
      (?:[.\-]\d+|\ (?!{_date("next")}|{_TIME})\d{{2,}})*  # further groups
    )
    """,
    re.VERBOSE,
)

# A sentence ends at . ! ? before a capital (not at "no. 123" or "a/n. budi"), or at a line break.
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s+[A-Z\"'(])|\n")
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,\-]\d+)*")
_AMOUNT_FORMAT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_CURRENCY_BEFORE = re.compile(r"(?:rp|idr|usd|sgd|us\$|\$|€|£|¥)\.?\s*$")
_NPWP_FORMAT = re.compile(r"\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}")
_NANP_FORMAT = re.compile(r"\(?\d{3}\)?[ .\-]\d{3}[ .\-]\d{4}")
_RANGE = re.compile(r"([1-9]\d{0,3})-([1-9]\d{0,3})")  # "1500-2000", "1990-2024"

_BANKS = (
    r"bca|bni|bri|bsi|btn|btpn|mandiri|cimb(?: niaga)?|permata|danamon|ocbc|panin|maybank|"
    r"jenius|jago|seabank|blu|mega|bjb|muamalat|niaga|wells fargo|chase|citi(?:bank)?|hsbc|barclays"
)
_WALLETS = r"ovo|go-?pay|dana|shopee ?pay|linkaja|link aja|doku|i\.saku|sakuku|paypal|venmo"
_CODE_NOT_SECRET = (
    "pos",
    "promo",
    "voucher",
    "booking",
    "pesanan",
    "produk",
    "area",
    "referral",
    "kupon",
    "unik",
    "bank",
    "transaksi",
    "bayar",
    "pembayaran",
    "negara",
    "tiket",
    "reservasi",
    "diskon",
    "kode",
)
_CODE_NOT_SECRET_BEFORE = (
    "zip",
    "postal",
    "post",
    "promo",
    "discount",
    "coupon",
    "voucher",
    "area",
    "country",
    "booking",
    "confirmation",
    "tracking",
    "referral",
    "error",
    "status",
    "product",
    "reference",
    "dress",
    "bar",
    "qr",
    "source",
    "tax",
    "swift",
    "sort",
    "bank",
    "routing",
)

# (pattern, kind, fewest digits, most digits). Kind "ref" marks numbers that are
# not personal (references, amounts): the nearest context word decides.
_KEYWORDS: tuple[tuple[str, str, int, int], ...] = (
    (r"cvv2?|cvc2?|cvn|kode keamanan|security code|card code", "otp", 3, 4),
    (
        r"otp|one[- ]time (?:password|pin|code)|m-?pin|pin(?! (?:lokasi|location|point|maps?)\b)|"
        r"passcode|password|kata sandi|sandi|token|"
        r"verifikasi|verification|access code|kode akses|"
        rf"kode(?! (?:{'|'.join(_CODE_NOT_SECRET)})\b)|"
        + "".join(f"(?<!{word} )" for word in _CODE_NOT_SECRET_BEFORE)
        + r"code",
        "otp",
        4,
        8,
    ),
    (
        r"nik|e-?ktp|ktp|nomor induk kependudukan|nomor induk|identity (?:card|number)|id number|"
        r"national id|id card",
        "nik",
        16,
        16,
    ),
    (r"npwp|tax id|nomor pokok wajib pajak", "npwp", 15, 16),
    (
        r"kartu kredit|kartu debit|credit card|debit card|card number|card no|nomor kartu|no\.? ?kartu|"
        r"visa|mastercard|master card|amex|american express|jcb|kartu",
        "card",
        13,
        19,
    ),
    (
        r"rekening|no\.? ?rek|norek|rek|account|acct|a/c|a/n|atas nama|virtual account|va|iban|bank|"
        rf"{_BANKS}|{_WALLETS}",
        "account",
        8,
        18,
    ),
    (
        r"telp|telpon|telepon|tlp|hp|handphone|ponsel|no\.? ?wa|wa|whatsapp|phone|mobile|cell|"
        r"call me|text me|sms|msisdn|hubungi|contact|nomor telepon|phone number",
        "phone",
        7,
        15,
    ),
    (
        r"invoice|inv|order|orders|pesanan|resi|awb|tracking|(?:id|no\.?|nomor|kode) transaksi|"
        r"transaction (?:id|no\.?|number)|trx|referensi|ref|reference|booking|reservasi|reservation|"
        r"tiket|ticket|antrian|queue|error|status|versi|version|ext|flight|penerbangan|"
        r"room|kamar|kode (?:" + "|".join(_CODE_NOT_SECRET) + r")|(?:" + "|".join(_CODE_NOT_SECRET_BEFORE) + r") code",
        "ref",
        1,
        99,
    ),
    (  # amounts and years: a long bare number after "balance" is an account number, not an amount
        r"saldo|balance|total|harga|price|biaya|amount|jumlah|nominal|rupiah|rp|idr|usd|dollars?|"
        r"credits?|poin|points|cicilan|bunga|limit|tahun|year|kg|km|menit|minutes?|jam|hours?|hari|days?",
        "ref",
        1,
        9,
    ),
)
_NAMING_SUFFIX = r"(?:\s+(?:number|num|no\.?|nr|#))?"  # "account number", "card no."
# The word-start test is written once, before the alternatives, rather than in
# each of them: inside a word the scan then fails after one test instead of ten,
# which makes this the difference between 3 and 15 µs for a sentence.
# A word naming personal data may carry the Indonesian suffix "-nya" ("kodenya
# 482913", "no rekeningnya 1234567890": its code, its account number).
_KEYWORD = re.compile(
    r"(?<![\w/])(?:"
    + "|".join(
        f"(?P<k{i}>(?:{pattern}){'' if kind == 'ref' else '(?:nya)?'}(?![\\w/]){_NAMING_SUFFIX if kind != 'ref' else ''})"
        for i, (pattern, kind, *_rest) in enumerate(_KEYWORDS)
    )
    + ")"
)
# A word naming personal data glued to its number ("nik3174012501900003",
# "no.rek1234567890", "pin1234"), ending where the search ends:
# alur.runner.plain_text puts a space between.
_GLUED_LABEL = re.compile(
    r"(?<![\w/])(?:"
    + "|".join(f"(?:{pattern})" for pattern, kind, *_rest in _KEYWORDS if kind != "ref")
    + r")(?:nya)?\Z",
    re.IGNORECASE,
)
_CLAIMED = re.compile(r"[\s:=#,-]*(?:(?:is|adalah|nya|saya|anda|kamu|my|your)\s+)?[+(]?\d")

_WINDOW_WORDS_BEFORE = 5
_WINDOW_WORDS_AFTER = 4
_FALLBACK_DIGITS = 8

_NIK_PROVINCES = frozenset(
    [*range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66), *range(71, 77), 81, 82, *range(91, 98)]
)


@dataclass(frozen=True, slots=True)
class Match:
    """Personal data found at `text[start:end]`."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class _Keyword:
    start: int
    end: int
    kind: str
    low: int
    high: int
    claimed: int  # where the number directly after it starts ("PIN 1596", "Rp 50.000"), or -1


def find_personal(text: str, reply_to: str | None = None, secrets: Mapping[str, str] | None = None) -> list[Match]:
    """Every piece of personal data in `text`, in order, never overlapping.

    `reply_to` is the message `text` answers (its context words classify bare
    numbers); `secrets` maps values known to be sensitive to their kind.
    Values written to slip past a pattern (spelled or spaced digits, a label
    glued to its number, an e-mail address with "[at]" and "[dot]") are read
    in their plain form (alur.runner.plain_text) and found where they stand.
    """
    if not secrets and not _may_hold_personal(text):
        return []
    plain = Plain.of(text, _GLUED_LABEL)
    if plain is None:
        return _find(text, reply_to, secrets)
    found: list[Match] = []
    for match in _find(plain.text, reply_to, secrets):
        start, end = plain.original_span(match.start, match.end)
        if found and start < found[-1].end:  # two values in one rewritten piece: one value
            found[-1] = Match(found[-1].start, max(end, found[-1].end), found[-1].kind)
        else:
            found.append(Match(start, end, match.kind))
    return found


def _find(text: str, reply_to: str | None, secrets: Mapping[str, str] | None) -> list[Match]:
    """`find_personal` in text as it is written."""
    found = _find_secrets(text, secrets) if secrets else []
    if "@" in text:
        for m in _EMAIL.finditer(text):
            email = _free(Match(m.start(), m.end(), "email"), found)
            if email is not None:
                found.append(email)
    if _THREE_DIGITS.search(text) is not None:
        context: _Context | None = None
        for token in _TOKEN.finditer(text):
            raw = token.group()
            if len(raw) < 3 or token.group("when") is not None or _digit_count(raw) < 3:
                continue
            if context is None:
                context = _Context(text, reply_to)
            for start, end, kind in context.classify(token.start(), token.end()):
                match = _free(Match(start, end, kind), found)
                if match is not None:
                    found.append(match)
    found.sort(key=lambda m: m.start)
    return found


def _may_hold_personal(text: str) -> bool:
    """False when `find_personal` surely finds nothing in `text` but secrets."""
    return "@" in text or _THREE_DIGITS.search(text) is not None or may_need_rewriting(text)


def _free(match: Match, taken: list[Match]) -> Match | None:
    """`match`, unless it overlaps something already found."""
    for other in taken:
        if match.start < other.end and other.start < match.end:
            return None
    return match


def _find_secrets(text: str, secrets: Mapping[str, str]) -> list[Match]:
    """Every known value in `text`, in one pass: where two overlap ("Jl
    Melati 5" and "Melati"), the longer wins, and a value is found whatever
    else is around it, so none is left behind for being next to another."""
    pattern = _secrets_pattern(tuple(sorted(value for value in secrets if len(value) >= 3 and value in text)))
    if pattern is None:
        return []
    return [Match(m.start(), m.end(), secrets[m.group()]) for m in pattern.finditer(text)]


@lru_cache(maxsize=64)
def _secrets_pattern(values: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all `values`, longest first (alternatives are tried in
    order), each standing as a whole word. Built from the values a text
    holds, which are few and recur, so the cache serves most texts."""
    if not values:
        return None
    longest_first = sorted(values, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")


def _digit_count(token: str) -> int:
    """Digits in a `_TOKEN` match (or a piece of one), whose other characters are separators."""
    return len(_NOT_DIGIT.sub("", token))


class _Context:
    """Context words of one text (and of the message it answers), for classifying its numbers.

    Each is worked out on first use: most numbers are settled by their own
    shape (glued to a word like `INV-123456`, an amount, a mobile number)
    before any context word is needed, and the keyword scan is the costly
    part of masking a sentence.
    """

    def __init__(self, text: str, reply_to: str | None):
        self.text = text
        self.reply_to = reply_to

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def keywords(self) -> list[_Keyword]:
        return _keywords(self.lower)

    @cached_property
    def breaks(self) -> list[int]:
        return [m.start() for m in _SENTENCE_BREAK.finditer(self.text)]

    @cached_property
    def hints(self) -> list[tuple[str, int, int]]:
        reply_to = self.reply_to
        return sorted(
            {(k.kind, k.low, k.high) for k in _keywords(reply_to.lower()) if k.kind != "ref"} if reply_to else (),
            key=lambda hint: (hint[2] - hint[1], hint),  # narrowest first: 6 digits are an OTP before an account
        )

    def classify(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The personal spans within the number at `text[start:end]`."""
        raw = self.text[start:end]
        kind = self._kind(start, end, raw)
        if kind is not None:
            return [(start, end, kind)] if kind != "ref" else []
        if " " not in raw:
            return []
        spans: list[tuple[int, int, str]] = []
        for piece in re.finditer(r"\S+", raw):
            if _digit_count(piece.group()) >= 3:
                s, e = start + piece.start(), start + piece.end()
                piece_kind = self._kind(s, e, piece.group())
                if piece_kind not in (None, "ref"):
                    spans.append((s, e, piece_kind))
        return spans

    def _kind(self, start: int, end: int, raw: str) -> str | None:
        digits = _NOT_DIGIT.sub("", raw)
        n = len(digits)
        if self._glued(start, end):  # part of a code (`INV-123456`), unless it can only be a person's number
            if _is_mobile(digits, raw):
                return "phone"
            return "nik" if n == 16 and _is_nik(digits) else "card" if _is_card(digits) else None
        if _CURRENCY_BEFORE.search(self.lower[max(0, start - 5) : start]) or _AMOUNT_FORMAT.fullmatch(raw):
            return "ref"
        if _NPWP_FORMAT.fullmatch(raw):
            return "npwp"
        if _is_mobile(digits, raw):
            return "phone"
        dotted = "." in raw
        keyword = None if dotted else self._nearest_keyword(start, end, n)
        if keyword is not None:
            return keyword
        if n == 16 and _is_nik(digits):
            return "nik"
        if _is_card(digits):
            return "card"
        if _is_landline(digits) or _NANP_FORMAT.fullmatch(raw):
            return "phone"
        if dotted:
            return None
        for kind, low, high in self.hints:
            if low <= n <= high:
                return kind
        return "number" if n >= _FALLBACK_DIGITS and not _is_range(raw) else None

    def _glued(self, start: int, end: int) -> bool:
        """Part of a word or code (`INV123456`, `INV-123456`, `wa.me/62812…`, `12/05/1990`)."""
        text = self.text
        if start:
            before = text[start - 1]
            if before.isalnum() or before in "#_":
                return True
            if before in "-/" and start >= 2 and text[start - 2].isalnum():
                return True
        if end < len(text):
            after = text[end]
            if after.isalpha() or after == "_":
                return True
            if after in "-/" and end + 1 < len(text) and text[end + 1].isalnum():
                return True
        return False

    def _nearest_keyword(self, start: int, end: int, n: int) -> str | None:
        """The kind named by the nearest context word that fits a number of `n` digits.

        Words before the number win ties. A word after it that is directly
        followed by another number is that number's ("68318931, PIN 1596": PIN
        is 1596's), and so is a reference or amount word before it ("Rp
        50.000 adalah 839201"), or after it with another number between
        ("48291375 jatuh tempo 3 hari": hari is 3's); a secret's word before a
        list is the whole list's ("PIN 0314 or 9431").
        """
        sentence_start = max((b + 1 for b in self.breaks if b < start), default=0)
        sentence_end = min((b for b in self.breaks if b >= end), default=len(self.text))
        best: tuple[int, int, str] | None = None
        for keyword in self.keywords:
            if not keyword.low <= n <= keyword.high:
                continue
            if sentence_start < keyword.end <= start and not (keyword.kind == "ref" and 0 <= keyword.claimed < start):
                distance, side = len(_WORD.findall(self.lower, keyword.end, start)), 0
                limit = _WINDOW_WORDS_BEFORE
            elif (
                end <= keyword.start
                and keyword.end <= sentence_end
                and keyword.claimed < 0
                and not (keyword.kind == "ref" and _DIGIT.search(self.lower, end, keyword.start))
            ):
                distance, side = len(_WORD.findall(self.lower, end, keyword.start)), 1
                limit = _WINDOW_WORDS_AFTER
            else:
                continue
            if distance <= limit and (best is None or (distance, side) < best[:2]):
                best = (distance, side, keyword.kind)
        return best[2] if best else None


def _keywords(lower: str) -> list[_Keyword]:
    found = []
    for m in _KEYWORD.finditer(lower):
        _pattern, kind, low, high = _KEYWORDS[int(m.lastgroup[1:])]
        claim = _CLAIMED.match(lower, m.end())
        found.append(_Keyword(m.start(), m.end(), kind, low, high, claim.end() - 1 if claim else -1))
    return found


def _national(digits: str, raw: str) -> str | None:
    """An Indonesian number in national form (`08…`), or None if it is not written as one."""
    if digits.startswith("62") and (raw.lstrip("(").startswith("+") or digits[2:3] == "8"):
        return "0" + digits[2:]
    if digits.startswith("0") and not digits.startswith("00"):
        return digits
    return None


def _is_mobile(digits: str, raw: str) -> bool:
    """An Indonesian mobile number, or any `+` international number."""
    plus = raw.lstrip("(").startswith("+")
    national = _national(digits, raw)
    if national is not None:
        return (plus or national.startswith("08")) and 9 <= len(national) <= 13
    return plus and 8 <= len(digits) <= 15


def _is_range(raw: str) -> bool:
    """Two numbers of up to four digits, the second larger: a range of amounts or years, not one number."""
    m = _RANGE.fullmatch(raw)
    return m is not None and int(m[1]) < int(m[2])


def _is_landline(digits: str) -> bool:
    """Indonesian area codes run from 021 to 0986."""
    return digits[:1] == "0" and digits[1:2] in ("2", "3", "4", "5", "6", "7", "9") and 9 <= len(digits) <= 11


def _is_nik(digits: str) -> bool:
    """16 digits shaped like an NIK: province, regency, district, birth date (+40 for women), serial."""
    if len(digits) != 16 or int(digits[:2]) not in _NIK_PROVINCES:
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    return (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12 and digits[12:] != "0000"


def _is_card(digits: str) -> bool:
    """13 to 19 digits that pass the Luhn check, as every payment card number does."""
    return 13 <= len(digits) <= 19 and digits[0] != "0" and _luhn_ok(digits)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _luhn_digit(body: str) -> str:
    for check in "0123456789":
        if _luhn_ok(body + check):
            return check
    raise AssertionError("unreachable: one check digit always fits")


def _tag(value: str, kind: str) -> str:
    return f"[{kind.upper()}]"


def _replaced(
    text: str, reply_to: str | None, known: Mapping[str, str] | None, replace: Callable[[str, str], str]
) -> str:
    """`text` with each personal value found in it (`find_personal`)
    replaced by `replace(value, kind)`: a tag for printing, a placeholder
    for redaction."""
    matches = find_personal(text, reply_to, known)
    if not matches:
        return text
    parts, last = [], 0
    for m in matches:
        parts.append(text[last : m.start])
        parts.append(replace(text[m.start : m.end], m.kind))
        last = m.end
    parts.append(text[last:])
    return "".join(parts)


def mask_text(text: str, reply_to: str | None = None, secrets: Iterable[str] = ()) -> str:
    """`text` with personal data replaced by typed tags, for printing.

    >>> mask_text("OTP kamu 482913, kirim ke 0812-3456-7890 ya")
    'OTP kamu [OTP], kirim ke [PHONE] ya'

    `secrets` are values known to be sensitive (filled slots marked
    `sensitive: true`); they become `[SENSITIVE]` wherever they appear.
    """
    known = dict.fromkeys((s for s in secrets if s), "sensitive") if secrets else None
    return _replaced(text, reply_to, known, _tag)


def mask_value(value: object) -> str:
    """A sensitive slot's value as reports show it: `••••`, plus the last two
    characters when the value has ten or more.

    Four bullets whatever the length, so the length of a PIN or password is
    not given away; the tail lets a designer tell two account or card numbers
    apart while debugging, and two characters of a 10+ character value do
    not help anyone guess it. An empty or missing value shows as `''`.
    """
    if value is None:
        return ""
    text = str(value)
    if not text:
        return ""
    return "••••" + text[-2:] if len(text) >= 10 else "••••"


# Transcript keys whose values are personal whatever they look like.
_KEY_KINDS: dict[str, str] = {
    **dict.fromkeys(("phone", "telp", "telepon", "hp", "msisdn", "mobile", "whatsapp", "wa", "tel"), "phone"),
    **dict.fromkeys(("email", "mail", "e-mail"), "email"),
    **dict.fromkeys(("nik", "ktp"), "nik"),
    "npwp": "npwp",
    **dict.fromkeys(("card", "cc", "pan", "kartu"), "card"),
    **dict.fromkeys(("account", "rekening", "norek", "iban"), "account"),
    **dict.fromkeys(("otp", "pin", "cvv", "cvc"), "otp"),
    **dict.fromkeys(
        (
            "name",
            "nama",
            "sender",
            "author",
            "customer",
            "pelanggan",
            "username",
            "fullname",
            "firstname",
            "lastname",
            "surname",
            "contact",
        ),
        "name",
    ),
    **dict.fromkeys(
        ("address", "alamat", "dob", "birthdate", "birthday", "lahir", "ssn", "password", "passcode", "sandi"),
        "sensitive",
    ),
}
# A key naming one of these is about the flow, not the customer (`flow_name`, `state_name`).
_KEY_NOT_PERSONAL = frozenset(
    (
        "flow",
        "state",
        "intent",
        "file",
        "slot",
        "action",
        "task",
        "bot",
        "channel",
        "event",
        "button",
        "domain",
        "template",
        "type",
        "count",
        "length",
        "format",
    )
)


# Kinds of personal data written in digits: a value of one of them without a digit is not one.
_DIGIT_KINDS = frozenset(("phone", "nik", "npwp", "card", "account", "otp", "number"))
# The transcript key (contract §2) whose values are the outcomes external
# actions return ("found", "sent", "valid"): names the flow routes on, never
# the customer's data, whatever the action is called (`send_otp`).
_OUTCOMES = "actions"


def key_kind(key: str) -> str | None:
    """The kind of personal data a transcript key holds (`customer_phone` → phone), or None."""
    if len(key) > 40:
        return None
    words = [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", key)]
    if not words or len(words) > 4 or any(w in _KEY_NOT_PERSONAL for w in words):
        return None
    joined = "".join(words)
    if joined in _KEY_KINDS:
        return _KEY_KINDS[joined]
    for word in reversed(words):  # the head noun comes last: `customer_phone` is a phone
        kind = _KEY_KINDS.get(word) or (_KEY_KINDS.get(word[:-1]) if word.endswith("s") else None)
        if kind:
            return kind
    return None


class Redactor:
    """Replaces personal data with stable placeholders of the same kind and shape.

    The same value gets the same placeholder every time within one Redactor
    (and in every run given the same salt): `+62 812-3456-7890` and
    `081234567890` are one number and get one placeholder, each written in
    its own format. Placeholders are derived with HMAC-SHA256 from the salt,
    so without the salt they cannot be turned back into the originals; with
    no salt given a random one is used and placeholders are stable only
    within this Redactor. Two different values never share a placeholder
    while the kind has room (a 4-digit OTP has 10,000), and a placeholder is
    never the original value.
    """

    def __init__(self, salt: str | bytes | None = None):
        if salt is None:
            salt = _secrets.token_bytes(32)
        self._key = salt.encode() if isinstance(salt, str) else salt
        self._forward: dict[tuple[str, str], str] = {}
        self._taken: dict[str, set[str]] = {}
        self.counts: Counter[str] = Counter()

    def text(self, text: str, reply_to: str | None = None, secrets: Mapping[str, str] | None = None) -> str:
        """`text` with every personal value replaced by its placeholder."""
        return _replaced(text, reply_to, secrets, self.value)

    def value(self, raw: str, kind: str) -> str:
        """The placeholder for one value of `kind`, in `raw`'s format."""
        if not raw:
            return raw
        self.counts[kind] += 1
        plain = plain_value(raw)  # "andi [at] gmail [dot] com", "nol delapan satu …" as written plainly
        digits = "".join(c for c in plain if c.isdigit())
        if kind == "email" and "@" in plain:
            return self._stable(kind, plain.lower(), self._email)
        if kind in ("name", "sensitive", "email") or not digits:
            return " ".join(
                self._stable("word", word, self._scramble) if any(c.isalnum() for c in word) else word
                for word in raw.split(" ")
            )
        # A value written in digits keeps its separators; a spelled one comes
        # back in digits (spelled digits scrambled word by word would be a
        # substitution cipher anyone could read).
        shape = raw if plain is raw else plain
        if kind == "phone":
            return self._phone(shape, digits)
        make = {"card": self._card, "nik": self._nik}.get(kind, self._same_length)
        return _fill(shape, self._stable(kind, digits, make))

    def conversation(self, conversation: dict) -> dict:
        """A transcript conversation (contract §2) with every personal value replaced.

        Turn texts are scrubbed in order, each with the turn before it as
        context; values under personal keys (`phone`, `email`, `name`, …,
        anywhere in the object) are replaced whatever they look like, and
        also wherever they reappear in a text. Every other key is kept.
        """
        secrets: dict[str, str] = {}
        _collect_keyed(conversation, None, secrets)
        out: dict = {}
        for key, value in conversation.items():
            if key == "turns" and isinstance(value, list):
                out[key] = self._turns(value, secrets)
            elif key == _OUTCOMES:
                out[key] = value
            else:
                out[self.text(key)] = self._walk(value, key_kind(key), secrets)
        return out

    def _turns(self, turns: list, secrets: dict[str, str]) -> list:
        result, previous = [], None
        for turn in turns:
            if isinstance(turn, dict):
                scrubbed = {}
                for key, value in turn.items():
                    if key == "text" and isinstance(value, str):
                        scrubbed[key] = self.text(value, previous, secrets)
                    else:
                        scrubbed[self.text(key)] = self._walk(value, key_kind(key), secrets)
                text = turn.get("text")
                previous = text if isinstance(text, str) else None
                result.append(scrubbed)
            else:
                result.append(self._walk(turn, None, secrets))
                previous = None
        return result

    def _walk(self, value: object, kind: str | None, secrets: dict[str, str]) -> object:
        if isinstance(value, str):
            personal = _keyed_kind(value, kind)
            return self.value(value, personal) if personal else self.text(value, None, secrets)
        if isinstance(value, bool) or value is None or isinstance(value, float):
            return value
        if isinstance(value, int):
            personal = _keyed_kind(str(value), kind)
            return int(self.value(str(value), personal)) if personal else value
        if isinstance(value, list):
            return [self._walk(item, kind, secrets) for item in value]
        if isinstance(value, dict):
            return {self.text(k): self._walk(v, key_kind(k), secrets) for k, v in value.items()}
        return value

    # -- placeholders -------------------------------------------------------

    def _stable(self, kind: str, norm: str, make) -> str:
        """The placeholder for `norm`, made by `make(norm, stream)` from a keyed hash."""
        known = self._forward.get((kind, norm))
        if known is not None:
            return known
        taken = self._taken.setdefault(kind, set())
        for attempt in range(100):
            digest = hmac.new(self._key, f"{kind}\0{norm}\0{attempt}".encode(), hashlib.sha256).digest()
            candidate = make(norm, digest)
            if candidate != norm and candidate not in taken:
                break
        else:  # the kind is full (thousands of 4-digit OTPs): allow a shared placeholder, never the original
            while candidate == norm:
                attempt += 1
                digest = hmac.new(self._key, f"{kind}\0{norm}\0{attempt}".encode(), hashlib.sha256).digest()
                candidate = make(norm, digest)
        taken.add(candidate)
        self._forward[(kind, norm)] = candidate
        return candidate

    def _phone(self, raw: str, digits: str) -> str:
        national = _national(digits, raw)
        if national is None:  # international, or a bare local number named as a phone
            return _fill(raw, self._stable("phone", digits, lambda norm, d: norm[:3] + _digit_stream(d, len(norm) - 3)))
        keep = 4 if national.startswith("08") else 3
        placeholder = self._stable("phone", national, lambda norm, d: norm[:keep] + _digit_stream(d, len(norm) - keep))
        return _fill(raw, "62" + placeholder[1:] if not digits.startswith("0") else placeholder)

    @staticmethod
    def _same_length(norm: str, digest: bytes) -> str:
        new = _digit_stream(digest, len(norm))
        if norm[0] != "0" and new[0] == "0":
            new = str(int(norm[0]) % 9 + 1) + new[1:]
        return new

    @staticmethod
    def _card(norm: str, digest: bytes) -> str:
        body = norm[0] + _digit_stream(digest, len(norm) - 2)
        return body + _luhn_digit(body)

    @staticmethod
    def _nik(norm: str, digest: bytes) -> str:
        stream = _digit_stream(digest, 20)
        province = norm[:2] if len(norm) >= 2 and norm[:2].isdigit() and int(norm[:2]) in _NIK_PROVINCES else "31"
        day = int(stream[4:6]) % 28 + 1 + (40 if norm[6:8].isdigit() and int(norm[6:8]) > 40 else 0)
        month = int(stream[6:8]) % 12 + 1
        serial = int(stream[10:14]) % 9999 + 1
        regency, district = int(stream[0:2]) % 79 + 1, int(stream[2:4]) % 50 + 1
        nik = f"{province}{regency:02d}{district:02d}{day:02d}{month:02d}{stream[8:10]}{serial:04d}"
        return nik if len(norm) == 16 else (nik + _digit_stream(digest, len(norm)))[: len(norm)]

    @staticmethod
    def _email(norm: str, digest: bytes) -> str:
        return f"user{digest.hex()[:8]}@example.com"

    @staticmethod
    def _scramble(norm: str, digest: bytes) -> str:
        """Same shape: letters stay letters of the same case, digits stay digits."""
        stream = iter(digest * (len(norm) // len(digest) + 1))
        out = []
        for c in norm:
            if c.isdigit():
                out.append(str(next(stream) % 10))
            elif c.isalpha() and c.isupper():
                out.append(chr(ord("A") + next(stream) % 26))
            elif c.isalpha():
                out.append(chr(ord("a") + next(stream) % 26))
            else:
                out.append(c)
        return "".join(out)


def _digit_stream(digest: bytes, count: int) -> str:
    """`count` decimal digits drawn from a hash."""
    out = ""
    block = digest
    while len(out) < count:
        out += f"{int.from_bytes(block, 'big'):078d}"[-40:]
        block = hashlib.sha256(block).digest()
    return out[:count]


def _fill(raw: str, digits: str) -> str:
    """`raw` with its digits replaced, in order, by `digits` (separators and signs kept)."""
    stream = iter(digits)
    return "".join(next(stream) if c.isdigit() else c for c in raw)


def _keyed_kind(value: str, kind: str | None) -> str | None:
    """The kind of a value under a personal key: what it looks like when it is
    one recognisable value (a WhatsApp `sender` that is a phone number), else
    what the key says; None when the key says nothing, or names a kind made of
    digits and the value has none (an `otp` of "sent", a `phone` of
    "unknown": a status, not the customer's data)."""
    if kind is None:
        return None
    if kind in _DIGIT_KINDS and not any(c.isdigit() for c in plain_value(value)):
        return None
    matches = find_personal(value)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(value.rstrip()):
        return matches[0].kind
    return kind


def _collect_keyed(value: object, kind: str | None, out: dict[str, str]) -> None:
    """Values under personal keys, so they are also replaced where a text repeats them."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != _OUTCOMES:
                _collect_keyed(item, key_kind(key) if key != "text" else None, out)
    elif isinstance(value, list):
        for item in value:
            _collect_keyed(item, kind, out)
    elif kind is not None and isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip()
        kind = _keyed_kind(text, kind)
        if kind is None:
            return
        if len(text) >= 3:
            out[text] = kind
        if kind == "name":
            for word in text.split():
                if len(word) >= 3 and word[0].isupper():
                    out.setdefault(word, kind)
