"""The chat simulator: talk to the flow as a customer would.

Shows each bot reply, the intent the turn matched and its score, the slots
(sensitive ones masked) and the state reached; the screen highlights that
state in the list. The engine is compiled in a worker. When the flow is
edited mid-conversation, the next turn first replays the conversation so far
on the new version, so what the designer sees is always the flow as it is
now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.message import Message
from textual.widgets import Input, RichLog, Static

from alur.flows.diagnostics import FlowError
from alur.flows.model import Flow

if TYPE_CHECKING:  # the engine (and transitions) load when the chat is first used
    from alur.designer.simulator import Exchange, Simulation


class ChatLog(RichLog):
    """A log that wraps at its own width and wraps again when resized.

    RichLog renders each line once, at the width it has then but never under
    `min_width` (78 columns by default), and clips what does not fit: in a
    44-column panel the middle of every long bot message was cut away. This
    log keeps what it was given and renders it again at the new width.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, min_width=1, **kwargs)
        self._written: list[Text] = []
        self._width = 0

    def say(self, line: Text) -> None:
        """Add `line` at the bottom, wrapped to the log's width."""
        self._written.append(line)
        self.write(line)

    def clear(self) -> ChatLog:
        self._written = []
        super().clear()
        return self

    def on_resize(self, event: Resize) -> None:
        if not self._size_known or event.size.width == self._width:
            super().on_resize(event)  # the first size: RichLog renders what waited for it
            self._width = event.size.width
            return
        self._width = event.size.width
        written, self._written = self._written, []
        super().clear()
        for line in written:
            self.say(line)


