"""A conversation as replayed through a flow (`Trace`), and the settings of a
replay (`ReplayConfig`): what replay's detectors read, in a module of its own
so that the detectors and `replay` (which runs them) both import it and
neither imports the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from alur.flows.engine import Engine, Step
from alur.flows.model import Flow, State
from alur.flows.outcomes import Outcomes
from alur.runner.thresholds import threshold, thresholds_of
from alur.runner.transcripts import Conversation


@dataclass(frozen=True)
class ReplayConfig:
    """Every setting of a replay that is not the engine's. The integer fields
    are thresholds, offered as `--loop-threshold` etc. on the command line and
    as `loop-threshold = 3` under `[tool.alur.replay]` in pyproject.toml.
    Hashable, so that a worker process keeps one replayer per configuration."""

    loop_threshold: int = threshold(
        3,
        2,
        "the bot saying the same thing, or entering the same state, this many times with no progress (no slot filled, no action run on anything new) in between is a loop",
    )
    no_match_threshold: int = threshold(
        3, 1, "this many customer turns in a row that match nothing, with no escalation after, is a missing escalation"
    )
    escalate_within: int = threshold(
        1,
        1,
        "a handoff request must reach an escalate state within this many bot answers (1: the answer to the request itself)",
    )
    excerpt_turns: int = threshold(3, 0, "customer turns shown before each finding in text and Markdown reports")
    disabled: frozenset[str] = frozenset()  # detector codes not to run
    any_flow: bool = False  # replay conversations recorded for another flow too
    fixtures: tuple[tuple[str, Outcomes], ...] = ()  # outcomes for actions a conversation does not give
    coverage: bool = False  # count the states and transitions the conversations exercise
    drift: bool = True  # compare the replayed answers with recorded bot turns
    infer_outcomes: bool = True  # an action with no outcome left takes the one the recorded bot states show
    show_sensitive: bool = False  # collect masked values of failed slot expectations, for the terminal only

    @classmethod
    def thresholds(cls) -> list[tuple[str, int, int, str]]:
        """(name, default, minimum, help) of each integer setting."""
        return thresholds_of(cls)


DEFAULT_CONFIG = ReplayConfig()


@dataclass(frozen=True, slots=True)
class ReplayedTurn:
    """One customer turn as replayed: where it is in the conversation's turns,
    the state it was handled in, and what the engine did with it."""

    index: int
    text: str
    origin: str
    step: Step
    expect: Mapping[str, object] | None = None


class FlowFacts:
    """What detectors need to know about the flow, worked out once per flow."""

    def __init__(self, flow: Flow):
        self.flow = flow
        self.stuck = frozenset(name for name, state in flow.states.items() if not _has_way_out(flow, state))


def _has_way_out(flow: Flow, state: State) -> bool:
    """Whether a non-terminal state can ever lead anywhere else."""
    if state.terminal:
        return True
    if any(route.target != state.name for route in state.routes):
        return True
    if state.next is not None and state.next != state.name:
        return True
    if state.waits:
        if any(route.target != state.name for route in flow.global_routes):
            return True
        then = flow.fallback_for(state).then
        return then is not None and then != state.name
    return False


@dataclass(slots=True)
class Trace:
    """A conversation as replayed: the bot's opening and each customer turn's Step.

    `error` says why replaying stopped early (then `complete` is False);
    `agent_at` is the index of the agent turn that ended the replay, if any;
    `inferred` the action outcomes read off the recorded bot states.
    """

    conversation: Conversation
    engine: Engine
    facts: FlowFacts
    opening: Step | None = None
    turns: list[ReplayedTurn] = field(default_factory=list)
    error: str | None = None
    agent_at: int | None = None
    inferred: list[tuple[int | None, str, str]] = field(
        default_factory=list
    )  # (turn, action, outcome) read off the recording

    @property
    def complete(self) -> bool:
        return self.error is None

    @property
    def first_user_turn(self) -> int:
        """The turn index that findings about the opening point at: the
        first customer turn (the one that met the opening), else 0."""
        for index, turn in enumerate(self.conversation.turns):
            if turn["role"] == "user":
                return index
        return 0

    def steps(self) -> Iterator[tuple[int, Step]]:
        """(turn index, Step) of the opening and of every replayed turn, in order."""
        if self.opening is not None:
            yield self.first_user_turn, self.opening
        for turn in self.turns:
            yield turn.index, turn.step

    @property
    def last_step(self) -> Step | None:
        return self.turns[-1].step if self.turns else self.opening

    def sensitive_values(self) -> tuple[str, ...]:
        """Every value a sensitive slot held during the conversation, for masking."""
        values: dict[str, None] = {}
        for _, step in self.steps():
            for value in self.engine.sensitive_values(step.slots):
                values[value] = None
        return tuple(values)
