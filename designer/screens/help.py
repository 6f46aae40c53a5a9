"""The help screen: what the designer shows, and every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# alur design

**Left** the states: ▶ start, ■ end, ▲ hands over to a human, ✗ has errors,
! has warnings, ● where the chat or transcript is now. Type to search;
Enter puts the editor on the state.

**Middle** the flow's YAML. Problems appear a moment after you stop typing.
Enter keeps the indentation. `ctrl+z` / `ctrl+y` undo and redo, structured
edits included.

**Right** the selected state (its messages, routes out → and in ←; Enter
follows a route, Delete removes it), the chat simulator, the checker's
problems (Enter jumps to the line) and transcript stepping.

| key | does |
| --- | --- |
| `ctrl+s` | save (atomically; a change made on disk meanwhile is shown and merged first) |
| `F1` | this help |
| `F2` | rename the selected state, and every reference to it |
| `F3` | add a state at the end of `states:` |
| `F4` | add a route from the selected state |
| `Delete` | (on a route in the State tab) remove it |
| `F5` | chat with the flow as a customer |
| `ctrl+b` / `ctrl+r` | (in the chat) take back the last turn / restart |
| `F7` | start the simulation at any state, slots preset |
| `F8` | save the chat as a test conversation (NAME.test.yaml) |
| `ctrl+t` | open a transcript and step through a conversation |
| `n` / `p` | (in the transcript) next / previous customer turn |
| `f` | (in the transcript) jump to the state of the next finding |
| `F6` | the checker's problems |
| `ctrl+g` | edit the selected state in a form (messages, buttons or list, collect, next, not understood) with a live preview per channel; `ctrl+s` writes it |
| `F10` | intents and their examples: `a` add, `r` rename (routes follow), Delete remove, `e` / `E` / `x` add / edit / remove an example, `t` try a message |
| `F9` | the flow map: around the selected state, `w` the whole flow in layers; arrows move, Enter edits the state, space centres on it, `/` filters, `ctrl+t` colours it with a transcript's coverage |
| `ctrl+f` | find a state |
| `Esc` | back to the editor |
| `F12` | zoom the focused pane (again to restore) |
| `ctrl+o` / `ctrl+n` | open a flow / new flow from a template |
| `ctrl+p` | command palette: every action, and "go to state" |
| `ctrl+q` | quit (asks if there are unsaved edits) |

**Files**: a change made to the file on disk is reloaded, or, with unsaved
edits, shown and merged with yours (you pick where both changed the same
lines). Unsaved edits are kept every 3 s in your cache folder and offered
when you open the flow again, so a closed terminal loses nothing.

Light or dark: "Toggle light/dark" in the command palette.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-tall", id="help"):
            yield Markdown(HELP)

    def action_dismiss(self) -> None:
        self.dismiss(None)
