"""How fast `alur audit` reads, and whether its memory stays flat.

    python benchmarks/bench_audit.py [--conversations 100000] [--runs 3] [--keep DIR]

Generates a corpus of customer-service conversations (Indonesian and English;
templated bot replies with varying details; customers who type order numbers,
cities, products and amounts, so that most of their longer messages are
unique; about one conversation in seven with a failure audit reports), then
prints, in the same run:

- the floor: a bare orjson read and dict loop over the same file, turns/s;
- `alur audit` with all cores, `--jobs 2` and `--jobs 1`, run as users run it
  (the console command, text report written to a file), and once more with
  the JSON report (which masks every conversation id): turns/s, ratio to
  the floor, CPU seconds;
- the speed-up of `--jobs 2` over `--jobs 1`: the median of each round's
  ratio (the two run back to back), beside the ratio of the medians;
- peak memory (max RSS) at a tenth of the corpus and at the full corpus.

Speeds are medians of `--runs` rounds (default 3), each round measuring the
floor and all four audits, with every run's seconds printed beside them.

Targets (from the runner issue): audit >= 1/3 of the floor's turns/s;
`--jobs 2` >= 1.7x `--jobs 1`; peak memory at 10k vs 100k within 20 %.
The script exits 1 when a target is missed, so it can run in CI.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import alur, run  # noqa: E402

ORDER_BOT = [
    ("Halo! Ada yang bisa kami bantu? Ketik 1 untuk cek pesanan, 2 untuk pembayaran, 3 untuk lainnya.", "greet"),
    ("Hi! How can we help? Type 1 to track an order, 2 for payments, 3 for anything else.", "greet"),
]
ASK_ORDER = [
    ("Silakan kirim nomor pesanan Anda (contoh: INV-123456).", "ask_order_id"),
    ("Please send your order number (for example INV-123456).", "ask_order_id"),
]
STATUS = [
    "Pesanan {order} sedang dikirim dengan {courier}, estimasi tiba {day}.",
    "Order {order} is on its way with {courier}, expected on {day}.",
    "Pesanan {order} sudah diterima oleh {name} pada {day}.",
]
ANYTHING_ELSE = [
    ("Ada lagi yang bisa kami bantu?", "anything_else"),
    ("Is there anything else I can help with?", "anything_else"),
]
BYE = [("Terima kasih sudah menghubungi kami!", "done"), ("Thanks for contacting us, have a nice day!", "done")]
NOT_UNDERSTOOD = [
    ("Maaf, saya tidak mengerti. Silakan pilih menu 1, 2 atau 3.", "fallback"),
    ("Sorry, I didn't get that. Please choose 1, 2 or 3.", "fallback"),
]
HANDOFF_SAY = [
    ("Mohon tunggu, kami hubungkan dengan agen kami.", "handoff"),
    ("Please wait, connecting you to an agent.", "handoff"),
]
OTP_ASK = [
    ("Masukkan kode OTP yang kami kirim ke nomor Anda.", "ask_otp"),
    ("Enter the OTP we sent to your phone.", "ask_otp"),
]
OTP_WRONG = [("Kode OTP salah.", "otp_wrong"), ("That code is not right.", "otp_wrong")]
OTP_OK = [("Terverifikasi. Saldo Anda Rp {amount}.", "balance"), ("Verified. Your balance is Rp {amount}.", "balance")]

OPENERS = [
    "halo",
    "hi",
    "pagi kak",
    "selamat siang",
    "hello",
    "permisi",
    "halo min",
    "good evening",
    "siang kak",
    "assalamualaikum",
    "hai",
]
ASK_STATUS = [
    "mau cek pesanan {order}",
    "pesanan saya belum sampai, no {order}",
    "where is my order {order}",
    "paket {product} saya kok lama ya kak",
    "pesanan sy blm dateng dari {day}",
    "can you check my delivery please, it's {order}",
    "status order {order} gimana",
    "barang {product} belum sampai padahal udah {n} hari",
    "I ordered a {product} on {day} and it hasn't arrived",
]
FAQ = [
    ("jam buka toko {city} sampai jam berapa?", "Toko {city} buka setiap hari pukul 09.00-21.00."),
    ("ongkir ke {city} berapa?", "Ongkos kirim ke {city} mulai Rp {amount}."),
    ("do you ship to {city}?", "Yes, we ship to {city}; delivery takes {n} days."),
    ("ada promo {product} ga?", "Promo {product} diskon {n}% sampai {day}."),
    ("bisa bayar pakai {bank}?", "Bisa, pembayaran dengan {bank} tersedia di halaman checkout."),
]
FREE_TEXT = [
    "saya mau refund {product} yang kemarin",
    "kenapa ongkirnya mahal banget ke {city}",
    "bisa ganti alamat pengiriman ke {city}?",
    "I want to change my delivery address to {city}",
    "ini kok tidak bisa bayar pakai {bank}",
    "voucher {code} saya tidak bisa dipakai",
    "barangnya rusak pas sampai, {product} nya pecah",
    "the {product} I got is broken",
    "kapan promo {product} lagi?",
]
THANKS = ["ok makasih", "terima kasih kak", "thanks!", "sip", "ok noted, thank you", "mantap, makasih min", "oke kak"]
HANDOFF = [
    "mau bicara dengan CS",
    "agent please",
    "sambungkan ke agen dong",
    "can I talk to a real person?",
    "minta nomor CS nya kak",
    "mau ngomong sama orang aja",
]
FRUSTRATED = [
    "kecewa banget sama pelayanannya",
    "this is useless",
    "ga ngerti deh, ribet",
    "komplain aja lah, udah {n} hari",
    "worst service ever",
]
AGENT = [
    "Halo kak, saya {name} dari tim CS, ada yang bisa dibantu?",
    "Hi, this is {name} from customer care. Let me check that for you.",
]
PRODUCTS = [
    "sepatu lari",
    "kaos polos",
    "headset bluetooth",
    "rice cooker",
    "blender",
    "tas ransel",
    "phone case",
    "smartwatch",
    "kipas angin",
    "meja lipat",
    "powerbank",
    "jaket hujan",
    "sprei katun",
    "mouse wireless",
    "kompor listrik",
    "botol minum",
]
CITIES = [
    "Jakarta",
    "Bandung",
    "Surabaya",
    "Medan",
    "Makassar",
    "Semarang",
    "Yogyakarta",
    "Denpasar",
    "Palembang",
    "Bogor",
    "Malang",
]
COURIERS = ["JNE", "J&T", "SiCepat", "AnterAja", "Pos Indonesia"]
NAMES = ["Rina", "Budi", "Sari", "Andi", "Dewi", "Agus", "Maya", "Tono"]
BANKS = ["BCA", "Mandiri", "BRI", "BNI", "GoPay", "OVO"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "12 Mei", "3 Juni", "tomorrow", "Friday", "kemarin"]


def _fill(rng: random.Random, text: str) -> str:
    return text.format(
        order=f"INV-{rng.randrange(10**6):06d}",
        courier=rng.choice(COURIERS),
        day=rng.choice(DAYS),
        name=rng.choice(NAMES),
        product=rng.choice(PRODUCTS),
        bank=rng.choice(BANKS),
        city=rng.choice(CITIES),
        amount=f"{rng.randrange(10, 9000)}.{rng.randrange(1000):03d}",
        n=rng.randrange(2, 15),
        code=f"{rng.choice(['HEMAT', 'PROMO', 'GRATIS'])}{rng.randrange(100)}",
    )


class _Conversation:
    def __init__(self, rng: random.Random, number: int):
        self.rng = rng
        self.number = number
        self.turns: list[dict[str, str]] = []
        self.en = rng.random() < 0.4

    def pick(self, options: list) -> object:
        return options[1] if self.en and len(options) > 1 else options[0]

    def user(self, options: list[str]) -> None:
        text = _fill(self.rng, self.rng.choice(options))
        if self.rng.random() < 0.15:
            text += self.rng.choice([" 🙏", " ya", "!!", " kak", " please", "?"])
        self.turns.append({"role": "user", "text": text})

    def bot(self, options: list[tuple[str, str]]) -> None:
        text, state = self.pick(options)  # type: ignore[misc]
        self.turns.append({"role": "bot", "text": _fill(self.rng, text), "state": state})

    def bot_text(self, options: list[str], state: str) -> None:
        self.turns.append({"role": "bot", "text": _fill(self.rng, self.rng.choice(options)), "state": state})

    def agent(self) -> None:
        self.turns.append({"role": "agent", "text": _fill(self.rng, self.rng.choice(AGENT))})

    def record(self) -> bytes:
        channel = self.rng.choice(["whatsapp", "whatsapp", "webchat", "sms"])
        return (
            orjson.dumps(
                {"id": f"c-{self.number:07d}", "flow": "order_status", "channel": channel, "turns": self.turns}
            )
            + b"\n"
        )


def conversation(rng: random.Random, number: int) -> bytes:
    """One conversation. The mix is that of a busy shop's WhatsApp bot: most
    conversations are routine (order status, a quick question), and about one
    in seven shows a failure audit reports (menus that do not understand,
    requests for a human that nobody answers, customers who leave upset)."""
    c = _Conversation(rng, number)
    c.user(OPENERS)
    c.bot(ORDER_BOT)
    kind = rng.random()
    if kind < 0.50:  # resolved order question
        c.user(ASK_STATUS)
        if rng.random() < 0.5:
            c.bot(ASK_ORDER)
            c.user(
                [
                    f"INV-{rng.randrange(10**6):06d}",
                    f"nomornya INV-{rng.randrange(10**6):06d} kak",
                    f"it's INV-{rng.randrange(10**6):06d}",
                ]
            )
        c.bot_text(STATUS, "tell_status")
        c.user(THANKS)
        c.bot(ANYTHING_ELSE)
        c.user(["tidak, itu saja", "no that's all", "udah cukup", "itu aja kak"])
        c.bot(BYE)
    elif kind < 0.70:  # quick questions answered
        for _ in range(rng.randrange(1, 4)):
            question, answer = rng.choice(FAQ)
            c.turns.append({"role": "user", "text": _fill(rng, question)})
            c.bot_text([answer], "faq")
        c.user(THANKS)
        c.bot(BYE)
    elif kind < 0.78:  # OTP: wrong once or twice, then right
        c.user(["cek saldo", "check my balance", "mau lihat saldo"])
        c.bot(OTP_ASK)
        for _ in range(rng.randrange(1, 3)):
            c.user([f"{rng.randrange(10**6):06d}"])
            c.bot(OTP_WRONG)
            c.bot(OTP_ASK)
        c.user([f"{rng.randrange(10**6):06d}"])
        c.bot_text([OTP_OK[1 if c.en else 0][0]], "balance")
        c.user(THANKS)
        c.bot(BYE)
    elif kind < 0.85:  # free text the menu does not understand
        for _ in range(rng.randrange(2, 5)):
            c.user(FREE_TEXT)
            c.bot(NOT_UNDERSTOOD)
        c.user(FRUSTRATED if rng.random() < 0.5 else THANKS)
    elif kind < 0.95:  # asks for a human, an agent comes
        c.user(FREE_TEXT)
        c.bot(NOT_UNDERSTOOD)
        c.user(HANDOFF)
        c.bot(HANDOFF_SAY)
        c.agent()
        c.user(FREE_TEXT)
        c.agent()
        c.user(THANKS)
    else:  # asks for a human, nobody comes
        c.user(HANDOFF)
        c.bot(ORDER_BOT)
        c.user(HANDOFF)
        c.bot(ORDER_BOT)
        c.user(FRUSTRATED)
    return c.record()


def generate(path: Path, conversations: int, seed: int = 7) -> int:
    """Writes the corpus; returns its number of turns."""
    rng = random.Random(seed)
    turns = 0
    with open(path, "wb") as out:
        for number in range(conversations):
            line = conversation(rng, number)
            turns += line.count(b'"role":')
            out.write(line)
    return turns


def floor(path: Path) -> tuple[int, float]:
    """A bare orjson read and dict loop: the fastest any Python reader could go."""
    start = time.perf_counter()
    turns = 0
    with open(path, "rb") as handle:
        for line in handle:
            record = orjson.loads(line)
            for turn in record["turns"]:
                if turn["role"] and turn["text"]:
                    turns += 1
    return turns, time.perf_counter() - start


def run_audit(path: Path, jobs: int | None, out: Path, fmt: str = "text") -> tuple[float, float, int]:
    """Wall time, CPU time (all its processes) and peak RSS (KB, largest
    process) of `alur audit` on `path`, as a user runs it."""
    command = alur("audit", str(path), "--format", fmt, "--output", str(out))
    done = run(command if jobs is None else [*command, "--jobs", str(jobs)])
    return done.wall, done.cpu, done.peak_kb


CONFIGURATIONS = (
    ("all cores", None, "text"),
    ("--jobs 2", 2, "text"),
    ("--jobs 1", 1, "text"),
    ("all cores json", None, "json"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument(
        "--runs", type=int, default=3, help="rounds of every measurement; medians are compared (default 3)"
    )
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="alur-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    big, small = folder / "corpus-full.jsonl", folder / "corpus-tenth.jsonl"
    turns = generate(big, options.conversations)
    generate(small, options.conversations // 10)
    print(
        f"corpus: {options.conversations:,} conversations, {turns:,} turns, {big.stat().st_size / 1e6:.0f} MB  ({os.cpu_count()} cores)"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f} (other work on the machine skews every number below)")

    floor(big)  # warm the page cache
    report = folder / "report.out"
    # Rounds interleave the floor and every configuration, so that a busy
    # spell on a shared machine slows all of them rather than one.
    floors: list[float] = []
    runs: dict[str, list[tuple[float, float, int]]] = {label: [] for label, _, _ in CONFIGURATIONS}
    for _ in range(options.runs):
        floor_turns, floor_time = floor(big)
        floors.append(floor_time)
        for label, jobs, fmt in CONFIGURATIONS:
            runs[label].append(run_audit(big, jobs, report, fmt))
    floor_rate = floor_turns / statistics.median(floors)
    print(f"floor (orjson + dict loop):       {floor_rate:>12,.0f} turns/s   runs {_seconds(floors)}")
    rate = {}
    for label, _, _ in CONFIGURATIONS:
        elapsed = [run[0] for run in runs[label]]
        rate[label] = turns / statistics.median(elapsed)
        cpu = statistics.median(run[1] for run in runs[label])
        rss = max(run[2] for run in runs[label])
        print(
            f"audit {label:<15}             {rate[label]:>12,.0f} turns/s  {rate[label] / floor_rate:5.2f} x floor"
            f"  cpu {cpu:5.1f} s  peak {rss / 1024:4.0f} MB   runs {_seconds(elapsed)}"
        )
    # Each round runs --jobs 2 and --jobs 1 back to back: the ratio within a
    # round holds when the machine's speed drifts between rounds.
    paired = [one[0] / two[0] for two, one in zip(runs["--jobs 2"], runs["--jobs 1"], strict=True)]
    speedup = statistics.median(paired)
    print(
        f"speed-up --jobs 2 / --jobs 1:      {speedup:12.2f} x  (median of rounds: {' '.join(f'{r:.2f}' for r in paired)};"
        f" ratio of medians {rate['--jobs 2'] / rate['--jobs 1']:.2f})"
    )

    ok = True
    for label, jobs in (("--jobs 1", 1), ("all cores", None)):
        _, _, small_rss = run_audit(small, jobs, report)
        _, _, big_rss = run_audit(big, jobs, report)
        growth = big_rss / small_rss - 1
        print(
            f"peak memory {label:<10} {options.conversations // 10:>7,}: {small_rss / 1024:5.0f} MB  {options.conversations:>7,}: {big_rss / 1024:5.0f} MB  growth {growth:+.0%}"
        )
        ok &= growth <= 0.20
    ratio = rate["all cores"] / floor_rate
    ok &= ratio >= 1 / 3 and speedup >= 1.7
    print(
        "targets:",
        "met" if ok else "MISSED",
        f"(audit {ratio:.2f} x floor >= 0.33, speed-up {speedup:.2f} >= 1.7, memory growth <= 20 %)",
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if not options.keep:
        for path in (big, small, report):
            path.unlink(missing_ok=True)
        folder.rmdir()
    return 0 if ok else 1


def _seconds(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times) + " s"


if __name__ == "__main__":
    sys.exit(main())
