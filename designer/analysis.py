"""One pass of the checker over the editor's text, for the designer.

Runs in a worker thread after the designer pauses typing: the checker's
diagnostics, the Flow when the model could build one, the loaded Document
(whose spans the structured edits need) and the outline the state list and
details pane show. Each result carries the generation of the text it was
computed from, so a result that arrives after further typing is recognised
as stale and dropped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from alur.designer.outline import Outline, build_outline, outline_from_names
from alur.flows.diagnostics import Diagnostic, FlowError, Severity
from alur.flows.loader import Document, load_document
from alur.flows.model import Flow

if TYPE_CHECKING:
    from alur.flows.config import Config


@dataclass(slots=True)
class Analysis:
    generation: int
    text: str
    diagnostics: list[Diagnostic]
    flow: Flow | None
    document: Document | None
    outline: Outline | None  # None when the text is not even YAML
    seconds: float

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(Severity, 0)
        for diagnostic in self.diagnostics:
            counts[diagnostic.severity] += 1
        return counts


def analyse(text: str, path: str, generation: int = 0, config: Config | None = None) -> Analysis:
    """Check `text` as the flow file `path` (with the project's `config`, as
    `alur check` would) and outline what can be outlined."""
    from alur.flows.check import check_text

    began = time.perf_counter()
    result = check_text(text, path, config)
    diagnostics = sorted(result.diagnostics, key=lambda d: (d.line or 0, d.column or 0))
    flow = result.flow
    document = flow.document if flow is not None else _document(text, path)
    if flow is not None:
        outline: Outline | None = build_outline(flow, diagnostics)
    elif document is not None:
        outline = _bare_outline(document, diagnostics)
    else:
        outline = None
    return Analysis(generation, text, diagnostics, flow, document, outline, time.perf_counter() - began)


def _document(text: str, path: str) -> Document | None:
    try:
        return load_document(text, path)
    except FlowError:
        return None


def _bare_outline(document: Document, diagnostics: list[Diagnostic]) -> Outline | None:
    data = document.data if isinstance(document.data, dict) else {}
    states = data.get("states")
    if not isinstance(states, dict):
        return None
    names = []
    for name in states:
        span = document.keys.get(("states", name))
        names.append((str(name), span.line if span else None, span.column if span else None))
    start = data.get("start")
    return outline_from_names(names, start if isinstance(start, str) else None, diagnostics)
