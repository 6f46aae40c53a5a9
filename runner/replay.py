"""`alur replay`: recorded or hand-written conversations re-driven through a
flow as it is written today, and what went wrong in them.

Only the customer's turns are replayed, in order, through the `Engine`; the
bot's answers come from the flow. Action outcomes come from the
conversation's `actions` map, completed by `--actions FILE` for actions the
conversation does not mention, then, for an action with none left, read off
the bot states the recording carries (`alur.runner.inference`; the report
counts them). Replaying one conversation stops:

- at the first `agent` turn of a recording: from there the customer talks
  to a person, and what they say is not for the bot;
- when the flow reaches a terminal state (an escalation or an end); later
  customer turns are not replayed, except turns of a test conversation that
  carry an `expect`, which are checked against the ended conversation;
- when the engine cannot go on (an action with no outcome left, a cycle of
  states that never wait, a failing NLU plug-in): the conversation's status
  is "error" with a message naming the action and turn, and the run goes on
  with the next conversation.

`trace_conversation` gives the engine's `Step` for every replayed turn (the
designer steps through them); `replay_conversation` only the result. The
detectors (`alur.runner.detectors`) judge the trace; findings are masked
(personal data, values of sensitive slots) and given an excerpt of the
conversation as replayed here, before they leave this module.

The unit of work for large corpora is `replay_shard(shard, job)`: one shard
of JSONL in, one partial `ReplayReport` out; partial reports merge in input
order. A worker process builds the Engine once per flow (`replayer_for`).
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from alur.flows.config import NluFiles
from alur.flows.engine import ActionOutcomeError, Engine, EngineError
from alur.flows.model import Flow
from alur.flows.outcomes import Outcomes
from alur.runner.budget import ConversationClock, OverBudget
from alur.runner.coverage import Coverage
from alur.runner.detectors import DETECTORS
from alur.runner.detectors.expectation import hidden_differences
from alur.runner.drift import Drift
from alur.runner.findings import (
    ConversationResult,
    ExcerptTurn,
    Finding,
    Report,
    SkippedInput,
)
from alur.runner.inference import OutcomeInference
from alur.runner.privacy import mask_text
from alur.runner.reports.sections import Section, sections_dict
from alur.runner.trace import (
    DEFAULT_CONFIG,
    FlowFacts,
    ReplayConfig,
    ReplayedTurn,
    Trace,
)
from alur.runner.transcripts import Conversation, Shard, parse_shard, read_test_yaml

__all__ = [
    "DEFAULT_CONFIG",
    "FlowFacts",
    "ReplayConfig",
    "ReplayedTurn",
    "Replayer",
    "Trace",
    "replay_conversation",
    "trace_conversation",
]


def _outcomes(conversation: Conversation, fixtures: tuple[tuple[str, Outcomes], ...]) -> Mapping[str, object]:
    """The conversation's own action outcomes, completed by the fixtures."""
    if not fixtures:
        return conversation.actions
    merged: dict[str, object] = dict(fixtures)
    merged.update(conversation.actions)
    return merged


def _outcome_error(error: ActionOutcomeError, index: int | None, infer: OutcomeInference | None) -> str:
    """The engine's message, with the turn numbered as reports number turns
    (the index into the conversation's turns, not a count of customer turns),
    and, when the recording has bot states, that none of them shows it."""
    when = "while the bot opened the conversation" if index is None else f"at turn {index}"
    had = error.had + (" and no recorded bot state is one its outcomes lead to" if infer else "")
    options = f"; the flow routes on: {', '.join(error.routed)}" if error.routed else ""
    return (
        f"action {error.action!r} (state {error.state!r}) ran {when} and {had}; add outcomes "
        f"to the conversation's `actions` or to --actions FILE, {error.always}{options}"
    )


def _engine_error(error: EngineError, index: int | None, infer: OutcomeInference | None = None) -> str:
    if isinstance(error, ActionOutcomeError):
        return _outcome_error(error, index, infer)
    where = "while the bot opened the conversation" if index is None else f"at turn {index}"
    return f"{where}: {error}"


