"""Transcript stepping: a recorded conversation, turn by turn, on the flow.

The conversation's user turns are re-driven through the flow by the runner's
replay (with the transcript's action outcomes), so each user turn knows the
state the flow reaches and what the bot would say, and the replay's
findings (loops, missing escalations, dead ends) sit at their turns. The
designer then walks the turns back and forth while the flow state follows.
Textual-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alur.designer.engines import engine_for
from alur.flows.engine import Step
from alur.flows.model import Flow
from alur.runner.findings import Finding, SkippedInput
from alur.runner.transcripts import Conversation, read_transcripts


@dataclass(slots=True)
class Stepping:
    """One conversation re-driven through the flow, and where the designer is in it."""

    conversation: Conversation
    opening: Step | None
    steps: dict[int, Step]  # index into conversation.turns of a user turn → the flow's answer
    findings: list[Finding]
    error: str | None = None  # the engine stopped (e.g. an action ran out of outcomes)
    findings_note: str | None = None  # where and why replaying stopped early
    position: int = -1  # index into `user_turns`; -1 is the bot's opening
    user_turns: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.user_turns = [i for i, turn in enumerate(self.conversation.turns) if turn["role"] == "user"]

    @property
    def turn_index(self) -> int | None:
        """The index into `turns` of the user turn the designer is at (None: the opening)."""
        return self.user_turns[self.position] if self.position >= 0 else None

    @property
    def step(self) -> Step | None:
        index = self.turn_index
        return self.opening if index is None else self.steps.get(index)

    def state(self) -> str | None:
        step = self.step
        return step.state if step is not None else None

    def move(self, delta: int) -> bool:
        """Go `delta` user turns forward (or back); False at either end."""
        target = self.position + delta
        if not -1 <= target < len(self.user_turns):
            return False
        self.position = target
        return True

    def go_to_turn(self, index: int) -> None:
        """Stand at the last user turn at or before `turns[index]`."""
        self.position = max((p for p, i in enumerate(self.user_turns) if i <= index), default=-1)

    def findings_at(self, index: int) -> list[Finding]:
        return [finding for finding in self.findings if finding.turn == index]

    def next_finding(self) -> Finding | None:
        """The first finding at or after the current turn, else the first one."""
        here = self.turn_index if self.turn_index is not None else -1
        ahead = [f for f in self.findings if f.turn >= here]
        return (ahead or self.findings or [None])[0]


def read_conversations(path: Path) -> tuple[list[Conversation], list[SkippedInput]]:
    """Every conversation in a transcript file (JSONL, gzip, or `*.test.yaml`),
    and the lines that could not be read."""
    conversations: list[Conversation] = []
    skipped: list[SkippedInput] = []
    for item in read_transcripts([str(path)]):
        (conversations if isinstance(item, Conversation) else skipped).append(item)  # type: ignore[arg-type]
    return conversations, skipped


def step_through(flow: Flow, conversation: Conversation) -> Stepping:
    """Re-drive `conversation`'s user turns through `flow` exactly as `alur
    replay` does, keeping every step and the findings (FlowError when the
    flow cannot run)."""
    from alur.runner.replay import trace_conversation

    result, trace = trace_conversation(engine_for(flow), conversation)
    steps = {turn.index: turn.step for turn in trace.turns}
    note = None
    if trace.agent_at is not None:
        note = f"replay stops at turn {trace.agent_at + 1}: a human agent took over there"
    return Stepping(conversation, trace.opening, steps, list(result.findings), trace.error or result.error, note)


def finding_kinds(flow: Flow, conversations: list[Conversation], limit: int = 500) -> dict[int, list[str]]:
    """For the conversation picker: the kinds of finding each of the first
    `limit` conversations has when replayed (by position in the list), so
    the designer can go straight to the ones that fail."""
    from alur.runner.replay import replay_conversation

    engine = engine_for(flow)
    kinds: dict[int, list[str]] = {}
    for position, conversation in enumerate(conversations[:limit]):
        result = replay_conversation(engine, conversation)
        found = list(dict.fromkeys(finding.kind for finding in result.findings))
        if result.error:
            found.append("error")
        if found:
            kinds[position] = found
    return kinds
