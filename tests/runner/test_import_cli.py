"""`alur import` and `alur formats` as a QA engineer runs them: exit codes,
the summary on stderr, and an output file that is whole or absent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from alur.runner.cli import main
from alur.runner.importers import names

FIXTURES = Path(__file__).parent / "fixtures" / "import"
WHATSAPP = FIXTURES / "whatsapp"
ROLES = {"user", "bot", "agent", "system"}

EVERY_FORMAT = [
    ["whatsapp", str(WHATSAPP / "android_id.txt"), str(WHATSAPP / "ios_en_12h.txt"), "--bot", "Toko Budi,Acme Shop"],
    ["csv", str(FIXTURES / "csv" / "helpdesk.csv"), "--role-column", "sender", "--text-column", "message",
     "--time-column", "created", "--role-map", "customer=user,chatbot=bot,cs=agent"],
    ["rasa", str(FIXTURES / "rasa"), "--domain", str(FIXTURES / "rasa" / "domain.yml")],
    ["botium", str(FIXTURES / "botium")],
    ["chatdown", str(FIXTURES / "chatdown")],
    ["botframework", str(FIXTURES / "botframework")],
]  # fmt: skip


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_contract(conversations: list[dict]) -> None:
    """Contract §2: an id, a list of turns, each with a known role and text."""
    assert conversations
    ids = [c["id"] for c in conversations]
    assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids)
    for conversation in conversations:
        assert conversation["turns"]
        for turn in conversation["turns"]:
            assert turn["role"] in ROLES and isinstance(turn["text"], str)
            if "time" in turn:
                assert turn["time"][4] == "-" and turn["time"][10] == "T"


@pytest.mark.parametrize("argv", EVERY_FORMAT, ids=[a[0] for a in EVERY_FORMAT])
def test_every_format_writes_contract_transcripts_with_flow_and_channel(argv, tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["import", *argv, "-o", str(out), "--flow", "order_status", "--channel", "webchat"]) == 0
    conversations = records(out)
    assert_contract(conversations)
    assert {(c["flow"], c["channel"]) for c in conversations} == {("order_status", "webchat")}
    assert f"wrote {len(conversations)} conversation" in capsys.readouterr().err


def test_the_qa_engineers_whatsapp_import_summarises_on_stderr(tmp_path, capsys) -> None:
    out = tmp_path / "chat.jsonl"
    assert main(["import", "whatsapp", str(WHATSAPP / "android_id.txt"), "--bot", "Toko Budi", "-o", str(out)]) == 0
    [chat] = records(out)
    assert chat["id"] == "android_id-0001" and chat["channel"] == "whatsapp"
    err = capsys.readouterr().err
    assert "wrote 1 conversation, 16 turns (user 10, bot 5, system 1)" in err
    assert "2 senders are read as the customer" in err  # Rina was not named with --agent
    assert "halo min" not in err  # no message text in the summary


def test_whatsapp_import_then_audit_finds_the_loop_and_the_ignored_handoff(tmp_path, capsys) -> None:
    pytest.importorskip("alur.runner.commands.audit_cmd")
    out = tmp_path / "chat.jsonl"
    argv = ["import", "whatsapp", str(WHATSAPP / "android_id.txt"), "--bot", "Toko Budi", "--agent", "Rina"]
    assert main([*argv, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["audit", str(out), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    kinds = {f["kind"] for result in report["results"] for f in result["findings"]}
    assert {"loop", "missing_escalation"} <= kinds


def test_skipped_lines_are_listed_first_20_then_counted(tmp_path, capsys) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("role,text\nuser,halo\n" + "robot,???\n" * 25, encoding="utf-8")
    assert main(["import", "csv", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "25 lines skipped:" in err
    assert f"  {source}:3: role 'robot' is not one of" in err
    assert f"{source}:22:" in err and f"{source}:23:" not in err
    assert "… and 5 more" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["whatsapp", "missing.txt", "--bot", "Toko Budi"], "no such file or folder: missing.txt"),
        (["whatsapp", str(FIXTURES / "csv" / "single_chat.csv"), "--bot", "Toko Budi"], "not a WhatsApp chat export"),
        (["whatsapp", str(WHATSAPP / "android_id.txt")], "--bot"),
        (["csv", str(FIXTURES / "csv" / "single_chat.csv"), "--role-map", "a=b"], "--role-map"),
        (["rasa", str(FIXTURES / "rasa" / "domain.yml")], "no `stories:`"),
    ],
    ids=["missing-file", "wrong-format", "no-bot-flag", "bad-role-map", "not-a-test-file"],
)
def test_unusable_input_exits_2_and_writes_nothing(argv, message, tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["import", *argv, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_one_bad_source_among_good_ones_leaves_the_old_output_untouched(tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "old", "turns": []}\n', encoding="utf-8")
    bad = tmp_path / "notes.txt"
    bad.write_text("bukan chat\n", encoding="utf-8")
    argv = ["import", "whatsapp", str(WHATSAPP / "android_id.txt"), str(bad), "--bot", "Toko Budi", "-o", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{bad}: not a WhatsApp chat export" in err and "nothing written" in err
    assert out.read_text(encoding="utf-8") == '{"id": "old", "turns": []}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "out.jsonl"]  # no temporary file left


def test_no_conversations_found_is_unusable_and_shows_why(tmp_path, capsys) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("role,text\ncustomer,halo\n", encoding="utf-8")
    assert main(["import", "csv", str(source), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert f"{source}:2: role 'customer'" in err and "no conversations found" in err
    assert not (tmp_path / "out.jsonl").exists()


def test_a_folder_passes_over_files_of_another_kind_with_a_note(tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["import", "rasa", str(FIXTURES / "rasa"), "-o", str(out)]) == 0
    assert "domain.yml: no `stories:`" in capsys.readouterr().err
    assert len(records(out)) == 7


def test_duplicate_ids_are_made_unique_and_keep_their_own_source(tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "restaurant.chat").write_text("user: halo\nbot: Halo kak\n", encoding="utf-8")
    assert main(["import", "chatdown", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out)]) == 0
    assert [(c["id"], c["source"]) for c in records(out)] == [
        ("restaurant", f"{tmp_path / 'a' / 'restaurant.chat'}:1"),
        ("restaurant-2", f"{tmp_path / 'b' / 'restaurant.chat'}:1"),
    ]
    assert (
        f"the later one ({tmp_path / 'b' / 'restaurant.chat'}:1) is written as 'restaurant-2'"
        in capsys.readouterr().err
    )


def test_a_format_whose_importer_gives_no_line_still_records_the_file(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    source = WHATSAPP / "android_id.txt"
    assert main(["import", "whatsapp", str(source), "--bot", "Toko Budi", "-o", str(out)]) == 0
    assert {c["source"] for c in records(out)} == {str(source)}


def test_help_lists_every_format_with_an_example(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    help_text = capsys.readouterr().out
    for name in names():
        assert f"alur import {name} " in help_text


def test_rasa_checks_fail_in_replay_naming_the_rasa_file_and_line(tmp_path, capsys) -> None:
    """The whole way: a Rasa e2e test imported, then replayed against a flow;
    the failing assertion is traced back to the Rasa file, in text and JSON."""
    tests = tmp_path / "e2e_tests.yml"
    tests.write_text(
        "test_cases:\n"
        "  - test_case: wants a human\n"
        "    steps:\n"
        "      - user: mau ngomong sama CS aja\n"
        "        assertions:\n"
        "          - bot_uttered:\n"
        "              text_matches: Mohon maaf, sistem sedang gangguan\n"
        "          - slot_was_not_set:\n"
        "              - name: order_id\n",
        encoding="utf-8",
    )
    out = tmp_path / "rasa.jsonl"
    assert main(["import", "rasa", str(tests), "-o", str(out)]) == 0
    assert "2 checks in `expect`" in capsys.readouterr().err
    flow = str(Path(__file__).parents[2] / "examples" / "order_status.flow.yaml")
    assert main(["replay", flow, str(out)]) == 1
    text = capsys.readouterr().out
    assert f"{tests}:2: expectation: expected the bot to say 'Mohon maaf, sistem sedang gangguan'" in text
    assert "(line 4)" in text  # the customer step the check belongs to
    assert "order_id" not in text  # the slot check holds: no order number was given
    assert main(["replay", flow, str(out), "--format", "json"]) == 1
    [result] = json.loads(capsys.readouterr().out)["results"]
    assert result["source"] == f"{tests}:2"


def test_many_skipped_lines_are_counted_by_reason(tmp_path, capsys) -> None:
    convo = tmp_path / "pauses.convo.txt"
    convo.write_text("#me\nhalo\n" + "PAUSE 100\n" * 25 + "\n#bot\nHalo!\n", encoding="utf-8")
    assert main(["import", "botium", str(convo), "-o", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "… and 5 more; all 25 by reason:" in err
    assert "25 × logic hook PAUSE: not replayed" in err
    assert err.rstrip().endswith("; 25 lines skipped")


def test_output_must_not_overwrite_a_source(tmp_path, capsys) -> None:
    source = tmp_path / "chat.txt"
    source.write_bytes((WHATSAPP / "android_id.txt").read_bytes())
    assert main(["import", "whatsapp", str(source), "--bot", "Toko Budi", "-o", str(source)]) == 2
    assert "also a source" in capsys.readouterr().err
    assert source.read_bytes() == (WHATSAPP / "android_id.txt").read_bytes()


def test_output_in_a_missing_folder_is_unusable(tmp_path, capsys) -> None:
    out = tmp_path / "nope" / "out.jsonl"
    assert main(["import", "chatdown", str(FIXTURES / "chatdown"), "-o", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_unknown_format_lists_the_known_ones(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", "telegram", "chat.json", "-o", "out.jsonl"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert all(name in err for name in names())


@pytest.mark.parametrize("name", names())
def test_each_format_help_explains_its_flags_with_an_example(name, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", name, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert f"alur import {name} " in out and "-o OUT.jsonl" in out and "--flow" in out
    assert "Example" in out


def test_formats_lists_every_format_and_explains_one(capsys) -> None:
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    for name in names():
        assert f"\n{name} " in "\n" + out and f"alur import {name} " in out
    assert main(["formats", "whatsapp"]) == 0
    assert "--split-gap" in capsys.readouterr().out
    assert main(["formats", "telegram"]) == 2
    assert "known formats: whatsapp, csv" in capsys.readouterr().err


def test_output_file_gets_ordinary_permissions(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    old = os.umask(0o022)
    try:
        assert main(["import", "chatdown", str(FIXTURES / "chatdown"), "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_say_contains_lists_need_every_text_in_jsonl_and_test_yaml(tmp_path, capsys) -> None:
    """What an import writes when two responses follow one customer turn."""
    flow = str(Path(__file__).parents[2] / "examples" / "order_status.flow.yaml")
    said = ["aku sambungkan ke tim CS", "Biasanya dibalas"]  # both in the flow's handoff message
    jsonl = tmp_path / "imported.jsonl"
    turn = {"role": "user", "text": "mau ngomong sama CS aja", "expect": {"say_contains": said}}
    jsonl.write_text(json.dumps({"id": "both", "turns": [turn]}) + "\n", encoding="utf-8")
    assert main(["replay", flow, str(jsonl)]) == 0
    turn["expect"]["say_contains"] = [said[0], "Mohon tunggu"]
    jsonl.write_text(json.dumps({"id": "one-missing", "turns": [turn]}) + "\n", encoding="utf-8")
    assert main(["replay", flow, str(jsonl)]) == 1
    assert "expected the bot to say 'Mohon tunggu'" in capsys.readouterr().out
    test_yaml = tmp_path / "handoff.test.yaml"
    test_yaml.write_text(
        "flow: order_status\nconversations:\n  - id: list\n    turns:\n"
        "      - user: mau ngomong sama CS aja\n        expect: {say_contains: [aku sambungkan ke tim CS, Mohon tunggu]}\n",
        encoding="utf-8",
    )
    assert main(["replay", flow, str(test_yaml)]) == 1
    assert "expected the bot to say 'Mohon tunggu'" in capsys.readouterr().out
