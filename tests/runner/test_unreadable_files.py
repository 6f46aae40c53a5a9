"""A file that cannot be read is explained in the same words by every reader:
flows (`alur check`), imported chats (`alur import`), phrase files
(`alur audit --phrases`) and transcripts (`alur audit`). Each names the file
its own way (`path:`), then gives the one reason `unreadable_reason` words."""

from __future__ import annotations

import errno
import io
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from alur.flows.diagnostics import FlowError
from alur.flows.files import unreadable_reason
from alur.flows.loader import read_text as read_flow_text
from alur.runner.cli import main
from alur.runner.errors import InputError
from alur.runner.importers.base import read_text as read_import_text
from alur.runner.phrases import PhraseFileError, read_phrase_file
from alur.runner.transcripts import parse_shard, read_shards

REASONS = {
    "missing": "no such file",
    "folder": "is a folder, not a file",
    "locked": "permission denied",
    "socket": "not a regular file",
}
TRANSCRIPT = '{"id": "c-1", "turns": [{"role": "user", "text": "halo"}, {"role": "bot", "text": "Halo, ada yang bisa dibantu?"}]}\n'
RASA_STORIES = 'version: "3.1"\nstories:\n- story: greet\n  steps:\n  - intent: greet\n  - action: utter_greet\n'


@pytest.fixture
def sockets() -> Iterator[list[socket.socket]]:
    """UNIX sockets made by a test, closed after it."""
    made: list[socket.socket] = []
    yield made
    for sock in made:
        sock.close()


def make(case: str, path: Path, sockets: list[socket.socket], content: str = "x\n") -> Path:
    """Put at `path` something that cannot be read for the reason `case`."""
    if case == "missing":
        return path
    if case == "folder":
        path.mkdir()
        return path
    if case == "locked":
        path.write_text(content)
        path.chmod(0)
        if os.access(path, os.R_OK):
            path.chmod(0o644)  # so that tmp_path can be cleaned up
            pytest.skip("running as root, which can read any file")
        return path
    if len(str(path)) >= 100:  # sun_path holds 108 bytes
        pytest.skip("temporary folder too deep for a UNIX socket path")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sockets.append(sock)
    return path


# --------------------------------------------------------------------------- the readers themselves


def flow_reader(path: Path) -> str:
    with pytest.raises(FlowError) as caught:
        read_flow_text(path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "unreadable"
    return f"{diagnostic.location()}: {diagnostic.message}"


def import_reader(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_import_text(path)
    return str(caught.value)


def phrase_reader(path: Path) -> str:
    with pytest.raises(PhraseFileError) as caught:
        read_phrase_file(path)
    return str(caught.value)


def transcript_reader(path: Path) -> str:
    (skipped,) = [item for shard in read_shards(str(path)) for item in parse_shard(shard)]
    return str(skipped)


READERS: dict[str, Callable[[Path], str]] = {
    "flow": flow_reader,
    "import": import_reader,
    "phrases": phrase_reader,
    "transcripts": transcript_reader,
}


@pytest.mark.parametrize("case", REASONS)
@pytest.mark.parametrize("reader", READERS)
def test_every_reader_gives_the_same_reason(
    tmp_path: Path, sockets: list[socket.socket], reader: str, case: str
) -> None:
    path = make(case, tmp_path / "input.txt", sockets)
    assert READERS[reader](path) == f"{path}: {REASONS[case]}"


def test_a_transcript_gone_before_its_shard_is_parsed_is_skipped_with_the_same_reason(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(TRANSCRIPT)
    (shard,) = read_shards(str(path))
    path.unlink()  # as when a file is moved away while worker processes parse it
    assert [str(item) for item in parse_shard(shard)] == [f"{path}: no such file"]


def test_a_file_used_as_a_folder_is_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("halo\n")
    with pytest.raises(InputError) as caught:
        read_import_text(tmp_path / "notes.txt" / "chat.txt")
    assert (
        str(caught.value) == f"{tmp_path}/notes.txt/chat.txt: no such file (part of its path is a file, not a folder)"
    )


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "/home/rina/chats.jsonl"), "no such file"),
        (OSError(errno.EIO, "Input/output error"), "input/output error"),
        (OSError(errno.ELOOP, "Too many levels of symbolic links"), "too many levels of symbolic links"),
        (OSError(errno.EIO, "I/O error"), "I/O error"),
        (OSError(errno.ESPIPE, "Illegal seek"), "not a regular file"),
        (io.UnsupportedOperation("File or stream is not seekable."), "not a regular file"),
        (OSError("Stale handle."), "stale handle"),
        (OSError(), "cannot be read"),
    ],
)
def test_other_reasons_are_the_systems_words_without_path_or_python_text(error: OSError, reason: str) -> None:
    assert unreadable_reason(error) == reason


