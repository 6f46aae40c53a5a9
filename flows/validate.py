"""From a file to a Flow, with every schema problem at its line and column.

Clean files take the fast path (`build_flow`, no jsonschema import). Only
when that path finds a violation is jsonschema brought in, to report every
violation of the file at once with `best_match` picking the useful error
inside `oneOf` branches.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from alur.flows.diagnostics import Diagnostic, FlowError, Severity
from alur.flows.loader import Document, NodePath, load_document, read_text
from alur.flows.model import Flow, SchemaViolation, build_flow, kind_of

if TYPE_CHECKING:  # jsonschema is imported only for an invalid file
    from jsonschema.exceptions import ValidationError

SCHEMA_CODE = "schema"
_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def schema_text() -> str:
    """The flow JSON Schema as shipped (what `alur schema` prints)."""
    return resources.files("alur.flows").joinpath("schema.json").read_text(encoding="utf-8")


@cache
def schema() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(schema_text())
    return loaded


def build(document: Document) -> Flow:
    """The Flow in a loaded document, or FlowError with all schema problems."""
    try:
        return build_flow(document)
    except SchemaViolation as violation:
        diagnostics = schema_diagnostics(document) or [_diagnostic(document, violation.path, violation.message)]
        raise FlowError(diagnostics) from None


def parse_flow(text: str, path: str = "<text>") -> Flow:
    """Text → Flow, or FlowError (YAML or schema problems)."""
    return build(load_document(text, path))


def read_flow(path: Path | str, max_bytes: int | None = None) -> Flow:
    """File → Flow, or FlowError (unreadable, YAML or schema problems)."""
    return parse_flow(read_text(Path(path), max_bytes), str(path))


def schema_diagnostics(document: Document) -> list[Diagnostic]:
    """Every schema violation in the document, in source order."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    validator = Draft202012Validator(schema())
    diagnostics = []
    for error in validator.iter_errors(document.data):
        while error.context:  # a oneOf/anyOf: report from the branch that fits
            error = best_match(_fitting_branch(error.context))
        diagnostics.append(_diagnostic(document, tuple(error.absolute_path), _message(error)))
    diagnostics.sort(key=lambda d: (d.line or 0, d.column or 0))
    return diagnostics


def _fitting_branch(context: Sequence[ValidationError]) -> Sequence[ValidationError]:
    """The errors of the oneOf branch whose type the value has (a mapping of
    routes with one bad target should not be told it is not a list)."""
    branches: dict[object, list[ValidationError]] = {}
    for error in context:
        branches.setdefault(error.relative_schema_path[0], []).append(error)
    fitting = [
        errors for errors in branches.values() if not any(e.validator == "type" and not e.relative_path for e in errors)
    ]
    return fitting[0] if len(fitting) == 1 else context


def _diagnostic(document: Document, path: NodePath, message: str) -> Diagnostic:
    span = document.span(path)
    where = "/".join(str(part) for part in path)
    text = f"{where}: {message}" if where else message
    return Diagnostic(
        document.path,
        span.line if span else None,
        span.column if span else None,
        Severity.ERROR,
        SCHEMA_CODE,
        text,
    )


def _message(error: ValidationError) -> str:
    """jsonschema's message, reworded where it is written for programmers."""
    if (
        error.validator == "additionalProperties"
        and isinstance(error.instance, dict)
        and isinstance(error.schema, Mapping)
    ):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(str(key) for key in error.instance if key not in allowed)
        if extra:
            return f"unknown key {', '.join(map(repr, extra))}; allowed: {', '.join(sorted(allowed))}"
    if error.validator == "minProperties" and isinstance(error.schema, Mapping):
        return f"needs {' or '.join(f'`{key}`' for key in error.schema.get('properties', {}))}"
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is required but missing")
    if error.validator == "const" and error.absolute_path and error.absolute_path[-1] == "alur":
        return "`alur` is the format version and must be 1"
    if error.validator == "pattern" and "a-z][a-z0-9_]" in str(error.validator_value):
        return f"{error.instance!r} must be lower_snake_case, e.g. order_status"
    if error.validator == "pattern":
        return f"{error.instance!r} must be one word without spaces or braces"
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"must be {' or '.join(_TYPE_NAMES.get(str(t), str(t)) for t in wanted)}, not {kind_of(error.instance)}"
    return str(error.message)
