"""Difficult customers for `alur explore`, read from data files.

The built-in personas are `builtin.yaml` beside this module; teams add
their own, or replace a built-in one by reusing its id, with
`--personas FILE` in the same format (the file's comments explain it).
Personas are data, not code, so that the people who know how customers
write can extend them: a persona is the lines a customer sends, or the
wrong answers they give per slot type, or how they use buttons.

    personas = load_personas([Path("our_customers.yaml")])

A file that breaks the format raises InputError naming the file, line and
column, and what a persona looks like.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from alur.flows.diagnostics import FlowError
from alur.flows.loader import Document, load_document, read_text
from alur.flows.model import SLOT_TYPES
from alur.runner.errors import InputError

BUILTIN = "builtin.yaml"
BUTTON_STYLES = ("number", "title")
WANTS = ("escalated", "ended")
_KEYS = frozenset({"description", "say", "repeat", "wrong_values", "near_miss", "buttons", "wants"})
_KINDS = ("say", "wrong_values", "buttons")
_SHAPE = "a persona has a `description` and one of `say: [lines]`, `wrong_values: {slot type: [answers]}` or `buttons: number|title`"


@dataclass(frozen=True, slots=True)
class Persona:
    """One kind of difficult customer.

    `kind` says how it plays: `say` sends `lines` in order (again from the
    first with `repeat`); `wrong_values` answers a slot of a listed type
    with `wrong_values[type]`, again and again (plus a near-miss value of
    the right type when `near_miss`); `buttons` taps each button once by
    `buttons` style ("number" or "title"), again while not understood.
    `wants` is the behaviour a saved test expects when this customer finds
    a loop or a dead end. `source` is `path:line` of its definition.
    """

    id: str
    description: str
    kind: str
    lines: tuple[str, ...] = ()
    repeat: bool = False
    wrong_values: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    near_miss: bool = False
    buttons: str | None = None
    wants: str = "escalated"
    source: str = ""


def load_personas(files: Iterable[Path | str] = (), *, builtin: bool = True) -> list[Persona]:
    """The built-in personas (unless `builtin` is False), then those of each
    file in order. A persona whose id is already known replaces it in place."""
    personas: dict[str, Persona] = {}
    if builtin:
        text = resources.files(__package__).joinpath(BUILTIN).read_text(encoding="utf-8")
        for persona in _read(text, f"alur/runner/explore/personas/{BUILTIN}"):
            personas[persona.id] = persona
    for path in files:
        try:
            text = read_text(Path(path))
        except FlowError as error:
            raise InputError("\n".join(str(d) for d in error.diagnostics)) from None
        for persona in _read(text, str(path)):
            personas[persona.id] = persona
    return list(personas.values())


def _read(text: str, path: str) -> list[Persona]:
    try:
        document = load_document(text, path)
    except FlowError as error:
        raise InputError("\n".join(str(d) for d in error.diagnostics)) from None
    return _Reader(document).personas()


class _Reader:
    """Checks one personas document, pointing each problem at its line and column."""

    def __init__(self, document: Document):
        self.document = document

    def fail(self, node: tuple[str | int, ...], message: str, *, at_key: bool = False) -> InputError:
        """An InputError at the node's value (or, `at_key`, at the key naming it)."""
        span = self.document.key_span(node) if at_key else self.document.span(node)
        where = f"{self.document.path}:{span.line}:{span.column}" if span else self.document.path
        return InputError(f"{where}: {message}")

    def personas(self) -> list[Persona]:
        data = self.document.data
        if not isinstance(data, dict) or not isinstance(data.get("personas"), dict):
            raise self.fail((), "a personas file is a mapping with `personas:`, each persona under its id; " + _SHAPE)
        extra = sorted(set(data) - {"personas"})
        if extra:
            raise self.fail((extra[0],), f"unknown key {extra[0]!r}; a personas file has only `personas:`", at_key=True)
        if not data["personas"]:
            raise self.fail(("personas",), "`personas:` is empty")
        return [self.persona(str(name), value) for name, value in data["personas"].items()]

    def persona(self, name: str, data: object) -> Persona:
        node: tuple[str | int, ...] = ("personas", name)
        if not name or any(c.isspace() for c in name):
            raise self.fail(node, f"persona id {name!r} must be one word, e.g. asks-human-polite-id", at_key=True)
        if not isinstance(data, dict):
            raise self.fail(node, f"persona {name!r}: {_SHAPE}", at_key=True)
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise self.fail(
                (*node, unknown[0]),
                f"persona {name!r}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})",
                at_key=True,
            )
        kinds = [kind for kind in _KINDS if kind in data]
        if len(kinds) != 1:
            raise self.fail(
                node, f"persona {name!r}: {_SHAPE}" + (f"; it has {' and '.join(kinds)}" if kinds else ""), at_key=True
            )
        kind = kinds[0]
        description = data.get("description", name)
        if not isinstance(description, str):
            raise self.fail((*node, "description"), f"persona {name!r}: `description` must be text")
        wants = data.get("wants", "escalated")
        if wants not in WANTS:
            raise self.fail((*node, "wants"), f"persona {name!r}: `wants` must be {' or '.join(WANTS)}, not {wants!r}")
        for flag in ("repeat", "near_miss"):
            if not isinstance(data.get(flag, False), bool):
                raise self.fail((*node, flag), f"persona {name!r}: `{flag}` must be true or false")
        span = self.document.key_span(node)
        persona = Persona(
            id=name,
            description=description,
            kind=kind,
            repeat=data.get("repeat", False),
            near_miss=data.get("near_miss", False),
            wants=wants,
            source=f"{self.document.path}:{span.line}" if span else self.document.path,
        )
        if kind == "say":
            return replace(persona, lines=self.lines(data["say"], (*node, "say"), name))
        if kind == "buttons":
            if data["buttons"] not in BUTTON_STYLES:
                raise self.fail(
                    (*node, "buttons"),
                    f"persona {name!r}: `buttons` must be {' or '.join(BUTTON_STYLES)}, not {data['buttons']!r}",
                )
            return replace(persona, buttons=data["buttons"])
        values = data["wrong_values"]
        if not isinstance(values, dict) or not values:
            raise self.fail(
                (*node, "wrong_values"),
                f'persona {name!r}: `wrong_values` maps slot types to answers, e.g. `phone: ["0812"]`',
            )
        for slot_type in values:
            if slot_type not in SLOT_TYPES:
                raise self.fail(
                    (*node, "wrong_values", slot_type),
                    f"persona {name!r}: unknown slot type {slot_type!r} (known: {', '.join(SLOT_TYPES)})",
                    at_key=True,
                )
        wrong = {t: self.lines(v, (*node, "wrong_values", t), name) for t, v in values.items()}
        return replace(persona, wrong_values=MappingProxyType(wrong))

    def lines(self, value: object, node: tuple[str | int, ...], name: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(node, f'persona {name!r}: expected a non-empty list of lines, e.g. ["gak jadi", "batal"]')
        for index, line in enumerate(value):
            if not isinstance(line, str) or not line.strip():
                raise self.fail((*node, index), f"persona {name!r}: each line must be non-empty text")
        return tuple(value)
