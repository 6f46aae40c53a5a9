"""Structured edits that rewrite only the characters they must.

A designer's flow file is a document they wrote: comments, key order, blank
lines, quoting and indentation are theirs. A YAML round trip (load, change,
dump) loses or reformats those, and ruamel.yaml's comment-keeping round trip
takes ~16 s on a 2,000-state flow. So every edit here is computed from the
positions the loader recorded (`Document.values` / `Document.keys`) as a
short list of `TextEdit`s against the current text: renaming a state
replaces the name where it is written and nowhere else; adding a state or a
route inserts lines with the file's own indentation.

Pure and Textual-free: the designer applies the edits to its editor (one
undo step), tests apply them with `apply_edits`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from alur.flows.loader import Document, NodePath, Span, resolve_plain

Location = tuple[int, int]  # 0-based (row, column), as Textual's TextArea counts

_NAME = re.compile(r"[^\s{}]+\Z")
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*\Z")
DEFAULT_SAY = "TODO: what the bot says here"


class EditError(Exception):
    """An edit that cannot be made; the message is for the designer."""


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace the text between `start` and `end` (0-based row, column) with `text`."""

    start: Location
    end: Location
    text: str


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    """`text` with non-overlapping `edits` applied (what the editor shows after them)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(location: Location) -> int:
        row, column = location
        if row >= len(lines):
            return len(text)
        return starts[row] + column

    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: offset(edit.start)] + edit.text + text[offset(edit.end) :]
    return text


def yaml_name(name: str, quote: str = "") -> str:
    """`name` written as a YAML scalar that reads back as exactly that text,
    in the quote style the file used there (`quote` is '"', "'" or "")."""
    if quote == "'":
        return "'" + name.replace("'", "''") + "'"
    if quote == '"' or not _PLAIN_SAFE.match(name) or resolve_plain(name) != name:
        return json.dumps(name, ensure_ascii=False)
    return name


def check_name(name: str, what: str = "a state name") -> str:
    """The name, or EditError saying why the flow format refuses it."""
    if not name:
        raise EditError(f"{what} must not be empty")
    if not _NAME.match(name):
        raise EditError(f"{what} must be one word without spaces or braces: {name!r}")
    return name


# -- rename -------------------------------------------------------------------


def state_references(document: Document, name: str) -> list[NodePath]:
    """Every place `name` is written as a state: its key, `start`, `next`,
    route targets (mapping and list forms), fallback `then` (flow and
    per-state) and `global` targets."""
    data = _mapping(document.data)
    paths: list[NodePath] = []
    if data.get("start") == name:
        paths.append(("start",))
    paths.extend(_route_targets(data.get("global"), ("global",), name))
    fallback = data.get("fallback")
    if isinstance(fallback, dict) and fallback.get("then") == name:
        paths.append(("fallback", "then"))
    for state, body in _mapping(data.get("states")).items():
        if not isinstance(body, dict):
            continue
        base = ("states", state)
        paths.extend(_route_targets(body.get("on"), (*base, "on"), name))
        if body.get("next") == name:
            paths.append((*base, "next"))
        own = body.get("fallback")
        if isinstance(own, dict) and own.get("then") == name:
            paths.append((*base, "fallback", "then"))
    return paths


def rename_state(document: Document, old: str, new: str) -> list[TextEdit]:
    """Rename state `old` to `new`: its key and every reference to it."""
    check_name(new)
    states = _mapping(_mapping(document.data).get("states"))
    if old not in states:
        raise EditError(f"there is no state named {old!r}")
    if new == old:
        return []
    if new in states:
        raise EditError(f"a state named {new!r} already exists")
    lines = _lines(document)
    edits = [_replace_scalar(lines, document.keys[("states", old)], new)]
    edits.extend(_replace_scalar(lines, document.values[path], new) for path in state_references(document, old))
    return edits


# -- add a state --------------------------------------------------------------


def add_state(document: Document, name: str, say: str = DEFAULT_SAY) -> list[TextEdit]:
    """Append state `name` (saying `say`) at the end of `states:`, indented as
    the file indents its states and separated from the previous state the way
    the file separates them."""
    check_name(name)
    return _append_entry(document, "states", "state", name, "say: " + json.dumps(say, ensure_ascii=False))


def add_intent(document: Document, name: str, example: str) -> list[TextEdit]:
    """Append intent `name`, with one `example` of what a customer says for
    it, at the end of `intents:` (as `add_state` appends a state)."""
    check_name(name, "an intent name")
    return _append_entry(document, "intents", "intent", name, "examples: " + json.dumps([example], ensure_ascii=False))


def _append_entry(document: Document, section: str, what: str, name: str, field: str) -> list[TextEdit]:
    """Append `name:` with the one line `field` under it to the block mapping
    `section`, in the file's own indentation and spacing."""
    entries = _mapping(document.data).get(section)
    if not isinstance(entries, dict) or not entries:
        raise EditError(f"the flow has no `{section}:` mapping to add to; add the {what} by hand")
    if name in entries:
        raise EditError(f"{'an' if what[0] in 'aeiou' else 'a'} {what} named {name!r} already exists")
    lines = _lines(document)
    if _is_flow_style(lines, document.values[(section,)]):
        raise EditError(f"`{section}:` is written inline with {{ }}; add the {what} by hand")
    names = list(entries)
    indent = document.keys[(section, names[0])].column - 1
    step = _child_step(document, section, names, indent)
    last = names[-1]
    last_key = document.keys[(section, last)]
    row = _last_row(document, lines, (section, last), indent)
    newline = _newline(document.text)
    separated = len(names) > 1 and last_key.line >= 2 and not lines[last_key.line - 2].strip()
    text = (
        newline
        + (newline if separated else "")
        + " " * indent
        + yaml_name(name)
        + ":"
        + newline
        + " " * (indent + step)
        + field
    )
    return [_insert_after_row(lines, row, text)]


