"""The designer's main screen: state list, YAML editor, and a panel with the
selected state, the chat simulator, the checker's problems and transcript
stepping.

This module lays the widgets out and wires their events together. What
the parts share (the file, the live analysis, the status line) is
`core.FlowScreen`; the actions live in mixins of it by subject: structured
edits (`editing`), files (`filing`), simulation and transcripts
(`simulating`).
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.widgets import Footer, Static, TabbedContent, TabPane, TextArea

from alur.designer.recovery import RECOVERY_SECONDS
from alur.designer.screens.main.editing import EditingActions
from alur.designer.screens.main.filing import FilingActions
from alur.designer.screens.main.simulating import SimulatingActions
from alur.designer.widgets.chat import ChatPanel
from alur.designer.widgets.details import StateDetails
from alur.designer.widgets.editor import FlowEditor
from alur.designer.widgets.problems import ProblemList
from alur.designer.widgets.state_list import StateList
from alur.designer.widgets.transcript import TranscriptPanel

DISK_POLL_SECONDS = 2.0


class DesignerScreen(EditingActions, FilingActions, SimulatingActions):
    """One flow file, open for designing."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    # F-keys are the designer's own everywhere on this screen (TextArea binds
    # F6/F7 to select line/all, which ctrl+a and shift+arrows also do).

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save the flow (atomically; merges a change made on disk meanwhile)",
            id="save",
        ),
        Binding("f1", "help", "Help", tooltip="Keys, markers and how the designer works", priority=True, id="help"),
        Binding(
            "f2",
            "rename_state",
            "Rename",
            tooltip="Rename the selected state and every reference to it",
            priority=True,
            id="rename",
        ),
        Binding(
            "f3", "add_state", "Add state", tooltip="Add a state at the end of `states:`", priority=True, id="add_state"
        ),
        Binding(
            "f4",
            "add_transition",
            "Add route",
            tooltip="Add a route from the selected state",
            priority=True,
            id="add_route",
        ),
        Binding("f5", "chat", "Chat", tooltip="Talk to the flow as a customer", priority=True, id="chat"),
        Binding(
            "f6",
            "problems",
            "Problems",
            show=False,
            tooltip="Show the checker's problems",
            priority=True,
            id="problems",
        ),
        Binding(
            "f7",
            "start_at",
            "Start at…",
            show=False,
            tooltip="Simulate from any state, with slots preset",
            priority=True,
            id="start_at",
        ),
        Binding(
            "f9",
            "map",
            "Map",
            tooltip="The flow as a map: around the selected state, or the whole flow in layers",
            priority=True,
            id="map",
        ),
        Binding(
            "f10",
            "intents",
            "Intents",
            tooltip="Intents and their examples: add, rename, remove; try a message",
            priority=True,
            id="intents",
        ),
        Binding(
            "ctrl+g",
            "state_form",
            "Form",
            tooltip="Edit the selected state in a form: messages, buttons, collect, next, not understood",
            priority=True,
            id="state_form",
        ),
        Binding(
            "f8",
            "save_test",
            "Save as test",
            show=False,
            tooltip="Save the simulated conversation as a test conversation",
            priority=True,
            id="save_test",
        ),
        Binding(
            "ctrl+t",
            "open_transcript",
            "Transcript",
            show=False,
            tooltip="Step through a recorded conversation",
            id="transcript",
        ),
        Binding("ctrl+o", "open_flow", "Open", show=False, tooltip="Open another flow file", id="open"),
        Binding("ctrl+n", "new_flow", "New", show=False, tooltip="Start a new flow from a template", id="new"),
        Binding("ctrl+f", "find_state", "Find state", show=False, tooltip="Search the state list", id="find"),
        Binding(
            "f12",
            "zoom",
            "Zoom",
            show=False,
            tooltip="Give the focused pane the whole screen (again to undo)",
            priority=True,
            id="zoom",
        ),
        Binding("escape", "focus_editor", "Editor", show=False, tooltip="Back to the editor", id="editor"),
        Binding(
            "ctrl+z", "undo", "Undo", show=False, tooltip="Undo the last edit, from any pane", priority=True, id="undo"
        ),
        Binding(
            "ctrl+y",
            "redo",
            "Redo",
            show=False,
            tooltip="Redo the last undone edit, from any pane",
            priority=True,
            id="redo",
        ),
    ]

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield StateList(id="states")
            with Container(id="work"):
                yield FlowEditor(self.initial_text, id="editor", highlight=self.highlight)
                yield from self._panel()
        yield Static("", id="status")
        yield Footer()

    def _panel(self) -> ComposeResult:
        with TabbedContent(id="panel"):
            with TabPane("State", id="tab-state"):
                yield StateDetails(id="details")
            with TabPane("Chat", id="tab-chat"):
                yield ChatPanel(id="chat")
            with TabPane("Problems", id="tab-problems"):
                yield ProblemList(id="problems", compact=True)
            with TabPane("Transcript", id="tab-transcript"):
                yield TranscriptPanel(id="transcript")

    def on_screen_resume(self) -> None:
        """A closed dialog (help, a prompt, a confirmation) hands the keys back
        to the editor, where the designer works, never to a list."""
        if self.is_mounted:
            self.editor.focus()

    def on_mount(self) -> None:
        self.state_list.border_title = "States"
        self.editor.border_title = self.display_name
        self.editor.focus()
        if self.editor.text != self.initial_text:
            self.notify(
                "This file has unusual line breaks (form feeds or mixed endings); saving will normalise them.",
                severity="warning",
            )
        self._update_status()
        self.check_now()
        self.set_interval(DISK_POLL_SECONDS, self.watch_disk)
        self.set_interval(RECOVERY_SECONDS, self.keep_recovery)
        self.call_after_refresh(self.offer_recovery)

    @on(StateList.Highlighted)
    def _list_highlighted(self, message: StateList.Highlighted) -> None:
        self.select_state(message.name)

    @on(StateList.Chosen)
    def _list_chosen(self, message: StateList.Chosen) -> None:
        self.state_list.clear_search()
        self.select_state(message.name, focus_editor=True)

    @on(StateDetails.Jump)
    def _jump(self, message: StateDetails.Jump) -> None:
        self.select_state(message.name)

    @on(ProblemList.Chosen)
    def _problem_chosen(self, message: ProblemList.Chosen) -> None:
        diagnostic = message.diagnostic
        if diagnostic.line is not None:
            self.editor.goto(diagnostic.line, diagnostic.column or 1)
            self.editor.focus()

    @on(TextArea.SelectionChanged, "#editor")
    def _cursor_moved(self) -> None:
        """While editing, the list and details follow the state under the cursor."""
        if not self.editor.has_focus or self.checking or self.analysis is None or self.analysis.outline is None:
            return
        name = self.analysis.outline.state_at_line(self.editor.cursor_location[0] + 1)
        if name and name != self.selected:
            self.selected = name
            self.state_list.highlight(name)
            self._show_details()

    # -- where the conversation is ---------------------------------------------

    @on(ChatPanel.Moved)
    def _chat_moved(self, message: ChatPanel.Moved) -> None:
        self.state_list.set_current(message.state)
        self.select_state(message.state)
        self._update_status()

    @on(TabbedContent.TabActivated, "#panel")
    def _tab_shown(self) -> None:
        self._update_status()

    @on(TranscriptPanel.Moved)
    def _transcript_moved(self, message: TranscriptPanel.Moved) -> None:
        self._update_status()
        if message.state:
            self.state_list.set_current(message.state)
            self.select_state(message.state)

    @on(TranscriptPanel.FindingChosen)
    def _finding_chosen(self, message: TranscriptPanel.FindingChosen) -> None:
        state = message.finding.state
        if state:
            self.select_state(state, focus_editor=True)
            self.notify(f"{message.finding.kind} in {state}: {message.finding.message}", timeout=6)

    # -- small actions -----------------------------------------------------------

    def action_focus_editor(self) -> None:
        if self.maximized is not None:
            self.minimize()
        self.editor.focus()

    def action_find_state(self) -> None:
        self.state_list.search.focus()

    def action_problems(self) -> None:
        self.query_one("#panel", TabbedContent).active = "tab-problems"
        self.query_one("#problems", ProblemList).focus()

    def action_zoom(self) -> None:
        """Give the pane that holds the focus the whole screen: the editor,
        the state list or the whole side panel (not just the widget inside
        it that has the focus, which kept the chat at the panel's width)."""
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        if focused is None:
            return
        for pane in (self.editor, self.state_list, self.query_one("#panel")):
            if focused is pane or pane in focused.ancestors:
                self.maximized = pane
                return

    def action_map(self) -> None:
        """Open the flow map on the selected state; Enter there comes back
        with a state to edit. A transcript's coverage loaded on the map is
        kept for the next time it opens."""
        from alur.designer.screens.flow_map import MapScreen

        outline = self.analysis.outline if self.analysis else None
        if outline is None or not outline.states:
            self.notify("There is no state to draw yet; the map needs YAML that loads.", severity="warning")
            return
        stepping = self.transcript.stepping
        transcript = self.map_transcript or (Path(stepping.conversation.source.rsplit(":", 1)[0]) if stepping else None)
        screen = MapScreen(
            outline, self.analysis.flow if self.analysis else None, self.selected, self.map_coverage, transcript
        )

        def back(state: str | None) -> None:
            self.map_coverage, self.map_transcript = screen.coverage, screen.transcript
            if state:
                self.select_state(state, focus_editor=True)

        self.app.push_screen(screen, back)

    def action_intents(self) -> None:
        """Open the intents table on the flow as last checked."""
        from alur.designer.screens.intents import IntentsScreen

        flow = self.analysis.flow if self.analysis else None
        if flow is None:
            self.notify("The intents table needs a flow the checker can read; fix the errors first.", severity="error")
            return
        self.app.push_screen(IntentsScreen(self, flow))

    def action_state_form(self) -> None:
        """Edit the selected state in a form (the flow as last checked)."""
        from alur.designer.screens.state_form import StateFormScreen

        flow = self.analysis.flow if self.analysis and not self.checking else None
        if flow is None:
            self.notify(
                "The form needs a flow the checker has read; fix the errors (or wait a moment) first.", severity="error"
            )
            return
        if not self.selected or self.selected not in flow.states:
            self.notify("Select a state in the list first.", severity="warning")
            return
        self.app.push_screen(StateFormScreen(self, flow, flow.states[self.selected]))

    def action_help(self) -> None:
        from alur.designer.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
