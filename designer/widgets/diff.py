"""A unified diff, coloured, for showing what changed (on disk, in a recovery file)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from alur.designer.merge import unified

MAX_LINES = 400  # a diff longer than this is cut: the designer reads the start, the editor has the rest


class DiffView(Static):
    """The lines that differ between two texts, with a little context."""

    def __init__(self, before: str, after: str, before_name: str, after_name: str, **kwargs) -> None:
        super().__init__(diff_content(unified(before, after, before_name, after_name)), **kwargs)


def diff_content(lines: list[str]) -> Content:
    if not lines:
        return Content.styled("(no difference)", "dim")
    shown = lines[:MAX_LINES]
    parts: list[Content] = []
    for line in shown:
        style = (
            "bold"
            if line.startswith(("---", "+++"))
            else "$success"
            if line.startswith("+")
            else "$error"
            if line.startswith("-")
            else "dim"
            if line.startswith("@@")
            else ""
        )
        parts.append(Content.styled(line, style) if style else Content(line))
    if len(lines) > MAX_LINES:
        parts.append(Content.styled(f"… {len(lines) - MAX_LINES} more lines", "dim italic"))
    return Content("\n").join(parts)