# -- intents ------------------------------------------------------------------


def intent_references(document: Document, name: str) -> list[NodePath]:
    """Where intent `name` is written as a trigger: route keys under `on:`
    of states that call no action (an action's `on:` keys are its outcomes),
    `intent:` in list-form routes, and keys of `global:`. Keys are paths
    into `Document.keys`, `intent:` values paths into `Document.values`."""
    data = _mapping(document.data)
    paths: list[NodePath] = []
    for state, body in _mapping(data.get("states")).items():
        body = _mapping(body)
        routes = body.get("on")
        if isinstance(routes, dict) and "action" not in body and name in routes:
            paths.append(("states", state, "on", name))
        elif isinstance(routes, list):
            paths += [
                ("states", state, "on", i, "intent")
                for i, item in enumerate(routes)
                if isinstance(item, dict) and item.get("intent") == name
            ]
    if name in _mapping(data.get("global")):
        paths.append(("global", name))
    return paths


def rename_intent(document: Document, old: str, new: str) -> list[TextEdit]:
    """Rename intent `old` to `new`: its key under `intents:` and every
    route on it, so routes follow."""
    check_name(new, "an intent name")
    intents = _mapping(_mapping(document.data).get("intents"))
    if old not in intents:
        raise EditError(f"there is no intent named {old!r}")
    if new == old:
        return []
    if new in intents:
        raise EditError(f"an intent named {new!r} already exists")
    lines = _lines(document)
    edits = [_replace_scalar(lines, document.keys[("intents", old)], new)]
    for path in intent_references(document, old):
        span = document.values[path] if path[-1] == "intent" else document.keys[path]
        edits.append(_replace_scalar(lines, span, new))
    return edits


def remove_intent(document: Document, name: str) -> list[TextEdit]:
    """Remove intent `name` with its examples. Refused while a route uses it
    (the designer removes or reroutes those first, so nothing is left
    pointing at an intent that is gone)."""
    if name not in _mapping(_mapping(document.data).get("intents")):
        raise EditError(f"there is no intent named {name!r}")
    used = intent_references(document, name)
    if used:
        where = ", ".join(str(path[1]) if path[0] == "states" else "global" for path in used)
        raise EditError(f"routes use intent {name!r} (in {where}); remove them first")
    return _delete_entry(document, ("intents", name))


