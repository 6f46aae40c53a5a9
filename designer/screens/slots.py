"""Preset slot values before starting a simulation in the middle of a flow."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from alur.flows.loader import resolve_plain
from alur.flows.model import Slot


class SlotsScreen(ModalScreen[dict[str, object] | None]):
    """One input per slot (sensitive ones hidden as typed); dismisses with
    the slots given a value, or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "accept", "Start", priority=True)]

    def __init__(self, state: str, slots: list[Slot]) -> None:
        super().__init__()
        self.state = state
        self.slots = slots

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall"):
            yield Static(
                Content.assemble("Start at ", (self.state, "bold"), " with these slots (leave empty to unset):"),
                classes="dialog-text",
            )
            with VerticalScroll(id="slot-fields"):
                for index, slot in enumerate(self.slots):
                    yield Label(Content(f"{slot.name} ({slot.type}{', sensitive' if slot.sensitive else ''})"))
                    yield Input(id=f"slot-{index}", password=slot.sensitive or slot.type == "otp", compact=True)
            yield Button("Start", variant="primary", id="slots-start")

    def on_mount(self) -> None:
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()
        else:
            self.query_one("#slots-start", Button).focus()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#slots-start")
    def action_accept(self) -> None:
        values: dict[str, object] = {}
        for index, slot in enumerate(self.slots):
            value = self.query_one(f"#slot-{index}", Input).value.strip()
            if value:
                typed = resolve_plain(value) if slot.type in ("number", "money") else value
                values[slot.name] = typed if isinstance(typed, (int, float)) and not isinstance(typed, bool) else value
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
