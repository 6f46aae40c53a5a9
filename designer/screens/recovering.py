"""The recovery offer: unsaved edits of this flow were kept from an earlier session.

Shown when a flow is opened and its recovery file (`alur.designer.recovery`)
holds text that differs from the file: restore them, discard them, or look
at the difference first. Escape decides later: the edits stay kept and are
offered again on the next open.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from alur.designer.recovery import Recovered
from alur.designer.widgets.diff import DiffView

RESTORE, DISCARD = "restore", "discard"


class RecoveryScreen(ModalScreen[str | None]):
    """Dismisses with RESTORE, DISCARD or None (later)."""

    BINDINGS = [Binding("escape", "later", "Later")]

    def __init__(self, name: str, on_disk: str | None, recovered: Recovered) -> None:
        super().__init__()
        self.file_name, self.on_disk, self.recovered = name, on_disk, recovered

    def compose(self) -> ComposeResult:
        changed = self.recovered.base is not None and self.on_disk is not None and self.recovered.base != self.on_disk
        question = (
            f"Unsaved edits to {self.file_name} from {self.recovered.when()} were kept (the designer was closed "
            "without saving them). Restore them into the editor?"
        )
        if changed:
            question += " The file has also changed on disk since: restoring merges the two."
        with Vertical(classes="dialog dialog-wide", id="recovery"):
            yield Static(Content(question), classes="dialog-text")
            with VerticalScroll(id="recovery-body") as body:
                body.display = False
                yield DiffView(
                    self.on_disk or "",
                    self.recovered.text,
                    f"{self.file_name} (on disk)",
                    f"{self.file_name} (your unsaved edits)",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore", variant="primary", id=RESTORE)
                yield Button("Show diff", id="diff")
                yield Button("Discard", variant="warning", id=DISCARD)

    def on_mount(self) -> None:
        self.query_one(f"#{RESTORE}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "diff":
            body = self.query_one("#recovery-body")
            body.display = not body.display
            self.query_one("#recovery").set_class(body.display, "dialog-tall")
            event.button.label = "Hide diff" if body.display else "Show diff"
            return
        self.dismiss(event.button.id)

    def action_later(self) -> None:
        self.dismiss(None)
