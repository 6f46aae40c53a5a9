"""Unsaved edits survive a closed terminal: kept in the user's cache folder,
offered on the next open, gone after a save or a discard."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from alur.designer import recovery
from alur.designer.app import DesignerApp
from alur.designer.screens.main import DesignerScreen
from alur.designer.screens.merging import MergeScreen
from alur.designer.screens.recovering import RecoveryScreen

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_designer_app import EXAMPLES, opened, scenario, shown, type_text, wait_until  # noqa: E402


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setattr(DesignerScreen, "debounce_seconds", 0.05)  # tests do not type like people
    return folder


@pytest.fixture
def flow_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    target = folder / "order_status.flow.yaml"
    shutil.copy(EXAMPLES / "order_status.flow.yaml", target)
    return target


async def type_and_keep(pilot, text: str) -> DesignerScreen:
    screen = await opened(pilot)
    screen.editor.focus()
    # keys pressed before the focus lands go elsewhere: on a busy machine the first "#" can be lost
    await wait_until(pilot, lambda: screen.editor.has_focus)
    await type_text(pilot, text)
    await wait_until(pilot, lambda: screen.editor.text.startswith(text) and not screen.checking)
    screen.keep_recovery()  # what the 3-second timer does
    # the timer may have kept part of the typing already: wait for all of it, not for any kept text
    await wait_until(
        pilot, lambda: (kept := recovery.find(screen.path)) is not None and kept.text == screen.editor.text
    )
    return screen


def test_the_recovery_file_is_in_the_cache_folder_keyed_by_the_flow(flow_copy: Path, cache: Path, monkeypatch):
    recovery.keep(flow_copy, "mine\n", "base\n")
    kept = recovery.recovery_file(flow_copy)
    assert kept.parent == cache / "alur" / "recovery" and kept.stat().st_mode & 0o777 == 0o600
    monkeypatch.chdir(flow_copy.parent)
    assert recovery.find(Path(flow_copy.name)).text == "mine\n"  # the same flow, opened from its folder
    assert recovery.find(flow_copy.with_name("other.flow.yaml")) is None
    recovery.forget(flow_copy)
    assert recovery.find(flow_copy) is None


@scenario
async def test_unsaved_edits_are_offered_on_the_next_open_and_gone_after_saving(flow_copy: Path):
    async with DesignerApp(flow_copy).run_test(size=(100, 30)) as pilot:
        await type_and_keep(pilot, "# belum disimpan ")
    assert [p.name for p in flow_copy.parent.iterdir()] == [flow_copy.name]  # nothing beside the flow
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await shown(pilot, RecoveryScreen)
        await pilot.click("#diff")
        await pilot.pause()
        assert "+# belum disimpan" in str(app.screen.query_one("DiffView").render())
        await pilot.click("#restore")
        screen = await opened(pilot)
        # the dialog's answer is handled after the screen comes back: wait for the restored text, not the screen
        await wait_until(
            pilot,
            lambda: app.screen is screen and screen.editor.text.startswith("# belum disimpan ") and not screen.checking,
        )
        assert screen.editor.text.startswith("# belum disimpan # CS Belanjain") and screen.modified
        assert screen.editor.has_focus
        await pilot.press("ctrl+s")
        assert recovery.find(flow_copy) is None
    assert flow_copy.read_text(encoding="utf-8").startswith("# belum disimpan # CS Belanjain")


@scenario
async def test_discarded_edits_are_not_offered_again(flow_copy: Path):
    async with DesignerApp(flow_copy).run_test(size=(100, 30)) as pilot:
        await type_and_keep(pilot, "# x")
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await shown(pilot, RecoveryScreen)
        await pilot.click("#discard")
        screen = await opened(pilot)
        assert not screen.modified and recovery.find(flow_copy) is None
    async with DesignerApp(flow_copy).run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.pause(0.2)
        assert not isinstance(pilot.app.screen, RecoveryScreen)


@scenario
async def test_restoring_over_a_file_changed_since_merges_the_two(flow_copy: Path):
    original = flow_copy.read_text(encoding="utf-8")
    async with DesignerApp(flow_copy).run_test(size=(100, 30)) as pilot:
        await type_and_keep(pilot, "# mine ")
    flow_copy.write_text(original + "# theirs\n", encoding="utf-8")
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await shown(pilot, RecoveryScreen)
        await pilot.click("#restore")
        await shown(pilot, MergeScreen)
        await pilot.click("#merge-button")
        screen = await opened(pilot)
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.editor.text == "# mine " + original + "# theirs\n"


def test_a_kill_9_with_unsaved_edits_loses_nothing(flow_copy: Path, cache: Path):
    """`alur design` in a real terminal (a pty), typed into, killed with
    SIGKILL after the recovery interval: the next open offers the edits."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    controller, terminal = pty.openpty()
    os.set_blocking(controller, True)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from alur.runner.cli import main; sys.exit(main())",
            "design",
            str(flow_copy),
        ],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        cwd=flow_copy.parent,
        start_new_session=True,
    )
    os.close(terminal)
    screen_output = bytearray()

    def drain() -> None:  # a terminal that is not read blocks the app's writes
        while True:
            try:
                data = os.read(controller, 65536)
            except OSError:
                return
            if not data:
                return
            screen_output.extend(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while b"order_status.flow.yaml" not in screen_output:  # drawn: the editor takes keys
            assert child.poll() is None and time.monotonic() < deadline, bytes(screen_output[-2000:])
            time.sleep(0.1)
        time.sleep(0.5)
        os.write(controller, "# kept through a kill ".encode())
        deadline = time.monotonic() + recovery.RECOVERY_SECONDS * 5 + 10
        while (found := recovery.find(flow_copy)) is None or "kill" not in found.text:
            assert child.poll() is None and time.monotonic() < deadline, "no recovery file was written"
            time.sleep(0.2)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
        os.close(controller)
    assert child.returncode == -signal.SIGKILL
    assert flow_copy.read_text(encoding="utf-8") == (EXAMPLES / "order_status.flow.yaml").read_text(encoding="utf-8")

    async def reopen() -> None:
        app = DesignerApp(flow_copy)
        async with app.run_test(size=(100, 30)) as pilot:
            await shown(pilot, RecoveryScreen)
            await pilot.click("#restore")
            screen = await opened(pilot)
            await wait_until(pilot, lambda: app.screen is screen)
            assert screen.editor.text.startswith("# kept through a kill # CS Belanjain") and screen.modified

    scenario(reopen)()


@scenario
async def test_an_untitled_flow_is_kept_too_and_offered_in_the_same_folder(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with DesignerApp(None).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        screen.editor.focus()
        await type_text(pilot, "# draft")
        screen.keep_recovery()
        await wait_until(pilot, lambda: recovery.find(tmp_path / "untitled.flow.yaml") is not None)
    app = DesignerApp(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await shown(pilot, RecoveryScreen)
        await pilot.click("#restore")
        screen = await opened(pilot)
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.editor.text.startswith("# draft")


@scenario
async def test_a_new_flow_nobody_typed_in_is_not_kept(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with DesignerApp(None).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        screen.keep_recovery()
        await pilot.pause(0.2)
        assert recovery.find(tmp_path / "untitled.flow.yaml") is None
