"""The issue's hostile inputs at real size, with time and peak memory.

    python benchmarks/bench_limits.py [--gigabytes 4] [--rounds 3]

Each line is a reproduction from issue 12, run as a user runs it (a fresh
`alur` process, timed from outside by `measure.run`), beside a baseline
measured in the same run:

- a .jsonl.gz holding one line of N GB with no newline, then a normal line
  (`alur audit`), against decompressing the file alone (the floor: the line
  is passed over, so its bytes must at least be decompressed);
- a line of 2,000,000 turns (`alur audit`), skipped by the turn limit;
- a zip holding a chat of N GB (`alur import whatsapp`), refused by the
  import limit, against the 100-message chat it starts with;
- one conversation of 5,000 and 20,000 turns (`alur audit`): the ratio is 4
  when audit is linear, 16 when quadratic (it was 11);
- `alur chat` fed 16,000 turns, with the bounded undo and without it;
- a slot pattern `^(a+)+$` and a 41-character message (`alur replay`), and a
  pattern that `regex` does backtrack on, `^(a|aa)+$`.

Medians of `--rounds` runs are printed; every run is printed too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import Run, alur, run  # noqa: E402

CHUNK = b'{"role":"user","text":"tolong cek pesanan saya"},' * 1400  # ~64 KB, compresses 1000:1


def gzip_bomb(path: Path, gigabytes: float) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        out.write(packer.compress(b'{"id": "bomb", "turns": ['))
        for _ in range(int(gigabytes * (1 << 30) / len(CHUNK))):
            out.write(packer.compress(CHUNK))
        out.write(packer.compress(b'\n{"id": "after", "turns": [{"role": "user", "text": "halo"}]}\n'))
        out.write(packer.flush())


def zip_bomb(path: Path, gigabytes: float) -> None:
    line = b"12/03/24 10.00 - Budi: " + b"mau cek pesanan " * 60 + b"\n"
    block = line * (len(CHUNK) // len(line))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("_chat.txt", "w", force_zip64=True) as member:
            for _ in range(int(gigabytes * (1 << 30) / len(block))):
                member.write(block)


def long_conversation(path: Path, turns: int) -> None:
    """Written in pieces: the benchmark's own memory would otherwise count in
    the peak of every command it starts (a fork carries it until exec)."""
    said = [
        json.dumps({"role": "user", "text": "mau ngomong sama CS aja"}),
        json.dumps({"role": "bot", "text": "Pilih menu: 1. Cek pesanan 2. Refund"}),
    ]
    with path.open("w") as out:
        out.write('{"id": "long", "turns": [')
        for start in range(0, turns, 10_000):
            out.write(
                ",".join(said[i % 2] for i in range(start, min(turns, start + 10_000)))
                + ("," if start + 10_000 < turns else "")
            )
        out.write("]}\n")


def decompress_only(path: Path) -> None:
    unpacker = zlib.decompressobj(31)
    with path.open("rb") as raw:
        while block := raw.read(1 << 20):
            unpacker.decompress(block, 1 << 20)
            while unpacker.unconsumed_tail:
                unpacker.decompress(unpacker.unconsumed_tail, 1 << 20)


FLOW = """alur: 1
flow: kode
start: ask
slots:
  code: {type: regex, pattern: "PATTERN"}
intents:
  human: {handoff: true, examples: ["mau bicara dengan CS"]}
global: {human: agent}
fallback: {max_retries: 1, then: agent}
states:
  ask: {say: "Kirim kode.", collect: code, next: done}
  done: {say: "Diterima.", end: true}
  agent: {say: "Kami hubungkan.", escalate: true}
"""


PING_PONG = """alur: 1
flow: ping_pong
start: a
intents:
  to_a: {examples: ["ke menu a"]}
  to_b: {examples: ["ke menu b"]}
  human: {handoff: true, examples: ["mau bicara dengan CS"]}
