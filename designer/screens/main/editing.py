"""Structured edits on the designer screen: rename a state, add a state, add
or remove a route. Each is computed by `alur.designer.edits` from the loader's
positions and applied to the editor as one undoable step, so the designer's
comments, key order and formatting stay as they wrote them.
"""

from __future__ import annotations

from collections.abc import Callable

from alur.designer.edits import (
    EditError,
    TextEdit,
    add_intent,
    add_state,
    add_transition,
    check_name,
    remove_next,
    remove_transition,
    rename_state,
)
from alur.designer.screens.main.core import FlowScreen
from alur.designer.screens.prompt import PromptScreen
from alur.designer.widgets.details import StateDetails
from alur.flows.rules._names import did_you_mean


class EditingActions(FlowScreen):
    """Mixed into DesignerScreen."""

    def _state_names(self) -> list[str]:
        outline = self.analysis.outline if self.analysis else None
        return outline.names() if outline else []

    def _apply(self, edits: list[TextEdit], done: str) -> None:
        self.editor.apply(edits)
        self.check_now()
        self.notify(done, timeout=4)

    def _require_selected(self) -> str | None:
        if not self.selected:
            self.notify("Select a state in the list first.", severity="warning")
        return self.selected

    def _state_name_check(self, keep: str | None = None) -> Callable[[str], str | None]:
        """What is wrong with a name typed for a state (None: nothing): not a
        valid name, or taken by another state than `keep` (the one renamed)."""
        names = set(self._state_names()) - {keep}

        def check(value: str) -> str | None:
            try:
                check_name(value)
            except EditError as error:
                return str(error)
            return f"a state named {value!r} already exists" if value in names else None

        return check

    # -- rename --------------------------------------------------------------

    def action_rename_state(self) -> None:
        old = self._require_selected()
        if old is None:
            return
        check = self._state_name_check(keep=old)

        def rename(new: str | None) -> None:
            if not new or new == old:
                return
            document = self.current_document()
            if document is None:
                return
            try:
                edits = rename_state(document, old, new)
            except EditError as error:
                self.notify(str(error), severity="error")
                return
            self.selected = new
            self._apply(edits, f"Renamed {old} to {new}: {len(edits) - 1} reference(s) updated.")

        self.app.push_screen(PromptScreen(f"Rename state {old!r} to:", old, check=check), rename)

    # -- add a state -----------------------------------------------------------

    def action_add_state(self) -> None:
        check = self._state_name_check()

        def add(name: str | None) -> None:
            if not name:
                return
            document = self.current_document()
            if document is None:
                return
            try:
                edits = add_state(document, name)
            except EditError as error:
                self.notify(str(error), severity="error")
                return
            self.editor.apply(edits)
            row = edits[0].start[0] + edits[0].text.count("\n")
            self.editor.move_cursor((row, len(self.editor.document.get_line(row)) - 1), center=True)
            self.editor.focus()
            self.selected = name
            self.check_now()
            self.notify(f"Added state {name}; write what it says and route to it.", timeout=4)

        self.app.push_screen(PromptScreen("Name of the new state:", placeholder="e.g. ask_phone", check=check), add)

    # -- routes ----------------------------------------------------------------

    def action_add_transition(self) -> None:
        """Route from the selected state: an intent (or an action's outcome),
        then a target state. A state must exist (F3 adds one; a near miss
        gets "did you mean"); an intent that does not exist yet is offered
        to be created with a first example, so the route never points at
        nothing without a word."""
        source = self._require_selected()
        if source is None:
            return
        flow = self.analysis.flow if self.analysis else None
        state = flow.states.get(source) if flow else None
        on_outcome = state is not None and state.action is not None
        if state is not None and state.action is not None:
            routed = [route.trigger for route in state.routes]
            suggestions = [o for o in ("found", "not_found", "success", "failed", "error") if o not in routed]
            question = f"Route from {source!r} when action {state.action!r} returns:"
        else:
            suggestions = list(flow.intents) if flow else []
            question = f"Route from {source!r} when the customer means (intent):"
        intents = set(flow.intents) if flow else set()
        names = self._state_names()

        def check_trigger(value: str) -> str | None:
            try:
                check_name(value, "an intent or event name")
            except EditError as error:
                return str(error)
            return None

        def check_target(value: str) -> str | None:
            if value not in names:
                hint = did_you_mean(value, names)
                return f"there is no state {value!r}" + (
                    f"{hint} Or add it first (F3)." if hint else "; add it first (F3)"
                )
            return None

        def add(trigger: str | None) -> None:
            if not trigger:
                return

            def route(target: str, example: str | None) -> None:
                document = self.current_document()
                if document is None:
                    return
                try:
                    edits = add_transition(document, source, trigger, target)
                    if example is not None:
                        edits += add_intent(document, trigger, example)
                except EditError as error:
                    self.notify(str(error), severity="error")
                    return
                added = (
                    f" Added intent {trigger} with the example {example!r}; add more under `intents:`."
                    if example
                    else ""
                )
                self._apply(edits, f"{source} now goes to {target} on {trigger}.{added}")

            def to(target: str | None) -> None:
                if not target:
                    return
                if on_outcome or trigger in intents or not flow:
                    route(target, None)
                    return
                hint = did_you_mean(trigger, intents)
                self.app.push_screen(
                    PromptScreen(
                        f"There is no intent {trigger!r} yet"
                        + (f"{hint} (Esc, then F4 again.)" if hint else ".")
                        + " To add it, type one thing a customer would say for it (Esc: no route):",
                        placeholder="e.g. mau refund dong",
                    ),
                    lambda example: route(target, example) if example else None,
                )

            self.app.push_screen(
                PromptScreen(f"On {trigger!r}, {source!r} goes to state:", suggestions=names, check=check_target), to
            )

        self.app.push_screen(PromptScreen(question, suggestions=suggestions, check=check_trigger), add)

    def on_state_details_remove_route(self, message: StateDetails.RemoveRoute) -> None:
        link = message.link
        document = self.current_document()
        if document is None:
            return
        try:
            if link.kind == "next":
                edits = remove_next(document, link.source)
            elif link.route_index is not None:
                edits = remove_transition(document, link.source, link.route_index)
            else:
                raise EditError("only `on` routes and `next` can be removed here; edit the fallback by hand")
        except EditError as error:
            self.notify(str(error), severity="error")
            return
        self._apply(
            edits,
            f"Removed the route from {link.source} to {link.target} on {link.label}. (ctrl+z in the editor undoes it)",
        )

    # -- undo / redo (also from the command palette) -------------------------------

    def action_undo(self) -> None:
        """Undo the last edit from any pane (the editor's own ctrl+z only
        works while it has the focus); say what happened, or that nothing did."""
        self._step_history(undo=True)

    def action_redo(self) -> None:
        self._step_history(undo=False)

    def _step_history(self, undo: bool) -> None:
        editor = self.editor
        stack = editor.history.undo_stack if undo else editor.history.redo_stack
        if not stack:
            self.notify("Nothing to undo." if undo else "Nothing to redo.", severity="warning")
            return
        editor.undo() if undo else editor.redo()
        if not editor.has_focus:  # in the editor the change shows where the cursor is
            line = editor.cursor_location[0] + 1
            self.notify(f"{'Undone' if undo else 'Redone'}: the edit at line {line}.", timeout=3)