class ChatPanel(Vertical):
    """Conversation log, what the last turn did, and the customer's input."""

    BINDINGS = [
        Binding("ctrl+b", "back", "Back", tooltip="Take back the last customer turn", id="chat.back"),
        Binding("ctrl+r", "restart", "Restart", tooltip="Start the conversation again", id="chat.restart"),
    ]

    @dataclass
    class Moved(Message):
        """The simulated conversation is now in `state`."""

        state: str
        escalated: bool
        ended: bool

    @dataclass
    class Ready(Message):
        """A simulation was built (or could not be: `error`)."""

        error: str | None

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.flow: Flow | None = None
        self.simulation: Simulation | None = None
        self._stale = False
        self.choices: dict[str, str] = {}  # action → outcome, kept across rebuilds

    def compose(self) -> ComposeResult:
        yield ChatLog(id="chat-log")
        yield Static("", id="chat-status")
        yield Input(placeholder="Type as the customer…  (Enter sends)", id="chat-input", compact=True)

    # -- attributes down -----------------------------------------------------

    def set_flow(self, flow: Flow | None) -> None:
        """The flow as it is now; a running conversation is replayed on it at the next turn."""
        if flow is self.flow:
            return
        self.flow = flow
        if self.simulation is not None:
            self._stale = True

    # -- actions -------------------------------------------------------------

    def start(self, state: str | None = None, slots: dict[str, object] | None = None) -> None:
        """Start a new conversation (at `state` with `slots` preset, when given)."""
        if self.flow is None:
            self._note("The flow cannot run until the file is valid YAML and a flow.", "bold red")
            return
        self._build(self.flow, state, slots, None)

    def action_back(self) -> None:
        if self.simulation is None:
            return
        if self.simulation.back() is None:
            self.notify("Nothing to take back.", severity="warning")
            return
        self._redraw()

    def action_restart(self) -> None:
        if self.simulation is None or self._stale:
            self.start(*self._start_point())
            return
        self.simulation.restart()
        self._redraw()

    def choose_outcome(self, action: str, outcome: str) -> None:
        """Make `action` return `outcome` from now on (and in a replay)."""
        if self.simulation is not None:
            self.simulation.choices[action] = outcome
        self.choices[action] = outcome

    def _start_point(self) -> tuple[str | None, dict[str, object] | None]:
        if self.simulation is None:
            return None, None
        return self.simulation.start_state, dict(self.simulation.preset)

    @on(Input.Submitted, "#chat-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        event.input.clear()
        if self.simulation is None or self._stale:
            if self.flow is None:
                self._note("The flow cannot run until the file is valid YAML and a flow.", "bold red")
                return
            state, slots = self._start_point()
            turns = [e.user for e in self.simulation.exchanges[1:]] if self.simulation else []
            self._build(self.flow, state, slots, [*turns, text])  # type: ignore[list-item]
            return
        self._say(text)

    def _say(self, text: str) -> None:
        from alur.flows.engine import EngineError

        assert self.simulation is not None
        try:
            exchange = self.simulation.say(text)
        except EngineError as error:
            self._write_user(text)
            self._note(f"The flow stopped: {error}", "bold red")
            return
        self._show(exchange)

    # -- building in a worker --------------------------------------------------

    @work(thread=True, exclusive=True, group="simulation")
    def _build(self, flow: Flow, state: str | None, slots: dict[str, object] | None, replay: list[str] | None) -> None:
        from alur.designer.simulator import Simulation
        from alur.designer.engines import engine_for
        from alur.flows.engine import EngineError

        try:
            simulation = Simulation(flow, engine_for(flow))
            simulation.choices.update(self.choices)
            simulation.restart(state, slots, keep_start=False)
            failed = None
            for text in replay or []:
                try:
                    simulation.say(text)
                except EngineError as error:
                    failed = f"The flow stopped at {text!r}: {error}"
                    break
        except FlowError as error:
            first = error.diagnostics[0] if error.diagnostics else None
            message = f"line {first.line}: {first.message}" if first and first.line else str(first or error)
            self.app.call_from_thread(self._failed, f"The flow cannot run yet: {message}")
            return
        except EngineError as error:
            self.app.call_from_thread(self._failed, f"The flow cannot start: {error}")
            return
        self.app.call_from_thread(self._built, simulation, flow, failed)

    def _built(self, simulation: Simulation, flow: Flow, failed: str | None) -> None:
        replayed = self.simulation is not None and self._stale
        self.simulation = simulation
        self._stale = flow is not self.flow
        self._redraw()
        if replayed and simulation.user_turns:
            self._note(f"(the flow changed: replayed {simulation.user_turns} turn(s) on the new version)", "dim")
        if failed:
            self._note(failed, "bold red")
        self.post_message(self.Ready(None))

    def _failed(self, message: str) -> None:
        self._note(message, "bold red")
        self.post_message(self.Ready(message))

    # -- drawing -------------------------------------------------------------

    @property
    def log_view(self) -> ChatLog:
        return self.query_one("#chat-log", ChatLog)

    def _redraw(self) -> None:
        self.log_view.clear()
        if self.simulation is None:
            return
        start = self.simulation.start_state
        if start and start != self.simulation.flow.start:
            self._note(
                f"(started at {start}"
                + (f" with {', '.join(self.simulation.preset)})" if self.simulation.preset else ")"),
                "dim",
            )
        for exchange in self.simulation.exchanges:
            self._show(exchange, status=False)
        self._status(self.simulation.exchanges[-1])

    def _show(self, exchange: Exchange, status: bool = True) -> None:
        assert self.simulation is not None
        step = exchange.step
        if exchange.user is not None:
            self._write_user(exchange.user)
            filled = [event[5:] for event in step.events if event.startswith("slot:")]
            if step.intent is not None:
                understood = (
                    f"  {step.intent}"
                    + (f" {step.score:.2f}" if step.score is not None else "")
                    + (f" via {step.via}" if step.via else "")
                )
            elif filled:
                understood = "  filled " + ", ".join(filled)
            elif "opening" in step.events:
                understood = "  opens the chat (no retry counted)"
            else:
                understood = "  no intent matched"
            self.log_view.say(Text(understood, style="dim italic"))
        for event in step.events:
            if event.startswith("action:"):
                self.log_view.say(Text(f"  ⚙ {event[7:]}", style="dim"))
        for message in step.messages:
            line = Text("bot › ", style="bold green")
            line.append(self.simulation.shown_text(message.text))
            if message.buttons:
                line.append("\n      " + "  ".join(f"[{b}]" for b in message.buttons), style="cyan")
            self.log_view.say(line)
        if step.escalated:
            self.log_view.say(Text("  ▲ handed over to a human agent", style="bold magenta"))
        elif step.ended:
            self.log_view.say(Text("  ■ conversation ended", style="bold blue"))
        elif "dead_end" in step.events:
            self.log_view.say(Text(f"  ✗ stuck in {step.state}: it has no way on", style="bold red"))
        if status:
            self._status(exchange)

    def _status(self, exchange: Exchange) -> None:
        assert self.simulation is not None
        step = exchange.step
        slots = self.simulation.shown_slots(step)
        shown = ", ".join(f"{k}={v}" for k, v in slots.items()) or "none"
        intent = f"{step.intent} ({step.score:.2f})" if step.intent and step.score is not None else (step.intent or "–")
        self.query_one("#chat-status", Static).update(
            Text.assemble(
                ("state ", "dim"), (step.state, "bold"), ("  intent ", "dim"), intent, ("\nslots ", "dim"), shown
            )
        )
        self.post_message(self.Moved(step.state, step.escalated, step.ended))

    def _write_user(self, text: str) -> None:
        line = Text("you › ", style="bold cyan")
        line.append(text)
        self.log_view.say(line)

    def _note(self, text: str, style: str) -> None:
        self.log_view.say(Text(text, style=style))