def trace(
    engine: Engine,
    conversation: Conversation,
    fixtures: tuple[tuple[str, Outcomes], ...] = (),
    facts: FlowFacts | None = None,
    infer_outcomes: bool = True,
) -> Trace:
    """Replay one conversation's customer turns through `engine`. An action
    with no outcome given (or none left) takes the one the recorded bot
    states show, when the recording has them (`alur.runner.inference`)."""
    result = Trace(conversation, engine, facts or facts_for(engine.flow))
    infer = OutcomeInference(engine.flow, conversation.turns) if infer_outcomes else None
    result.inferred = infer.inferred if infer else []
    try:
        handle, step = engine.start(actions=_outcomes(conversation, fixtures), ask_outcome=infer or None)
    except EngineError as error:
        result.error = _engine_error(error, None, infer)
        return result
    result.opening = step
    trust = engine.trust_recorded_intents
    turns = result.turns
    for index, turn in enumerate(conversation.turns):
        role = turn["role"]
        if role != "user":
            if role == "agent":
                result.agent_at = index
                break
            continue
        expect = turn.get("expect")
        if step.terminal and expect is None:
            continue  # the bot is done; only a test turn's expectation is still checked
        origin = step.state
        if infer:
            infer.at(index)
        try:
            step = engine.turn(handle, turn["text"], turn.get("intent") if trust else None)
        except EngineError as error:
            result.error = _engine_error(error, index, infer)
            break
        turns.append(ReplayedTurn(index, turn["text"], origin, step, expect))
    return result


_facts: OrderedDict[int, tuple[Flow, FlowFacts]] = OrderedDict()
_facts_lock = threading.Lock()


def facts_for(flow: Flow) -> FlowFacts:
    """The FlowFacts of `flow`, worked out once per flow object per process."""
    with _facts_lock:
        entry = _facts.get(id(flow))
        if entry is not None and entry[0] is flow:
            return entry[1]
    facts = FlowFacts(flow)
    with _facts_lock:
        _facts[id(flow)] = (flow, facts)
        while len(_facts) > 16:
            _facts.popitem(last=False)
    return facts


# --------------------------------------------------------------------------- results


class Replayer:
    """Replays conversations through one engine with one configuration."""

    def __init__(self, engine: Engine, config: ReplayConfig = DEFAULT_CONFIG):
        disabled = {DETECTORS.get(code).code for code in config.disabled}  # UnknownDetector names a bad code
        self.engine = engine
        self.config = config
        self.facts = facts_for(engine.flow)
        self.detectors = [cls(config) for code, cls in DETECTORS.items() if code not in disabled]

    @property
    def flow(self) -> Flow:
        return self.engine.flow

    def trace(self, conversation: Conversation) -> tuple[ConversationResult, Trace]:
        """The result of one conversation and the trace it was judged on."""
        replayed = trace(self.engine, conversation, self.config.fixtures, self.facts, self.config.infer_outcomes)
        findings = [finding for detector in self.detectors for finding in detector.check(replayed)]
        error = replayed.error
        if findings or error is not None:
            secrets = replayed.sensitive_values()
            findings.sort(key=lambda f: f.turn)
            findings = [self._shown(f, replayed, secrets) for f in findings]
            if error is not None:
                error = mask_text(error, secrets=secrets)
        # everything a report prints is masked here, in the worker: reports need not mask again
        return ConversationResult(
            mask_text(conversation.id), findings, conversation.source, error, masked=True
        ), replayed

    def replay(self, conversation: Conversation) -> ConversationResult:
        return self.trace(conversation)[0]

    def _shown(self, finding: Finding, replayed: Trace, secrets: tuple[str, ...]) -> Finding:
        """The finding as reports show it: masked, with its excerpt."""
        return Finding(
            finding.kind,
            finding.turn,
            finding.state,
            mask_text(finding.message, secrets=secrets),
            excerpt(replayed, finding.turn, self.config.excerpt_turns, secrets),
        )

    def for_flow(self, conversation: Conversation) -> bool:
        """Whether `conversation` is for this flow (or says for none)."""
        return self.config.any_flow or conversation.flow is None or conversation.flow == self.flow.id

    def run(self, items: Iterable[Conversation | SkippedInput]) -> ReplayReport:
        """Replay every conversation of `items` into one report."""
        config = self.config
        report = ReplayReport(
            self.flow.id,
            coverage=Coverage(self.flow) if config.coverage else None,
            drift=Drift() if config.drift else None,
        )
        results = report.results
        coverage, drift = report.coverage, report.drift
        with ConversationClock() as clock:
            for item in items:
                if not isinstance(item, Conversation):
                    report.skipped.append(item)
                    continue
                if not self.for_flow(item):
                    report.other_flows[item.flow] += 1  # type: ignore[index]
                    continue
                try:
                    result, replayed = clock.run(self.trace, item)
                except OverBudget as error:
                    report.skipped.append(SkippedInput(item.source, str(error)))
                    continue
                results.append(result)
                report.inferred.update(f"{action}={outcome}" for _, action, outcome in replayed.inferred)
                if config.show_sensitive:
                    report.revealed.extend(_revealed(replayed))
                if coverage is not None:
                    coverage.record(replayed)
                if drift is not None:
                    drift.record(replayed)
        return report


def _revealed(replayed: Trace) -> Iterator[str]:
    """The unmasked values of the conversation's failed expectations on
    masked slots, one line each, for `--show-sensitive`."""
    conversation = replayed.conversation
    for turn, slot, expected, held in hidden_differences(replayed):
        line = conversation.turns[turn].get("line")
        where = f"line {line}" if line is not None else f"turn {turn}"
        yield f"{conversation.source} ({conversation.id}, {where}): slot {slot} expected {expected}, holds {held}"