def add_example(document: Document, intent: str, example: str) -> list[TextEdit]:
    """Append `example` to the `examples:` of `intent` (a block or an inline list)."""
    body = _mapping(_mapping(_mapping(document.data).get("intents")).get(intent))
    if not body and intent not in _mapping(_mapping(document.data).get("intents")):
        raise EditError(f"there is no intent named {intent!r}")
    examples = body.get("examples")
    if example in (examples or []):
        raise EditError(f"{intent!r} already has the example {example!r}")
    path = ("intents", intent, "examples")
    item = json.dumps(example, ensure_ascii=False)
    if isinstance(examples, list) and examples and not _is_flow_style(_lines(document), document.values[path]):
        return append_list_item(document, path, "- " + item)
    if isinstance(examples, list):
        return [_insert_before_close(_lines(document), document.values[path], item, bool(examples))]
    raise EditError(f"intent {intent!r} has no `examples:` list; add the example by hand")


def replace_example(document: Document, intent: str, index: int, example: str) -> list[TextEdit]:
    """Write `example` in place of the `index`-th example of `intent`."""
    examples = _mapping(_mapping(_mapping(document.data).get("intents")).get(intent)).get("examples")
    if not isinstance(examples, list) or not 0 <= index < len(examples):
        raise EditError(f"intent {intent!r} has no example number {index + 1}")
    span = document.values[("intents", intent, "examples", index)]
    return [
        TextEdit(
            (span.line - 1, span.column - 1),
            (span.end_line - 1, span.end_column - 1),
            json.dumps(example, ensure_ascii=False),
        )
    ]


def remove_example(document: Document, intent: str, index: int) -> list[TextEdit]:
    """Remove the `index`-th example of `intent`."""
    examples = _mapping(_mapping(_mapping(document.data).get("intents")).get(intent)).get("examples")
    if not isinstance(examples, list) or not 0 <= index < len(examples):
        raise EditError(f"intent {intent!r} has no example number {index + 1}")
    return _delete_entry(document, ("intents", intent, "examples", index))


SIMPLE_SLOT_TYPES = ("text", "number", "money", "phone", "email", "date")  # types that need nothing more than `type`


def add_slot(document: Document, name: str, slot_type: str = "text") -> list[TextEdit]:
    """Declare slot `name` of `slot_type`: at the end of `slots:`, or, in a
    flow without slots, as a new `slots:` block just above `intents:` (or
    `states:`), where flows usually declare them."""
    check_name(name, "a slot name")
    if slot_type not in SIMPLE_SLOT_TYPES:
        raise EditError(
            f"a new slot's type is one of {', '.join(SIMPLE_SLOT_TYPES)} here; others need more settings: declare them in the YAML"
        )
    data = _mapping(document.data)
    if isinstance(data.get("slots"), dict) and data["slots"]:
        return _append_entry(document, "slots", "slot", name, f"type: {slot_type}")
    if "slots" in data:
        raise EditError("`slots:` is there but empty or not a mapping; declare the slot by hand")
    above = next((key for key in ("intents", "global", "fallback", "states") if key in data), None)
    if above is None:
        raise EditError("the flow has no `states:`; declare the slot by hand")
    newline = _newline(document.text)
    row = document.keys[(above,)].line - 1
    states = list(_mapping(data.get("states")))
    step = document.keys[("states", states[0])].column - 1 if states else 2  # indented as the states are
    block = f"slots:{newline}{' ' * step}{yaml_name(name)}: {{type: {slot_type}}}{newline}{newline}"
    return [TextEdit((row, 0), (row, 0), block)]


# -- a state's fields (the state form) -----------------------------------------------

FieldValue = str | int | list[str] | dict[str, object] | None


def yaml_lines(key: str, value: FieldValue, indent: int, step: int) -> list[str]:
    """`key: value` as block YAML lines at `indent` (texts quoted as JSON,
    which YAML reads as the same text, names plain where they can be; lists
    and mappings one item a line)."""
    pad = " " * indent
    if isinstance(value, bool) or isinstance(value, int):
        return [f"{pad}{key}: {json.dumps(value)}"]
    if isinstance(value, str):
        return [f"{pad}{key}: {_scalar(key, value)}"]
    if isinstance(value, list):
        return [f"{pad}{key}:"] + [f"{pad}{' ' * step}- {json.dumps(item, ensure_ascii=False)}" for item in value]
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for name, inner in value.items():
            lines += yaml_lines(name, inner, indent + step, step)  # type: ignore[arg-type]
        return lines
    raise EditError(f"cannot write {value!r} for `{key}`")


def _scalar(key: str, value: str) -> str:
    """Names (a slot, a state) plain where YAML allows; texts quoted."""
    return yaml_name(value) if key in ("collect", "next", "then", "action") else json.dumps(value, ensure_ascii=False)