# --------------------------------------------------------------------------- through the commands


def check_route(tmp_path: Path, case: str, sockets: list[socket.socket]) -> tuple[list[str], Path]:
    if case == "missing":  # a link to nothing: `alur check` hands it to the loader
        link = tmp_path / "gone.flow.yaml"
        link.symlink_to(tmp_path / "nowhere.flow.yaml")
        return ["check", str(link)], link
    path = make(case, tmp_path / "support.flow.yaml", sockets, "alur: 1\n")
    return ["check", str(path)], path


def import_route(tmp_path: Path, case: str, sockets: list[socket.socket]) -> tuple[list[str], Path]:
    out = str(tmp_path / "out.jsonl")
    if case in ("missing", "folder"):  # `alur import` names these itself; the reader meets them inside --domain
        stories = tmp_path / "stories.yml"
        stories.write_text(RASA_STORIES)
        domain = tmp_path / "domain"
        domain.mkdir()
        inside = domain / "responses.yml"
        if case == "missing":
            inside.symlink_to(tmp_path / "nowhere.yml")
        else:
            inside.mkdir()
        return ["import", "rasa", str(stories), "--domain", str(domain), "-o", out], inside
    path = make(case, tmp_path / "stories.yml", sockets, RASA_STORIES)
    return ["import", "rasa", str(path), "-o", out], path


def phrases_route(tmp_path: Path, case: str, sockets: list[socket.socket]) -> tuple[list[str], Path]:
    (tmp_path / "t.jsonl").write_text(TRANSCRIPT)
    path = make(case, tmp_path / "ours.txt", sockets, "[handoff]\nsambungkan ke tim\n")
    return ["audit", str(tmp_path / "t.jsonl"), "--phrases", str(path), "--jobs", "1"], path


def audit_route(tmp_path: Path, case: str, sockets: list[socket.socket]) -> tuple[list[str], Path]:
    (tmp_path / "t.jsonl").write_text(TRANSCRIPT)
    path = make(case, tmp_path / "more.jsonl", sockets, TRANSCRIPT)
    return ["audit", str(tmp_path / "t.jsonl"), str(path), "--jobs", "1"], path


# A folder named to `alur check` or `alur audit` is searched for flows or
# transcripts, never handed to the reader, so those two have no folder case.
ROUTES = [
    pytest.param(route, case, code, id=f"{name}-{case}")
    for name, route, code, cases in [
        ("check", check_route, 2, ("missing", "locked", "socket")),
        ("import", import_route, 2, ("missing", "folder", "locked", "socket")),
        ("audit-phrases", phrases_route, 2, ("missing", "folder", "locked", "socket")),
        ("audit", audit_route, 1, ("missing", "locked", "socket")),  # 1: the other file is audited, this one skipped
    ]
    for case in cases
]


@pytest.mark.parametrize(("route", "case", "code"), ROUTES)
def test_commands_name_the_file_and_give_the_same_reason(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sockets: list[socket.socket],
    route: Callable[..., tuple[list[str], Path]],
    case: str,
    code: int,
) -> None:
    monkeypatch.chdir(tmp_path)  # no project configuration around
    argv, path = route(tmp_path, case, sockets)
    assert main(argv) == code
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    wanted = f"{path}: "
    said = [line[line.index(wanted) + len(wanted) :] for line in output.splitlines() if wanted in line]
    assert said and all(line.endswith(REASONS[case]) for line in said), output
