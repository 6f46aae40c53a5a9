"""Coverage for the flow map: what a transcript file's conversations did in
each state when replayed through the flow as it is now.

The replay is the runner's own (`Replayer.trace`, the same detectors and
the same `Coverage` counting as `alur replay --coverage`), so the map and
the report never disagree: `visits` is the report's per-state visit count.
On top, per state, how many conversations got stuck there: a loop found
there, a missing escalation (the customer asked for a human, or was not
understood again and again, and no handoff came), or the conversation's
last state when that state neither ends nor hands over (the customer left).
Textual-free; run in a worker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from alur.designer.engines import engine_for
from alur.flows.model import Flow
from alur.runner.coverage import Coverage
from alur.runner.transcripts import Conversation, read_transcripts


@dataclass(frozen=True, slots=True)
class StateCoverage:
    reached: int = 0  # visits, as `alur replay --coverage` counts them
    looped: int = 0  # conversations with a loop finding in this state
    ignored_handoff: int = 0  # conversations with a missing-escalation finding here
    left: int = 0  # conversations that stopped here without an end or a handoff


@dataclass(slots=True)
class MapCoverage:
    states: dict[str, StateCoverage]
    coverage: Coverage  # the report's own counts (summary, never-taken transitions)
    conversations: int
    skipped: int = 0
    other_flows: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        stuck = sum(1 for seen in self.states.values() if seen.looped or seen.ignored_handoff or seen.left)
        return f"{self.conversations} conversation(s): {self.coverage.summary()}; {stuck} state(s) where customers got stuck"


def map_coverage(flow: Flow, path: Path) -> MapCoverage:
    """Replay every conversation of `path` for this flow and count per state."""
    from alur.runner.replay import ReplayConfig, Replayer

    replayer = Replayer(engine_for(flow), ReplayConfig(coverage=True))
    coverage = Coverage(flow)
    looped: Counter[str] = Counter()
    ignored: Counter[str] = Counter()
    left: Counter[str] = Counter()
    conversations = skipped = other = 0
    errors: list[str] = []
    for item in read_transcripts([str(path)]):
        if not isinstance(item, Conversation):
            skipped += 1
            continue
        if not replayer.for_flow(item):
            other += 1
            continue
        conversations += 1
        result, replayed = replayer.trace(item)
        coverage.record(replayed)
        if result.error:
            errors.append(f"{result.id}: {result.error}")
        for state in {f.state for f in result.findings if f.kind == "loop" and f.state}:
            looped[state] += 1
        for state in {f.state for f in result.findings if f.kind == "missing_escalation" and f.state}:
            ignored[state] += 1
        last = replayed.last_step
        if last is not None and replayed.agent_at is None and last.state in flow.states:
            final = flow.states[last.state]
            if not (final.end or final.escalate):
                left[last.state] += 1
    states = {
        name: StateCoverage(coverage.state_visits[name], looped[name], ignored[name], left[name])
        for name in flow.states
    }
    return MapCoverage(states, coverage, conversations, skipped, other, errors)
