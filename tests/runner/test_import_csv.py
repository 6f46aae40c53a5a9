"""CSV exports with one row per turn (fixtures: tests/runner/fixtures/import/csv/)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers import csv_rows
from alur.runner.importers.base import WrongFormat

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "csv"


def read(path: Path, **flags: object) -> tuple[list[dict], list[SkippedInput]]:
    args = argparse.Namespace(
        id_column=None, role_column="role", text_column="text", time_column=None,
        role_map=None, time_format=None, delimiter=None,
    )  # fmt: skip
    for key, value in flags.items():
        setattr(args, key, value)
    items = list(csv_rows.read(path, csv_rows.options(args)))
    return [i for i in items if isinstance(i, dict)], [i for i in items if isinstance(i, SkippedInput)]


HELPDESK = dict(
    role_column="sender", text_column="message", time_column="created",
    role_map=["customer=user,chatbot=bot", "CS=agent"],
)  # fmt: skip


def test_columns_role_map_and_grouping_by_conversation() -> None:
    conversations, _ = read(FIXTURES / "helpdesk.csv", **HELPDESK)
    assert [c["id"] for c in conversations] == ["T-100", "T-101"]
    t100 = conversations[0]["turns"]
    assert [t["role"] for t in t100] == ["user", "bot", "user", "agent"]  # the agent row came after T-101 began
    assert t100[0] == {"role": "user", "text": "halo min", "intent": "greet", "time": "2022-03-18T14:56:01"}
    assert t100[2]["text"] == "pesanan saya belum sampai\nnomornya: INV-123456"
    assert conversations[1]["turns"][0] == {"role": "user", "text": "where is my order?", "time": "2022-03-18T15:00:00"}


def test_rows_that_cannot_be_read_are_reported_by_line() -> None:
    path = FIXTURES / "helpdesk.csv"
    _, skipped = read(path, **HELPDESK)
    # line numbers count the quoted newline in row 4
    assert [s.source for s in skipped] == [f"{path}:9", f"{path}:10", f"{path}:11"]
    assert "role 'supervisor'" in skipped[0].reason and "note below" in skipped[0].reason  # the note says how to map it
    assert skipped[1].reason == "empty text"
    assert "--time-format" in skipped[2].reason


def test_semicolons_crlf_and_a_time_format(tmp_path: Path) -> None:
    conversations, skipped = read(FIXTURES / "excel_semicolon.csv", id_column="chat", time_format="%d/%m/%Y %H:%M")
    assert skipped == []
    assert [c["id"] for c in conversations] == ["1", "2"]
    assert conversations[0]["turns"][1] == {
        "role": "bot",
        "text": "Halo; ada yang bisa dibantu?",
        "time": "2022-03-18T14:56:00",
    }


def test_without_an_id_column_the_file_is_one_conversation() -> None:
    conversations, _ = read(FIXTURES / "single_chat.csv")
    assert conversations == [
        {
            "id": "single_chat",
            "source": f"{FIXTURES / 'single_chat.csv'}:2",  # the conversation's first row
            "turns": [{"role": "user", "text": "halo"}, {"role": "bot", "text": "Halo! Ada yang bisa dibantu?"}],
        }
    ]


def test_unix_times_become_iso(tmp_path: Path) -> None:
    path = tmp_path / "epoch.csv"
    path.write_text("role,text,time\nuser,halo,1647615361\nbot,hai,1647615362500\n", encoding="utf-8")
    conversations, _ = read(path)
    assert [t["time"] for t in conversations[0]["turns"]] == [
        "2022-03-18T14:56:01+00:00",
        "2022-03-18T14:56:02.500000+00:00",
    ]


def test_a_missing_column_names_the_columns_there_are() -> None:
    with pytest.raises(WrongFormat, match=r"no column 'role' \(columns: conversation_id, sender, message"):
        read(FIXTURES / "helpdesk.csv")
    with pytest.raises(WrongFormat, match="--id-column"):
        read(FIXTURES / "single_chat.csv", id_column="ticket")


def test_bad_options_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--role-map"):
        read(FIXTURES / "single_chat.csv", role_map=["customer=client"])
    with pytest.raises(InputError, match="--delimiter"):
        read(FIXTURES / "single_chat.csv", delimiter=";;")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("role,text\nuser,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1.csv:2: not UTF-8"):
        read(latin1)
