"""Files on the designer screen: save (atomic), save as, open, new from a
template, merging a change someone else made on disk, and keeping unsaved
edits for recovery.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work

from alur.designer import recovery
from alur.designer.files import DiskStamp, changed_on_disk, read_flow_text, save_atomic, stamp
from alur.designer.screens.confirm import ConfirmScreen
from alur.designer.screens.main.core import FlowScreen
from alur.designer.screens.merging import MergeScreen
from alur.designer.screens.pick import PickScreen
from alur.designer.screens.prompt import PromptScreen
from alur.designer.screens.recovering import DISCARD, RESTORE, RecoveryScreen
from alur.designer.templates import template_names, template_text
from alur.flows.diagnostics import Diagnostic, FlowError, Severity
from alur.flows.loader import load_document

FLOW_SUFFIXES = (".flow.yaml", ".flow.yml")


def flow_files(root: Path, limit: int = 200) -> list[str]:
    """Flow files under `root` (for suggestions), nearest first."""
    found: list[str] = []
    for pattern in ("*.flow.yaml", "*/*.flow.yaml", "*/*/*.flow.yaml"):
        found.extend(str(p) for p in sorted(root.glob(pattern)))
        if len(found) >= limit:
            break
    return found[:limit]


def check_new_path(value: str) -> str | None:
    path = Path(value).expanduser()
    if path.exists():
        return f"{value} already exists; choose another name (or open it with ctrl+o)"
    if not path.name.endswith(FLOW_SUFFIXES):
        return "name flow files NAME.flow.yaml, so `alur check` and editors recognise them"
    if not path.parent.exists():
        return f"the folder {path.parent} does not exist"
    return None


class FilingActions(FlowScreen):
    """Mixed into DesignerScreen."""

    # -- save --------------------------------------------------------------------

    def action_save(self) -> None:
        if self.path is None:
            self.action_save_as()
            return
        if self.stamp is not None and changed_on_disk(self.path, self.stamp):
            if self._offer_merge(saving=True):
                return
        self.write_file()

    def action_save_as(self) -> None:
        def chosen(value: str | None) -> None:
            if value:
                self._forget_recovery()  # the edits go to the new file; the old one's are not kept
                self.path = Path(value).expanduser()
                self.stamp = None
                self.write_file()

        self.app.push_screen(
            PromptScreen("Save the flow as:", str(self.path or "untitled.flow.yaml"), check=check_new_path), chosen
        )

    def write_file(self) -> bool:
        """Save the editor's text to `self.path`; False (and a notice) when the disk refused.

        YAML that does not parse is saved all the same (a designer may stop
        mid-edit and come back to it), with a warning naming the line and
        column, so it is never written without a word."""
        assert self.path is not None
        text = self.editor.text
        try:
            self.stamp = save_atomic(self.path, text)
        except OSError as error:
            self.notify(f"Could not save {self.path}: {error.strerror or error}", severity="error", timeout=8)
            return False
        self.saved_text = text
        self.modified = False
        self._disk_warned = None
        self._forget_recovery()
        self._update_status()
        broken = self._load_problem(text)
        if broken is not None:
            self.notify(
                f"Saved {self.path}, but it does not load yet: line {broken.line}, column {broken.column}: "
                f"{broken.message}",
                severity="warning",
                timeout=12,
            )
        else:
            self.notify(f"Saved {self.path}", timeout=3)
        return True

    def _load_problem(self, text: str) -> Diagnostic | None:
        """Why `text` does not load as YAML at all (from the last check when it
        checked this very text), or None when it loads."""
        if self.analysis is not None and self.analysis.text == text:
            if self.analysis.document is not None:
                return None
            return next((d for d in self.analysis.diagnostics if d.severity is Severity.ERROR), None)
        try:
            load_document(text, str(self.path))
        except FlowError as error:
            return error.diagnostics[0]
        return None

    # -- somebody else changed the file --------------------------------------------

    def watch_disk(self) -> None:
        """Take in a change made on disk: reload it when there is nothing to
        lose, else show it and offer the merge (once per change)."""
        if self.path is None or self.stamp is None or not changed_on_disk(self.path, self.stamp):
            return
        current = stamp(self.path)
        if current is None:
            if self._disk_warned is None:
                self._disk_warned = self.stamp
                self.notify(
                    f"{self.path.name} was deleted or moved on disk; ctrl+s writes it again.",
                    severity="warning",
                    timeout=10,
                )
            return
        if self._disk_warned == current:
            return  # this change was shown already (the merge offered, or the file unreadable)
        if not self.modified:
            self._take_theirs()
        elif self.app.screen is self:
            self._offer_merge(saving=False)

    def _read_theirs(self) -> tuple[str, DiskStamp | None] | None:
        """The file on disk now, and its stamp (None, said once, when unreadable)."""
        assert self.path is not None
        try:
            text, current = read_flow_text(self.path)
        except FlowError as error:
            self._disk_warned = stamp(self.path)  # said once per change, not every poll
            self.notify(str(error), severity="error", timeout=10)
            return None
        return text, current

    def _take_theirs(self) -> None:
        """Reload the file as an edit: the cursor stays on its line, the view
        stays put and ctrl+z goes back."""
        read = self._read_theirs()
        if read is None:
            return
        theirs, their_stamp = read
        self._adopt_base(theirs, their_stamp)
        changed = self.editor.become(theirs)
        self.modified = False
        self.check_now()
        if changed:
            self.notify(f"{self.display_name} changed on disk; reloaded (ctrl+z goes back).", timeout=5)

    def _adopt_base(self, theirs: str, their_stamp: DiskStamp | None) -> None:
        """The file on disk is the new base: what saves compare with and merges start from."""
        self.stamp = their_stamp
        self.saved_text = theirs
        self._disk_warned = None

    def _offer_merge(self, saving: bool) -> bool:
        """Show their change and merge it with the unsaved edits; False when
        there is nothing to merge (their file is what the editor holds)."""
        read = self._read_theirs()
        if read is None:
            return True
        theirs, their_stamp = read
        self._disk_warned = their_stamp  # offered once per change: "Later" means later (the next save)
        mine = self.editor.text
        if theirs == mine or self.saved_text is None:
            if theirs == mine:
                self._adopt_base(theirs, their_stamp)
            return False

        def merged(text: str | None) -> None:
            if text is None:
                self.notify(
                    f"Not merged yet: {self.display_name} on disk still differs; saving asks again.",
                    severity="warning",
                    timeout=6,
                )
                return
            self._adopt_base(theirs, their_stamp)
            self.editor.become(text)
            self.modified = text != theirs
            self.check_now()
            if saving:
                self.write_file()
            else:
                self.notify("Merged their change into yours (ctrl+z undoes the merge); ctrl+s saves.", timeout=6)

        self.app.push_screen(MergeScreen(self.display_name, self.saved_text, mine, theirs, saving=saving), merged)
        return True

    def action_reload(self) -> None:
        if self.path is None or not self.path.exists():
            self.notify("There is no file on disk to reload.", severity="warning")
            return

        def reload(yes: bool | None) -> None:
            if yes:
                self._take_theirs()

        if self.modified:
            self.app.push_screen(
                ConfirmScreen(
                    "Reload from disk, replacing your unsaved edits? (ctrl+z brings them back)", yes="Reload"
                ),
                reload,
            )
        else:
            reload(True)

    # -- recovery of unsaved edits -------------------------------------------------

    @property
    def recovery_key(self) -> Path:
        """The path unsaved edits are kept under: the flow's, or for an
        untitled flow `untitled.flow.yaml` in the folder the designer started in."""
        return self.path if self.path is not None else Path.cwd() / self.display_name

    def keep_recovery(self) -> None:
        """Every few seconds: write unsaved edits to the recovery file (in a
        thread: an fsync must not hold up typing), or remove it once there are none."""
        if self.generation == self._kept_generation:
            return
        self._kept_generation = self.generation
        untouched_new = self.saved_text is None and self.editor.text == self.initial_text  # a template nobody typed in
        if self.modified and not untouched_new:
            self._recovery_ticket += 1
            self._write_recovery(self.recovery_key, self.editor.text, self.saved_text, self._recovery_ticket)
        else:
            self._forget_recovery()

    def _forget_recovery(self) -> None:
        """Remove the recovery file; a write still under way in its thread
        sees that and does not bring it back."""
        with self._recovery_lock:
            self._kept_generation = self.generation
            self._recovery_ticket += 1  # a write already scheduled is void
            recovery.forget(self.recovery_key)

    @work(thread=True, exclusive=True, group="recovery")
    def _write_recovery(self, path: Path, text: str, base: str | None, ticket: int) -> None:
        try:
            with self._recovery_lock:
                if ticket == self._recovery_ticket:  # not removed (saved, discarded) nor newer since
                    recovery.keep(path, text, base)
        except OSError as error:
            if not self._recovery_failed:
                self._recovery_failed = True
                self.app.call_from_thread(
                    self.notify,
                    f"Unsaved edits cannot be kept for recovery: {error.strerror or error}",
                    severity="warning",
                    timeout=10,
                )

    def discard_recovery(self) -> None:
        """The designer chose to drop their unsaved edits (quit without saving,
        open another flow): they are not offered again."""
        self._forget_recovery()

    def offer_recovery(self) -> None:
        """On open: offer the unsaved edits kept from an earlier session."""
        found = recovery.find(self.recovery_key)
        if found is None:
            return
        on_disk = self.saved_text
        if found.text == self.editor.text:
            recovery.forget(self.recovery_key)
            return

        def answered(choice: str | None) -> None:
            if choice == DISCARD:
                self._forget_recovery()
                self.notify("Discarded the kept edits.", timeout=4)
            elif choice == RESTORE:
                self._restore(found)

        self.app.push_screen(RecoveryScreen(self.display_name, on_disk, found), answered)

    def _restore(self, found: recovery.Recovered) -> None:
        on_disk = self.saved_text
        if found.base is not None and on_disk is not None and found.base != on_disk:

            def merged(text: str | None) -> None:
                if text is not None:
                    self._restored(text)

            self.app.push_screen(MergeScreen(self.display_name, found.base, found.text, on_disk), merged)
            return
        self._restored(found.text)

    def _restored(self, text: str) -> None:
        self.editor.become(text)
        self.modified = text != self.saved_text
        self.check_now()
        self.notify("Restored your unsaved edits (ctrl+z goes back to the file as saved).", timeout=6)

    # -- open / new --------------------------------------------------------------------

    def _unless_unsaved(self, then: Callable[[], object]) -> None:
        if not self.modified:
            then()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.discard_recovery()
                then()

        self.app.push_screen(
            ConfirmScreen(f"{self.display_name} has unsaved edits. Discard them?", yes="Discard"), answered
        )

    def action_open_flow(self) -> None:
        def check(value: str) -> str | None:
            path = Path(value).expanduser()
            return None if path.is_file() else f"no file {value}"

        def chosen(value: str | None) -> None:
            if value:
                self._unless_unsaved(lambda: self.app.open_flow(Path(value).expanduser()))  # type: ignore[attr-defined]

        suggestions = flow_files(Path.cwd())
        self.app.push_screen(
            PromptScreen("Open flow file:", placeholder="path/to/NAME.flow.yaml", suggestions=suggestions, check=check),
            chosen,
        )

    def action_new_flow(self) -> None:
        def template_chosen(name: str | None) -> None:
            if not name:
                return

            def path_chosen(value: str | None) -> None:
                if value:
                    path = Path(value).expanduser()
                    self._unless_unsaved(lambda: self.app.open_new(path, template_text(name)))  # type: ignore[attr-defined]

            self.app.push_screen(
                PromptScreen("Save the new flow as:", "new.flow.yaml", check=check_new_path), path_chosen
            )

        self.app.push_screen(
            PickScreen("New flow from template:", [(n, label) for n, label in template_names()]), template_chosen
        )