def set_state_fields(document: Document, state: str, fields: dict[str, FieldValue]) -> list[TextEdit]:
    """Set (or, with None, remove) keys of `state`: an existing key is
    rewritten where it is, so key order stays; a new key goes at the end of
    the state. Everything outside those keys, comments included, is kept."""
    body = _state_body(document, state)
    lines = _lines(document)
    base = ("states", state)
    if _is_flow_style(lines, document.values[base]):
        raise EditError(f"state {state!r} is written inline with {{ }}; edit it in the YAML")
    newline = _newline(document.text)
    state_indent = document.keys[base].column - 1
    child_indent = document.keys[(*base, next(iter(body)))].column - 1
    step = child_indent - state_indent
    edits: list[TextEdit] = []
    appended: list[str] = []
    for key, value in fields.items():
        if key in body:
            path = (*base, key)
            if value is None:
                edits += _delete_entry(document, path)
                continue
            first = document.keys[path].line - 1
            if lines[first][:child_indent].strip():
                raise EditError(f"line {first + 1}: `{key}` shares its line with other keys; edit it in the YAML")
            last = _last_row(document, lines, path, child_indent)
            edits.append(
                TextEdit((first, 0), (last, len(lines[last])), newline.join(yaml_lines(key, value, child_indent, step)))
            )
        elif value is not None:
            appended += yaml_lines(key, value, child_indent, step)
    if appended:
        row = _last_row(document, lines, base, state_indent)
        edits.append(_insert_after_row(lines, row, newline + newline.join(appended)))
    return edits


# -- transitions --------------------------------------------------------------


def add_transition(document: Document, state: str, trigger: str, target: str) -> list[TextEdit]:
    """Route `trigger` (an intent, or an action's outcome) from `state` to `target`."""
    check_name(trigger, "an intent or event name")
    check_name(target)
    body = _state_body(document, state)
    lines = _lines(document)
    newline = _newline(document.text)
    base = ("states", state)
    state_indent = document.keys[base].column - 1
    child_indent = document.keys[(*base, next(iter(body)))].column - 1
    step = child_indent - state_indent
    routes = body.get("on")
    entry = f"{yaml_name(trigger)}: {yaml_name(target)}"
    if "on" not in body or routes is None:
        if "on" in body:  # `on:` with nothing after it
            span = document.keys[(*base, "on")]
            return [_insert_after_row(lines, span.line - 1, newline + " " * (child_indent + step) + entry)]
        row = _last_row(document, lines, base, state_indent)
        text = newline + " " * child_indent + "on:" + newline + " " * (child_indent + step) + entry
        return [_insert_after_row(lines, row, text)]
    on_path = (*base, "on")
    if isinstance(routes, dict):
        if trigger in routes:
            raise EditError(f"{state!r} already routes {trigger!r} to {routes[trigger]!r}")
        span = document.values[on_path]
        if _is_flow_style(lines, span):
            return [_insert_before_close(lines, span, entry, bool(routes))]
        indent = document.keys[(*on_path, next(iter(routes)))].column - 1
        row = _last_row(document, lines, on_path, indent - 1)
        return [_insert_after_row(lines, row, newline + " " * indent + entry)]
    if isinstance(routes, list):
        key = "event" if "action" in body else "intent"
        item = f"{{{key}: {yaml_name(trigger)}, goto: {yaml_name(target)}}}"
        span = document.values[on_path]
        if not routes or _is_flow_style(lines, span):
            return [_insert_before_close(lines, span, item, bool(routes))]
        first = document.values[(*on_path, 0)]
        dash = _dash_column(lines, first)
        row = _last_row(document, lines, on_path, dash - 1)
        if isinstance(routes[0], dict) and routes[0] and not _is_flow_style(lines, first):
            key_indent = first.column - 1
            text = newline + " " * dash + "- " + " " * (key_indent - dash - 2) + f"{key}: {yaml_name(trigger)}"
            text += newline + " " * key_indent + f"goto: {yaml_name(target)}"
        else:
            text = newline + " " * dash + "- " + item
        return [_insert_after_row(lines, row, text)]
    raise EditError(f"`on` of state {state!r} is neither a mapping nor a list; fix it first")