global: {human: agent}
fallback: {max_retries: 1, then: agent}
states:
  a: {say: "Menu A.", on: {to_b: b}}
  b: {say: "Menu B.", on: {to_a: a}}
  agent: {say: "Kami hubungkan.", escalate: true}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gigabytes", type=float, default=4.0, help="size of the bomb line and of the zipped chat")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="alur-bench-limits-"))
    rows: list[tuple[str, list[Run] | list[float]]] = []

    def measure(label: str, command: list[str], ok: tuple[int, ...] = (0, 1)) -> None:
        runs = [run(command, ok) for _ in range(args.rounds)]
        rows.append((label, runs))
        median = statistics.median(r.wall for r in runs)
        peak = statistics.median(r.peak_kb for r in runs) / 1024
        print(
            f"{label:<58} {median:8.2f} s {peak:8.0f} MB   runs: {', '.join(f'{r.wall:.2f}' for r in runs)}", flush=True
        )

    print(f"building inputs ({args.gigabytes:g} GB each) in {work} …", flush=True)
    bomb = work / "bomb.jsonl.gz"
    gzip_bomb(bomb, args.gigabytes)
    floor = []
    for _ in range(args.rounds):
        began = time.perf_counter()
        decompress_only(bomb)
        floor.append(time.perf_counter() - began)
    print(
        f"{'floor: decompressing the bomb alone (' + format(bomb.stat().st_size / 2**20, '.1f') + ' MB .gz)':<58} {statistics.median(floor):8.2f} s",
        flush=True,
    )
    measure(
        f"audit: one {args.gigabytes:g} GB line, no newline, in .jsonl.gz",
        alur("audit", str(bomb), "-j", "1", "-o", str(work / "r.txt")),
    )

    turns = work / "turns.jsonl"
    long_conversation(turns, 2_000_000)
    measure(
        f"audit: one line of 2,000,000 turns ({turns.stat().st_size / 2**20:.0f} MB)",
        alur("audit", str(turns), "-j", "1", "-o", str(work / "r.txt")),
        (1, 2),
    )

    chat_zip = work / "chat.zip"
    zip_bomb(chat_zip, args.gigabytes)
    small_zip = work / "small.zip"
    with zipfile.ZipFile(small_zip, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "_chat.txt", "".join(f"12/03/24 10.00 - {'Budi' if i % 2 else 'Toko'}: pesan {i}\n" for i in range(100))
        )
    measure(
        "import whatsapp: baseline, a 100-message chat in a zip",
        alur("import", "whatsapp", str(small_zip), "--bot", "Toko", "-o", str(work / "o.jsonl")),
    )
    measure(
        f"import whatsapp: {args.gigabytes:g} GB chat in a {chat_zip.stat().st_size / 2**20:.1f} MB zip",
        alur("import", "whatsapp", str(chat_zip), "--bot", "Toko", "-o", str(work / "o.jsonl")),
        (2,),
    )

    for count in (5_000, 20_000):
        path = work / f"long{count}.jsonl"
        long_conversation(path, count)
        measure(
            f"audit: one conversation of {count:,} turns",
            alur("audit", str(path), "-j", "1", "-o", str(work / "r.txt")),
        )
    five, twenty = (statistics.median(r.wall for r in rows[-i][1]) for i in (2, 1))  # type: ignore[union-attr]
    print(f"{'ratio 20,000 / 5,000 turns (linear: 4, quadratic: 16)':<58} {twenty / five:8.2f}")

    script = work / "script.txt"
    script.write_text("ke menu b\nke menu a\n" * 8_000)  # every turn moves, so the history grows
    ping_pong = work / "ping_pong.flow.yaml"
    ping_pong.write_text(PING_PONG)
    measure("chat: 16,000 turns, the last 100 kept for :back", alur("chat", str(ping_pong), "--script", str(script)))
    unbounded = "import sys; from alur.runner.commands import chat_cmd; chat_cmd.UNDO_STEPS = None; from alur.runner.cli import main; sys.exit(main(sys.argv[1:]))"
    measure(
        "chat: 16,000 turns, every turn kept (before)",
        [sys.executable, "-c", unbounded, "chat", str(ping_pong), "--script", str(script)],
    )
    flow = work / "kode.flow.yaml"

    message = work / "message.jsonl"
    message.write_text(json.dumps({"id": "m", "turns": [{"role": "user", "text": "a" * 40 + "!"}]}) + "\n")
    for pattern in ("^(a+)+$", "^(a|aa)+$"):
        flow.write_text(FLOW.replace("PATTERN", pattern))
        measure(
            f"replay: slot pattern {pattern}, a 41-character message",
            alur("replay", str(flow), str(message), "-j", "1", "-o", str(work / "r.txt")),
        )


if __name__ == "__main__":
    main()
