"""The searchable list of states, marked so a flow reads at a glance.

Markers: ▶ start, ■ end, ▲ escalates to a human; ✗ (errors) and ! (warnings)
flag states with problems; ● is where the simulation or transcript is now.
Highlighting a state (arrow keys, mouse) shows it; Enter, in the list or
in the search box, puts the cursor on it in the editor and clears the search.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from alur.designer.outline import Outline, StateInfo
from alur.flows.diagnostics import Severity


def state_label(info: StateInfo, current: bool) -> Content:
    """One row of the list: markers, name, problem flag."""
    if info.start:
        kind = ("▶", "bold $success")
    elif info.escalate:
        kind = ("▲", "bold $secondary")
    elif info.end:
        kind = ("■", "bold $primary")
    else:
        kind = (" ", "")
    worst = info.worst
    flag = (
        (" ✗", "bold $error")
        if worst is Severity.ERROR
        else (" !", "bold $warning")
        if worst is Severity.WARNING
        else ("", "")
    )
    return Content.assemble(
        ("●" if current else " ", "bold $accent"),
        kind,
        " ",
        (info.name, "bold reverse" if current else ""),
        flag,
    )


class StateList(Vertical):
    """Search box over the flow's states."""

    @dataclass
    class Highlighted(Message):
        """The designer moved to a state in the list."""

        name: str

    @dataclass
    class Chosen(Message):
        """The designer pressed Enter (or clicked) on a state."""

        name: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.outline: Outline | None = None
        self.current: str | None = None
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Find state…", id="state-search", compact=True)
        yield OptionList(id="state-options", compact=True)

    @property
    def options(self) -> OptionList:
        return self.query_one("#state-options", OptionList)

    @property
    def search(self) -> Input:
        return self.query_one("#state-search", Input)

    def show(self, outline: Outline | None) -> None:
        """Show `outline`'s states (keeping the search and the highlighted state)."""
        self.outline = outline
        self._refill()

    def set_current(self, name: str | None) -> None:
        """Mark `name` as where the conversation is now (None: no conversation)."""
        previous, self.current = self.current, name
        for state in (previous, name):
            if state and self.outline and state in self.outline.states and state in self._shown:
                self.options.replace_option_prompt(state, state_label(self.outline.states[state], state == name))
        if name:
            self.highlight(name)

    def highlight(self, name: str) -> None:
        """Move the list's highlight to `name` without posting Highlighted."""
        if name in self._shown:
            options = self.options
            with self.prevent(OptionList.OptionHighlighted):
                options.highlighted = options.get_option_index(name)

    def highlighted_name(self) -> str | None:
        option = self.options.highlighted_option
        return option.id if option is not None else None

    def _refill(self) -> None:
        options = self.options
        keep = self.highlighted_name()
        needle = self.search.value.strip().lower()
        outline = self.outline
        names = [] if outline is None else [n for n in outline.states if needle in n.lower()]
        self._shown = names
        with self.prevent(OptionList.OptionHighlighted):
            options.clear_options()
            if outline is not None:
                options.add_options(Option(state_label(outline.states[n], n == self.current), id=n) for n in names)
            if keep in names:
                options.highlighted = names.index(keep)
        self.border_subtitle = (
            f"{len(names)}/{len(outline.states)}" if outline and needle else (f"{len(names)}" if outline else "")
        )

    @on(Input.Changed, "#state-search")
    def _search_changed(self) -> None:
        self._refill()

    @on(Input.Submitted, "#state-search")
    def _search_submitted(self) -> None:
        """Enter in the search jumps to the highlighted match (the first one
        unless the designer moved): searching is for going somewhere."""
        if self._shown:
            index = self.options.highlighted or 0
            self.post_message(self.Chosen(self._shown[index]))

    def clear_search(self) -> None:
        """Show every state again (after a jump, so that no state the
        designer adds next is hidden by an old filter)."""
        if self.search.value:
            self.search.value = ""
            self._refill()

    @on(OptionList.OptionHighlighted, "#state-options")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Highlighted(event.option.id))

    @on(OptionList.OptionSelected, "#state-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
