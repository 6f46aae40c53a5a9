"""Files on the designer screen: save (atomic, with a backup), save as, open,
new from a template, and noticing when someone else changed the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alur.designer.files import changed_on_disk, save_atomic, stamp
from alur.designer.screens.confirm import ConfirmScreen
from alur.designer.screens.pick import PickScreen
from alur.designer.screens.prompt import PromptScreen
from alur.designer.templates import template_names, template_text

if TYPE_CHECKING:
    from alur.designer.screens.main import DesignerScreen

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


class FilingActions:
    """Mixed into DesignerScreen."""

    # -- save --------------------------------------------------------------------

    def action_save(self: DesignerScreen) -> None:
        if self.path is None:
            self.action_save_as()
            return
        if self.stamp is not None and changed_on_disk(self.path, self.stamp):
            question = f"{self.path.name} was changed by another program since you opened it. Overwrite it with your version?"
            self.app.push_screen(ConfirmScreen(question, yes="Overwrite"), lambda yes: yes and self.write_file())
            return
        self.write_file()

    def action_save_as(self: DesignerScreen) -> None:
        def chosen(value: str | None) -> None:
            if value:
                self.path = Path(value).expanduser()
                self.stamp = None
                self.write_file()

        self.app.push_screen(PromptScreen("Save the flow as:", str(self.path or "untitled.flow.yaml"), check=check_new_path), chosen)

    def write_file(self: DesignerScreen) -> bool:
        """Save the editor's text to `self.path`; False (and a notice) when the disk refused."""
        assert self.path is not None
        text = self.editor.text
        existed = self.path.exists()
        try:
            self.stamp = save_atomic(self.path, text)
        except OSError as error:
            self.notify(f"Could not save {self.path}: {error.strerror or error}", severity="error", timeout=8)
            return False
        self.saved_text = text
        self.modified = False
        self._disk_warned = None
        self._update_status()
        self.notify(f"Saved {self.path}" + (f" (previous version in {self.path.name}.bak)" if existed else ""), timeout=3)
        return True

    # -- somebody else changed the file --------------------------------------------

    def watch_disk(self: DesignerScreen) -> None:
        """Reload a file changed on disk when there is nothing to lose; else warn once."""
        if self.path is None or self.stamp is None or not changed_on_disk(self.path, self.stamp):
            return
        current = stamp(self.path)
        if current is None:
            if self._disk_warned is None:
                self._disk_warned = self.stamp
                self.notify(f"{self.path.name} was deleted or moved on disk; ctrl+s writes it again.", severity="warning", timeout=10)
            return
        if not self.modified:
            try:
                text = self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return
            self.stamp = current
            self.saved_text = text
            self.editor.load_text(text)
            self.modified = False
            self.check_now()
            self.notify(f"{self.path.name} changed on disk; reloaded.", timeout=5)
        elif self._disk_warned != current:
            self._disk_warned = current
            self.notify(
                f"{self.path.name} changed on disk while you have unsaved edits. "
                "Save asks before overwriting; 'Reload from disk' in the command palette takes theirs.",
                severity="warning",
                timeout=12,
            )

    def action_reload(self: DesignerScreen) -> None:
        if self.path is None or not self.path.exists():
            self.notify("There is no file on disk to reload.", severity="warning")
            return

        def reload(yes: bool | None) -> None:
            if yes:
                self.app.open_flow(self.path)  # type: ignore[attr-defined]

        if self.modified:
            self.app.push_screen(ConfirmScreen("Reload from disk and lose your unsaved edits?", yes="Reload"), reload)
        else:
            reload(True)

    # -- open / new --------------------------------------------------------------------

    def _unless_unsaved(self: DesignerScreen, then) -> None:
        if not self.modified:
            then()
            return
        self.app.push_screen(
            ConfirmScreen(f"{self.display_name} has unsaved edits. Discard them?", yes="Discard"),
            lambda yes: yes and then(),
        )

    def action_open_flow(self: DesignerScreen) -> None:
        def check(value: str) -> str | None:
            path = Path(value).expanduser()
            return None if path.is_file() else f"no file {value}"

        def chosen(value: str | None) -> None:
            if value:
                self._unless_unsaved(lambda: self.app.open_flow(Path(value).expanduser()))  # type: ignore[attr-defined]

        suggestions = flow_files(Path.cwd())
        self.app.push_screen(PromptScreen("Open flow file:", placeholder="path/to/NAME.flow.yaml", suggestions=suggestions, check=check), chosen)

    def action_new_flow(self: DesignerScreen) -> None:
        def template_chosen(name: str | None) -> None:
            if not name:
                return

            def path_chosen(value: str | None) -> None:
                if value:
                    path = Path(value).expanduser()
                    self._unless_unsaved(lambda: self.app.open_new(path, template_text(name)))  # type: ignore[attr-defined]

            self.app.push_screen(PromptScreen("Save the new flow as:", "new.flow.yaml", check=check_new_path), path_chosen)

        self.app.push_screen(PickScreen("New flow from template:", [(n, label) for n, label in template_names()]), template_chosen)
