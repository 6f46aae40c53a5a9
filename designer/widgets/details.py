"""The selected state: what it says, what it collects or calls, its
problems, its transitions out and in, and which intents lead there.

Transitions are rows: Enter jumps to the state at the other end; Delete
removes an outgoing route (a structured edit the screen carries out).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from alur.designer.outline import FLOW_FALLBACK, GLOBAL, Link, StateInfo
from alur.flows.diagnostics import Severity


def _kind_text(info: StateInfo) -> str:
    kinds = []
    if info.start:
        kinds.append("start")
    if info.escalate:
        kinds.append("escalates to a human")
    if info.end:
        kinds.append("ends")
    if info.waits:
        kinds.append("waits for the customer")
    elif not (info.escalate or info.end):
        kinds.append("moves on at once")
    return " · ".join(kinds)


def summary(info: StateInfo) -> Content:
    parts: list[str | tuple[str, str]] = [(info.name, "bold"), "  ", (_kind_text(info), "dim")]
    for text in info.say:
        parts += ["\n", ("says ", "dim"), text]
    if info.collect:
        parts += ["\n", ("collects ", "dim"), (info.collect, "bold")]
    if info.action:
        parts += ["\n", ("calls ", "dim"), (info.action, "bold")]
    if info.retries is not None:
        then = f", then → {info.fallback_then}" if info.fallback_then else ", then again and again (no `then`)"
        parts += ["\n", ("not understood: ", "dim"), f"re-prompts {info.retries}×{then}"]
    intents = info.intents_in
    if intents:
        parts += ["\n", ("reached by ", "dim"), ", ".join(intents)]
    for problem in info.problems:
        style = "$error" if problem.severity is Severity.ERROR else "$warning"
        parts += ["\n", (f"{problem.severity} ", f"bold {style}"), (f"line {problem.line} ", "dim"), problem.message]
    return Content.assemble(*parts)


def link_label(link: Link, outgoing: bool) -> Content:
    if outgoing:
        when = f" if {link.condition}" if link.condition else ""
        return Content.assemble(("→ ", "bold $accent"), (link.target, "bold"), (f"  on {link.label}{when}", "dim"))
    source = {GLOBAL: "anywhere (global)", FLOW_FALLBACK: "anywhere (fallback)"}.get(link.source, link.source)
    return Content.assemble(("← ", "bold $accent"), (source, "bold"), (f"  on {link.label}", "dim"))


class StateDetails(VerticalScroll):
    """Everything about one state."""

    BINDINGS = [
        Binding(
            "delete", "remove_route", "Remove route", tooltip="Remove the highlighted outgoing route from the flow"
        ),
    ]

    @dataclass
    class Jump(Message):
        """Go to state `name` (the other end of a transition)."""

        name: str

    @dataclass
    class RemoveRoute(Message):
        link: Link

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.info: StateInfo | None = None
        self._rows: list[tuple[Link, bool]] = []

    def compose(self) -> ComposeResult:
        yield Static("Select a state in the list.", id="details-summary")
        yield OptionList(id="details-links", compact=True)

    def show(self, info: StateInfo | None) -> None:
        self.info = info
        links = self.query_one("#details-links", OptionList)
        links.clear_options()
        self._rows = []
        if info is None:
            self.query_one("#details-summary", Static).update("Select a state in the list.")
            return
        self.query_one("#details-summary", Static).update(summary(info))
        self._rows = [(link, True) for link in info.outgoing] + [(link, False) for link in info.incoming]
        links.add_options(Option(link_label(link, out)) for link, out in self._rows)
        if not self._rows:
            links.add_option(Option("No transitions in or out.", disabled=True))

    def highlighted_link(self) -> tuple[Link, bool] | None:
        index = self.query_one("#details-links", OptionList).highlighted
        return self._rows[index] if index is not None and index < len(self._rows) else None

    def action_remove_route(self) -> None:
        row = self.highlighted_link()
        if row is None or not row[1] or row[0].kind in ("fallback", "global"):
            self.notify("Highlight an outgoing route (→ …) first.", severity="warning")
            return
        self.post_message(self.RemoveRoute(row[0]))

    @on(OptionList.OptionSelected, "#details-links")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._rows):
            link, outgoing = self._rows[event.option_index]
            name = link.target if outgoing else link.source
            if name not in (GLOBAL, FLOW_FALLBACK):
                self.post_message(self.Jump(name))
