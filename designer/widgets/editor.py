"""The YAML editor: Textual's TextArea, made fit for 2,000-state flows.

Changes to the stock widget, mostly about cost per keystroke on a
15,000-line file. Colours: only the lines on screen are coloured, when they
are drawn, by `alur.designer.yaml_highlight` (tree-sitter's document walks
the whole text on every edit). Size: the wrapped document's height and the
widest line are kept up to date instead of being summed over every line
for every line drawn. Text: the document joins its lines once per change,
not once per line drawn. Typing: Enter keeps the current line's
indentation (one step deeper after a key that opens a block), so a designer
can write YAML without counting spaces.

Textual's private internals still used, each because no public API does
the job; pyproject.toml pins Textual to the minor release the suite runs
on, so a release that moves one fails the tests instead of the designer:

- `textual.widgets._text_area.Document` / `.WrappedDocument`: TextArea
  names these classes inside its constructor and `_set_document`; swapping
  them is the only way to give it our document classes.
- `WrappedDocument._offset_to_line_info`, `_line_index_to_offsets`,
  `_wrap_offsets`, `_tab_width_cache`, `_width`, `_tab_width`: filled
  directly for the no-wrap case, which the stock `wrap` measures line by line.
- `TextArea._set_document`: where the document is (re)built, to build it once.
- `TextArea._build_highlight_map`, `_highlights`, `_line_cache`: the
  highlight hook TextArea calls after every edit; ours forgets colours so
  the rows on screen are coloured when drawn.
- `TextArea._refresh_size`, `_refresh_scrollbars`: TextArea's size update
  after an edit (it measures every line), replaced by a running maximum.
- `TextArea._on_key`: Textual's documented way to change what a key does
  in a TextArea (here Enter's indentation).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from rich.cells import cell_len
from textual import events
from textual.geometry import Offset, Region, Size
from textual.strip import Strip
from textual.widgets import TextArea, _text_area
from textual.widgets.text_area import Document, Edit, EditResult, Location, WrappedDocument

from alur.designer.edits import TextEdit
from alur.designer.yaml_highlight import LOOKBACK, scan_rows, to_bytes

_ITEM_MAPPING = re.compile(r"[^\s{\[\"'#][^:]*:(\s|$)")


def _next_indent(before: str, step: int) -> int:
    """The indentation of a new line typed after `before` (the text left of
    the cursor): the same as this line's, one step deeper after a key that
    opens a block, and aligned under the keys of a list item's mapping."""
    indent = len(before) - len(before.lstrip(" "))
    content = before.strip()
    base = indent
    if content.startswith("- ") or content == "-":
        base = indent + 2
        content = content[2:].lstrip()
        if not content.endswith(":") and not _ITEM_MAPPING.match(content):
            return indent
    if content.endswith(":") and not content.startswith("#"):
        return base + step
    return base


class _CountedWrappedDocument(WrappedDocument):
    """Its height is the number of visual lines it already keeps, not a sum
    over every line (which TextArea asks for once per line drawn); and
    "wrapping" at width 0 (soft wrap off) without tabs, one visual line per
    line, is done without measuring every line (TextArea does it on every
    resize)."""

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        lines = self.document.lines
        if width or any("\t" in line for line in lines):
            super().wrap(width, tab_width)
            return
        if self._width == 0 and self._line_index_to_offsets and len(self._line_index_to_offsets) == len(lines):
            return  # already one visual line per line; edits keep it so (`wrap_range`)
        self._width = 0
        if tab_width:
            self._tab_width = tab_width
        count = len(lines)
        self._wrap_offsets = [[] for _ in range(count)]
        self._offset_to_line_info = [(index, 0) for index in range(count)]
        self._line_index_to_offsets = [[index] for index in range(count)]
        self._tab_width_cache = [[0] if line else [] for line in lines]


class _JoinedOnceDocument(Document):
    """Its text is joined once per change, not on every read: TextArea reads
    the whole text once per line it draws (`render_line` asks `not self.text`
    to decide on a placeholder), 40 joins of a 500 KB flow per keystroke.
    Every change, undo and redo included, goes through `replace_range`."""

    _joined: str | None = None

    @property
    def text(self) -> str:
        if self._joined is None:
            self._joined = super().text
        return self._joined

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        self._joined = None
        return super().replace_range(start, end, text)


