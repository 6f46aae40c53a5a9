"""How fast `alur replay` runs, whether it scales over cores, and whether its
memory stays flat.

    python benchmarks/bench_replay.py              # 20,000 conversations, a couple of minutes
    python benchmarks/bench_replay.py --full       # 100,000 conversations (about 1M turns)
    python benchmarks/bench_replay.py --conversations N --keep DIR

The flow is `genflow.generate_flow` (menus with buttons and list messages,
slots of every kind checked by actions, a global handoff, varied
re-prompts). The corpus is made by customers simulated on that flow through
the real engine: they tap buttons, type the button's number or title, write
the intents' phrases with slang added, give slot values inside sentences,
type nonsense, ask for a human; actions return ok, not_found or error.
The bot's answers are recorded with their states, as production logs them.
A pool of distinct conversations is simulated and the corpus drawn from it
with fresh ids (the engine caches no text, so a repeated conversation costs
what a new one does).

Printed, in one run:

- `alur replay --jobs 1` end to end (read, replay through engine and NLU,
  detectors, drift, JSON report written to a file): turns/s over all turns
  of the corpus, and customer turns/s (the turns the engine handles);
- `--jobs 2`, and the speed-up over `--jobs 1`;
- peak memory (max RSS of the replay process) at 10,000 conversations (half
  the corpus when it is smaller than 20,000) and at the full corpus, and the
  growth between them.

Targets (runner issue): >= 20,000 turns/s on one core; `--jobs 2` >= 1.7x
`--jobs 1`; peak memory at 10k vs 100k conversations within 20 %. Exits 1 when a
target is missed, so it can run in CI.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genflow import generate_flow  # noqa: E402
from measure import alur, run  # noqa: E402

from alur.flows.engine import Engine, EngineError  # noqa: E402
from alur.flows.validate import parse_flow  # noqa: E402

TURNS_TARGET = 20_000
SPEEDUP_TARGET = 1.7
GROWTH_TARGET = 0.20

OPENERS = ["halo", "hi", "pagi kak", "min", "selamat siang", "permisi", "halo min, mau tanya"]
SLANG = ["", "", "", " dong", " ya kak", " min", " pls", "!!", " 🙏", " gan"]
NONSENSE = ["asdf", "hmm", "ga ngerti", "???", "apa ini", "kok gitu", "wkwkwk", "terserah", "ok", "bentar"]
HANDOFF = ["mau ngomong sama CS aja", "sambungin ke admin dong", "agent please", "mau sama orang asli", "operator"]
AGENT = ["Halo kak, saya Rina dari tim CS, ada yang bisa dibantu?", "Hi, this is Budi from customer care."]


def _value(rng: random.Random, kind: str) -> str:
    if kind == "regex":
        return f"REF-{rng.randrange(10**6):06d}"
    if kind == "phone":
        return rng.choice(["08", "+628", "628"]) + f"{rng.randrange(1, 9)}{rng.randrange(10**9):09d}"
    if kind == "email":
        return f"{rng.choice(['budi', 'sari', 'andi', 'dewi'])}.{rng.randrange(1000)}@{rng.choice(['gmail.com', 'yahoo.co.id', 'example.com'])}"
    if kind == "number":
        return str(rng.randrange(1, 101))
    return f"{rng.randrange(10**6):06d}"  # otp


def _answer(rng: random.Random, flow, state_name: str) -> str:  # type: ignore[no-untyped-def]
    """What a simulated customer types in a waiting state."""
    state = flow.states[state_name]
    roll = rng.random()
    if roll < 0.04:
        return rng.choice(HANDOFF)
    if roll < 0.10:
        return rng.choice(NONSENSE)
    if state.collect is not None:
        value = _value(rng, flow.slots[state.collect].type)
        return rng.choice([value, value, f"ini {value}", f"nomornya {value} kak", f"{value} ya"])
    buttons = state.buttons
    pick = rng.randrange(len(buttons)) if rng.random() < 0.7 else 0
    button = buttons[pick]
    style = rng.random()
    if style < 0.35:
        return button.title
    if style < 0.55:
        return str(pick + 1)
    intent = flow.intents[button.intent] if button.intent else None
    if intent is not None and intent.examples:
        return rng.choice(intent.examples) + rng.choice(SLANG)
    return button.title


def simulate(engine: Engine, rng: random.Random) -> dict[str, object]:
    """One conversation: the customer's turns and the bot's recorded answers."""
    flow = engine.flow
    actions = {
        f"verify_{k}": [rng.choices(["ok", "not_found", "error"], [85, 12, 3])[0] for _ in range(4)] for k in range(50)
    }
    conversation, step = engine.start(actions=actions)
    turns: list[dict[str, object]] = []
    first = rng.choice(OPENERS) if rng.random() < 0.5 else None
    for _ in range(rng.randrange(3, 9)):
        text = first or _answer(rng, flow, step.state)
        first = None
        try:
            step = engine.turn(conversation, text)
        except EngineError:
            break
        turns.append({"role": "user", "text": text})
        turns += [{"role": "bot", "text": m.text, "state": m.state} for m in step.messages]
        if step.terminal:
            if step.escalated and rng.random() < 0.7:
                turns.append({"role": "agent", "text": rng.choice(AGENT)})
                turns.append({"role": "user", "text": "oke makasih kak"})
            break
    used = {
        name: outcomes[: conversation.used.get(name, 0)]
        for name, outcomes in actions.items()
        if conversation.used.get(name)
    }
    return {"flow": flow.id, "channel": "whatsapp", "turns": turns, "actions": used}


def generate(folder: Path, conversations: int, pool_size: int = 3000, seed: int = 11) -> tuple[Path, Path, int, int]:
    """The flow file and a corpus of `conversations`; returns (flow, corpus, turns, user turns)."""
    text = generate_flow(52, seed=seed)
    flow_path = folder / "bench.flow.yaml"
    flow_path.write_text(text, encoding="utf-8")
    engine = Engine(parse_flow(text, str(flow_path)))
    rng = random.Random(seed)
    pool = [simulate(engine, rng) for _ in range(pool_size)]
    corpus = folder / f"corpus-{conversations}.jsonl"
    turns = users = 0
    with open(corpus, "wb") as out:
        for number in range(conversations):
            record = dict(rng.choice(pool), id=f"c-{number:07d}")
            turns += len(record["turns"])  # type: ignore[arg-type]
            users += sum(1 for t in record["turns"] if t["role"] == "user")  # type: ignore[union-attr,index]
            out.write(orjson.dumps(record) + b"\n")
    return flow_path, corpus, turns, users


def run_replay(flow: Path, corpus: Path, jobs: int, out: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KB, largest process) of `alur replay`, run as users run it."""
    done = run(alur("replay", str(flow), str(corpus), "--format", "json", "--output", str(out), "--jobs", str(jobs)))
    return done.wall, done.peak_kb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=20_000, help="corpus size (default 20,000)")
    parser.add_argument("--full", action="store_true", help="the issue's full size: 100,000 conversations")
    parser.add_argument("--keep", type=Path, help="write the flow and corpora here and keep them")
    options = parser.parse_args()
    size = 100_000 if options.full else options.conversations
    folder = options.keep or Path(tempfile.mkdtemp(prefix="alur-bench-replay-"))
    folder.mkdir(parents=True, exist_ok=True)
    flow, big, turns, users = generate(folder, size)
    small_size = min(10_000, size // 2)  # 10k vs 100k at full size; both past what reports keep in memory
    _, small, _, _ = generate(folder, small_size)
    print(
        f"corpus: {size:,} conversations, {turns:,} turns ({users:,} customer turns), {big.stat().st_size / 1e6:.0f} MB; {os.cpu_count()} cores"
    )

    report = folder / "report.json"
    rates = {}
    for jobs in (1, 2):
        elapsed, rss = run_replay(flow, big, jobs, report)
        rates[jobs] = turns / elapsed
        print(
            f"replay --jobs {jobs}: {turns / elapsed:>10,.0f} turns/s  {users / elapsed:>9,.0f} customer turns/s  {elapsed:6.1f} s  peak {rss / 1024:5.0f} MB"
        )
    speedup = rates[2] / rates[1]
    print(f"speed-up --jobs 2 / --jobs 1: {speedup:.2f} x")

    _, small_rss = run_replay(flow, small, 1, report)
    _, big_rss = run_replay(flow, big, 1, report)
    growth = big_rss / small_rss - 1
    print(
        f"peak memory --jobs 1: {small_size:,} conversations {small_rss / 1024:.0f} MB, {size:,}: {big_rss / 1024:.0f} MB, growth {growth:+.0%}"
    )

    ok = rates[1] >= TURNS_TARGET and speedup >= SPEEDUP_TARGET and growth <= GROWTH_TARGET
    print(
        "targets:",
        "met" if ok else "MISSED",
        f"({rates[1]:,.0f} turns/s on one core >= {TURNS_TARGET:,}; speed-up {speedup:.2f} >= {SPEEDUP_TARGET}; memory growth {growth:+.0%} <= {GROWTH_TARGET:.0%})",
    )
    if not options.keep:
        for path in (flow, big, small, report):
            path.unlink(missing_ok=True)
        folder.rmdir()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
