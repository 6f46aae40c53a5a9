"""The flow map, drawn as text: around one state, or the whole flow in layers.

Around a state: what leads into it (←) and what it leads to (→), two steps
each way, each route with its intent, outcome, `next` or fallback; a state
met again (a loop, a join) is marked ↺ and not expanded twice.

The whole flow: one row per step from the start (`flowmap.layer`), the
states of a step side by side, wrapped to the width. The state under the
cursor is reversed; the states it leads to and those leading into it are
coloured (the legend shows how), so its routes read without lines crossing
the screen.

Each state carries its markers (▶ start, ■ end, ▲ hands over to a human,
◇ calls an action, ✗ / ! its errors / warnings) and, with a transcript
loaded, how many conversations reached it and where they got stuck.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from alur.designer.flowmap import Layers, around, layer, ways
from alur.designer.mapcoverage import StateCoverage
from alur.designer.outline import Outline, StateInfo
from alur.flows.diagnostics import Severity


def marker(info: StateInfo | None) -> tuple[str, str]:
    """The state's kind as one character and its style."""
    if info is None:
        return "?", "bold $error"  # a route to a state that does not exist
    if info.start:
        return "▶", "bold $success"
    if info.escalate:
        return "▲", "bold $secondary"
    if info.end:
        return "■", "bold $primary"
    if info.action:
        return "◇", "bold $foreground"
    return " ", ""


def flag(info: StateInfo | None) -> tuple[str, str]:
    worst = info.worst if info is not None else None
    if worst is Severity.ERROR:
        return f" ✗{len(info.problems)}" if info else " ✗", "bold $error"  # type: ignore[union-attr]
    if worst is Severity.WARNING:
        return " !", "bold $warning"
    return "", ""


def coverage_parts(seen: StateCoverage | None) -> list[tuple[str, str]]:
    """` 37 ↻2 ▲!1 ⇥5`: reached, looped, asked for a human and not handed
    over, left there (only the non-zero ones)."""
    if seen is None:
        return []
    parts = [(f" {seen.reached}", "bold $success" if seen.reached else "dim")]
    if seen.looped:
        parts.append((f" ↻{seen.looped}", "bold $warning"))
    if seen.ignored_handoff:
        parts.append((f" ▲!{seen.ignored_handoff}", "bold $error"))
    if seen.left:
        parts.append((f" ⇥{seen.left}", "bold $error"))
    return parts


GUTTER = 12  # "step 12     " before each layer of the whole flow


@dataclass(frozen=True, slots=True)
class Stop:
    """A state the cursor can stand on: which, and on which line it is drawn."""

    state: str
    line: int


