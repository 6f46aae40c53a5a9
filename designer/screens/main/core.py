"""What every part of the designer's main screen shares: the file open
(its path, its text as saved, whether it is modified), the checker's latest
analysis of the editor's text (run debounced, in a worker), the selected
state, the widgets by name, and the status line.

The screen's actions live in mixins by subject (`editing`, `filing`,
`simulating`); each subclasses `FlowScreen`, so each is type-checked against
exactly these attributes, and `DesignerScreen` puts them together with the
layout and the wiring of events.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TabbedContent, TextArea

from alur.designer.analysis import Analysis, analyse
from alur.designer.files import DiskStamp
from alur.designer.memory import settle_memory
from alur.designer.widgets.chat import ChatPanel
from alur.designer.widgets.details import StateDetails
from alur.designer.widgets.editor import FlowEditor
from alur.designer.widgets.problems import ProblemList
from alur.designer.widgets.state_list import StateList
from alur.designer.widgets.transcript import TranscriptPanel
from alur.flows.diagnostics import FlowError, Severity
from alur.flows.loader import Document, load_document

if TYPE_CHECKING:
    from alur.designer.mapcoverage import MapCoverage
    from alur.flows.config import Config

DEBOUNCE_SECONDS = 0.3


class FlowScreen(Screen):
    """One flow file open on screen, with its latest analysis."""

    debounce_seconds = DEBOUNCE_SECONDS  # the pause in typing after which the checker runs

    path: Path | None  # None: untitled, asked for on the first save
    stamp: DiskStamp | None  # the file on disk as last read or written
    saved_text: str | None  # what the file holds as far as we know; None: never saved
    initial_text: str
    highlight: bool
    generation: int  # counts edits; an analysis of an older generation is stale
    analysis: Analysis | None
    selected: str | None
    modified: bool
    config: Config | None
    map_coverage: MapCoverage | None  # a transcript's coverage, loaded on the map, kept for its next opening
    map_transcript: Path | None
    _debounce: Timer | None
    _disk_warned: DiskStamp | None  # the change on disk already offered for merging
    _kept_generation: int | None  # the text last written for recovery
    _recovery_failed: bool
    _recovery_lock: threading.Lock  # writing the recovery file (a thread) vs removing it
    _recovery_ticket: int  # the write that may still happen; removing the file voids it

    @dataclass
    class Checked(Message):
        """The checker finished with the text of one generation."""

        analysis: Analysis

    def __init__(
        self, path: Path | None, text: str, stamp: DiskStamp | None, *, saved: bool = True, highlight: bool = True
    ) -> None:
        super().__init__()
        self.path = path
        self.stamp = stamp
        self.saved_text = text if saved else None
        self.initial_text = text
        self.highlight = highlight
        self.generation = 0
        self.analysis = None
        self.selected = None
        self.modified = not saved
        self.config = None
        self.map_coverage = None
        self.map_transcript = None
        self._debounce = None
        self._disk_warned = None
        self._kept_generation = None
        self._recovery_failed = False
        self._recovery_lock = threading.Lock()
        self._recovery_ticket = 0

    # -- widgets ----------------------------------------------------------------

    @property
    def editor(self) -> FlowEditor:
        return self.query_one("#editor", FlowEditor)

    @property
    def state_list(self) -> StateList:
        return self.query_one("#states", StateList)

    @property
    def chat(self) -> ChatPanel:
        return self.query_one("#chat", ChatPanel)

    @property
    def transcript(self) -> TranscriptPanel:
        return self.query_one("#transcript", TranscriptPanel)

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else "untitled.flow.yaml"

    def current_document(self) -> Document | None:
        """The loaded document of the editor's text as it is now (parsed
        again if the designer typed since the last check)."""
        if self.analysis is not None and not self.checking and self.analysis.document is not None:
            return self.analysis.document
        try:
            return load_document(self.editor.text, str(self.path or self.display_name))
        except FlowError as error:
            first = error.diagnostics[0]
            self.notify(f"Fix the YAML first: line {first.line}: {first.message}", severity="error")
            return None

    # -- live diagnostics ------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _text_changed(self) -> None:
        self.generation += 1
        # the editor joins its text once per change anyway (to draw it): comparing is cheap,
        # and a reload or an undo back to the saved text is not "modified" for a moment
        self.modified = self.saved_text is None or self.editor.text != self.saved_text
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(self.debounce_seconds, self.check_now)
        self._update_status()

    def check_now(self) -> None:
        """Check the editor's text now (in a worker)."""
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self._check(self.editor.text, str(self.path or self.display_name), self.generation)
        self._update_status()

    @work(thread=True, exclusive=True, group="check")
    def _check(self, text: str, path: str, generation: int) -> None:
        if self.config is None:
            self.config = self._load_config()
        self.post_message(self.Checked(analyse(text, path, generation, self.config)))

    def _load_config(self) -> Config:
        """The project's lint configuration, found as `alur check` finds it."""
        from alur.flows.config import Config, ConfigError, load_config

        try:
            return load_config(start=(self.path.parent if self.path else Path.cwd()).resolve())
        except ConfigError as error:
            self.app.call_from_thread(
                self.notify, f"Lint configuration ignored: {error}", severity="warning", timeout=10
            )
            return Config()

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        analysis = message.analysis
        if analysis.generation != self.generation:
            return  # typed since; a newer check is on its way
        self.analysis = analysis
        self.modified = self.saved_text is None or analysis.text != self.saved_text
        self.query_one("#problems", ProblemList).show(analysis.diagnostics)
        if analysis.outline is not None:
            self.state_list.show(analysis.outline)
            if self.selected not in analysis.outline.states:
                self.selected = (
                    analysis.outline.start
                    if analysis.outline.start in analysis.outline.states
                    else next(iter(analysis.outline.states), None)
                )
            if self.selected:
                self.state_list.highlight(self.selected)
        self._show_details()
        self.chat.set_flow(analysis.flow)
        self._update_status()
        settle_memory()

    @property
    def checking(self) -> bool:
        return self.analysis is None or self.analysis.generation != self.generation

    # -- selection -------------------------------------------------------------

    def select_state(self, name: str, move_editor: bool = True, focus_editor: bool = False) -> None:
        """Show `name` in the details pane and the list; put the editor on it."""
        outline = self.analysis.outline if self.analysis else None
        if outline is None or name not in outline.states:
            self.notify(f"There is no state {name!r} in the flow as last checked.", severity="warning")
            return
        self.selected = name
        self.state_list.highlight(name)
        self._show_details()
        info = outline.states[name]
        if move_editor and info.line is not None:
            self.editor.goto(info.line, info.column or 1)
        if focus_editor:
            self.editor.focus()

    def _show_details(self) -> None:
        outline = self.analysis.outline if self.analysis else None
        info = outline.states.get(self.selected) if outline and self.selected else None
        self.query_one("#details", StateDetails).show(info)

    # -- status line -------------------------------------------------------------

    def _conversation_status(self) -> list[tuple[str, str]]:
        """Where the conversation on show is: the transcript's turn and state
        while its tab is open (not the chat's, which may have ended long
        ago), else the chat's state."""
        if not self.is_mounted:
            return []
        stepping = self.transcript.stepping
        if stepping is not None and self.query_one("#panel", TabbedContent).active == "tab-transcript":
            state = stepping.state()
            return [
                ("  transcript: ", "dim"),
                (self.transcript.where(), ""),
                *([(" · ", "dim"), (state, "bold")] if state else []),
            ]
        sim = self.chat.simulation
        return [("  chat: ", "dim"), (sim.last.state, "bold")] if sim is not None else []

    def _update_status(self) -> None:
        parts: list[str | tuple[str, str]] = [(self.display_name, "bold")]
        parts.append((" ● modified" if self.modified else " saved", "$warning" if self.modified else "dim"))
        parts.append("  ")
        if self.checking:
            parts.append(("checking…", "dim italic"))
        elif self.analysis is not None:
            counts = self.analysis.counts()
            errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
            if errors:
                parts.append((f"✗ {errors} error{'s' * (errors != 1)}", "bold $error"))
                parts.append(" ")
            if warnings:
                parts.append((f"! {warnings} warning{'s' * (warnings != 1)}", "bold $warning"))
            if not errors and not warnings:
                parts.append(("✓ no problems", "$success"))
        parts.extend(self._conversation_status())
        self.query_one("#status", Static).update(Content.assemble(*parts))
        self.editor.border_title = self.display_name + (" ●" if self.modified else "")
