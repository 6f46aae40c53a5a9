"""How an action's outcomes are given for a run: the shapes `actions` takes
in a transcript, a test conversation and `--actions FILE`.

    lookup_order: [not_found, found]        # in order; then used up
    lookup_order: found                     # one outcome, once
    lookup_order: {always: found}           # every call
    lookup_order: {cycle: [found, not_found]}   # round and round
    lookup_order: {by_slot: order_id, values: {"INV-1": found}, otherwise: not_found}

Writing a list for every call of a long recorded conversation is what makes
replaying real logs hard; `always`, `cycle` and `by_slot` say the rule once.
Each shape is a frozen, hashable value, so that a replay's configuration
(which carries the `--actions` outcomes) stays hashable and picklable for
worker processes. `parse_outcomes` is the one reader of every shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from alur.flows.values import format_value

EXAMPLE = 'e.g. [found, not_found], {always: found}, {cycle: [found, not_found]} or {by_slot: order_id, values: {"INV-1": found}, otherwise: not_found}'


@dataclass(frozen=True, slots=True)
class InOrder:
    """The outcomes of the first calls, in order; used up after the last."""

    outcomes: tuple[str, ...]

    def pick(self, calls: int, slots: Mapping[str, object]) -> str | None:
        return self.outcomes[calls] if calls < len(self.outcomes) else None

    def describe(self) -> str:
        return f"all {len(self.outcomes)} given outcome(s) ({', '.join(self.outcomes)}) are used up"


@dataclass(frozen=True, slots=True)
class Always:
    """The same outcome on every call."""

    outcome: str

    def pick(self, calls: int, slots: Mapping[str, object]) -> str | None:
        return self.outcome

    def describe(self) -> str:  # never used up; here for the protocol's sake
        return f"it always gives {self.outcome}"


@dataclass(frozen=True, slots=True)
class Cycle:
    """The outcomes in order, starting again after the last."""

    outcomes: tuple[str, ...]

    def pick(self, calls: int, slots: Mapping[str, object]) -> str | None:
        return self.outcomes[calls % len(self.outcomes)]

    def describe(self) -> str:
        return f"it cycles through {', '.join(self.outcomes)}"


@dataclass(frozen=True, slots=True)
class BySlot:
    """The outcome chosen by the value a slot holds when the action runs
    (compared as alur writes values: "2025-08-30", "+6281234567890");
    `otherwise` for any other value or an empty slot, else no outcome."""

    slot: str
    values: tuple[tuple[str, str], ...]
    otherwise: str | None = None

    def pick(self, calls: int, slots: Mapping[str, object]) -> str | None:
        value = slots.get(self.slot)
        if value is not None:
            shown = format_value(value)
            for wanted, outcome in self.values:
                if wanted == shown:
                    return outcome
        return self.otherwise

    def describe(self) -> str:
        return f"slot {self.slot} holds a value `by_slot` gives no outcome for and there is no `otherwise`"


Outcomes = InOrder | Always | Cycle | BySlot


class OutcomesError(ValueError):
    """`actions` of one action in a shape alur does not read; the message
    says what is wrong and shows the shapes it does read."""


def parse_outcomes(action: str, value: object) -> Outcomes:
    """The outcomes of `action` written as `value` (any shape above), or
    OutcomesError naming the action."""
    if isinstance(value, (InOrder, Always, Cycle, BySlot)):
        return value
    if isinstance(value, str) and value:
        return InOrder((value,))
    if isinstance(value, (list, tuple)) and _names(value):
        return InOrder(tuple(value))
    if isinstance(value, dict):
        keys = set(value)
        if keys == {"always"} and _name(value["always"]):
            return Always(value["always"])
        if keys == {"cycle"} and isinstance(value["cycle"], list) and value["cycle"] and _names(value["cycle"]):
            return Cycle(tuple(value["cycle"]))
        if "by_slot" in keys:
            return _by_slot(action, value)
    raise OutcomesError(f"the outcomes of action {action!r} must be {EXAMPLE}")


def _by_slot(action: str, value: dict[str, object]) -> BySlot:
    """Both `{by_slot: SLOT, values: …, otherwise: …}` and the nested
    `{by_slot: {slot: SLOT, values: …, otherwise: …}}`."""
    spec = (
        value["by_slot"]
        if len(value) == 1 and isinstance(value["by_slot"], dict)
        else {**value, "slot": value["by_slot"]}
    )
    assert isinstance(spec, dict)
    slot, values, otherwise = spec.get("slot"), spec.get("values", {}), spec.get("otherwise")
    unknown = set(spec) - {"slot", "by_slot", "values", "otherwise"}
    problem = None
    if unknown:
        problem = f"unknown key(s) {', '.join(sorted(map(str, unknown)))}"
    elif not _name(slot):
        problem = "`by_slot` must name a slot"
    elif not isinstance(values, dict) or not all(_name(o) for o in values.values()):
        problem = "`values` must map each slot value to an outcome"
    elif otherwise is not None and not _name(otherwise):
        problem = "`otherwise` must be an outcome name"
    elif not values and otherwise is None:
        problem = "give `values`, `otherwise` or both"
    if problem:
        raise OutcomesError(
            f'action {action!r}: {problem}; write e.g. {{by_slot: order_id, values: {{"INV-1": found}}, otherwise: not_found}}'
        )
    pairs = tuple((format_value(key), str(outcome)) for key, outcome in values.items())
    return BySlot(str(slot), pairs, otherwise)


def _name(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _names(values: list[object] | tuple[object, ...]) -> bool:
    return all(_name(v) for v in values)


def always_hint(action: str, routed: tuple[str, ...]) -> str:
    """How to give `action` an outcome for every call, for messages about an
    action that ran out: `lookup_order: {always: found}`."""
    outcome = routed[0] if routed else "OUTCOME"
    return f"or `{action}: {{always: {outcome}}}` for the same outcome on every call"
