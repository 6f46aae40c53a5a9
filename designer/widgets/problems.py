"""The checker's diagnostics, one per row, errors first; choosing one moves
the editor to it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from alur.flows.diagnostics import Diagnostic, Severity

_STYLE = {Severity.ERROR: "bold $error", Severity.WARNING: "bold $warning", Severity.INFO: "$primary"}


def problem_label(diagnostic: Diagnostic) -> Content:
    where = f"{diagnostic.line}:{diagnostic.column or 1}" if diagnostic.line else "-"
    return Content.assemble(
        (f"{diagnostic.severity}", _STYLE[diagnostic.severity]),
        (f" {where} ", "dim"),
        (diagnostic.code, "italic"),
        "\n",
        diagnostic.message,
    )


class ProblemList(OptionList):
    """Every diagnostic of the current text, in source order."""

    @dataclass
    class Chosen(Message):
        diagnostic: Diagnostic

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.diagnostics: list[Diagnostic] = []

    def show(self, diagnostics: list[Diagnostic]) -> None:
        """Errors first (they stop the flow from running), then by line."""
        diagnostics = sorted(diagnostics, key=lambda d: (-d.severity, d.line or 0, d.column or 0))
        if diagnostics == self.diagnostics:
            return
        self.diagnostics = diagnostics
        highlighted = self.highlighted
        self.clear_options()
        if diagnostics:
            self.add_options(Option(problem_label(d)) for d in diagnostics)
            self.highlighted = min(highlighted or 0, len(diagnostics) - 1)
        else:
            self.add_option(Option("No problems found.", disabled=True))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.diagnostics):
            self.post_message(self.Chosen(self.diagnostics[event.option_index]))