def remove_transition(document: Document, state: str, index: int) -> list[TextEdit]:
    """Remove the `index`-th route of `state` (in the order written). Removing
    the last route removes the `on:` key too (an empty `on:` is an error)."""
    body = _state_body(document, state)
    routes = body.get("on")
    on_path = ("states", state, "on")
    if not isinstance(routes, (dict, list)) or not 0 <= index < len(routes):
        raise EditError(f"state {state!r} has no route number {index + 1}")
    if len(routes) == 1:
        return _delete_entry(document, on_path)
    key = list(routes)[index] if isinstance(routes, dict) else index
    return _delete_entry(document, (*on_path, key))


def remove_next(document: Document, state: str) -> list[TextEdit]:
    """Remove `next:` from `state`."""
    if "next" not in _state_body(document, state):
        raise EditError(f"state {state!r} has no `next`")
    return _delete_entry(document, ("states", state, "next"))


def append_list_item(document: Document, path: NodePath, item: str) -> list[TextEdit]:
    """Append `item` (YAML text of one list item written at column 0,
    starting with `- `) to the block list at `path`, at the list's indentation."""
    items = _value_at(document.data, path)
    if not isinstance(items, list) or not items:
        raise EditError(f"`{'.'.join(map(str, path))}` is not a non-empty list; add the item by hand")
    lines = _lines(document)
    if _is_flow_style(lines, document.values[path]):
        raise EditError(f"`{'.'.join(map(str, path))}` is written inline with [ ]; add the item by hand")
    dash = _dash_column(lines, document.values[(*path, 0)])
    row = _last_row(document, lines, path, dash - 1)
    newline = _newline(document.text)
    body = newline.join(" " * dash + line if line else line for line in item.rstrip("\n").split("\n"))
    return [_insert_after_row(lines, row, newline + body)]


# -- helpers ------------------------------------------------------------------


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _lines(document: Document) -> list[str]:
    return document.text.splitlines() or [""]


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _state_body(document: Document, state: str) -> dict:
    states = _mapping(_mapping(document.data).get("states"))
    if state not in states:
        raise EditError(f"there is no state named {state!r}")
    body = states[state]
    if not isinstance(body, dict) or not body:
        raise EditError(f"state {state!r} is empty; give it a `say:` first")
    if _is_flow_style(_lines(document), document.values[("states", state)]):
        raise EditError(f"state {state!r} is written inline with {{ }}; edit it by hand")
    return body


def _route_targets(routes: object, path: NodePath, name: str) -> list[NodePath]:
    if isinstance(routes, dict):
        return [(*path, trigger) for trigger, target in routes.items() if target == name]
    if isinstance(routes, list):
        return [
            (*path, i, "goto") for i, item in enumerate(routes) if isinstance(item, dict) and item.get("goto") == name
        ]
    return []


def _char(lines: list[str], row: int, column: int) -> str:
    return lines[row][column] if row < len(lines) and column < len(lines[row]) else ""


def _is_flow_style(lines: list[str], span: Span) -> bool:
    return _char(lines, span.line - 1, span.column - 1) in ("[", "{")


def _replace_scalar(lines: list[str], span: Span, name: str) -> TextEdit:
    quote = _char(lines, span.line - 1, span.column - 1)
    quote = quote if quote in ("'", '"') else ""
    return TextEdit((span.line - 1, span.column - 1), (span.end_line - 1, span.end_column - 1), yaml_name(name, quote))


def _child_step(document: Document, section: str, names: list[str], indent: int) -> int:
    """How far the file indents an entry's keys (a state's, an intent's) beyond its name."""
    for name in names:
        body = document.data[section][name]  # type: ignore[index]
        if isinstance(body, dict) and body:
            key = document.keys.get((section, name, next(iter(body))))
            own = document.keys.get((section, name))
            if (
                key is not None and own is not None and key.line > own.line and key.column - 1 > indent
            ):  # not inline { }
                return key.column - 1 - indent
    return 2