def excerpt(replayed: Trace, turn: int, before: int, secrets: tuple[str, ...]) -> tuple[ExcerptTurn, ...]:
    """The conversation as replayed around `turn`, the customer turn a finding
    is about: up to `before` customer turns before it and the turn itself,
    each followed by what the bot (the flow as written today) answered, and
    the bot's opening first when the excerpt reaches back to the first
    customer turn; masked.

    Numbered as `alur audit` numbers its excerpts, so that a reader finds each
    line in the transcript: a customer turn carries its index in the
    conversation's `turns` (what a finding's `turn` counts, contract §4; for
    explore, the generated conversation's). The bot lines are the replay's
    own, not in the transcript (or in place of the recorded bot turns), so
    they carry no index (`None`, printed as `·`) and sit directly under the
    customer turn they answer. Reports mark with `>` the one line whose index
    is `turn`: the finding's customer turn, shown even when the replay did
    not get to it (an agent took over first, or the engine stopped there)."""
    shown: list[ExcerptTurn] = []
    upto = [t for t in replayed.turns if t.index <= turn]
    window = upto[-(before + 1) :]
    previous = _last_said(replayed, len(upto) - len(window))  # what the first customer turn shown answers
    if replayed.opening is not None and (not window or window[0] is replayed.turns[0]):
        # the excerpt starts at the beginning: show what the bot opened with
        for message in replayed.opening.messages:
            shown.append(ExcerptTurn(None, "bot", mask_text(message.text, secrets=secrets)))
            previous = message.text
    for item in window:
        shown.append(ExcerptTurn(item.index, "user", mask_text(item.text, reply_to=previous, secrets=secrets)))
        for message in item.step.messages:
            shown.append(ExcerptTurn(None, "bot", mask_text(message.text, secrets=secrets)))
            previous = message.text
    if not window or window[-1].index != turn:
        unreplayed = _user_turn(replayed.conversation, turn)
        if unreplayed is not None:
            shown.append(ExcerptTurn(turn, "user", mask_text(unreplayed, reply_to=previous, secrets=secrets)))
    return tuple(shown)


def _user_turn(conversation: Conversation, index: int) -> str | None:
    """The text of the conversation's turn `index` if it is a customer's."""
    turns = conversation.turns
    if 0 <= index < len(turns) and turns[index]["role"] == "user":
        return turns[index]["text"]
    return None


def _last_said(replayed: Trace, position: int) -> str | None:
    """The last thing the bot said before the `position`th replayed turn."""
    for item in reversed(replayed.turns[:position]):
        if item.step.messages:
            return item.step.messages[-1].text
    if replayed.opening is not None and replayed.opening.messages:
        return replayed.opening.messages[-1].text
    return None


def replay_conversation(
    engine: Engine, conversation: Conversation, config: ReplayConfig = DEFAULT_CONFIG
) -> ConversationResult:
    """The findings of one conversation replayed through `engine` (contract §4)."""
    return replayer_for_engine(engine, config).replay(conversation)


def trace_conversation(
    engine: Engine, conversation: Conversation, config: ReplayConfig = DEFAULT_CONFIG
) -> tuple[ConversationResult, Trace]:
    """As `replay_conversation`, with the trace: the opening Step and the Step
    of every replayed customer turn (for stepping through a conversation)."""
    return replayer_for_engine(engine, config).trace(conversation)


_replayers: OrderedDict[tuple[int, ReplayConfig], tuple[Engine, Replayer]] = OrderedDict()
_replayers_lock = threading.Lock()


def replayer_for_engine(engine: Engine, config: ReplayConfig = DEFAULT_CONFIG) -> Replayer:
    """One Replayer per engine and configuration, kept for the last few."""
    key = (id(engine), config)
    with _replayers_lock:
        entry = _replayers.get(key)
        if entry is not None and entry[0] is engine:
            return entry[1]
    replayer = Replayer(engine, config)
    with _replayers_lock:
        _replayers[key] = (engine, replayer)
        while len(_replayers) > 16:
            _replayers.popitem(last=False)
    return replayer


# --------------------------------------------------------------------------- reports