@contextmanager
def _counted_wrapping() -> Iterator[None]:
    """Make TextArea build `_JoinedOnceDocument`s and `_CountedWrappedDocument`s
    (it names both classes inside its constructor and `_set_document`)."""
    saved = _text_area.Document, _text_area.WrappedDocument
    _text_area.Document, _text_area.WrappedDocument = _JoinedOnceDocument, _CountedWrappedDocument
    try:
        yield
    finally:
        _text_area.Document, _text_area.WrappedDocument = saved


class FlowEditor(TextArea):
    """A TextArea for flow YAML: on-screen colouring, constant-cost edits, auto-indent."""

    def __init__(self, text: str = "", *, highlight: bool = True, **kwargs) -> None:
        self.highlight = highlight
        self._coloured_rows: set[int] = set()  # before super(): it builds the highlight map
        self._block_after: dict[int, int | None] = {}  # per coloured row: the block scalar open after it
        self._edited_row: int | None = None  # the first row of the edit under way
        self._widest = 0
        self._built_for: tuple[str, str | None] | None = None
        with _counted_wrapping():
            super().__init__(text, show_line_numbers=True, tab_behavior="focus", soft_wrap=False, **kwargs)
        self.indent_type = "spaces"
        self.indent_width = 2

    def _set_document(self, text: str, language: str | None) -> None:
        if self._built_for == (text, language):
            self._built_for = None
            return  # TextArea's constructor sets the document twice (text, then language): once is enough
        with _counted_wrapping():
            super()._set_document(text, language)
        self._built_for = (text, language) if not self.is_mounted else None
        self._widest = max((cell_len(line.expandtabs(self.indent_width)) for line in self.document.lines), default=0)
        self._refresh_size()

    # -- size ------------------------------------------------------------------

    def edit(self, edit: Edit) -> EditResult:
        self._edited_row = edit.top[0]  # for `_build_highlight_map`, which TextArea calls inside
        try:
            result = super().edit(edit)
        finally:
            self._edited_row = None
        lines = self.document.lines
        top, bottom = edit.top[0], result.end_location[0]
        for row in range(top, min(bottom, len(lines) - 1) + 1):
            self._widest = max(self._widest, cell_len(lines[row].expandtabs(self.indent_width)))
        self._refresh_size()
        return result

    def _refresh_size(self) -> None:
        """TextArea measures every line after every edit; the widest line seen
        is enough (a line that got shorter leaves a little extra scroll room)."""
        size = Size(self._widest + self.gutter_width + 1, self.document.line_count)
        if size != self.virtual_size:  # redrawing scrollbars that did not change cost a third of a keystroke
            self.virtual_size = size
            self._refresh_scrollbars()

    # -- colouring only what is on screen ------------------------------------------

    def _build_highlight_map(self) -> None:
        """Forget the colours an edit may have changed: the rows from the
        edited one down (an edit cannot change how the rows above it read;
        undo and redo, whose rows are not known here, forget all). The rows
        on screen are coloured again when drawn."""
        self._line_cache.clear()
        top = self._edited_row
        if top is None or top == 0:
            self._highlights.clear()
            self._coloured_rows.clear()
            self._block_after.clear()
            return
        for rows in (self._highlights, self._block_after):
            for row in [row for row in rows if row >= top]:
                del rows[row]
        self._coloured_rows = {row for row in self._coloured_rows if row < top}

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.highlight:
            top = self.scroll_offset.y + crop.y
            self._colour_rows(top, top + crop.height)
        return super().render_lines(crop)

    def _colour_rows(self, first: int, stop: int) -> None:
        """Colour the rows not yet coloured in `first`..`stop-1`, starting
        from the state after the row above when it is known (after an edit
        it is: only the edited row and those below are coloured again),
        else looking back for an open block scalar."""
        stop = min(stop, self.document.line_count)
        missing = [row for row in range(first, stop) if row not in self._coloured_rows]
        if not missing:
            return
        lines = self.document.lines
        start, stop = missing[0], missing[-1] + 1
        if start == 0 or start - 1 in self._block_after:
            tokens, after = scan_rows(lines, start, stop, self._block_after.get(start - 1))
        else:
            begin = max(0, start - LOOKBACK)
            tokens, after = scan_rows(lines, begin, stop, None)
            after = after[start - begin :]
        for row in range(start, stop):
            self._highlights[row] = (
                list(to_bytes(lines[row], tokens[row])) if row in tokens else []
            )  # as TextArea types them
        self._block_after.update(zip(range(start, stop), after, strict=True))
        self._coloured_rows.update(range(start, stop))

    # -- typing ---------------------------------------------------------------

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            row, column = self.cursor_location
            line = self.document.get_line(row)
            indent = _next_indent(line[:column], self.indent_width)
            start, end = self.selection
            self.replace("\n" + " " * indent, start, end, maintain_selection_offset=False)
            return
        await super()._on_key(event)

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Offset:
        """Keep the start of lines in view whenever the cursor fits without
        scrolling sideways: after End on a long line, moving to a short one
        left the view scrolled, showing `tes:` for `states:` and making YAML
        indentation look wrong."""
        offset = super().scroll_cursor_visible(center, animate)
        if self.scroll_x:
            cursor_x = self.wrapped_document.location_to_offset(self.cursor_location).x
            if cursor_x + self.gutter_width + 3 <= self.scrollable_content_region.width:
                self.scroll_to(x=0, animate=False, immediate=True)
        return offset

    # -- the designer's operations ---------------------------------------------

    def goto(self, line: int, column: int = 1) -> None:
        """Put the cursor at 1-based `line`, `column` and scroll it to the middle."""
        row = max(0, min(line - 1, self.document.line_count - 1))
        col = max(0, min(column - 1, len(self.document.get_line(row))))
        self.move_cursor((row, col), center=True)

    def become(self, text: str) -> bool:
        """Make the editor hold `text` (a reload, a merge, a recovery) as one
        edit of the part that differs, not a new document: ctrl+z goes back,
        the cursor stays on its line (clamped) and the view does not move.
        False when the text is already `text`."""
        newline = self.document.newline
        text = text.replace("\r\n", "\n").replace("\n", newline)
        old = self.text
        if text == old:
            return False
        prefix = _common_prefix(old, text)
        suffix = _common_prefix(old[prefix:][::-1], text[prefix:][::-1])
        document = self.document
        assert isinstance(document, Document)  # a text editor's document, never a syntax-tree one
        start = document.get_location_from_index(prefix)
        end = document.get_location_from_index(len(old) - suffix)
        cursor, scroll = self.cursor_location, self.scroll_offset
        self.history.checkpoint()
        self.replace(text[prefix : len(text) - suffix], start, end, maintain_selection_offset=False)
        self.history.checkpoint()
        row = min(cursor[0], document.line_count - 1)
        self.move_cursor((row, min(cursor[1], len(document.get_line(row)))))
        self.scroll_to(scroll.x, scroll.y, animate=False, immediate=True)
        return True

    def apply(self, edits: list[TextEdit]) -> None:
        """Apply structured edits as one step that a single undo reverts.

        The edits are merged into one replacement of the region they span,
        so TextArea's history records one edit; the cursor stays where it was.
        """
        if not edits:
            return
        ordered = sorted(edits, key=lambda e: e.start)
        top, bottom = ordered[0].start, max(e.end for e in ordered)
        document = self.document
        region = document.get_text_range(top, bottom)
        newline = document.newline
        pieces: list[str] = []
        position = top
        for edit in ordered:
            pieces.append(document.get_text_range(position, edit.start) if edit.start > position else "")
            pieces.append(edit.text.replace("\r\n", "\n").replace("\n", newline))
            position = edit.end
        pieces.append(document.get_text_range(position, bottom) if bottom > position else "")
        replacement = "".join(pieces)
        if replacement == region:
            return
        cursor = self.cursor_location
        self.history.checkpoint()
        self.replace(replacement, top, bottom, maintain_selection_offset=False)
        self.history.checkpoint()
        row = min(cursor[0], document.line_count - 1)
        self.move_cursor((row, min(cursor[1], len(document.get_line(row)))))


def _common_prefix(a: str, b: str) -> int:
    """How many characters `a` and `b` share at the start (by halving, so a
    500 KB flow costs a few dozen slice comparisons, not a Python loop per character)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low
