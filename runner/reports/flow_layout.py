"""Where each state of a flow goes in the HTML report's drawing.

Layered from the start, as a reader follows a conversation: the start on
top, each state one row below the first state that leads to it (breadth
first), so the rows read as "how many customer steps in". States reached
only through a global route ("any waiting state") come in the rows after,
and states nothing leads to in a last row, so every state is drawn. Edges
that go down are drawn straight; edges that go back up or sideways (a loop,
a retry) are drawn as arcs to the right, so they do not cross the boxes.

Small on purpose: no crossing minimisation, as a flow has tens of states,
not thousands, and the order within a row is the order the file writes
them, which its author recognises.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from alur.flows.graph import Edge, Node

BOX_WIDTH = 176
BOX_HEIGHT = 64
COLUMN_GAP = 28
ROW_GAP = 72
MARGIN = 24


@dataclass(frozen=True, slots=True)
class Placed:
    """A node and the top-left corner of its box."""

    node: Node
    x: int
    y: int
    row: int

    @property
    def centre(self) -> int:
        return self.x + BOX_WIDTH // 2


@dataclass(frozen=True, slots=True)
class Drawing:
    """Every node placed, and the size of the picture."""

    placed: dict[str, Placed]
    width: int
    height: int


def rows_of(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[list[Node]]:
    """The nodes in rows: breadth first from the start node (kind `start`),
    then from the "any waiting state" node, then the rest."""
    following: dict[str, list[str]] = {}
    for edge in edges:
        following.setdefault(edge.source, []).append(edge.target)
    by_name = {node.name: node for node in nodes}
    row_of: dict[str, int] = {}

    def spread(roots: list[str], first_row: int) -> None:
        queue = deque((root, first_row) for root in roots if root not in row_of)
        for root, row in queue:
            row_of[root] = row
        while queue:
            name, row = queue.popleft()
            for target in following.get(name, ()):
                if target not in row_of and target in by_name:
                    row_of[target] = row + 1
                    queue.append((target, row + 1))

    spread([node.name for node in nodes if node.kind == "start"], 0)
    after = max(row_of.values(), default=-1) + 1
    spread([node.name for node in nodes if node.kind == "any"], after)
    rest = [node.name for node in nodes if node.name not in row_of]
    if rest:
        last = max(row_of.values(), default=-1) + 1
        for name in rest:
            row_of[name] = last
    rows: list[list[Node]] = [[] for _ in range(max(row_of.values(), default=-1) + 1)]
    for node in nodes:  # file order within a row
        rows[row_of[node.name]].append(node)
    return [row for row in rows if row]


def place(nodes: Sequence[Node], edges: Sequence[Edge]) -> Drawing:
    """Every node's box, rows centred on the widest."""
    rows = rows_of(nodes, edges)
    widest = max((len(row) for row in rows), default=0)
    width = 2 * MARGIN + widest * BOX_WIDTH + max(widest - 1, 0) * COLUMN_GAP + 80  # room for arcs on the right
    placed: dict[str, Placed] = {}
    for number, row in enumerate(rows):
        span = len(row) * BOX_WIDTH + (len(row) - 1) * COLUMN_GAP
        left = MARGIN + (width - 80 - 2 * MARGIN - span) // 2
        for column, node in enumerate(row):
            x = left + column * (BOX_WIDTH + COLUMN_GAP)
            placed[node.name] = Placed(node, x, MARGIN + number * (BOX_HEIGHT + ROW_GAP), number)
    height = 2 * MARGIN + len(rows) * BOX_HEIGHT + max(len(rows) - 1, 0) * ROW_GAP
    return Drawing(placed, width, height)


def edge_path(source: Placed, target: Placed) -> str:
    """SVG path data of an arrow from `source` to `target`: a curve down to
    a lower row, an arc out to the right for one that goes back up, stays in
    its row, or returns to its own state."""
    if target.row > source.row:
        x1, y1 = source.centre, source.y + BOX_HEIGHT
        x2, y2 = target.centre, target.y
        bend = (y2 - y1) // 2
        return f"M{x1},{y1} C{x1},{y1 + bend} {x2},{y2 - bend} {x2},{y2}"
    x1, y1 = source.x + BOX_WIDTH, source.y + BOX_HEIGHT * 2 // 3
    x2, y2 = target.x + BOX_WIDTH, target.y + BOX_HEIGHT // 3
    reach = 40 + 12 * (source.row - target.row)
    return f"M{x1},{y1} C{x1 + reach},{y1} {x2 + reach},{y2} {x2},{y2}"