@dataclass(slots=True)
class ReplayReport(Report):
    """A replay's report: the findings of contract §4; the conversations not
    replayed because they are for another flow (counted per flow, not
    listed: a folder of another flow's transcripts is one note, not
    thousands); the action outcomes inferred from recorded bot states,
    counted per action and outcome; and, when asked for, the coverage of the flow and the drift
    from the recorded bot."""

    other_flows: Counter[str] = field(default_factory=Counter)
    inferred: Counter[str] = field(default_factory=Counter)  # "action=outcome" read off recorded bot states
    revealed: list[str] = field(default_factory=list)  # --show-sensitive: for the terminal, in no format or section
    coverage: Coverage | None = None
    drift: Drift | None = None

    def merge(self, other: Report) -> ReplayReport:
        merged = ReplayReport(
            self.flow if self.flow is not None else other.flow,
            self.results + other.results,
            self.skipped + other.skipped,
        )
        merged.add_extras(self)
        merged.add_extras(other)
        return merged

    def add_extras(self, other: Report) -> None:
        """Adds what `other` has beyond results and skipped input (in place)."""
        if isinstance(other, ReplayReport):
            self.other_flows.update(other.other_flows)
            self.inferred.update(other.inferred)
            self.revealed.extend(other.revealed)
            self.coverage = _merged(self.coverage, other.coverage)
            self.drift = _merged(self.drift, other.drift)

    def sections(self) -> list[Section]:
        """What the report says beyond contract §4, in every format: the
        conversations recorded for other flows, the drift, the coverage."""
        out: list[Section] = []
        if self.other_flows:
            total = sum(self.other_flows.values())
            flows = ", ".join(f"{flow} ({count:,})" for flow, count in self.other_flows.most_common())
            note = f"note: {total:,} conversation{'s' if total != 1 else ''} recorded for other flows not replayed: {flows}; --any-flow replays them"
            out.append(Section("other_flows", dict(self.other_flows), note.removeprefix("note: "), (note,)))
        if self.inferred:
            total = sum(self.inferred.values())
            which = ", ".join(f"{name} ({count:,})" for name, count in self.inferred.most_common())
            note = (
                f"note: {total:,} action outcome{'s' if total != 1 else ''} inferred from the recorded bot states "
                f"(none given): {which}; give outcomes in `actions` or --actions FILE to set them"
            )
            out.append(Section("inferred_outcomes", dict(self.inferred), note.removeprefix("note: "), (note,)))
        if self.drift is not None:
            drift = self.drift
            out.append(
                Section(
                    "drift", drift.to_dict(), drift.summary(), tuple(drift.text_lines()), tuple(drift.markdown_lines())
                )
            )
        if self.coverage is not None:
            coverage = self.coverage
            out.append(
                Section(
                    "coverage",
                    coverage.to_dict(),
                    coverage.summary(),
                    tuple(coverage.text_lines()),
                    tuple(coverage.markdown_lines()),
                )
            )
        return out

    def to_dict(self) -> dict[str, object]:
        return {**Report.to_dict(self), **sections_dict(self.sections())}


def _merged(a, b):  # type: ignore[no-untyped-def]
    if a is None:
        return b
    if b is None:
        return a
    return a.merge(b)


@dataclass(frozen=True)
class ReplayJob:
    """Everything a worker process needs to replay shards: picklable, and
    hashable so that the worker builds one Engine per job."""

    flow_path: str
    config: ReplayConfig = DEFAULT_CONFIG
    nlu: str | None = None
    trust_recorded_intents: bool = False
    seed: int = 0
    word_lists: NluFiles = NluFiles()  # the project's and --slang/--handoff-phrases files


_job_replayers: dict[ReplayJob, Replayer] = {}


def replayer_for(job: ReplayJob) -> Replayer:
    """The Replayer for `job` in this process: the flow loaded and its Engine
    built once per process, however many shards the process is given."""
    replayer = _job_replayers.get(job)
    if replayer is None:
        from alur.flows.check import load_runnable_flow
        from alur.flows.plugins import load_classifier

        flow = load_runnable_flow(job.flow_path)
        classifier = load_classifier(job.nlu) if job.nlu else None
        engine = Engine(
            flow,
            classifier=classifier,
            trust_recorded_intents=job.trust_recorded_intents,
            seed=job.seed,
            lexicon=job.word_lists.lexicon(),
        )
        replayer = prepare(job, engine)
    return replayer


def prepare(job: ReplayJob, engine: Engine) -> Replayer:
    """Use `engine` (already built by the caller, e.g. to report a flow that
    cannot run) for `job` in this process and in worker processes forked
    from it."""
    if len(_job_replayers) >= 4:
        _job_replayers.clear()
    replayer = _job_replayers[job] = Replayer(engine, job.config)
    return replayer


def replay_shard(shard: Shard, job: ReplayJob) -> ReplayReport:
    """The unit of work: one shard of JSONL in, one partial report out."""
    return replayer_for(job).run(parse_shard(shard))


def replay_item(item: Shard | str, job: ReplayJob) -> ReplayReport:
    """A shard of JSONL, or the path of a test-conversation YAML file (small,
    read whole), replayed into a partial report."""
    if isinstance(item, Shard):
        return replay_shard(item, job)
    return replayer_for(job).run(read_test_yaml(item))