class MapView(ScrollView, can_focus=True):
    """The map itself; the screen around it holds the filter and the legend.

    Drawn line by line (a ScrollView): only the lines on screen are turned
    into strips, and in the whole-flow view a cursor move rebuilds only the
    lines whose states change colour, so a 2,000-state flow (400 layers)
    moves as quickly as a small one."""

    DEFAULT_CSS = """
    MapView { height: 1fr; width: 1fr; padding: 0 1; }
    """

    BINDINGS = [
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("left", "move(0, -1)", "Left", show=False),
        Binding("right", "move(0, 1)", "Right", show=False),
        Binding("space", "centre", "Centre here", tooltip="Show the map around the state under the cursor"),
        Binding("enter", "choose", "Edit state", tooltip="Put the editor on the state under the cursor"),
    ]

    whole: reactive[bool] = reactive(False)

    @dataclass
    class Chosen(Message):
        """Enter on a state: edit it."""

        state: str

    @dataclass
    class Moved(Message):
        """The cursor is on another state."""

        state: str

    def __init__(self, outline: Outline, centre: str | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.outline = outline
        self.flow_layers: Layers = layer(outline)
        self.ways = ways(outline)
        self.centre = (
            centre
            if centre in outline.states
            else outline.start
            if outline.start in outline.states
            else next(iter(outline.states), None)
        )
        self.cursor = self.centre
        self.filter_text = ""
        self.coverage: dict[str, StateCoverage] | None = None
        self._stops: list[Stop] = []
        self._stop_index = -1
        self._drawn: tuple[tuple[object, ...], list[Content], list[Stop]] | None = None
        # the whole flow's wrapping (which states on which line), kept while only the cursor moves
        self._wrapped: tuple[tuple[object, ...], list[tuple[str, list[str]]], list[Stop]] | None = None
        self._whole_cache: dict[int, tuple[tuple[str | None, ...], Content]] = {}

    # -- drawing ---------------------------------------------------------------

    def lines(self) -> list[Content]:
        """The map's lines as drawn now (computed once per change)."""
        width = self.scrollable_content_region.width or 80
        key = (self.whole, width, self.cursor, self.centre, self.filter_text, id(self.coverage))
        if self._drawn is None or self._drawn[0] != key:
            lines = self._whole_lines(width) if self.whole else self._around_lines()
            self._drawn = (key, lines, self._stops)
            widest = max((line.cell_length for line in lines), default=0)
            self.virtual_size = Size(widest, len(lines))
        self._stops = self._drawn[2]
        return self._drawn[1]

    def render_line(self, y: int) -> Strip:
        lines = self.lines()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = y + scroll_y
        if index >= len(lines):
            return Strip.blank(width, self.rich_style)
        strips = Visual.to_strips(self, lines[index], lines[index].cell_length or 1, 1, self.visual_style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _changed(self) -> None:
        self.lines()
        self.refresh()

    def watch_whole(self) -> None:
        if self.is_mounted:
            self._changed()

    def on_resize(self) -> None:
        self._changed()

    def _cell(self, name: str, style: str = "") -> list[tuple[str, str]]:
        info = self.outline.states.get(name)
        name_style = "reverse bold" if name == self.cursor else style
        seen = self.coverage.get(name) if self.coverage is not None else None
        return [marker(info), (name, name_style), flag(info), *coverage_parts(seen)]

    def _around_lines(self) -> list[Content]:
        self._stops = []
        if self.centre is None:
            return []
        ins, outs = around(self.outline, self.centre, known=self.ways)
        lines: list[Content] = [Content.styled("leads here", "dim italic")]
        for branch in reversed(ins):
            self._add_branch(lines, "← ", branch.state, branch.label, branch.depth, branch.seen)
        if not ins:
            lines.append(Content.styled("  nothing (only the start needs nothing)", "dim"))
        self._stops.append(Stop(self.centre, len(lines)))
        lines.append(Content.assemble(*self._cell(self.centre, "bold underline")))
        lines.append(Content.styled("leads on", "dim italic"))
        for branch in outs:
            self._add_branch(lines, "→ ", branch.state, branch.label, branch.depth, branch.seen)
        if not outs:
            lines.append(Content.styled("  nothing: the conversation stops here", "dim"))
        return lines

    def _add_branch(self, lines: list[Content], arrow: str, state: str, label: str, depth: int, seen: bool) -> None:
        self._stops.append(Stop(state, len(lines)))
        lines.append(
            Content.assemble(
                "  " * depth,
                (arrow, "dim"),
                *self._cell(state),
                (" ↺" if seen else "", "dim"),
                ("  " + label if label else "", "italic dim"),
            )
        )

    def _visible_rows(self) -> list[tuple[str, list[str]]]:
        """(title, states) for each layer, the filter applied (empty layers dropped)."""
        needle = self.filter_text.strip().lower()
        rows = []
        for index, names in enumerate(self.flow_layers.all_rows()):
            title = f"step {index}" if index < len(self.flow_layers.rows) else "unreachable"
            shown = [n for n in names if needle in n.lower()] if needle else names
            if shown:
                rows.append((title, shown))
        return rows

    def _wrap(self, width: int) -> tuple[list[tuple[str, list[str]]], list[Stop]]:
        """Which states go on which line (each line: its gutter text and states)."""
        key = (width, self.filter_text, id(self.coverage))
        if self._wrapped is None or self._wrapped[0] != key:
            wrapped: list[tuple[str, list[str]]] = []
            stops: list[Stop] = []
            for title, names in self._visible_rows():
                line: list[str] = []
                used = GUTTER
                gutter = title
                for name in names:
                    size = sum(cell_len(text) for text, _ in self._cell(name)) + 2
                    if used + size > width and line:
                        wrapped.append((gutter, line))
                        line, used, gutter = [], GUTTER, ""
                    stops.append(Stop(name, len(wrapped)))
                    line.append(name)
                    used += size
                wrapped.append((gutter, line))
            self._wrapped = (key, wrapped, stops)
            self._whole_cache = {}
        return self._wrapped[1], self._wrapped[2]

    def _whole_lines(self, width: int) -> list[Content]:
        wrapped, self._stops = self._wrap(width)
        cursor_info = self.outline.states.get(self.cursor) if self.cursor else None
        emphasis: dict[str, str] = {}
        if cursor_info is not None:
            emphasis.update((link.source, "$accent") for link in cursor_info.incoming)
            emphasis.update((link.target, "$success") for link in cursor_info.outgoing)
            emphasis[cursor_info.name] = "cursor"
        lines = []
        for index, (gutter, names) in enumerate(wrapped):
            signature = tuple(emphasis.get(name) for name in names)
            cached = self._whole_cache.get(index)
            if cached is None or cached[0] != signature:
                parts: list[tuple[str, str] | str] = [(gutter.ljust(GUTTER), "dim")]
                for name, style in zip(names, signature, strict=True):
                    parts.extend(self._cell(name, style if style and style != "cursor" else ""))
                    parts.append("  ")
                cached = (signature, Content.assemble(*parts))
                self._whole_cache[index] = cached
            lines.append(cached[1])
        return lines

    # -- moving ----------------------------------------------------------------

    def action_move(self, rows: int, across: int) -> None:
        if self.whole:
            self._move_whole(rows, across)
        else:
            self._move_around(rows or across)

    def _move_around(self, delta: int) -> None:
        """Up and down the drawn states (a state drawn twice is two stops)."""
        if not self._stops:
            return
        here = (
            self._stop_index
            if 0 <= self._stop_index < len(self._stops) and self._stops[self._stop_index].state == self.cursor
            else next((i for i, stop in enumerate(self._stops) if stop.state == self.cursor), 0)
        )
        self._stop_index = max(0, min(len(self._stops) - 1, here + delta))
        self._set_cursor(self._stops[self._stop_index].state)

    def _move_whole(self, rows: int, across: int) -> None:
        visible = self._visible_rows()
        if not visible:
            return
        row, index = next(
            ((r, names.index(self.cursor)) for r, (_, names) in enumerate(visible) if self.cursor in names), (0, 0)
        )
        if rows:
            row = max(0, min(len(visible) - 1, row + rows))
            index = min(index, len(visible[row][1]) - 1)
        else:
            index = max(0, min(len(visible[row][1]) - 1, index + across))
        self._set_cursor(visible[row][1][index])

    def _set_cursor(self, name: str) -> None:
        self.cursor = name
        self._changed()
        self.post_message(self.Moved(name))
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        self.lines()
        line = next((stop.line for stop in self._stops if stop.state == self.cursor), None)
        if line is not None:
            self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True)

    def action_centre(self) -> None:
        """Centre the neighbourhood view on the state under the cursor."""
        if self.cursor is not None:
            self.centre = self.cursor
            self._stop_index = -1
            self.whole = False
            self._changed()
            self.scroll_to_cursor()

    def action_choose(self) -> None:
        if self.cursor is not None and self.cursor in self.outline.states:
            self.post_message(self.Chosen(self.cursor))

    # -- from the screen -----------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Whole flow: show only the states whose name contains `text`.
        Around a state: centre on the first state that matches."""
        self.filter_text = text
        needle = text.strip().lower()
        if needle and not self.whole:
            match = next((n for n in self.outline.states if needle in n.lower()), None)
            if match is not None:
                self.centre = self.cursor = match
        elif needle and self.whole:
            shown = [n for _, row in self._visible_rows() for n in row]
            if shown and self.cursor not in shown:
                self.cursor = shown[0]
        self._changed()

    def show_coverage(self, coverage: dict[str, StateCoverage]) -> None:
        self.coverage = coverage
        self._changed()
