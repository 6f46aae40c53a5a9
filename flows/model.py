"""The flow model: typed, immutable objects that remember their source spans.

Everything downstream (lint rules, the engine, the explorer, the designer)
reads flows through these classes, never through raw YAML data, so the
format's shorthands (a `say` string or list, `on` as mapping or list,
buttons as strings or mappings) are resolved in exactly one place.

`build_flow` doubles as the fast structural validator: it accepts exactly
what `schema.json` accepts, so a clean file never needs jsonschema (whose
import alone costs more than checking a small flow). When it meets
something the schema forbids it raises `SchemaViolation`, and the caller
(`alur.flows.validate`) asks jsonschema for the full, readable list.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from alur.flows.loader import Document, NodePath, Span

CHANNELS = ("whatsapp", "sms", "rcs", "webchat")
SLOT_TYPES = ("text", "number", "money", "phone", "email", "date", "otp", "regex", "choice")
DEFAULT_MAX_RETRIES = 2

_FLOW_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_NAME = re.compile(r"[^\s{}]+\Z")
_LOCALE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
_PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")


class SchemaViolation(Exception):
    """The data breaks the flow schema at `path`."""

    def __init__(self, path: NodePath, message: str):
        self.path = path
        self.message = message
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Slot:
    name: str
    type: str
    pattern: str | None = None
    length: int | None = None
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    sensitive: bool = False
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Intent:
    name: str
    examples: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    handoff: bool = False
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Route:
    """`trigger` (an intent, or an action's outcome event) leads to `target`,
    if `condition` holds. `span` points at the target, `trigger_span` at the trigger."""

    trigger: str
    target: str
    condition: str | None = None
    is_event: bool = False
    span: Span | None = None
    trigger_span: Span | None = None
    condition_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Fallback:
    """A fallback policy. A state's own `fallback` overrides the flow's key by
    key: what it leaves out (often `then`) is taken from the flow's."""

    max_retries: int = DEFAULT_MAX_RETRIES
    then: str | None = None
    say: tuple[str, ...] = ()
    span: Span | None = None
    then_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Button:
    title: str
    intent: str | None = None
    description: str | None = None
    section: str | None = None  # the WhatsApp list section the row is under
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """An RCS rich card around a state's message: a title and a description
    (at least one). Shown by the channel; alur's engine speaks `say` only."""

    title: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class State:
    name: str
    say: tuple[str, ...] = ()
    buttons: tuple[Button, ...] = ()
    list_button: str | None = None
    header: str | None = None  # of a WhatsApp interactive message (buttons or list)
    footer: str | None = None
    card: Card | None = None
    collect: str | None = None
    action: str | None = None
    routes: tuple[Route, ...] = ()
    next: str | None = None
    fallback: Fallback | None = None
    escalate: bool = False
    end: bool = False
    span: Span | None = None
    say_spans: tuple[Span | None, ...] = ()
    collect_span: Span | None = None
    next_span: Span | None = None

    @property
    def terminal(self) -> bool:
        """A state is terminal exactly when it escalates or ends."""
        return self.escalate or self.end

    @property
    def waits(self) -> bool:
        """Whether the bot waits here for the customer's turn (contract §1)."""
        if self.terminal:
            return False
        return self.collect is not None or (bool(self.routes) and self.action is None)

    def targets(self) -> list[str]:
        """Every state this one can lead to by its own keys (not global routes,
        not the fallback)."""
        out = [route.target for route in self.routes]
        if self.next is not None:
            out.append(self.next)
        return out


@dataclass(frozen=True, slots=True)
class Flow:
    id: str
    start: str
    states: Mapping[str, State]
    slots: Mapping[str, Slot] = field(default_factory=dict)
    intents: Mapping[str, Intent] = field(default_factory=dict)
    global_routes: tuple[Route, ...] = ()
    fallback: Fallback = Fallback()
    title: str | None = None
    locale: str | None = None
    channels: tuple[str, ...] = ()
    without_concepts: tuple[str, ...] = ()  # built-in concepts its intents must tell apart
    path: str = "<text>"
    document: Document | None = field(default=None, repr=False, compare=False)
    start_span: Span | None = None

    def fallback_for(self, state: State) -> Fallback:
        """The fallback policy in force in `state`: its own (completed from the
        flow's), else the flow's."""
        return state.fallback if state.fallback is not None else self.fallback

    def handoff_intents(self) -> list[str]:
        return [name for name, intent in self.intents.items() if intent.handoff]

    def escalate_states(self) -> list[str]:
        return [name for name, state in self.states.items() if state.escalate]


def placeholders(text: str) -> list[str]:
    """The slot names a message interpolates: `{order_id}` → `order_id`."""
    return _PLACEHOLDER.findall(text)


def build_flow(document: Document) -> Flow:
    """The Flow in `document`, or SchemaViolation at the first thing the schema forbids."""
    return _Builder(document).flow()


class _Builder:
    def __init__(self, document: Document):
        self.doc = document

    # -- typed accessors that raise at the offending path ------------------

    def mapping(self, value: object, path: NodePath, what: str) -> dict[str, object]:
        if not isinstance(value, dict):
            raise SchemaViolation(path, f"{what} must be a mapping (key: value lines), not {kind_of(value)}")
        return value

    def string(
        self, value: object, path: NodePath, what: str, pattern: re.Pattern[str] | None = None, hint: str = ""
    ) -> str:
        if not isinstance(value, str):
            raise SchemaViolation(path, f"{what} must be text, not {kind_of(value)}")
        if pattern is not None and not pattern.match(value):
            raise SchemaViolation(path, f"{what} {value!r} {hint}")
        return value

    def name(self, value: object, path: NodePath, what: str) -> str:
        return self.string(value, path, what, _NAME, "must be one word without spaces or braces")

    def boolean(self, value: object, path: NodePath, what: str) -> bool:
        if not isinstance(value, bool):
            raise SchemaViolation(path, f"{what} must be true or false, not {kind_of(value)}")
        return value

    def integer(self, value: object, path: NodePath, what: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SchemaViolation(path, f"{what} must be a whole number, not {kind_of(value)}")
        if not low <= value <= high:
            raise SchemaViolation(path, f"{what} must be between {low} and {high}, not {value}")
        return value

    def number(self, value: object, path: NodePath, what: str) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (isinstance(value, float) and math.isnan(value))
        ):
            raise SchemaViolation(path, f"{what} must be a number, not {kind_of(value)}")
        return value

    def strings(self, value: object, path: NodePath, what: str, min_items: int = 0) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise SchemaViolation(path, f"{what} must be a list, not {kind_of(value)}")
        if len(value) < min_items:
            raise SchemaViolation(path, f"{what} must not be empty")
        return tuple(self.string(item, (*path, i), f"each item of {what}") for i, item in enumerate(value))

    def concepts(self, value: object, path: NodePath) -> tuple[str, ...]:
        """Names of built-in concepts (alur.flows.nlu.concepts); the table's
        names are read only for a flow that lists some."""
        from alur.flows.nlu.lexicon import concept_names

        names = self.strings(value, path, "`without_concepts`")
        known = concept_names()
        for i, name in enumerate(names):
            if name not in known:
                raise SchemaViolation(
                    (*path, i), f"no built-in concept is named {name!r}; a concept is named by its first word"
                )
        return names

    def say(self, value: object, path: NodePath) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list):
            return self.strings(value, path, "`say`", min_items=1)
        raise SchemaViolation(path, f"`say` must be a text or a list of texts, not {kind_of(value)}")

    def known_keys(self, data: Mapping[str, object], path: NodePath, allowed: frozenset[str], what: str) -> None:
        for key in data:
            if key not in allowed:
                raise SchemaViolation(
                    (*path, key), f"unknown key {key!r} in {what}; allowed: {', '.join(sorted(allowed))}"
                )

    def span(self, path: NodePath) -> Span | None:
        return self.doc.values.get(path)

    def key_span(self, path: NodePath) -> Span | None:
        return self.doc.keys.get(path)

    # -- the format --------------------------------------------------------

    def flow(self) -> Flow:
        data = self.mapping(self.doc.data, (), "a flow file")
        self.known_keys(data, (), _FLOW_KEYS, "the flow")
        for required in ("alur", "flow", "start", "states"):
            if required not in data:
                raise SchemaViolation((), f"required key {required!r} is missing")
        if data["alur"] != 1 or isinstance(data["alur"], bool):
            raise SchemaViolation(("alur",), f"`alur` is the format version and must be 1, not {data['alur']!r}")
        flow_id = self.string(
            data["flow"], ("flow",), "`flow`", _FLOW_ID, "must be lower_snake_case, e.g. order_status"
        )
        title = self.string(data["title"], ("title",), "`title`") if "title" in data else None
        if "description" in data:
            self.string(data["description"], ("description",), "`description`")
        locale = None
        if "locale" in data:
            locale = self.string(
                data["locale"], ("locale",), "`locale`", _LOCALE, "is not a language tag such as id-ID or en-US"
            )
        channels: tuple[str, ...] = ()
        if "channels" in data:
            channels = self.strings(data["channels"], ("channels",), "`channels`")
            for i, channel in enumerate(channels):
                if channel not in CHANNELS:
                    raise SchemaViolation(("channels", i), f"unknown channel {channel!r}; use {', '.join(CHANNELS)}")
            if len(set(channels)) != len(channels):
                raise SchemaViolation(("channels",), "a channel is listed twice")
        without_concepts: tuple[str, ...] = ()
        if "without_concepts" in data:
            without_concepts = self.concepts(data["without_concepts"], ("without_concepts",))
        start = self.name(data["start"], ("start",), "`start`")
        slots = {
            name: self.slot(name, value)
            for name, value in self.mapping(data.get("slots", {}), ("slots",), "`slots`").items()
        }
        intents = {
            name: self.intent(name, value)
            for name, value in self.mapping(data.get("intents", {}), ("intents",), "`intents`").items()
        }
        global_routes = self.routes(data["global"], ("global",), False) if "global" in data else ()
        fallback = self.fallback(data["fallback"], ("fallback",)) if "fallback" in data else Fallback()
        self.flow_fallback = fallback
        raw_states = self.mapping(data["states"], ("states",), "`states`")
        if not raw_states:
            raise SchemaViolation(("states",), "a flow needs at least one state")
        states = {name: self.state(name, value) for name, value in raw_states.items()}
        return Flow(
            id=flow_id,
            start=start,
            states=MappingProxyType(states),
            slots=MappingProxyType(slots),
            intents=MappingProxyType(intents),
            global_routes=global_routes,
            fallback=fallback,
            title=title,
            locale=locale,
            channels=channels,
            without_concepts=without_concepts,
            path=self.doc.path,
            document=self.doc,
            start_span=self.span(("start",)),
        )

    def slot(self, name: str, value: object) -> Slot:
        path = ("slots", name)
        self.name(name, path, "a slot name")
        data = self.mapping(value, path, f"slot {name!r}")
        self.known_keys(data, path, _SLOT_KEYS, f"slot {name!r}")
        if "type" not in data:
            raise SchemaViolation(path, f"slot {name!r} needs a `type` ({', '.join(SLOT_TYPES)})")
        type_ = data["type"]
        if type_ not in SLOT_TYPES:
            raise SchemaViolation((*path, "type"), f"unknown slot type {type_!r}; use {', '.join(SLOT_TYPES)}")
        if "description" in data:
            self.string(data["description"], (*path, "description"), "`description`")
        return Slot(
            name=name,
            type=type_,
            pattern=self.string(data["pattern"], (*path, "pattern"), "`pattern`") if "pattern" in data else None,
            length=self.integer(data["length"], (*path, "length"), "`length`", 1, 12) if "length" in data else None,
            choices=self.strings(data["choices"], (*path, "choices"), "`choices`", min_items=1)
            if "choices" in data
            else (),
            min=self.number(data["min"], (*path, "min"), "`min`") if "min" in data else None,
            max=self.number(data["max"], (*path, "max"), "`max`") if "max" in data else None,
            sensitive=self.boolean(data["sensitive"], (*path, "sensitive"), "`sensitive`")
            if "sensitive" in data
            else False,
            span=self.key_span(path),
        )

    def intent(self, name: str, value: object) -> Intent:
        path = ("intents", name)
        self.name(name, path, "an intent name")
        data = self.mapping(value, path, f"intent {name!r}")
        self.known_keys(data, path, _INTENT_KEYS, f"intent {name!r}")
        if "description" in data:
            self.string(data["description"], (*path, "description"), "`description`")
        return Intent(
            name=name,
            examples=self.strings(data["examples"], (*path, "examples"), "`examples`") if "examples" in data else (),
            patterns=self.strings(data["patterns"], (*path, "patterns"), "`patterns`") if "patterns" in data else (),
            handoff=self.boolean(data["handoff"], (*path, "handoff"), "`handoff`") if "handoff" in data else False,
            span=self.key_span(path),
        )

    def routes(self, value: object, path: NodePath, events: bool) -> tuple[Route, ...]:
        if isinstance(value, dict):
            return tuple(
                Route(
                    trigger=self.name(trigger, (*path, trigger), "a route's intent or event"),
                    target=self.name(target, (*path, trigger), f"the target of {trigger!r}"),
                    is_event=events,
                    span=self.span((*path, trigger)),
                    trigger_span=self.key_span((*path, trigger)),
                )
                for trigger, target in value.items()
            )
        if isinstance(value, list):
            return tuple(self.route(item, (*path, i)) for i, item in enumerate(value))
        raise SchemaViolation(
            path, f"routes must be a mapping (intent: state) or a list of {{intent, if, goto}}, not {kind_of(value)}"
        )

    def route(self, value: object, path: NodePath) -> Route:
        data = self.mapping(value, path, "a route")
        self.known_keys(data, path, _ROUTE_KEYS, "a route")
        if "goto" not in data:
            raise SchemaViolation(path, "a route needs `goto: STATE`")
        if ("intent" in data) == ("event" in data):
            raise SchemaViolation(path, "a route names exactly one of `intent` or `event`")
        key = "intent" if "intent" in data else "event"
        condition = self.string(data["if"], (*path, "if"), "`if`") if "if" in data else None
        return Route(
            trigger=self.name(data[key], (*path, key), f"`{key}`"),
            target=self.name(data["goto"], (*path, "goto"), "`goto`"),
            condition=condition,
            is_event=key == "event",
            span=self.span((*path, "goto")),
            trigger_span=self.span((*path, key)),
            condition_span=self.span((*path, "if")),
        )

    def fallback(self, value: object, path: NodePath, base: Fallback = Fallback()) -> Fallback:
        """A fallback policy; keys it leaves out come from `base` (a state's
        `fallback: {say: [...]}` keeps the flow's `max_retries` and `then`)."""
        data = self.mapping(value, path, "`fallback`")
        self.known_keys(data, path, _FALLBACK_KEYS, "`fallback`")
        return Fallback(
            max_retries=self.integer(data["max_retries"], (*path, "max_retries"), "`max_retries`", 0, 20)
            if "max_retries" in data
            else base.max_retries,
            then=self.name(data["then"], (*path, "then"), "`then`") if "then" in data else base.then,
            say=self.say(data["say"], (*path, "say")) if "say" in data else base.say,
            span=self.key_span(path),
            then_span=self.span((*path, "then")) if "then" in data else base.then_span,
        )

    def button(self, value: object, path: NodePath) -> Button:
        if isinstance(value, str):
            if not value:
                raise SchemaViolation(path, "a button title must not be empty")
            return Button(title=value, span=self.span(path))
        data = self.mapping(value, path, "a button")
        self.known_keys(data, path, _BUTTON_KEYS, "a button")
        if "title" not in data:
            raise SchemaViolation(path, "a button needs a `title`")
        title = self.string(data["title"], (*path, "title"), "`title`")
        if not title:
            raise SchemaViolation((*path, "title"), "a button title must not be empty")
        return Button(
            title=title,
            intent=self.name(data["intent"], (*path, "intent"), "`intent`") if "intent" in data else None,
            description=self.string(data["description"], (*path, "description"), "`description`")
            if "description" in data
            else None,
            section=self.text(data, "section", path),
            span=self.span(path),
        )

    def text(self, data: Mapping[str, object], key: str, path: NodePath) -> str | None:
        """The non-empty text under `key` of `data`, None when absent."""
        if key not in data:
            return None
        value = self.string(data[key], (*path, key), f"`{key}`")
        if not value:
            raise SchemaViolation((*path, key), f"`{key}` must not be empty")
        return value

    def card(self, value: object, path: NodePath) -> Card:
        data = self.mapping(value, path, "`card`")
        self.known_keys(data, path, _CARD_KEYS, "`card`")
        if not data:
            raise SchemaViolation(path, "`card` needs a `title` or a `description`")
        return Card(title=self.text(data, "title", path), description=self.text(data, "description", path))

    def state(self, name: str, value: object) -> State:
        path = ("states", name)
        self.name(name, path, "a state name")
        data = self.mapping(value, path, f"state {name!r}")
        self.known_keys(data, path, _STATE_KEYS, f"state {name!r}")
        say = self.say(data["say"], (*path, "say")) if "say" in data else ()
        if isinstance(data.get("say"), list):
            say_spans = tuple(self.span((*path, "say", i)) for i in range(len(say)))
        else:
            say_spans = (self.span((*path, "say")),) if say else ()
        buttons: tuple[Button, ...] = ()
        if "buttons" in data:
            raw = data["buttons"]
            if not isinstance(raw, list) or not raw:
                raise SchemaViolation((*path, "buttons"), "`buttons` must be a non-empty list")
            buttons = tuple(self.button(item, (*path, "buttons", i)) for i, item in enumerate(raw))
        action = self.name(data["action"], (*path, "action"), "`action`") if "action" in data else None
        list_button = None
        if "list_button" in data:
            list_button = self.string(data["list_button"], (*path, "list_button"), "`list_button`")
            if not list_button:
                raise SchemaViolation((*path, "list_button"), "`list_button` must not be empty")
        if "description" in data:
            self.string(data["description"], (*path, "description"), "`description`")
        return State(
            name=name,
            say=say,
            buttons=buttons,
            list_button=list_button,
            header=self.text(data, "header", path),
            footer=self.text(data, "footer", path),
            card=self.card(data["card"], (*path, "card")) if "card" in data else None,
            collect=self.name(data["collect"], (*path, "collect"), "`collect`") if "collect" in data else None,
            action=action,
            routes=self.routes(data["on"], (*path, "on"), action is not None) if "on" in data else (),
            next=self.name(data["next"], (*path, "next"), "`next`") if "next" in data else None,
            fallback=self.fallback(data["fallback"], (*path, "fallback"), self.flow_fallback)
            if "fallback" in data
            else None,
            escalate=self.boolean(data["escalate"], (*path, "escalate"), "`escalate`") if "escalate" in data else False,
            end=self.boolean(data["end"], (*path, "end"), "`end`") if "end" in data else False,
            span=self.key_span(path),
            say_spans=say_spans,
            collect_span=self.span((*path, "collect")),
            next_span=self.span((*path, "next")),
        )


_FLOW_KEYS = frozenset(
    {
        "alur",
        "flow",
        "title",
        "description",
        "locale",
        "channels",
        "without_concepts",
        "start",
        "slots",
        "intents",
        "global",
        "fallback",
        "states",
    }
)
_SLOT_KEYS = frozenset({"type", "pattern", "length", "choices", "min", "max", "sensitive", "description"})
_INTENT_KEYS = frozenset({"examples", "patterns", "handoff", "description"})
_ROUTE_KEYS = frozenset({"intent", "event", "if", "goto"})
_FALLBACK_KEYS = frozenset({"max_retries", "then", "say"})
_BUTTON_KEYS = frozenset({"title", "intent", "description", "section"})
_CARD_KEYS = frozenset({"title", "description"})
_STATE_KEYS = frozenset(
    {
        "say",
        "buttons",
        "list_button",
        "header",
        "footer",
        "card",
        "collect",
        "action",
        "on",
        "next",
        "fallback",
        "escalate",
        "end",
        "description",
    }
)


def kind_of(value: object) -> str:
    """How a YAML reader would describe a value's type."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
