"""`alur design`: the Textual flow designer.

The app itself only opens files into screens, guards quitting with unsaved
edits, offers every action in the command palette and switches themes; the
designing happens on `DesignerScreen`. Start-up is kept light: the first
screen is interactive as soon as the editor holds the text, and checking,
outlining and compiling the flow happen in workers afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from alur.designer.commands import StateCommands, screen_commands
from alur.designer.files import read_flow_text
from alur.designer.memory import release_memory, settle_memory
from alur.designer.screens.main import DesignerScreen
from alur.designer.templates import DEFAULT, template_text

LIGHT, DARK = "textual-light", "textual-dark"


class DesignerApp(App[int]):
    """Design one flow file at a time."""

    CSS_PATH = "designer.tcss"
    TITLE = "alur design"
    COMMANDS = App.COMMANDS | {StateCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", tooltip="Quit (asks first if there are unsaved edits)", priority=True, id="quit"
        ),
    ]

    def __init__(
        self, path: Path | None = None, *, template: str | None = None, highlight: bool = True, dark: bool = True
    ) -> None:
        super().__init__()
        self.started = time.perf_counter()
        self.ready_seconds: float | None = None
        self.path = path
        self.template = template
        self.highlight = highlight
        self.theme = DARK if dark else LIGHT

    def on_mount(self) -> None:
        if self.path is not None and self.path.exists():
            self.open_flow(self.path)
        else:
            flow_id = _flow_id(self.path) if self.path is not None else None
            self.open_new(self.path, template_text(self.template or DEFAULT, flow_id))

    def on_ready(self) -> None:
        self.ready_seconds = time.perf_counter() - self.started
        self.log.info(f"designer ready in {self.ready_seconds * 1000:.0f} ms")
        settle_memory()

    def on_unmount(self) -> None:
        release_memory()  # tests run many apps in one process

    # -- files into screens ----------------------------------------------------------

    def open_flow(self, path: Path) -> None:
        """Open `path` in a new designer screen (FlowError's message on failure)."""
        from alur.flows.diagnostics import FlowError

        try:
            text, stamp = read_flow_text(path)
        except FlowError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self._show(DesignerScreen(path, text, stamp, highlight=self.highlight))

    def open_new(self, path: Path | None, text: str) -> None:
        """A new, unsaved flow (saved to `path`, or asked for on save)."""
        self._show(DesignerScreen(path, text, None, saved=False, highlight=self.highlight))

    def _show(self, screen: Screen) -> None:
        if isinstance(self.screen, DesignerScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notices here carry the designer's own text (state names, bot
        messages with `[PHONE]`, file paths), never markup: show it as is."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- quitting ------------------------------------------------------------------------

    async def action_quit(self) -> None:
        screen = self._designer()
        if screen is None or not screen.modified:
            if screen is not None:
                screen.discard_recovery()  # none is needed: nothing unsaved
            self.exit(0)
            return
        from alur.designer.screens.confirm import ConfirmScreen

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                screen.discard_recovery()
                self.exit(0)

        self.push_screen(
            ConfirmScreen(f"{screen.display_name} has unsaved edits. Quit without saving?", yes="Quit without saving"),
            answered,
        )

    def _designer(self) -> DesignerScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, DesignerScreen):
                return screen
        return None

    # -- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        designer = self._designer()
        if designer is not None:
            for title, help_, action in screen_commands(designer):
                yield SystemCommand(title, help_, lambda action=action: designer.run_action(action))
        yield SystemCommand("Toggle light/dark", "Switch between the light and the dark theme", self.action_toggle_dark)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK


def _flow_id(path: Path) -> str:
    """A flow id from a new file's name: `Order Status.flow.yaml` → order_status."""
    import re

    stem = path.name.split(".")[0]
    slug = re.sub(r"[^a-z0-9_]+", "_", stem.lower()).strip("_")
    return slug if slug and slug[0].isalpha() else f"flow_{slug}" if slug else "new_flow"
