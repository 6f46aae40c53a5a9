"""The merge dialog: the file changed on disk while the designer has unsaved edits.

It shows their change (a diff from the text the designer last loaded or
saved to the file on disk now) and what merging gives: where the two edits
touch different lines both are kept; each clash shows both versions and the
designer picks mine, theirs or both, one by one or for all clashes at once.
Nothing is merged until they say so ("Later" keeps editing; saving asks
again), and a merge is one edit in the editor, so ctrl+z takes it back.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static

from alur.designer.merge import Conflict, Merge, Pick, merge3
from alur.designer.widgets.diff import DiffView

PICK_LABELS = {Pick.MINE: "keep mine", Pick.THEIRS: "take theirs", Pick.BOTH: "keep both (mine first)"}


class MergeScreen(ModalScreen[str | None]):
    """Dismisses with the merged text, or None to decide later."""

    BINDINGS = [Binding("escape", "later", "Later")]

    def __init__(self, name: str, base: str, mine: str, theirs: str, *, saving: bool = False) -> None:
        super().__init__()
        self.file_name = name
        self.base, self.mine, self.theirs = base, mine, theirs
        self.saving = saving
        self.merge: Merge = merge3(base, mine, theirs)

    def compose(self) -> ComposeResult:
        conflicts = self.merge.conflicts
        merge_label = "Merge and save" if self.saving else "Merge"
        with Vertical(classes="dialog dialog-tall dialog-wide", id="merge-dialog"):
            yield Static(Content(self._summary(conflicts)), classes="dialog-text")
            with VerticalScroll(id="merge-body"):
                yield Static(Content.styled("Their change (the file on disk):", "bold"))
                yield DiffView(
                    self.base,
                    self.theirs,
                    f"{self.file_name} (as you opened it)",
                    f"{self.file_name} (on disk now)",
                    id="merge-theirs",
                )
                for number, conflict in enumerate(conflicts, 1):
                    yield from self._conflict(number, len(conflicts), conflict)
            with Horizontal(classes="dialog-buttons"):
                yield Button(merge_label, variant="primary", id="merge-button")
                if conflicts:
                    yield Button("All clashes: mine", id="all-mine")
                    yield Button("All clashes: theirs", id="all-theirs")
                yield Button("Later", id="later")

    def _summary(self, conflicts: list[Conflict]) -> str:
        head = f"{self.file_name} was changed on disk while you have unsaved edits."
        if not conflicts:
            return f"{head} Their change and yours touch different lines: merging keeps both (ctrl+z undoes the merge)."
        return (
            f"{head} Their change and yours clash in {len(conflicts)} place{'s' * (len(conflicts) != 1)}: "
            "pick for each below (or for all at once); everything else is merged."
        )

    def _conflict(self, number: int, total: int, conflict: Conflict) -> ComposeResult:
        yield Static(
            Content.styled(f"Clash {number} of {total}, at your line {conflict.mine_line}:", "bold $warning"),
            classes="merge-clash",
        )
        yield Static(Content.assemble(("yours:\n", "bold"), (_shown(conflict.mine), "$success")))
        yield Static(Content.assemble(("theirs:\n", "bold"), (_shown(conflict.theirs), "$error")))
        with RadioSet(id=f"pick-{number}", classes="merge-pick"):
            for pick, label in PICK_LABELS.items():
                yield RadioButton(label, value=pick is Pick.MINE, name=pick.value)

    def on_mount(self) -> None:
        self.query_one("#merge-button", Button).focus()

    def picks(self) -> list[Pick]:
        """The pick of each clash, in order, as the radio buttons say."""
        chosen = []
        for radio_set in self.query(RadioSet):
            pressed = radio_set.pressed_button
            chosen.append(Pick(pressed.name) if pressed is not None and pressed.name else Pick.MINE)
        return chosen

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "merge-button":
            self.dismiss(self.merge.text(self.picks()))
        elif event.button.id == "all-mine":
            self.dismiss(self.merge.text(Pick.MINE))
        elif event.button.id == "all-theirs":
            self.dismiss(self.merge.text(Pick.THEIRS))
        else:
            self.dismiss(None)

    def action_later(self) -> None:
        self.dismiss(None)


def _shown(lines: tuple[str, ...]) -> str:
    return "".join(lines).rstrip("\n") or "(nothing: deleted)"
