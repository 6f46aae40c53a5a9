"""The flow as a graph, with the engine's semantics, built once per check.

Every graph question the rules ask (what can be reached from `start`, what
can still reach an ending, how many customer turns a human is away, which
slots may be filled on arrival) is answered here by one pass over the
graph, so all rules together stay O(states + routes) however large the flow.

Edges follow contract §1:

- a waiting state leads to its own routes and `next` (one customer turn
  each), to the flow's `global` routes (one turn) unless the state handles
  that intent itself without a condition (its own route wins), and to its
  fallback policy's `then` after `max_retries + 1` turns that match nothing
  (one more in `start`, where a first unmatched turn is the customer
  opening the chat);
- an action state leads to every outcome it routes on, and a `say`+`next`
  state to `next`, without waiting for the customer (zero turns);
- terminal states lead nowhere.

Targets that are not states are left out (`undefined-state` reports them).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from alur.flows.model import Flow, State


class FlowGraph:
    """Edges of a flow with their cost in customer turns."""

    def __init__(self, flow: Flow):
        self.flow = flow
        states = flow.states
        self.waiting: list[str] = [name for name, state in states.items() if state.waits]
        self.globals: dict[str, list[str]] = {}  # trigger → existing targets
        for route in flow.global_routes:
            if route.target in states:
                self.globals.setdefault(route.trigger, []).append(route.target)
        # (target, turns, matched): `matched` is False for moves that need no
        # understood customer turn (automatic moves and fallbacks).
        self.out: dict[str, list[tuple[str, int, bool]]] = {}
        # Waiting state → intents it routes itself without a condition, which
        # win over `global` routes for the same intent (keys: the waiting states).
        self.shadows: dict[str, frozenset[str]] = {}
        for name, state in states.items():
            self.out[name] = self._edges(name, state)
            if state.waits:
                self.shadows[name] = frozenset(
                    r.trigger for r in state.routes if r.condition is None and not r.is_event
                )

    def _edges(self, name: str, state: State) -> list[tuple[str, int, bool]]:
        if state.terminal:
            return []
        states = self.flow.states
        turn = 1 if state.waits else 0
        edges = [(target, turn, state.waits) for target in state.targets() if target in states]
        if state.waits:
            policy = self.flow.fallback_for(state)
            if policy.then is not None and policy.then in states:
                opening = 1 if name == self.flow.start else 0
                edges.append((policy.then, policy.max_retries + 1 + opening, False))
        return edges

    def reachable(self) -> set[str]:
        """States the conversation can enter, starting from `start`."""
        start = self.flow.start
        if start not in self.flow.states:
            return set()
        seen = {start}
        stack = [start]
        pending = set(self.globals)  # global triggers not yet taken from any reached state

        def visit(target: str) -> None:
            if target not in seen:
                seen.add(target)
                stack.append(target)

        while stack:
            name = stack.pop()
            for target, _, _ in self.out[name]:
                visit(target)
            if pending and name in self.shadows:
                shadowed = self.shadows[name]
                for trigger in [t for t in pending if t not in shadowed]:
                    pending.discard(trigger)
                    for target in self.globals[trigger]:
                        visit(target)
        return seen

    @cached_property
    def reverse(self) -> dict[str, list[tuple[str, int, bool]]]:
        """Target → (source, turns, matched) of every edge into it."""
        reverse: dict[str, list[tuple[str, int, bool]]] = {}
        for source, edges in self.out.items():
            for target, turns, matched in edges:
                reverse.setdefault(target, []).append((source, turns, matched))
        return reverse

    def turns_to(self, goals: Iterable[str], understood: bool = True, forced: bool = False) -> dict[str, int]:
        """For every state that can reach one of `goals`, the fewest customer
        turns it takes (Dial's algorithm on the reversed graph: linear, since
        turn counts are small integers).

        With `understood=False` the customer is never understood: only
        fallbacks and automatic moves count (the question "does not being
        understood ever lead to a human?").

        With `forced=True` the customer must be able to get there whatever
        the actions return: a state that moves on by itself counts only once
        every state it may move to counts, at the largest of their turns
        (the question "can the customer get a human?", which an action that
        may end the conversation instead does not answer).
        """
        reverse = self.reverse
        global_sources: dict[str, list[str]] = {}  # target → triggers of global routes to it
        if understood:
            for trigger, targets in self.globals.items():
                for target in targets:
                    global_sources.setdefault(target, []).append(trigger)
        pool = set(self.waiting) if global_sources else set()  # not yet offered a global route
        taken: set[str] = set()
        best: dict[str, int] = {}
        done: dict[str, int] = {}
        buckets: list[list[str]] = [[]]
        pending = {name: len(edges) for name, edges in self.out.items() if name not in self.shadows} if forced else {}
        for goal in goals:
            if goal in self.flow.states and goal not in best:
                best[goal] = 0
                buckets[0].append(goal)

        def relax(name: str, turns: int) -> None:
            if name not in done and turns < best.get(name, turns + 1):
                best[name] = turns
                while len(buckets) <= turns:
                    buckets.append([])
                buckets[turns].append(name)

        distance = 0
        while distance < len(buckets):
            for name in buckets[distance]:  # grows while iterated: moves that take no turn
                if name in done or best[name] != distance:
                    continue
                done[name] = distance
                for source, turns, matched in reverse.get(name, ()):
                    if matched and not understood:
                        continue
                    if source in pending:
                        pending[source] -= 1
                        if pending[source]:
                            continue  # some outcome is not settled yet; the last one is the largest
                    relax(source, distance + turns)
                for trigger in global_sources.get(name, ()):
                    if trigger in taken:
                        continue
                    taken.add(trigger)
                    for source in [s for s in pool if trigger not in self.shadows[s]]:
                        pool.discard(source)
                        relax(source, distance + 1)
            distance += 1
        return done

    @staticmethod
    def components(succ: dict[str, list[str]]) -> list[list[str]]:
        """Strongly connected components of the graph `succ`, sources first
        (iterative Tarjan)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        result: list[list[str]] = []
        counter = 0
        for root in succ:
            if root in index:
                continue
            work = [(root, iter(succ[root]))]
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack.add(root)
            while work:
                node, children = work[-1]
                advanced = False
                for child in children:
                    if child not in index:
                        index[child] = low[child] = counter
                        counter += 1
                        stack.append(child)
                        on_stack.add(child)
                        work.append((child, iter(succ[child])))
                        advanced = True
                        break
                    if child in on_stack:
                        low[node] = min(low[node], index[child])
                if advanced:
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    result.append(component)
        result.reverse()
        return result

    def successors(self, nodes: set[str], virtual_global: str) -> dict[str, list[str]]:
        """Successor lists restricted to `nodes`. Global routes go through one
        extra node, `virtual_global`, entered from every waiting state, which
        keeps the graph linear in size (it ignores shadowing, so it suits
        may-analyses)."""
        succ: dict[str, list[str]] = {}
        for name in nodes:
            targets = [target for target, _, _ in self.out[name] if target in nodes]
            if self.globals and name in self.shadows:
                targets.append(virtual_global)
            succ[name] = targets
        if self.globals:
            succ[virtual_global] = [t for targets in self.globals.values() for t in targets if t in nodes]
        return succ


def passes_on(state: State) -> bool:
    """Whether the engine, entering `state`, moves on by its `next` without
    the customer and without running an action (and so counts it towards a
    cycle that never waits)."""
    return not state.terminal and not state.waits and state.action is None and state.next is not None


def cycles(flow: Flow) -> list[list[str]]:
    """Every loop of states that pass on by `next`, each once, starting at
    its state that comes first in the file and closed by it again.

    Those states have one successor each, so one walk per state, marking what
    it visits, finds every loop in linear time."""
    states = flow.states
    order = {name: index for index, name in enumerate(states)}
    walk_of: dict[str, int] = {}
    found = []
    for walk, first in enumerate(states):
        path: list[str] = []
        name: str | None = first
        while name is not None and name not in walk_of:
            state = states.get(name)
            if state is None or not passes_on(state):
                break
            walk_of[name] = walk
            path.append(name)
            name = state.next
        if name is not None and walk_of.get(name) == walk:
            loop = path[path.index(name) :]
            head = min(range(len(loop)), key=lambda i: order[loop[i]])
            loop = loop[head:] + loop[:head]
            found.append([*loop, loop[0]])
    return found
