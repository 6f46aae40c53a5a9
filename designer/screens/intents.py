"""The intents screen (F10): every intent with its examples and the routes
on it; add, rename (routes follow), remove an intent; add, edit, remove an
example; "try a message" ranks the intents for what a customer might write;
and examples the matcher would read as another intent are flagged.

Every change is a structured edit of the editor's text (`designer.edits`),
one undo step each, comments and key order kept; the screen re-reads the
flow from the editor after each one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from alur.designer.edits import (
    EditError,
    TextEdit,
    add_example,
    add_intent,
    check_name,
    remove_example,
    remove_intent,
    rename_intent,
    replace_example,
)
from alur.designer.intents import Clash, Ranked, clashes, rank, routes_on
from alur.designer.screens.pick import PickScreen
from alur.designer.screens.prompt import PromptScreen
from alur.flows.diagnostics import FlowError
from alur.flows.loader import Document, load_document
from alur.flows.model import Flow, SchemaViolation, build_flow

if TYPE_CHECKING:
    from alur.designer.screens.main.core import FlowScreen

Edit = Callable[[Document], list[TextEdit]]


class IntentsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to the editor"),
        Binding("a", "add_intent", "Add intent", tooltip="Add an intent with a first example"),
        Binding("r", "rename_intent", "Rename", tooltip="Rename the intent; routes on it follow"),
        Binding("delete", "remove_intent", "Remove", tooltip="Remove the intent (once no route uses it)"),
        Binding("e", "add_example", "Add example", tooltip="Add an example of what customers say"),
        Binding("E", "edit_example", "Edit example", tooltip="Rewrite one of the intent's examples"),
        Binding("x", "remove_example", "Remove example", tooltip="Remove one of the intent's examples"),
        Binding(
            "t", "try_message", "Try a message", tooltip="Type what a customer might write; see the intents ranked"
        ),
    ]

    def __init__(self, owner: FlowScreen, flow: Flow) -> None:
        super().__init__()
        self.owner = owner
        self.flow = flow
        self.clashes: list[Clash] = []

    def compose(self) -> ComposeResult:
        yield Static(id="intents-title")
        with Horizontal(id="intents-main"):
            yield OptionList(id="intent-list")
            with VerticalScroll(id="intent-detail-box"):
                yield Static(id="intent-detail")
        yield Input(placeholder="Try a message: what might a customer write? (t)", id="try")
        yield Static(id="try-result")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#intent-list", OptionList).focus()
        self._find_clashes(self.flow)

    # -- showing ---------------------------------------------------------------

    @property
    def intent_list(self) -> OptionList:
        return self.query_one("#intent-list", OptionList)

    @property
    def current(self) -> str | None:
        option = self.intent_list.highlighted_option
        return option.id if option is not None else None

    def _fill(self, keep: str | None = None) -> None:
        keep = keep or self.current
        names = list(self.flow.intents)
        flagged = {clash.intent for clash in self.clashes}
        listing = self.intent_list
        listing.clear_options()
        for name in names:
            intent = self.flow.intents[name]
            label = Content.assemble(
                ("! " if name in flagged else "  ", "bold $warning"),
                name,
                (f"  {len(intent.examples)}", "dim"),
                (" ▲" if intent.handoff else "", "$secondary"),
            )
            listing.add_option(Option(label, id=name))
        if names:
            listing.highlighted = names.index(keep) if keep in names else 0
        count = len(names)
        title = Content.assemble(
            ("Intents", "bold"),
            f" · {count} intent{'s' * (count != 1)}",
            (f" · {len(self.clashes)} example(s) read as another intent" if self.clashes else "", "$warning"),
        )
        self.query_one("#intents-title", Static).update(title)
        self._show_detail()
        self._try(self.query_one("#try", Input).value)

    def _show_detail(self) -> None:
        name = self.current
        detail = self.query_one("#intent-detail", Static)
        if name is None or name not in self.flow.intents:
            detail.update(Content.styled("No intents yet: `a` adds one.", "dim"))
            return
        intent = self.flow.intents[name]
        parts: list[str | tuple[str, str]] = [
            (name, "bold"),
            ("  hands over to a human" if intent.handoff else "", "$secondary"),
        ]
        parts += ["\n", ("examples", "dim")]
        for number, example in enumerate(intent.examples, 1):
            parts += ["\n", (f"{number:>3}. ", "dim"), example]
        for pattern in intent.patterns:
            parts += ["\n", ("  pattern ", "dim"), pattern]
        routes = routes_on(self.flow, name)
        parts += ["\n", ("routes on it: ", "dim"), ", ".join(routes) if routes else "none yet (F4 on a state adds one)"]
        for clash in (c for c in self.clashes if name in (c.intent, c.other)):
            parts += [
                "\n",
                ("! ", "bold $warning"),
                f"{clash.intent}'s {clash.example!r} reads as {clash.other} ({clash.score:.2f})",
            ]
        detail.update(Content.assemble(*parts))

    @on(OptionList.OptionHighlighted, "#intent-list")
    def _highlighted(self) -> None:
        self._show_detail()

    # -- try a message -------------------------------------------------------------

    def action_try_message(self) -> None:
        self.query_one("#try", Input).focus()

    @on(Input.Changed, "#try")
    def _typed(self, event: Input.Changed) -> None:
        self._try(event.value)

    def _try(self, text: str) -> None:
        if not text.strip():
            self.query_one("#try-result", Static).update(
                Content.styled("Intents are ranked here as you type, with the example that pulled each.", "dim")
            )
            return
        self._rank(self.flow, text)

    @work(thread=True, exclusive=True, group="try")
    def _rank(self, flow: Flow, text: str) -> None:
        """Rank in a worker: one matcher per example that may have pulled an
        intent costs tens of milliseconds, too much for every key."""
        ranked = rank(flow, text)[:5]
        self.app.call_from_thread(self._ranked, text, ranked)

    def _ranked(self, text: str, ranked: list[Ranked]) -> None:
        if text != self.query_one("#try", Input).value:
            return  # typed since; a newer ranking is on its way
        result = self.query_one("#try-result", Static)
        if not ranked:
            result.update(Content.styled("No intent matches this at all: the fallback would answer.", "$warning"))
            return
        parts: list[str | tuple[str, str]] = []
        for position, found in enumerate(ranked):
            parts += [
                "\n" if position else "",
                (f"{found.score:.2f} ", "bold $success" if found.passes else "dim"),
                (found.intent, "bold" if found.passes and position == 0 else ""),
                (f"  ({found.via})", "dim"),
            ]
            if found.example:
                parts += [("  pulled by ", "dim"), repr(found.example)]
        if not ranked[0].passes:
            parts += ["\n", ("below the matcher's threshold: the fallback would answer", "$warning")]
        result.update(Content.assemble(*parts))

    # -- too close -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="clashes")
    def _find_clashes(self, flow: Flow) -> None:
        found = clashes(flow)
        self.app.call_from_thread(self._clashes_found, flow, found)

    def _clashes_found(self, flow: Flow, found: list[Clash]) -> None:
        if flow is self.flow:
            self.clashes = found
            self._fill()

    # -- edits -----------------------------------------------------------------------

    def _edit(self, make: Edit, done: str, keep: str | None = None) -> None:
        document = self.owner.current_document()
        if document is None:
            return
        try:
            edits = make(document)
        except EditError as error:
            self.notify(str(error), severity="error")
            return
        self.owner.editor.apply(edits)
        self.owner.check_now()
        self.notify(done + " (ctrl+z in the editor undoes it)", timeout=4)
        self._reread(keep)

    def _reread(self, keep: str | None) -> None:
        """The flow as the editor holds it now (read here: the checker's
        analysis of the new text is still on its way)."""
        try:
            flow = build_flow(load_document(self.owner.editor.text, self.owner.display_name))
        except (FlowError, SchemaViolation, ValueError):
            flow = None
        if flow is not None:
            self.flow = flow
            self._fill(keep)
            self._find_clashes(flow)

    def _name_check(self, taken: bool) -> Callable[[str], str | None]:
        def check(value: str) -> str | None:
            try:
                check_name(value, "an intent name")
            except EditError as error:
                return str(error)
            return f"an intent named {value!r} already exists" if taken and value in self.flow.intents else None

        return check

    def action_add_intent(self) -> None:
        def named(name: str | None) -> None:
            if not name:
                return

            def example(text: str | None) -> None:
                if text:
                    self._edit(lambda d: add_intent(d, name, text), f"Added intent {name}.", keep=name)

            self.app.push_screen(
                PromptScreen(f"One thing a customer would say for {name!r}:", placeholder="e.g. cek ongkir ke Bandung"),
                example,
            )

        self.app.push_screen(
            PromptScreen(
                "Name of the new intent:", placeholder="e.g. check_shipping_cost", check=self._name_check(True)
            ),
            named,
        )

    def action_rename_intent(self) -> None:
        old = self.current
        if old is None:
            return

        def renamed(new: str | None) -> None:
            if new and new != old:
                self._edit(
                    lambda d: rename_intent(d, old, new), f"Renamed intent {old} to {new}; routes follow.", keep=new
                )

        self.app.push_screen(PromptScreen(f"Rename intent {old!r} to:", old, check=self._name_check(True)), renamed)

    def action_remove_intent(self) -> None:
        name = self.current
        if name is not None:
            self._edit(lambda d: remove_intent(d, name), f"Removed intent {name}.")

    def action_add_example(self) -> None:
        name = self.current
        if name is None:
            return

        def added(text: str | None) -> None:
            if text:
                self._edit(lambda d: add_example(d, name, text), f"Added an example to {name}.", keep=name)

        self.app.push_screen(PromptScreen(f"Another thing a customer would say for {name!r}:"), added)

    def _pick_example(self, then: Callable[[str, int], None]) -> None:
        name = self.current
        if name is None or not self.flow.intents[name].examples:
            self.notify("This intent has no examples.", severity="warning")
            return
        items = [(str(i), example) for i, example in enumerate(self.flow.intents[name].examples)]
        self.app.push_screen(
            PickScreen(f"Example of {name}:", items), lambda key: then(name, int(key)) if key is not None else None
        )

    def action_edit_example(self) -> None:
        def edit(name: str, index: int) -> None:
            def rewritten(text: str | None) -> None:
                if text:
                    self._edit(
                        lambda d: replace_example(d, name, index, text), f"Rewrote an example of {name}.", keep=name
                    )

            self.app.push_screen(
                PromptScreen(f"Rewrite the example of {name!r}:", self.flow.intents[name].examples[index]), rewritten
            )

        self._pick_example(edit)

    def action_remove_example(self) -> None:
        def remove(name: str, index: int) -> None:
            self._edit(lambda d: remove_example(d, name, index), f"Removed an example of {name}.", keep=name)

        self._pick_example(remove)

    def action_close(self) -> None:
        if self.focused is self.query_one("#try", Input):
            self.intent_list.focus()
            return
        self.dismiss(None)