def _content_end(document: Document, lines: list[str], path: NodePath) -> Location:
    """Where the last character that belongs to the node at `path` ends.

    libyaml ends a block collection (and a block scalar) where the next
    token starts, which may be lines later, past comments that belong to
    what follows; scalars and inline collections end exactly. So a block
    collection ends where its last child ends.
    """
    span = document.values[path]
    value = _value_at(document.data, path)
    if isinstance(value, (dict, list)) and value and not _is_flow_style(lines, span):
        children = value.keys() if isinstance(value, dict) else range(len(value))
        return max(_content_end(document, lines, (*path, child)) for child in children)
    row, column = span.end_line - 1, span.end_column - 1
    if _char(lines, span.line - 1, span.column - 1) in ("|", ">"):
        if column == 0:
            row -= 1
        while row > span.line - 1 and not lines[row].strip():
            row -= 1
        column = len(lines[row])
    elif column == 0 and row > span.line - 1:  # an empty value ends on the next line
        row -= 1
        column = len(lines[row])
    return (row, column)


def _last_row(document: Document, lines: list[str], path: NodePath, owner_indent: int) -> int:
    """The last line that belongs to the node at `path`: its content, then
    any comment lines indented deeper than its owner's key (they talk about
    it), never trailing blank lines."""
    row = _content_end(document, lines, path)[0]
    probe = row + 1
    while probe < len(lines):
        stripped = lines[probe].lstrip()
        if not stripped:
            probe += 1
            continue
        if stripped.startswith("#") and len(lines[probe]) - len(stripped) > owner_indent:
            row = probe
            probe += 1
            continue
        break
    return row


def _value_at(data: object, path: NodePath) -> object:
    for key in path:
        data = data[key]  # type: ignore[index]
    return data


def _insert_after_row(lines: list[str], row: int, text: str) -> TextEdit:
    end = (row, len(lines[row]))
    return TextEdit(end, end, text)


def _insert_before_close(lines: list[str], span: Span, item: str, has_items: bool) -> TextEdit:
    """Insert `item` as the last element of an inline `[...]` or `{...}`."""
    row, column = span.end_line - 1, span.end_column - 2  # the closing bracket
    while column > 0 and lines[row][column - 1] == " ":
        column -= 1
    text = (", " if has_items else "") + item
    return TextEdit((row, column), (row, column), text)


def _dash_column(lines: list[str], item: Span) -> int:
    """The column of the `-` that introduces a block sequence item."""
    line = lines[item.line - 1]
    before = line[: item.column - 1].rstrip()
    if not before.endswith("-"):
        raise EditError(f"line {item.line}: cannot find the `-` of this list item; edit it by hand")
    return len(before) - 1


def _delete_entry(document: Document, path: NodePath) -> list[TextEdit]:
    """Delete the mapping entry or list item at `path`, with its lines."""
    lines = _lines(document)
    parent_path, key = path[:-1], path[-1]
    parent_span = document.values[parent_path]
    if _is_flow_style(lines, parent_span):
        return [_delete_inline(document, lines, path)]
    if isinstance(key, int):
        start = document.values[path]
        first_row = start.line - 1
        owner_indent = _dash_column(lines, start)
    else:
        start = document.keys[path]
        first_row = start.line - 1
        if lines[first_row][: start.column - 1].strip():
            raise EditError(f"line {start.line}: {key!r} shares its line with other keys; edit it by hand")
        owner_indent = start.column - 1
    last_row = _last_row(document, lines, path, owner_indent)
    if last_row + 1 < len(lines):
        return [TextEdit((first_row, 0), (last_row + 1, 0), "")]
    if first_row == 0:
        return [TextEdit((0, 0), (last_row, len(lines[last_row])), "")]
    return [TextEdit((first_row - 1, len(lines[first_row - 1])), (last_row, len(lines[last_row])), "")]


def _delete_inline(document: Document, lines: list[str], path: NodePath) -> TextEdit:
    """Delete `key: value` (or an item) inside `{ }` or `[ ]`, with one comma."""
    key = path[-1]
    begin = document.keys[path] if isinstance(key, str) else document.values[path]
    end = document.values[path]
    start, stop = (begin.line - 1, begin.column - 1), (end.end_line - 1, end.end_column - 1)
    row, column = stop
    rest = lines[row][column:]
    after = len(rest) - len(rest.lstrip())
    if rest[after : after + 1] == ",":  # not the last item: take the comma after it
        following = rest[after + 1 :]
        return TextEdit(start, (row, column + after + 1 + len(following) - len(following.lstrip(" "))), "")
    srow, scol = start  # the last item: take the comma before it
    before = lines[srow][:scol].rstrip()
    if before.endswith(","):
        return TextEdit((srow, len(before) - 1), stop, "")
    return TextEdit(start, stop, "")
