"""What a rule sees: the flow, its options, and analyses shared by all rules.

Analyses (the graph, compiled conditions, source lines) are computed at most
once per check, the first time a rule asks, so a rule that needs the graph
costs nothing extra when another rule has already built it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from alur.flows.channels import LimitsT, configured
from alur.flows.conditions import Condition, ConditionError, compile_condition
from alur.flows.loader import NodePath, Span, source_lines
from alur.flows.model import Flow, Route, State, placeholders
from alur.flows.rules._graph import FlowGraph, cycles


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing a rule found: where (None when no place fits) and what."""

    span: Span | None
    message: str


@dataclass(frozen=True, slots=True)
class Message:
    """A text the bot may send: a state's `say` variant or a fallback re-prompt.
    `state` is None for the flow-level fallback's re-prompts."""

    state: State | None
    text: str
    span: Span | None
    reprompt: bool


def placeholder_columns(text: str) -> Iterator[tuple[str, int]]:
    """Each `{slot}` in `text` with the 1-based column of its brace."""
    position = 0
    for name in placeholders(text):
        position = text.index("{" + name + "}", position)
        yield name, position + 1
        position += len(name) + 2


class Context:
    """A flow under check: its configured channel limits, and the analyses
    every rule may share (graph, reachability, routes, messages, conditions)."""

    def __init__(self, flow: Flow, limits: Mapping[str, Mapping[str, int]] | None = None):
        self.flow = flow
        self.limit_overrides = limits or {}
        self._conditions: dict[str, Condition | ConditionError] = {}

    @cached_property
    def graph(self) -> FlowGraph:
        return FlowGraph(self.flow)

    @cached_property
    def reachable(self) -> set[str]:
        return self.graph.reachable()

    @cached_property
    def silent_loops(self) -> list[list[str]]:
        """Loops of states that move on by `next` without waiting for the
        customer (`cycle-without-wait` reports them, `trap-state` leaves
        them to it)."""
        return cycles(self.flow)

    @cached_property
    def routes(self) -> list[tuple[str | None, Route]]:
        """Every route with the state it belongs to (None for `global`)."""
        out: list[tuple[str | None, Route]] = [(None, route) for route in self.flow.global_routes]
        for name, state in self.flow.states.items():
            out.extend((name, route) for route in state.routes)
        return out

    @cached_property
    def messages(self) -> list[Message]:
        """Every text the bot may send, with its place in the source."""
        out: list[Message] = []
        for name, state in self.flow.states.items():
            out.extend(Message(state, text, span, False) for text, span in zip(state.say, state.say_spans, strict=True))
            if state.fallback is not None:
                out.extend(self._reprompts(state, state.fallback.say, ("states", name, "fallback", "say")))
        out.extend(self._reprompts(None, self.flow.fallback.say, ("fallback", "say")))
        return out

    def _reprompts(self, state: State | None, texts: tuple[str, ...], path: NodePath) -> list[Message]:
        """The re-prompts written at `path` (none when no `say` is written
        there: a state's fallback without one re-prompts with the flow's)."""
        if self.span(path) is None:
            return []
        listed = self.span((*path, 0)) is not None  # `say: [..]` rather than `say: text`
        spans = [self.span((*path, i)) for i in range(len(texts))] if listed else [self.span(path)] * len(texts)
        return [Message(state, text, span, True) for text, span in zip(texts, spans, strict=True)]

    def limits(self, kind: type[LimitsT]) -> LimitsT:
        """The limits of channel `kind` (`WhatsAppLimits`, ...) with this
        check's configured overrides, typed as `kind`."""
        return configured(kind, self.limit_overrides.get(kind.channel))

    def condition(self, source: str) -> Condition | ConditionError:
        """The compiled condition, or the ConditionError it raised (cached by text)."""
        if source not in self._conditions:
            try:
                self._conditions[source] = compile_condition(source)
            except ConditionError as error:
                self._conditions[source] = error
        return self._conditions[source]

    def uses_flow_reprompts(self, state: State) -> bool:
        """Whether `state` re-prompts with the flow-level fallback `say`."""
        return state.fallback is None or self.span(("states", state.name, "fallback", "say")) is None

    def span(self, path: NodePath) -> Span | None:
        """The span of the value at `path` in the source, if known."""
        document = self.flow.document
        return document.values.get(tuple(path)) if document is not None else None

    @cached_property
    def lines(self) -> list[str]:
        """Source lines, split where YAML breaks lines (so line numbers agree with spans)."""
        document = self.flow.document
        return source_lines(document.text) if document is not None else []

    def inner_span(self, span: Span | None, column: int) -> Span | None:
        """The position of the 1-based `column` inside a one-line scalar at
        `span`: exact for plain and quoted scalars; the scalar's start for
        block scalars, multi-line values and quoted text with escapes, where
        source and value columns differ (better than a made-up place)."""
        if span is None or span.line != span.end_line or span.line > len(self.lines):
            return span
        raw = self.lines[span.line - 1][span.column - 1 : span.end_column - 1]
        quote = raw[:1]
        if quote in ("|", ">") or (quote == '"' and "\\" in raw) or (quote == "'" and "''" in raw[1:-1]):
            return span
        offset = column - 1 + (1 if quote in ("'", '"') else 0)
        return Span(span.line, span.column + offset, span.line, span.column + offset + 1)
