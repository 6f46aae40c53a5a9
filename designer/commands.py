"""Command palette entries: every designer action, and "go to state".

Every binding of the designer screen becomes a system command (title from
its description, help from its tooltip), so the palette and the footer can
never disagree; a Provider adds one "Go to state NAME" per state.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

EXTRA_ACTIONS = [
    ("Save as…", "Save the flow under another name", "save_as"),
    ("Reload from disk", "Throw away unsaved edits and read the file again", "reload"),
    ("Restart chat", "Start the simulated conversation again", "restart_chat"),
    ("Back one chat turn", "Take back the last customer turn", "back_chat"),
    ("Choose action outcome", "Pick what an action returns in the simulation", "choose_outcome"),
    ("Next transcript turn", "Step to the next customer turn", "next_turn"),
    ("Previous transcript turn", "Step back one customer turn", "previous_turn"),
]


def screen_commands(screen) -> Iterator[tuple[str, str, str]]:
    """(title, help, action) for every action of the designer screen."""
    seen = set()
    for binding in screen.BINDINGS:
        if binding.action in seen:
            continue
        seen.add(binding.action)
        key = screen.app.get_key_display(binding)
        yield f"{binding.description} ({key})", binding.tooltip or binding.description, binding.action
    yield from EXTRA_ACTIONS


class StateCommands(Provider):
    """ "Go to state NAME" for each state of the flow being designed."""

    def _states(self) -> list[str]:
        screen = self.screen
        analysis = getattr(screen, "analysis", None)
        outline = analysis.outline if analysis is not None else None
        return outline.names() if outline is not None else []

    def _go(self, name: str) -> None:
        self.screen.select_state(name, focus_editor=True)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for name in self._states()[:20]:
            yield DiscoveryHit(
                f"Go to state {name}", partial(self._go, name), help="Show the state and put the editor on it"
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in self._states():
            title = f"Go to state {name}"
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._go, name),
                    help="Show the state and put the editor on it",
                )
