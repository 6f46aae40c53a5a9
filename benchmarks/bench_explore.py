"""Explore cost: every persona at every waiting state of a generated flow.

    .venv/bin/python benchmarks/bench_explore.py [--states 500] [--seed 0]

Prints the time to reach every waiting state (shortest paths, every routed
action outcome) and play every built-in persona there, judged by replay's
detectors; the persona runs and customer turns played, and persona runs
per second. Target: under 30 s for 500 states on a 2-core machine. Exits 1
when the target is missed, or when the generated flow, which is clean,
shows a trap (a false alarm).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genflow import generate_flow  # noqa: E402

from alur.flows.engine import Engine  # noqa: E402
from alur.flows.validate import parse_flow  # noqa: E402
from alur.runner.explore import explore  # noqa: E402
from alur.runner.explore.personas import load_personas  # noqa: E402

TARGET_S = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    flow = parse_flow(generate_flow(args.states, seed=args.seed), f"generated-{args.states}.flow.yaml")
    personas = load_personas()
    began = time.perf_counter()
    engine = Engine(flow)
    report = explore(engine, personas)
    elapsed = time.perf_counter() - began

    coverage = report.coverage
    traps = len(report.results)
    print(
        f"explore {args.states} states ({coverage.waiting_states} waiting), {len(personas)} personas: {elapsed:.2f} s (target < {TARGET_S:.0f} s)"
    )
    print(f"  states reached {len(coverage.reached)}, explored {len(coverage.explored)}")
    print(f"  persona runs   {coverage.persona_runs:,} ({coverage.persona_runs / elapsed:,.0f} per second)")
    print(f"  customer turns {coverage.customer_turns:,} played by personas")
    print(f"  traps          {traps}")
    if traps:
        print("FAIL: the generated flow is clean; a trap here is a false alarm", file=sys.stderr)
        return 1
    if elapsed > TARGET_S:
        print(f"FAIL: {elapsed:.1f} s is over the {TARGET_S:.0f} s target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
