"""Personal data from the user's files never reaches the terminal unmasked
through `alur import` and `alur redact` messages, and their hints still say
what to do without it (the `*` role mapping for CSV exports keyed by the
customer's phone number)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alur.runner.cli import main

PHONE, PHONE2, EMAIL, NIK = "6281234567890", "6289876543210", "budi@gmail.com", "3174012345670001"
RAW = (PHONE, PHONE2, EMAIL, NIK, "81234567890", "3456-7890")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    output = captured.out + captured.err
    for value in RAW:
        assert value not in output, f"{value} printed unmasked:\n{output}"
    return code, output


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def phone_senders(tmp_path: Path) -> Path:
    """A help-desk export whose sender column is the customer's phone number."""
    return write(
        tmp_path / "tickets.csv",
        f"ticket,sender,message\nT1,{PHONE},halo min\nT1,bot,halo kak\nT2,{PHONE2},mau ke CS\nT2,cs,baik kak\n",
    )


CSV_FLAGS = ["--id-column", "ticket", "--role-column", "sender", "--text-column", "message"]


def test_phone_number_senders_are_masked_and_the_hint_names_the_wildcard(phone_senders, tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    code, output = run(
        ["import", "csv", str(phone_senders), *CSV_FLAGS, "--role-map", "cs=agent", "-o", str(out)], capsys
    )
    assert code == 2 and not out.exists()  # only bot and agent turns were left: nothing useful to write
    assert f"{phone_senders}:2: role '[PHONE]' is not one of user, bot, agent, system" in output
    assert "2 rows skipped because the 'sender' column held no role" in output
    assert "--role-map '*=user'" in output
    assert "no customer (user) turn in 2 conversations" in output


def test_wildcard_role_map_reads_every_other_sender_as_the_customer(phone_senders, tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    argv = ["import", "csv", str(phone_senders), *CSV_FLAGS, "--role-map", "cs=agent,*=user", "-o", str(out)]
    code, output = run(argv, capsys)
    assert code == 0
    assert [[t["role"] for t in c["turns"]] for c in records(out)] == [["user", "bot"], ["user", "agent"]]
    assert "wrote 2 conversations, 4 turns (user 2, bot 1, agent 1)" in output
    assert "skipped" not in output


def test_partly_unmapped_roles_still_import_and_are_counted(tmp_path, capsys) -> None:
    source = write(tmp_path / "rows.csv", "role,text\nuser,halo\nbot,hai\nsupervisor,cek\nsupervisor,ok\n")
    out = tmp_path / "out.jsonl"
    code, output = run(["import", "csv", str(source), "-o", str(out)], capsys)
    assert code == 0 and len(records(out)) == 1
    # each row says what is wrong; the note says once how to map it, naming a value that is not personal, ready to type back
    assert (
        f"{source}:4: role 'supervisor' is not one of user, bot, agent, system (the note below says how to map it)"
        in output
    )
    assert "2 rows skipped because the 'role' column held no role" in output and "'supervisor' (2 rows)" in output
    assert "map them with --role-map supervisor=ROLE" in output and output.count("--role-map") == 1  # said once
    assert "wrote 1 conversation, 2 turns (user 1, bot 1)" in output


def test_email_role_and_nik_in_a_time_cell_are_masked(tmp_path, capsys) -> None:
    source = write(
        tmp_path / "x.csv",
        "conversation_id,role,text,time\n"
        "c1,user,halo,2024-03-12 08:01\n"
        f"c1,customer {EMAIL},hi,2024-03-12 08:02\n"
        f"c1,bot,ok,12/03/2024 {NIK}\n",
    )
    code, output = run(["import", "csv", str(source), "-o", str(tmp_path / "out.jsonl")], capsys)
    assert code == 0
    assert "role 'customer [EMAIL]'" in output
    assert f"{source}:4: time '12/03/2024 [" in output and "--time-format" in output
    assert "wrote 1 conversation, 1 turn (user 1)" in output


def test_help_documents_the_wildcard(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["import", "csv", "--help"])
    assert "*=user" in capsys.readouterr().out


def test_whatsapp_sender_names_are_masked_in_the_no_match_error(tmp_path, capsys) -> None:
    chat = write(
        tmp_path / "chat.txt",
        f"12/03/24 08.01 - {EMAIL}: halo min\n12/03/24 08.01 - Bank Alur: Halo kak!\n"
        "12/03/24 08.02 - +62 812-3456-7890: mau ke CS\n",
    )
    code, output = run(["import", "whatsapp", str(chat), "--bot", "Bank Alr", "-o", str(tmp_path / "o.jsonl")], capsys)
    assert code == 2
    assert "did you mean 'Bank Alur'?" in output and "[EMAIL] (1)" in output and "7890 (1)" in output


@pytest.mark.parametrize(
    "fmt, name, text, shown",
    [
        (
            "rasa",
            "stories.yml",
            f"stories:\n- story: budi {PHONE}\n  steps:\n  - intent: greet\n",
            "story 'budi [PHONE]'",
        ),
        ("botium", "t.convo.txt", f"#me\nhalo\n\n#{EMAIL}\nhai\n", "unknown section '#[EMAIL]'"),
    ],
)
def test_other_importers_mask_values_they_quote(fmt, name, text, shown, tmp_path, capsys) -> None:
    source = write(tmp_path / name, text)
    _, output = run(["import", fmt, str(source), "-o", str(tmp_path / "o.jsonl")], capsys)
    assert shown in output


def test_redact_names_the_same_line_and_column_as_audit(tmp_path, capsys) -> None:
    source = write(
        tmp_path / "mixed.jsonl",
        '{"id": "g1", "turns": [{"role": "user", "text": "halo"}]}\n'
        f'{{"id": "{PHONE}", "turns": [\n',  # cut short: the error is at its end, column 35
    )
    code, output = run(["redact", str(source), "-o", str(tmp_path / "clean.jsonl")], capsys)
    assert code == 0
    assert f"{source}:2: not valid JSON at column 35: " in output
    assert "1 conversation written" in output and "1 line was not a conversation and was dropped" in output
    pytest.importorskip("alur.runner.commands.audit_cmd")
    main(["audit", str(source)])
    assert f"{source}:2: not valid JSON at column 35: " in capsys.readouterr().out


def test_a_recorded_source_named_after_a_phone_number_is_masked_in_reports(tmp_path, capsys) -> None:
    """Exports are often named after the customer's number; the source the
    import records keeps the real name (it is the user's own file), and every
    report that shows it masks it."""
    chat = write(
        tmp_path / f"wa-{PHONE}.chat",
        "user: saya mau bicara dengan CS\nbot: Maaf, saya tidak mengerti.\nuser: halo??\n",
    )
    out = tmp_path / "out.jsonl"
    code, _ = run(["import", "chatdown", str(chat), "-o", str(out)], capsys)
    assert code == 0
    assert records(out)[0]["source"] == f"{chat}:1"
    for report in ("text", "json", "markdown", "junit"):
        code, output = run(["audit", str(out), "--format", report], capsys)
        assert code == 1  # the request for a person went unanswered
        unescaped = output.replace("\\[", "[").replace("\\]", "]")  # Markdown escapes brackets
        assert "wa-[PHONE].chat:1" in unescaped, report
