"""The flow map's layout: which states sit at which step from the start, and
what surrounds one state. Textual-free, linear in the size of the flow, so
it is computed once per check and tested without the app.

Layers are breadth-first from the start: a state sits at the step where a
customer can first reach it. (Longest-path layering, the usual choice for
acyclic graphs, is undefined on flows, which loop by design: "try again"
routes would push states down without end.) Within a layer, states are
ordered by the position of their first predecessor in the layer above (one
barycentre pass, which keeps most routes from crossing) and then by file
order, so the map does not reshuffle while the designer types.

Global routes and the flow's fallback lead from every waiting state; on the
map they are routes from each waiting state (`exits`), so a handoff reached
only by a global "agent" route sits one step after the first waiting state,
where a customer can first ask for it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from alur.designer.outline import GLOBAL, Link, Outline


@dataclass(frozen=True, slots=True)
class Layers:
    rows: list[list[str]]  # rows[i]: the states first reached i steps from the start
    unreachable: list[str]  # states no route leads to from the start, in file order

    def all_rows(self) -> list[list[str]]:
        """The layers, then the unreachable states as one more row (if any)."""
        return [*self.rows, self.unreachable] if self.unreachable else list(self.rows)

    def position(self, name: str) -> tuple[int, int] | None:
        """(row, index) of `name` in `all_rows()`."""
        for row, names in enumerate(self.all_rows()):
            if name in names:
                return row, names.index(name)
        return None


def exits(outline: Outline) -> dict[str, list[Link]]:
    """Every way out of each state, in the order the file writes them; a
    waiting state also has the flow's fallback (unless it has its own) and
    the global routes, which the file writes once for all."""
    global_links = [link for info in outline.states.values() for link in info.incoming if link.source == GLOBAL]
    out: dict[str, list[Link]] = {}
    for name, info in outline.states.items():
        links = list(info.outgoing)
        if info.waits:
            if info.fallback_then is not None and not any(link.kind == "fallback" for link in links):
                links.append(Link(name, info.fallback_then, "fallback", "fallback"))
            links += [Link(name, link.target, link.label, "global", link.line) for link in global_links]
        out[name] = links
    return out


def successors(outline: Outline) -> dict[str, list[str]]:
    """Where each state can go next (`exits`' targets that exist, each once)."""
    return {
        name: list(dict.fromkeys(link.target for link in links if link.target in outline.states))
        for name, links in exits(outline).items()
    }


def layer(outline: Outline) -> Layers:
    """The states by step from the start (see the module's docstring)."""
    following = successors(outline)
    order = {name: index for index, name in enumerate(outline.states)}
    step: dict[str, int] = {}
    first_from: dict[str, str] = {}
    if outline.start in outline.states:
        step[outline.start] = 0
        queue = deque([outline.start])
        while queue:
            name = queue.popleft()
            for target in following[name]:
                if target not in step:
                    step[target] = step[name] + 1
                    first_from[target] = name
                    queue.append(target)
    rows: list[list[str]] = [[] for _ in range(max(step.values(), default=-1) + 1)]
    for name in outline.states:
        if name in step:
            rows[step[name]].append(name)
    for index in range(1, len(rows)):
        above = {name: position for position, name in enumerate(rows[index - 1])}
        rows[index].sort(key=lambda name: (above.get(first_from[name], 0), order[name]))
    return Layers(rows, [name for name in outline.states if name not in step])


@dataclass(frozen=True, slots=True)
class Branch:
    """One line of the neighbourhood view: `state` reached (or left) by
    `label` (every route between the two, joined), `depth` steps from the
    centre; `seen` when it is already shown above (a loop or a join), so it
    is not expanded again."""

    state: str
    label: str
    depth: int
    kind: str
    seen: bool = False


@dataclass(frozen=True, slots=True)
class Ways:
    """Every state's ways out (`exits`) and in, worked out once per check:
    at 2,000 states that is most of what drawing a neighbourhood costs."""

    out: dict[str, list[Link]]
    into: dict[str, list[Link]]


def ways(outline: Outline) -> Ways:
    """Ways in are the outline's: a global route or the flow's fallback
    leads in once, from `(global)` or `(fallback)`, not from every waiting
    state (at 2,000 states a handoff would list hundreds)."""
    return Ways(exits(outline), {name: info.incoming for name, info in outline.states.items()})


def around(
    outline: Outline, centre: str, depth: int = 2, known: Ways | None = None
) -> tuple[list[Branch], list[Branch]]:
    """What leads into `centre` and what it leads to, up to `depth` steps
    each way, as trees in depth-first order (for drawing with indentation)."""
    known = known or ways(outline)
    return _tree(outline, known.into, centre, depth, incoming=True), _tree(
        outline, known.out, centre, depth, incoming=False
    )


def _tree(outline: Outline, links_of: dict[str, list[Link]], centre: str, depth: int, incoming: bool) -> list[Branch]:
    branches: list[Branch] = []
    shown = {centre}

    def walk(name: str, level: int) -> None:
        grouped: dict[str, list[Link]] = {}  # one branch per neighbour, its labels joined
        for link in links_of.get(name, []):
            grouped.setdefault(link.source if incoming else link.target, []).append(link)
        for other, links in grouped.items():
            seen = other in shown
            label = ", ".join(dict.fromkeys(route_label(link) for link in links))
            branches.append(Branch(other, label, level, links[0].kind, seen))
            shown.add(other)
            if not seen and level < depth and other in outline.states:
                walk(other, level + 1)

    walk(centre, 1)
    return branches


def route_label(link: Link) -> str:
    """How the map names a route: its intent or outcome, `next`, `not
    understood` (a fallback), or `INTENT (global)`."""
    if link.kind == "fallback":
        return "not understood"
    if link.kind == "global":
        return f"{link.label} (global)"
    return link.label


def matching(outline: Outline, text: str) -> list[str]:
    """States whose name contains `text` (case-insensitive), in file order."""
    needle = text.strip().lower()
    return [name for name in outline.states if needle in name.lower()]
