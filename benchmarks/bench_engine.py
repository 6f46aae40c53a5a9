"""Engine cost: building the Machine for a large flow, and one turn.

    .venv/bin/python benchmarks/bench_engine.py [--states 2000] [--turns 20000]

Prints, in one run:

- the time to compile a generated flow (one `transitions` Machine plus the
  per-state tables); target: under 0.5 s at 2,000 states;
- the per-turn cost of `Engine.turn` with pre-labelled intents
  (`trust_recorded_intents`, so no text matching), beside its two floors:
  a bare `transitions` trigger on the same Machine, and a bare dict-lookup
  loop over the same routes; target: at most 2x the bare trigger.

Exits 1 when a target is missed, so CI can run it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genflow import generate_flow  # noqa: E402
from measure import best_of  # noqa: E402

from alur.flows.engine import Engine  # noqa: E402
from alur.flows.machine import CompiledFlow  # noqa: E402
from alur.flows.validate import parse_flow  # noqa: E402

BUILD_TARGET_S = 0.5
TURN_TARGET_RATIO = 2.0


def first_outcome(action: str, state: str, routed: tuple[str, ...]) -> str | None:
    """Every action succeeds with the first outcome its state routes on."""
    return routed[0] if routed else None


def script(flow, turns: int) -> list[tuple[str, str]]:
    """A walk of `turns` (state, intent) pairs along intent routes from one
    waiting state to another, so that each turn is exactly one transition,
    as in the bare-trigger floor; restarting when the walk gets stuck."""
    engine = Engine(flow, trust_recorded_intents=True)
    walk: list[tuple[str, str]] = []
    conversation, step = engine.start(ask_outcome=first_outcome)
    position = 0
    while len(walk) < turns:
        state = flow.states[step.state]
        routes = (
            [r for r in state.routes if not r.is_event and r.condition is None and flow.states[r.target].waits]
            if step.waiting
            else []
        )
        if not routes:
            conversation, step = engine.start(ask_outcome=first_outcome)
            continue
        route = routes[position % len(routes)]
        position += 1
        walk.append((step.state, route.trigger))
        step = engine.turn(conversation, "", recorded_intent=route.trigger)
    return walk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=2000)
    parser.add_argument("--turns", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    flow = parse_flow(generate_flow(args.states, seed=0), "generated.flow.yaml")
    build = best_of(3, lambda: CompiledFlow(flow))
    print(f"compile {args.states:,} states: {build * 1000:.0f} ms (target < {BUILD_TARGET_S * 1000:.0f} ms)")

    walk = script(flow, args.turns)
    engine = Engine(flow, trust_recorded_intents=True)
    events = engine.compiled.own_events
    conversation, _ = engine.start(ask_outcome=first_outcome)
    engine_turns = [(state, intent) for state, intent in walk]

    def run_engine() -> None:
        turn = engine.turn
        for state, intent in engine_turns:
            conversation.state = state  # where the walk was; same as set_state on a plain model
            turn(conversation, "", intent)

    class Model:
        state = flow.start
        slots: dict = {}

    model = Model()
    triggers = [(state, events[intent]) for state, intent in walk]

    def run_trigger() -> None:
        for state, event in triggers:
            model.state = state  # put back where the walk was, exactly as run_engine does
            event.trigger(model)

    table = {name: {r.trigger: r.target for r in s.routes} for name, s in flow.states.items()}
    lookups = list(walk)

    def run_dict() -> None:
        current = None
        for state, intent in lookups:
            current = table[state][intent]
        assert current is not None

    n = len(walk)
    per_engine = best_of(args.runs, run_engine) / n * 1e6
    per_trigger = best_of(args.runs, run_trigger) / n * 1e6
    per_dict = best_of(args.runs, run_dict) / n * 1e6
    ratio = per_engine / per_trigger
    print(f"per turn, {n:,} pre-labelled turns (best of {args.runs}):")
    print(
        f"  Engine.turn          {per_engine:8.2f} us  ({ratio:.2f}x the bare trigger; target <= {TURN_TARGET_RATIO:.0f}x)"
    )
    print(f"  transitions trigger  {per_trigger:8.2f} us  (Event.trigger on the same Machine, plain model)")
    print(f"  dict lookup          {per_dict:8.2f} us  (table[state][intent])")
    missed = build > BUILD_TARGET_S or ratio > TURN_TARGET_RATIO
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
