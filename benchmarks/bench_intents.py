"""How many turns per second intent matching handles on a realistic flow size.

Generates a flow of 50 intents with 10 examples each (500 examples) from a
vocabulary of Indonesian and English customer-service words, and 20,000
customer turns made from those examples the way customers vary them:
words dropped, reordered, fillers and greetings added, chat slang, typos,
and a share of turns that match nothing. Prints the median of several
timed runs over all turns.

Run with `python benchmarks/bench_intents.py`. The target is more than
20,000 turns/s on one core.
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from alur.flows.nlu import IntentMatcher

INTENTS = 50
EXAMPLES_PER_INTENT = 10
TURNS = 20_000
RUNS = 5
TARGET = 20_000

TOPICS = (
    "pesanan order paket resi kiriman barang produk stok harga ongkir diskon promo voucher kupon "
    "refund retur tukar garansi servis akun password login email nomor alamat rekening saldo "
    "tagihan invoice pembayaran transfer cicilan kartu poin member langganan paket data pulsa "
    "jadwal booking reservasi tiket kursi hotel kamar dokter janji vaksin klaim asuransi polis "
    "delivery shipment package tracking price discount coupon account billing subscription "
    "appointment ticket seat room warranty exchange return balance card points membership"
).split()
VERBS = (
    "cek lacak batalkan ubah ganti tanya minta kirim bayar daftar hapus aktifkan blokir perpanjang "
    "check track cancel change update ask request send pay register delete activate block renew"
).split()
COMMON = "saya mau bisa tolong apakah kapan berapa bagaimana kenapa sudah belum my i want to how when".split()
FILLERS = ["dong", "ya", "kak", "min", "sih", "deh", "please", "pls", "gan"]
GREETINGS = ["halo", "hai", "selamat pagi", "permisi", "hi", "hello"]
SLANG = {"saya": "sy", "belum": "blm", "sudah": "udh", "bisa": "bs", "tidak": "gk", "yang": "yg", "untuk": "utk"}
UNRELATED = "cuaca hari ini cerah sekali|siapa presiden sekarang|wkwkwk|lagi makan siang|random text here|ok sip".split(
    "|"
)


def make_flow(rng: random.Random) -> dict[str, tuple[list[str], list[str]]]:
    intents = {}
    for number in range(INTENTS):
        topic = rng.sample(TOPICS, 3)
        verbs = rng.sample(VERBS, 2)
        examples = set()
        while len(examples) < EXAMPLES_PER_INTENT:
            words = [rng.choice(verbs), *rng.sample(topic, rng.randint(1, 2))]
            words += rng.sample(COMMON, rng.randint(0, 3))
            rng.shuffle(words)
            examples.add(" ".join(words))
        intents[f"intent_{number:02d}"] = (sorted(examples), [])
    return intents


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_turn(example: str, rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(UNRELATED)
    words = example.split()
    if len(words) > 2 and rng.random() < 0.3:
        words.pop(rng.randrange(len(words)))
    if rng.random() < 0.3:
        rng.shuffle(words)
    words = [SLANG.get(w, w) if rng.random() < 0.5 else w for w in words]
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = typo(words[i], rng)
    if rng.random() < 0.4:
        words.append(rng.choice(FILLERS))
    if rng.random() < 0.3:
        words.insert(0, rng.choice(GREETINGS) + ",")
    text = " ".join(words)
    return text.capitalize() + ("?" if rng.random() < 0.3 else "")


def main() -> int:
    rng = random.Random(20250817)
    intents = make_flow(rng)
    examples = [(name, e) for name, (examples, _) in intents.items() for e in examples]
    sources = [rng.choice(examples) for _ in range(TURNS)]
    turns = [make_turn(example, rng) for _, example in sources]

    started = time.perf_counter()
    matcher = IntentMatcher(intents)
    build_ms = (time.perf_counter() - started) * 1000

    rates = []
    for _ in range(RUNS):
        started = time.perf_counter()
        matches = [matcher.match(turn) for turn in turns]
        rates.append(len(turns) / (time.perf_counter() - started))
    rate = statistics.median(rates)
    matched = sum(m is not None for m in matches)
    right = sum(m is not None and m.intent == name for m, (name, _) in zip(matches, sources, strict=True))
    print(f"flow: {INTENTS} intents, {len(examples)} examples; index built in {build_ms:.1f} ms")
    print(
        f"turns: {len(turns)} ({len(set(turns))} distinct); {matched / len(turns):.0%} matched an intent, "
        f"{right / len(turns):.0%} the one they were made from"
    )
    print(f"intent matching: {rate:,.0f} turns/s (median of {RUNS} runs; target > {TARGET:,})")
    return 0 if rate > TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
