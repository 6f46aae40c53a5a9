"""Simulation and transcripts on the designer screen: open the chat, start
at any state with slots preset, pick action outcomes, save the conversation
as a test, and step through a recorded conversation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.widgets import TabbedContent

from alur.designer.edits import EditError
from alur.designer.files import save_atomic
from alur.designer.screens.main.core import FlowScreen
from alur.designer.screens.pick import PickScreen
from alur.designer.screens.prompt import PromptScreen
from alur.flows.diagnostics import FlowError
from alur.runner.safe_text import shown

if TYPE_CHECKING:
    from alur.runner.transcripts import Conversation

TRANSCRIPT_PATTERNS = ("*.jsonl", "*.jsonl.gz", "*.test.yaml", "*/*.jsonl", "*/*.jsonl.gz", "*/*.test.yaml")


def transcript_files(root: Path, limit: int = 200) -> list[str]:
    found: list[str] = []
    for pattern in TRANSCRIPT_PATTERNS:
        found.extend(str(p) for p in sorted(root.glob(pattern)))
    return found[:limit]


class SimulatingActions(FlowScreen):
    """Mixed into DesignerScreen."""

    def _show_tab(self, tab: str) -> None:
        if self.maximized is not None:
            self.minimize()
        self.query_one("#panel", TabbedContent).active = tab

    # -- chat ----------------------------------------------------------------------

    def action_chat(self) -> None:
        self._show_tab("tab-chat")
        if self.chat.simulation is None:
            self.chat.start()
        self.chat.query_one("#chat-input").focus()

    def action_restart_chat(self) -> None:
        self._show_tab("tab-chat")
        self.chat.action_restart()

    def action_back_chat(self) -> None:
        self._show_tab("tab-chat")
        self.chat.action_back()

    def action_start_at(self) -> None:
        flow = self.analysis.flow if self.analysis else None
        if flow is None:
            self.notify("The flow cannot run until the checker can read it; fix the errors first.", severity="error")
            return
        names = list(flow.states)

        def state_chosen(state: str | None) -> None:
            if not state:
                return
            if not flow.slots:
                self._start(state, {})
                return
            from alur.designer.screens.slots import SlotsScreen

            self.app.push_screen(
                SlotsScreen(state, list(flow.slots.values())),
                lambda slots: self._start(state, slots) if slots is not None else None,
            )

        self.app.push_screen(
            PickScreen("Start the simulation at state:", [(n, n) for n in names], self.selected), state_chosen
        )

    def _start(self, state: str, slots: dict[str, object]) -> None:
        self._show_tab("tab-chat")
        self.chat.start(state, slots)
        self.chat.query_one("#chat-input").focus()

    def action_choose_outcome(self) -> None:
        flow = self.analysis.flow if self.analysis else None
        actions: dict[str, list[str]] = {}
        for state in flow.states.values() if flow else ():
            if state.action:
                outcomes = actions.setdefault(state.action, [])
                outcomes.extend(r.trigger for r in state.routes if r.trigger not in outcomes)
        if not actions:
            self.notify("This flow calls no actions.", severity="warning")
            return

        def action_chosen(action: str | None) -> None:
            if not action:
                return

            def outcome_chosen(outcome: str | None) -> None:
                if outcome:
                    self.chat.choose_outcome(action, outcome)
                    self.notify(f"{action} now returns {outcome!r} in the simulation.", timeout=3)

            current = self.chat.choices.get(action)
            self.app.push_screen(
                PickScreen(f"What should {action} return?", [(o, o) for o in actions[action]], current), outcome_chosen
            )

        items = [
            (a, f"{a} → {self.chat.choices.get(a, outcomes[0] if outcomes else '?')}")
            for a, outcomes in actions.items()
        ]
        self.app.push_screen(PickScreen("Choose the outcome of an action:", items), action_chosen)

    def action_save_test(self) -> None:
        simulation = self.chat.simulation
        if simulation is None:
            self.notify("Talk to the flow first (F5), then save the conversation as a test.", severity="warning")
            return
        if self.path is None:
            self.notify("Save the flow first: the test file is kept beside it.", severity="warning")
            return
        from alur.designer.simulator import test_file_for, test_file_text

        target = test_file_for(self.path)
        default = f"{simulation.flow.id}-{simulation.user_turns}-turns"

        def named(conversation_id: str | None) -> None:
            if not conversation_id:
                return
            try:
                item = simulation.test_conversation(conversation_id)
                existing = target.read_text(encoding="utf-8") if target.exists() else None
                text = test_file_text(simulation.flow.id, item, existing)
                save_atomic(target, text)
            except (ValueError, EditError) as error:
                self.notify(str(error), severity="error", timeout=8)
                return
            except OSError as error:
                self.notify(f"Could not write {target}: {error.strerror or error}", severity="error", timeout=8)
                return
            turns = len(item["turns"])  # type: ignore[arg-type]
            self.notify(f"Saved test conversation {conversation_id!r} ({turns} turns) to {target}.", timeout=5)

        self.app.push_screen(PromptScreen(f"Save as a test conversation in {target.name}; its id:", default), named)

    # -- transcripts ------------------------------------------------------------------

    def action_open_transcript(self) -> None:
        def check(value: str) -> str | None:
            return None if Path(value).expanduser().is_file() else f"no file {value}"

        def chosen(value: str | None) -> None:
            if value:
                self._read_transcript(Path(value).expanduser())

        self.app.push_screen(
            PromptScreen(
                "Open transcript (JSONL, .jsonl.gz or .test.yaml):",
                suggestions=transcript_files(Path.cwd()),
                check=check,
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="transcript")
    def _read_transcript(self, path: Path) -> None:
        from alur.designer.stepper import finding_kinds, read_conversations

        conversations, skipped = read_conversations(path)
        flow = self.analysis.flow if self.analysis else None
        kinds: dict[int, list[str]] = {}
        if flow is not None and conversations:
            try:
                kinds = finding_kinds(flow, conversations)
            except FlowError:
                pass  # the flow cannot run; stepping will say why
        self.app.call_from_thread(self._pick_conversation, path, conversations, len(skipped), kinds)

    def _pick_conversation(
        self, path: Path, conversations: list[Conversation], skipped: int, kinds: dict[int, list[str]]
    ) -> None:
        if skipped:
            self.notify(
                f"{skipped} line(s) of {shown(path.name)} could not be read and were skipped.", severity="warning"
            )
        if not conversations:
            self.notify(f"No conversations in {shown(str(path))}.", severity="error")
            return
        by_id = {str(i): c for i, c in enumerate(conversations)}

        def chosen(key: str | None) -> None:
            if key is not None:
                self._step_transcript(path, by_id[key])

        items = [
            (
                key,
                f"{shown(c.id)}  ({len(c.turns)} turns)"
                + (f"  ⚑ {', '.join(kinds[int(key)])}" if int(key) in kinds else ""),
            )
            for key, c in by_id.items()
        ]
        items.sort(key=lambda item: int(item[0]) not in kinds)  # the ones with findings first
        failing = len(kinds)
        title = f"{shown(path.name)}: pick a conversation" + (f" ({failing} with findings, ⚑)" if failing else "")
        if len(items) == 1:
            chosen("0")
            return
        self.app.push_screen(PickScreen(title, items), chosen)

    @work(thread=True, exclusive=True, group="transcript")
    def _step_transcript(self, path: Path, conversation: Conversation) -> None:
        from alur.designer.stepper import step_through

        flow = self.analysis.flow if self.analysis else None
        if flow is None:
            self.app.call_from_thread(
                self.notify, "The flow cannot run until the checker can read it.", severity="error"
            )
            return
        try:
            stepping = step_through(flow, conversation)
        except FlowError as error:
            first = error.diagnostics[0] if error.diagnostics else error
            self.app.call_from_thread(self.notify, f"The flow cannot run yet: {first}", severity="error")
            return
        self.app.call_from_thread(self._show_stepping, stepping, Path(conversation.source).name)

    def _show_stepping(self, stepping, source: str) -> None:
        self._show_tab("tab-transcript")
        self.transcript.show(stepping, source)
        self.transcript.turns.focus()

    def action_next_turn(self) -> None:
        self._show_tab("tab-transcript")
        self.transcript.action_step(1)

    def action_previous_turn(self) -> None:
        self._show_tab("tab-transcript")
        self.transcript.action_step(-1)
