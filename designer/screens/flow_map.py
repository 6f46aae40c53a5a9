"""The flow map screen (F9): the flow around the selected state, or the
whole flow in layers from the start, with a filter, lint problems on the
states, and (after loading a transcript) where customers went and got stuck.

Dismisses with the state to edit (Enter) or None (Esc).
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from alur.designer.mapcoverage import MapCoverage, map_coverage
from alur.designer.outline import Outline
from alur.designer.screens.prompt import PromptScreen
from alur.designer.widgets.flow_map import MapView
from alur.flows.diagnostics import FlowError
from alur.flows.model import Flow

LEGEND = Content.assemble(
    ("▶", "bold $success"),
    " start ",
    ("■", "bold $primary"),
    " end ",
    ("▲", "bold $secondary"),
    " handoff ",
    ("◇", "bold"),
    " action ",
    ("✗", "bold $error"),
    ("!", "bold $warning"),
    " problems  ",
    ("leads on", "$success"),
    " ",
    ("leads here", "$accent"),
    "  ",
    ("↺", "dim"),
    " repeat",
)
COVERAGE_LEGEND = Content.assemble(
    ("N", "bold $success"),
    " visits ",
    ("↻N", "bold $warning"),
    " looped ",
    ("▲!N", "bold $error"),
    " no handoff given ",
    ("⇥N", "bold $error"),
    " left there",
)


class MapScreen(Screen[str | None]):
    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to the editor"),
        Binding(
            "w",
            "toggle_whole",
            "Whole flow / around",
            tooltip="Switch between the whole flow and the selected state's neighbourhood",
        ),
        Binding("slash", "filter", "Filter", tooltip="Show only states whose name contains…"),
        Binding(
            "ctrl+t",
            "coverage",
            "Coverage",
            tooltip="Load a transcript and show what its conversations did in each state",
        ),
    ]

    def __init__(
        self,
        outline: Outline,
        flow: Flow | None,
        selected: str | None,
        coverage: MapCoverage | None = None,
        transcript: Path | None = None,
    ) -> None:
        super().__init__()
        self.outline = outline
        self.flow = flow
        self.selected = selected
        self.coverage = coverage
        self.transcript = transcript

    def compose(self) -> ComposeResult:
        yield Static(id="map-title")
        yield Input(placeholder="Filter states… (/)", id="map-filter", compact=True)
        yield MapView(self.outline, self.selected, id="map")
        yield Static(id="map-legend")
        yield Footer()

    @property
    def map(self) -> MapView:
        return self.query_one("#map", MapView)

    def on_mount(self) -> None:
        if self.coverage is not None:
            self.map.show_coverage(self.coverage.states)
        self._titles()
        self.map.focus()

    def _titles(self) -> None:
        view = self.map
        where = "the whole flow, by steps from the start" if view.whole else f"around {view.centre}"
        count = len(self.outline.states)
        title = Content.assemble(("Map", "bold"), f" · {where} · {count} state{'s' * (count != 1)}")
        if self.coverage is not None:
            title = Content.assemble(title, ("  ·  " + self.coverage.summary(), "dim"))
        self.query_one("#map-title", Static).update(title)
        legend = Content.assemble(LEGEND, "\n", COVERAGE_LEGEND) if self.coverage is not None else LEGEND
        self.query_one("#map-legend", Static).update(legend)

    # -- actions -----------------------------------------------------------------

    def action_close(self) -> None:
        if self.focused is self.query_one("#map-filter"):
            self.map.focus()
            return
        self.dismiss(None)

    def action_toggle_whole(self) -> None:
        self.map.whole = not self.map.whole
        self.map.set_filter(self.map.filter_text)
        self._titles()
        self.map.scroll_to_cursor()

    def action_filter(self) -> None:
        self.query_one("#map-filter", Input).focus()

    @on(Input.Changed, "#map-filter")
    def _filtered(self, event: Input.Changed) -> None:
        self.map.set_filter(event.value)
        self._titles()

    @on(Input.Submitted, "#map-filter")
    def _filter_done(self) -> None:
        self.map.focus()

    @on(MapView.Chosen)
    def _chosen(self, message: MapView.Chosen) -> None:
        self.dismiss(message.state)

    @on(MapView.Moved)
    def _moved(self) -> None:
        self._titles()

    # -- coverage ------------------------------------------------------------------

    def action_coverage(self) -> None:
        if self.flow is None:
            self.notify("The flow cannot run until the checker can read it; fix the errors first.", severity="error")
            return

        def check(value: str) -> str | None:
            return None if Path(value).expanduser().is_file() else f"no file {value}"

        def chosen(value: str | None) -> None:
            if value:
                self.notify(f"Replaying {Path(value).name}…", timeout=3)
                self._replay(Path(value).expanduser())

        from alur.designer.screens.main.simulating import transcript_files

        self.app.push_screen(
            PromptScreen(
                "Coverage from transcript (JSONL, .jsonl.gz or .test.yaml):",
                str(self.transcript) if self.transcript else "",
                suggestions=transcript_files(Path.cwd()),
                check=check,
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="map-coverage")
    def _replay(self, path: Path) -> None:
        assert self.flow is not None
        try:
            found = map_coverage(self.flow, path)
        except (FlowError, OSError) as error:
            self.app.call_from_thread(
                self.notify, f"Could not replay {path.name}: {error}", severity="error", timeout=8
            )
            return
        self.app.call_from_thread(self._covered, path, found)

    def _covered(self, path: Path, found: MapCoverage) -> None:
        self.coverage, self.transcript = found, path
        self.map.show_coverage(found.states)
        self._titles()
        note = f"; {found.other_flows} for other flows skipped" if found.other_flows else ""
        self.notify(f"{path.name}: {found.summary()}{note}", timeout=8)
