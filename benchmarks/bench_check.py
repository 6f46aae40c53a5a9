"""How fast `alur check` is, against floors measured in the same run.

    .venv/bin/python benchmarks/bench_check.py [--sizes 200,2000,20000] [--runs 3]

Prints:

- start-up: `alur check` on one small flow, minus `python -c pass` (both as
  fresh processes, best of --runs); target: under 150 ms. And which of
  textual, transitions and jsonschema the check imported (target: none);
- scale: checking generated flows (benchmarks/genflow.py) of each size,
  as a ratio to a bare `yaml.load(text, Loader=yaml.CSafeLoader)` of the
  same file; target: at most 2x at every size. Beside it the ratio to the
  same load with the garbage collector paused (the check pauses it while it
  works, which the bare load does not), and microseconds per state, whose
  growth between the two largest sizes shows the check is linear (target:
  at most 1.5x the parse's growth; the smallest size is dominated by fixed
  costs), compared with how the parse's own time per state grows (a larger
  heap makes every object a little slower, for the parser too). Each
  measure runs in a fresh process, best of --runs;
- yamllint on the same files, when it is installed (not a dependency).

Exits 1 when a target is missed, so CI can run it.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genflow import generate_flow  # noqa: E402
from measure import best_of, run  # noqa: E402

from alur.flows.check import check_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "examples" / "order_status.flow.yaml"
STARTUP_TARGET_MS = 150
RATIO_TARGET = 2.0
GROWTH_TARGET = 1.5
_CHECK = (
    "import sys; from alur.runner.cli import main; code = main(['check', sys.argv[1]]);"
    "sys.stderr.write('\\nimported:' + ','.join(m for m in ('textual', 'transitions', 'jsonschema') if m in sys.modules));"
    "sys.exit(code)"
)


def process_time(args: list[str], runs: int) -> tuple[float, str]:
    """The fastest of `runs` runs of `args`, and what the last one printed on stderr."""
    done = [run(args) for _ in range(runs)]
    return min(d.wall for d in done), done[-1].stderr


def startup(runs: int) -> bool:
    bare, _ = process_time([sys.executable, "-c", "pass"], runs)
    check, stderr = process_time([sys.executable, "-c", _CHECK, str(SMALL)], runs)
    imported = stderr.rpartition("imported:")[2].strip()
    over = (check - bare) * 1000
    print("start-up: alur check on one small flow")
    print(f"  python -c pass        {bare * 1000:8.1f} ms")
    print(f"  alur check            {check * 1000:8.1f} ms   (+{over:.1f} ms; target < {STARTUP_TARGET_MS} ms)")
    print(f"  heavy imports         {imported or 'none'}   (target: none of textual, transitions, jsonschema)")
    return over < STARTUP_TARGET_MS and not imported


_TIMER = """
import gc, sys, time
import yaml
from alur.flows.check import check_file

path, what, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def measure():
    if what == "check":
        check_file(path)
        return
    text = open(path, encoding="utf-8").read()
    if what == "paused":
        gc.disable()
    yaml.load(text, Loader=yaml.CSafeLoader)
    gc.enable()

best = float("inf")
for _ in range(runs):
    began = time.perf_counter()
    measure()
    best = min(best, time.perf_counter() - began)
print(best)
"""


def timed(path: Path, what: str, runs: int) -> float:
    """Best of `runs` timings of `what` on `path`, in a fresh process so that
    one measure's heap does not slow the next one down."""
    done = subprocess.run([sys.executable, "-c", _TIMER, str(path), what, str(runs)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"timing {what} on {path} failed: {done.stderr}")
    return float(done.stdout)


def scale(sizes: list[int], runs: int, folder: Path) -> bool:
    print("\nscale: check of a generated flow vs a bare yaml.load (CSafeLoader) of the same file")
    print(
        f"  {'states':>7} {'MB':>6} {'yaml.load':>10} {'paused':>9} {'check':>9} {'ratio':>6} {'vs paused':>9} {'us/state':>9}"
    )
    ok = True
    per_state = []
    paused_per_state = []
    yamllint = shutil.which("yamllint")
    lint_times = []
    for size in sizes:
        path = folder / f"generated_{size}.flow.yaml"
        text = generate_flow(size, seed=0)
        path.write_text(text, encoding="utf-8")
        result = check_file(path)
        if result.diagnostics:
            raise SystemExit(f"generated flow is not clean: {result.diagnostics[0]}")
        load, paused, check = (timed(path, what, runs) for what in ("load", "paused", "check"))
        ratio = check / load
        per_state.append(check / size * 1e6)
        paused_per_state.append(paused / size * 1e6)
        ok &= ratio <= RATIO_TARGET
        print(
            f"  {size:>7,} {len(text) / 2**20:>6.1f} {load:>9.3f}s {paused:>8.3f}s {check:>8.3f}s {ratio:>5.2f}x {check / paused:>8.2f}x {per_state[-1]:>9.1f}"
        )
        if yamllint:
            lint_times.append(
                (
                    size,
                    best_of(
                        1,
                        functools.partial(subprocess.run, [yamllint, "-d", "relaxed", str(path)], capture_output=True),
                    ),
                )
            )
    mid = -2 if len(sizes) > 1 else -1
    growth = per_state[-1] / per_state[mid]
    parse_growth = paused_per_state[-1] / paused_per_state[mid]
    ok &= growth / parse_growth <= GROWTH_TARGET
    print(f"  target: ratio <= {RATIO_TARGET}x at every size.")
    print(
        f"  from {sizes[mid]:,} to {sizes[-1]:,} states, time per state grows {growth:.2f}x for the check and "
        f"{parse_growth:.2f}x for parsing alone\n  (a bigger heap is slower per object): {growth / parse_growth:.2f}x "
        f"relative (target <= {GROWTH_TARGET}x: the check grows linearly, as parsing does)"
    )
    if lint_times:
        print("\n  yamllint -d relaxed on the same files (YAML style only, no flow semantics):")
        for size, seconds in lint_times:
            print(f"  {size:>7,} {seconds:>9.3f}s")
    else:
        print("\n  yamllint is not installed; not compared")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,20000", help="comma-separated state counts")
    parser.add_argument("--runs", type=int, default=3, help="timings per measure; the best is kept")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    ok = startup(args.runs)
    with tempfile.TemporaryDirectory() as folder:
        ok &= scale(sizes, args.runs, Path(folder))
    print("\nall targets met" if ok else "\nTARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
