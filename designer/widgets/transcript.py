"""Stepping through a recorded conversation while the flow state follows.

Every turn of the transcript is a row; the row of the user turn the
designer stands at is highlighted, with the state the flow reached and the
findings (⚑) at that turn. `n`/`p` (or →/←) step; Enter on a finding, or
`f`, jumps to the state the finding is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from alur.runner.findings import Finding
from alur.runner.safe_text import shown

if TYPE_CHECKING:
    from alur.designer.stepper import Stepping

_ROLE_STYLE = {"user": "bold $accent", "bot": "bold $success", "agent": "bold $secondary", "system": "dim"}


class TranscriptPanel(Vertical):
    BINDINGS = [
        Binding("n,right", "step(1)", "Next turn", tooltip="Step to the next customer turn", id="transcript.next"),
        Binding(
            "p,left",
            "step(-1)",
            "Prev turn",
            tooltip="Step back to the previous customer turn",
            id="transcript.previous",
        ),
        Binding(
            "f", "finding", "Go to finding", tooltip="Jump to the state of the next finding", id="transcript.finding"
        ),
    ]

    @dataclass
    class Moved(Message):
        """The designer stepped; the flow is now in `state`."""

        state: str | None

    @dataclass
    class FindingChosen(Message):
        finding: Finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stepping: Stepping | None = None
        self.source = ""

    def compose(self) -> ComposeResult:
        yield Static("Open a transcript (ctrl+t) to step through a recorded conversation.", id="transcript-header")
        yield OptionList(id="transcript-turns", compact=True)
        yield Static("", id="transcript-status")

    @property
    def turns(self) -> OptionList:
        return self.query_one("#transcript-turns", OptionList)

    def show(self, stepping: Stepping, source: str) -> None:
        self.stepping, self.source = stepping, source
        turns = self.turns
        turns.clear_options()
        conversation = stepping.conversation
        for index in range(len(conversation.turns)):
            turns.add_option(Option(self._row(index), id=str(index)))
        self._refresh_position()

    def _row(self, index: int) -> Content:
        assert self.stepping is not None
        turn = self.stepping.conversation.turns[index]
        role = turn["role"]
        parts: list[str | tuple[str, str]] = [
            (f"{role:>5} › ", _ROLE_STYLE.get(role, "")),
            shown(turn["text"], lines=True),
        ]
        step = self.stepping.steps.get(index)
        if step is not None:
            parts.append((f"\n        → {step.state}", "dim"))
            if step.intent:
                parts.append((f" ({step.intent})", "dim italic"))
        for finding in self.stepping.findings_at(index):
            parts += ["\n", ("        ⚑ ", "bold $error"), (f"{finding.kind}: ", "bold $error"), shown(finding.message)]
        return Content.assemble(*parts)

    def where(self) -> str:
        """Where the stepping is: `opening` or `turn 3/7` (for the header and the status line)."""
        stepping = self.stepping
        if stepping is None:
            return ""
        return "opening" if stepping.position < 0 else f"turn {stepping.position + 1}/{len(stepping.user_turns)}"

    def _refresh_position(self) -> None:
        stepping = self.stepping
        if stepping is None:
            return
        where = self.where()
        total = len(stepping.findings)
        header = Content.assemble(
            (shown(stepping.conversation.id), "bold"),
            (f"  {where}", ""),
            (f"  ⚑ {total} finding(s)" if total else "  no findings", "bold $error" if total else "dim"),
            (f"  {shown(self.source)}", "dim"),
        )
        self.query_one("#transcript-header", Static).update(header)
        index = stepping.turn_index
        if index is not None:
            self.turns.highlighted = index
        elif self.turns.option_count:
            self.turns.highlighted = 0
        notes = [n for n in (stepping.error, stepping.findings_note) if n]
        self.query_one("#transcript-status", Static).update(Content("\n".join(notes)))
        self.post_message(self.Moved(stepping.state()))

    def action_step(self, delta: int) -> None:
        if self.stepping is None:
            self.notify("Open a transcript first (ctrl+t).", severity="warning")
            return
        if not self.stepping.move(delta):
            self.notify("That was the last customer turn." if delta > 0 else "This is the start.", timeout=2)
            return
        self._refresh_position()

    def action_finding(self) -> None:
        finding = self.stepping.next_finding() if self.stepping else None
        if finding is None:
            self.notify("No findings in this conversation.", timeout=2)
            return
        self.stepping.go_to_turn(finding.turn)  # type: ignore[union-attr]
        self._refresh_position()
        self.post_message(self.FindingChosen(finding))

    @on(OptionList.OptionSelected, "#transcript-turns")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.stepping is None or event.option.id is None:
            return
        index = int(event.option.id)
        self.stepping.go_to_turn(index)
        self._refresh_position()
        findings = self.stepping.findings_at(index)
        if findings:
            self.post_message(self.FindingChosen(findings[0]))
