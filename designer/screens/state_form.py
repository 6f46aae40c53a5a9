"""The state form (ctrl+g): a state's messages (one variant a line), its
buttons or list, what it collects, where it goes next, and what happens
when the customer is not understood, without writing YAML; with a live
preview of the message on the flow's channels.

ctrl+s writes the fields that changed into the editor's text as one edit
(one undo step), each key rewritten where it is written, so comments and
key order elsewhere stay; Esc leaves without writing. Routes stay with F4
and Delete in the State tab; anything else is in the YAML, one Esc away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static, TextArea

from alur.designer.edits import SIMPLE_SLOT_TYPES, EditError, FieldValue, add_slot, set_state_fields
from alur.designer.preview import preview
from alur.flows.model import Flow, State
from alur.flows.rules._names import did_you_mean

if TYPE_CHECKING:
    from alur.designer.screens.main.core import FlowScreen


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class StateFormScreen(Screen[None]):
    BINDINGS = [
        Binding(
            "ctrl+s",
            "write",
            "Write to the flow",
            priority=True,
            tooltip="Write the changed fields into the YAML (one undo step)",
        ),
        Binding("escape", "close", "Back without writing"),
    ]

    def __init__(self, owner: FlowScreen, flow: Flow, state: State) -> None:
        super().__init__()
        self.owner = owner
        self.flow = flow
        self.state = state
        own = state.fallback
        self.plain_buttons = all(
            b.intent is None and b.description is None and b.section is None for b in state.buttons
        )
        self.initial: dict[str, str] = {
            "say": "\n".join(state.say),
            "buttons": "\n".join(b.title for b in state.buttons),
            "list_button": state.list_button or "",
            "collect": state.collect or "",
            "next": state.next or "",
            "fallback_say": "\n".join(own.say) if own else "",
            "retries": str(own.max_retries) if own else "",
            "then": (own.then or "") if own else "",
        }

    def compose(self) -> ComposeResult:
        values = self.initial
        yield Static(
            Content.assemble(
                ("State ", "dim"),
                (self.state.name, "bold"),
                ("   ctrl+s writes it into the YAML · Esc leaves without writing", "dim"),
            ),
            id="form-title",
        )
        with Horizontal(id="form-main"):
            with VerticalScroll(id="form-fields"):
                yield Label("Says (one variant a line; {slot} inserts a slot's value)")
                yield TextArea(values["say"], id="form-say", soft_wrap=True, show_line_numbers=False)
                yield Label(
                    "Buttons (one a line)"
                    if self.plain_buttons
                    else "Buttons: they have intents or sections; edit them in the YAML"
                )
                yield TextArea(
                    values["buttons"],
                    id="form-buttons",
                    soft_wrap=True,
                    show_line_numbers=False,
                    read_only=not self.plain_buttons,
                )
                yield Label("List button (WhatsApp: show the buttons as a list behind it)")
                yield Input(values["list_button"], id="form-list_button", compact=True)
                yield Label("Collects (a slot; a new one is declared, of the type below)")
                yield Input(
                    values["collect"],
                    id="form-collect",
                    compact=True,
                    placeholder=("slots: " + ", ".join(self.flow.slots))
                    if self.flow.slots
                    else "no slots declared yet",
                )
                yield Input(
                    "",
                    id="form-slot-type",
                    compact=True,
                    placeholder="type of a new slot: text (or " + ", ".join(SIMPLE_SLOT_TYPES[1:]) + ")",
                )
                yield Label("Then goes to (next)")
                yield Input(values["next"], id="form-next", compact=True, placeholder="a state")
                yield Label("Not understood: re-prompt (one variant a line)")
                yield TextArea(values["fallback_say"], id="form-fallback_say", soft_wrap=True, show_line_numbers=False)
                yield Label("Not understood: re-prompts before giving up")
                yield Input(
                    values["retries"],
                    id="form-retries",
                    compact=True,
                    placeholder=f"{self.flow.fallback.max_retries} (the flow's)",
                )
                yield Label("Not understood: then goes to")
                yield Input(
                    values["then"],
                    id="form-then",
                    compact=True,
                    placeholder=f"{self.flow.fallback.then or 'nowhere'} (the flow's)",
                )
                yield Static(self._routes(), id="form-routes")
            with VerticalScroll(id="form-preview-box"):
                yield Static(id="form-preview")
        yield Footer()

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#form-say", TextArea).focus()

    def _routes(self) -> Content:
        routes = [f"{r.trigger} → {r.target}" for r in self.state.routes]
        return Content.assemble(
            ("Routes: ", "dim"),
            ", ".join(routes) or "none",
            ("  (F4 adds one, Delete in the State tab removes one)", "dim"),
        )

    # -- reading the form ---------------------------------------------------------

    def _value(self, name: str) -> str:
        widget = self.query_one(f"#form-{name}")
        return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]

    def _preview(self) -> None:
        say = self.query_one("#form-say", TextArea)
        variants = say.text.splitlines()
        row = min(say.cursor_location[0], max(0, len(variants) - 1))
        text = variants[row].strip() if variants else ""
        buttons = _lines(self._value("buttons"))
        parts = [Content.styled(f"Preview of variant {row + 1} of {len(_lines(say.text)) or 1}", "dim italic")]
        for line in preview(self.flow.channels, text, buttons, self._value("list_button").strip() or None):
            parts.append(line)
        self.query_one("#form-preview", Static).update(Content("\n").join(parts))

    @on(TextArea.Changed)
    @on(TextArea.SelectionChanged, "#form-say")
    @on(Input.Changed)
    def _changed(self) -> None:
        self._preview()

    def fields(self) -> dict[str, FieldValue]:
        """The YAML keys whose fields changed, with their new values (None: remove)."""
        changed: dict[str, FieldValue] = {}
        now = {name: self._value(name) for name in self.initial}
        if now["say"] != self.initial["say"]:
            say = _lines(now["say"])
            changed["say"] = say[0] if len(say) == 1 else (say or None)
        if now["buttons"] != self.initial["buttons"] and self.plain_buttons:
            changed["buttons"] = _lines(now["buttons"]) or None
        for key in ("list_button", "collect", "next"):
            if now[key].strip() != self.initial[key]:
                changed[key] = now[key].strip() or None
        if any(now[key] != self.initial[key] for key in ("fallback_say", "retries", "then")):
            fallback: dict[str, object] = {}
            if now["retries"].strip():
                fallback["max_retries"] = int(now["retries"])
            if now["then"].strip():
                fallback["then"] = now["then"].strip()
            if _lines(now["fallback_say"]):
                fallback["say"] = _lines(now["fallback_say"])
            changed["fallback"] = fallback or None
        return changed

    def problems(self) -> list[str]:
        """What the form holds that the flow would refuse (checked before writing)."""
        found = []
        states = list(self.flow.states)
        for key in ("next", "then"):
            value = self._value(key).strip()
            if value and value not in states:
                found.append(f"there is no state {value!r}{did_you_mean(value, states) or ''} (F3 adds one)")
        if self._new_slot() and self._slot_type() not in SIMPLE_SLOT_TYPES:
            found.append(
                f"a new slot's type is one of {', '.join(SIMPLE_SLOT_TYPES)}; others (choice, regex, otp) need settings: declare them in the YAML"
            )
        retries = self._value("retries").strip()
        if retries and not (retries.isdigit() and 0 <= int(retries) <= 20):
            found.append("re-prompts must be a whole number from 0 to 20")
        if not _lines(self._value("say")) and self.state.say and not (self.state.action or self.state.next):
            found.append("a state that waits for the customer needs something to say")
        return found

    def _slot_type(self) -> str:
        return self.query_one("#form-slot-type", Input).value.strip() or "text"

    def _new_slot(self) -> str | None:
        """The slot the form collects when the flow does not declare it yet."""
        collect = self._value("collect").strip()
        return collect if collect and collect not in self.flow.slots else None

    # -- writing -------------------------------------------------------------------

    def action_write(self) -> None:
        problems = self.problems()
        if problems:
            self.notify("; ".join(problems), severity="error", timeout=8)
            return
        changed = self.fields()
        if not changed:
            self.dismiss(None)
            return
        document = self.owner.current_document()
        if document is None:
            return
        try:
            edits = set_state_fields(document, self.state.name, changed)
            new_slot = self._new_slot()
            if new_slot is not None:
                edits += add_slot(document, new_slot, self._slot_type())
        except EditError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.owner.editor.apply(edits)
        self.owner.check_now()
        self.owner.notify(f"Wrote {', '.join(changed)} of {self.state.name} (ctrl+z undoes it).", timeout=4)
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
