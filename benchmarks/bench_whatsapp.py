"""How fast `alur import whatsapp` reads exports from phones in other languages.

    .venv/bin/python benchmarks/bench_whatsapp.py [--messages 100000] [--runs 3]

Writes the same synthetic customer-service chat (texts, media placeholders,
deleted and edited messages, multi-line messages, notices) as exported by
phones set to Indonesian (Android), French (Android), German (iOS), Arabic
(Android, Arabic-Indic digits and U+200F marks) and Finnish (a colon after
the time), and times the importer on each, in this process, median of
--runs. Prints, per language:

- seconds and microseconds per message;
- the ratio to a floor measured in the same run on the same file: reading
  it, splitting it into lines and matching one compiled date-and-time
  pattern per line, the least any line-based reader does (for information:
  the importer also cleans, folds and classifies every message and builds
  its turn; on a shared machine the floor's few milliseconds are noisy);
- the ratio to the Indonesian export; target: at most 1.5x (the wording of
  32 languages must not make one language much slower than another; text
  outside ASCII costs a little more to clean and fold).

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from alur.runner.importers import whatsapp

LANGUAGE_TARGET = 1.5
_RLM = "\u200f"
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# per language: header(day, month, year, hour, minute, sender), then the
# placeholders and notices its phone writes
LANGUAGES = {
    "id": {
        "header": lambda d, mo, y, h, mi, who: f"{d:02d}/{mo:02d}/{y % 100:02d} {h:02d}.{mi:02d} - {who}: ",
        "media": "<Media tidak disertakan>", "deleted": "Pesan ini dihapus", "edited": " <Pesan ini diedit>",
        "notice": "Kode keamanan Anda dengan Toko Budi telah berubah. Ketuk untuk info selengkapnya.",
    },
    "fr": {
        "header": lambda d, mo, y, h, mi, who: f"{d:02d}/{mo:02d}/{y} à {h:02d}:{mi:02d} - {who}: ",
        "media": "<Médias omis>", "deleted": "Ce message a été supprimé", "edited": " <Ce message a été modifié>",
        "notice": "Votre code de sécurité avec Toko Budi a changé. Appuyez pour en savoir plus.",
    },
    "de": {
        "header": lambda d, mo, y, h, mi, who: f"[{d:02d}.{mo:02d}.{y % 100:02d}, {h:02d}:{mi:02d}:07] {who}: ",
        "media": "\u200eBild weggelassen", "deleted": "\u200eDiese Nachricht wurde gelöscht.",
        "edited": " \u200e<Diese Nachricht wurde bearbeitet.>",
        "notice": "\u200eDeine Sicherheitsnummer für Toko Budi hat sich geändert. Tippe, um mehr zu erfahren.",
    },
    "ar": {
        "header": lambda d, mo, y, h, mi, who: (
            f"{d}{_RLM}/{mo}{_RLM}/{y}، {(h % 12) or 12}:{mi:02d} {'م' if h >= 12 else 'ص'} - {who}: "
        ).translate(_ARABIC_DIGITS),
        "media": "<تم استبعاد الوسائط>", "deleted": "تم حذف هذه الرسالة", "edited": "",
        "notice": "مكالمة صوتية فائتة",
    },
    "fi": {
        "header": lambda d, mo, y, h, mi, who: f"{d:02d}.{mo:02d}.{y % 100:02d} {h:02d}.{mi:02d}.07: {who}: ",
        "media": "<Media jätetty pois>", "deleted": "Tämä viesti poistettiin", "edited": "",
        "notice": "Vastaamaton äänipuhelu",
    },
}  # fmt: skip
TEXTS = ["halo kak, pesanan saya belum sampai", "INV-204981", "oke kak makasih 🙏", "bisa bicara dengan CS?"]
_FLOOR_PATTERN = re.compile(r"\[?\d{1,4}[./-]\s?\d{1,2}[./-]\s?\d{1,4}\.?[,،]?\s*\S{0,8}?\s*\d{1,2}[.:]\d{2}")


def write_export(language: str, messages: int, path: Path) -> None:
    words = LANGUAGES[language]
    rng = random.Random(7)
    lines = []
    for i in range(messages):
        minute = i // 3
        day, hour, mi = 1 + (minute // 1440) % 28, (minute // 60) % 24, minute % 60
        month = 1 + (minute // (1440 * 28)) % 12
        who = rng.choice(["Budi", "Toko Budi", "Toko Budi", "Rina"])
        roll = rng.random()
        head = words["header"](day, month, 2024, hour, mi, who)
        if roll < 0.01:
            lines.append(head + words["notice"])  # as iOS writes them, after a name
        elif roll < 0.1:
            lines.append(head + words["media"])
        elif roll < 0.13:
            lines.append(head + words["deleted"])
        elif roll < 0.18:
            lines.append(head + rng.choice(TEXTS) + words["edited"])
        elif roll < 0.25:
            lines.append(head + "Alamat pengiriman:\nJl. Merdeka 10\nCatatan: titip satpam")
        else:
            lines.append(head + rng.choice(TEXTS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def time_import(path: Path, runs: int) -> tuple[float, int]:
    options = whatsapp.options(argparse.Namespace(bot=["Toko Budi"], agent=["Rina"], split_gap=None, date_order=None))
    times, turns = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        turns = sum(len(item["turns"]) for item in whatsapp.read(path, options) if isinstance(item, dict))
        times.append(time.perf_counter() - start)
    return statistics.median(times), turns


def time_floor(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        text = path.read_text(encoding="utf-8")
        sum(1 for line in text.splitlines() if _FLOOR_PATTERN.match(line))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    missed = False
    baseline = None
    print(f"{args.messages} messages per export, median of {args.runs} runs")
    print(f"{'language':8} {'seconds':>8} {'µs/msg':>7} {'turns':>7} {'x floor':>8} {'x id':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for language in LANGUAGES:
            path = Path(folder) / f"chat_{language}.txt"
            write_export(language, args.messages, path)
            seconds, turns = time_import(path, args.runs)
            floor = time_floor(path, args.runs)
            baseline = baseline or seconds
            to_floor, to_id = seconds / floor, seconds / baseline
            missed |= to_id > LANGUAGE_TARGET
            micro = seconds / args.messages * 1e6
            print(f"{language:8} {seconds:8.2f} {micro:7.1f} {turns:7d} {to_floor:8.1f} {to_id:6.2f}")
    print(f"target: at most {LANGUAGE_TARGET}x the Indonesian export", "(missed)" if missed else "(met)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
