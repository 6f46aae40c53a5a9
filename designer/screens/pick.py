"""Pick one of many (a state, a conversation, a template), with a filter."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class PickScreen(ModalScreen[str | None]):
    """Dismisses with the id of the chosen item, or None on Escape.

    `items` are (id, label) pairs; typing filters them by label.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, items: list[tuple[str, str]], selected: str | None = None) -> None:
        super().__init__()
        self.heading = title
        self.items = items
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall"):
            yield Static(Content(self.heading), classes="dialog-text")
            yield Input(placeholder="Filter…", id="pick-filter", compact=True)
            yield OptionList(id="pick-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#pick-filter", Input).focus()

    def _fill(self, needle: str) -> None:
        options = self.query_one("#pick-options", OptionList)
        options.clear_options()
        needle = needle.lower()
        shown = [(key, label) for key, label in self.items if needle in label.lower()]
        options.add_options(Option(Content(label), id=key) for key, label in shown)
        keys = [key for key, _ in shown]
        if self.selected in keys:
            options.highlighted = keys.index(self.selected)
        elif shown:
            options.highlighted = 0

    @on(Input.Changed, "#pick-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-filter")
    def _take_highlighted(self) -> None:
        option = self.query_one("#pick-options", OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    def on_key(self, event) -> None:
        """Up and down move the list while typing in the filter."""
        if event.key in ("up", "down") and self.focused is self.query_one("#pick-filter", Input):
            options = self.query_one("#pick-options", OptionList)
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()

    @on(OptionList.OptionSelected, "#pick-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
