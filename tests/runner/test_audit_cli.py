"""`alur audit` as users run it: exit codes, formats, settings, broken input,
parallel runs, and the real STAR corpus when it is beside the checkout."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alur.runner.cli import main

STAR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "star" / "dialogues.jsonl.gz"
MENU = "Pilih menu: 1. Cek pesanan 2. Pembayaran"


def _record(ident: str, *turns: tuple[str, str]) -> str:
    return json.dumps({"id": ident, "turns": [{"role": r, "text": t} for r, t in turns]})


LOOP = _record("loop", ("bot", MENU), ("user", "refund"), ("bot", MENU), ("user", "saya mau refund"), ("bot", MENU))
FINE = _record(
    "fine", ("user", "cek pesanan INV-123456"), ("bot", "Pesanan INV-123456 sedang dikirim."), ("user", "makasih")
)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def _file(folder: Path, name: str, *lines: str) -> str:
    path = folder / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_exit_0_when_clean_and_1_with_findings(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", _file(work, "a.jsonl", FINE), "--jobs", "1"]) == 0
    assert "1 conversation, 1 passed, no findings" in capsys.readouterr().out
    assert main(["audit", _file(work, "b.jsonl", FINE, LOOP), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert f"{work / 'b.jsonl'}:2: loop: bot repeated" in out
    assert "  >    4 | bot    Pilih menu" in out


def test_exit_2_when_nothing_can_be_read_without_a_traceback(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "missing.jsonl"]) == 2
    err = capsys.readouterr().err
    assert "missing.jsonl: no such file" in err and "Traceback" not in err
    assert main(["audit", _file(work, "junk.jsonl", "hello", "world")]) == 2
    assert "nothing in the input could be read as a conversation (2 lines skipped)" in capsys.readouterr().err


def test_broken_lines_are_listed_in_the_report_and_on_stderr_and_counted(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(work, "t.jsonl", FINE, "{oops", '{"turns": [{"role": "robot", "text": "x"}]}', LOOP)
    assert main(["audit", path, "missing.jsonl", "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    for where in (
        f"{path}:2: not valid JSON",
        f"{path}:3: turn 0: unknown role 'robot'",
        "missing.jsonl: no such file",
    ):
        assert where in captured.err
        assert where in captured.out
    assert "3 unreadable inputs" in captured.out


def test_json_report_follows_the_contract(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(work, "t.jsonl", FINE, LOOP, "[]")
    assert main(["audit", path, "--format", "json", "--jobs", "1"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["flow"] is None and report["conversations"] == 2
    assert report["summary"] == {"loop": 1, "missing_escalation": 0, "dead_end": 0, "expectation": 0}
    assert report["results"][0] == {"id": "fine", "status": "pass", "findings": [], "source": f"{path}:1"}
    assert report["results"][1]["findings"] == [
        {
            "kind": "loop",
            "turn": 4,
            "state": None,
            "message": "bot repeated 'Pilih menu: 1. Cek pesanan 2. Pembayaran' 3 times with no progress in between (turns 0, 2, 4): the customer's replies were not taken up",
        }
    ]
    assert report["skipped"] == [
        {"source": f"{path}:3", "reason": "expected a JSON object (one conversation), got list"}
    ]


def test_junit_has_one_testcase_per_conversation(work: Path) -> None:
    path = _file(work, "t.jsonl", FINE, LOOP, "{")
    assert main(["audit", path, "--format", "junit", "--output", "out.xml", "--jobs", "1"]) == 1
    suite = ET.parse(work / "out.xml").getroot().find("testsuite")
    assert (
        suite is not None and suite.get("tests") == "3" and suite.get("failures") == "1" and suite.get("errors") == "1"
    )
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["fine", "loop", f"{path}:3"]
    failure = cases[1].find("failure")
    assert failure is not None and failure.get("type") == "loop"
    assert "Pilih menu" in (failure.text or "")


def test_output_is_written_whole_and_leaves_no_temporary_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "out.md").write_text("old report")
    assert main(["audit", _file(work, "t.jsonl", LOOP), "--format", "markdown", "-o", "out.md", "--jobs", "1"]) == 1
    assert (work / "out.md").read_text().startswith("### alur audit: 1 of 1 conversation with findings")
    assert sorted(p.name for p in work.iterdir()) == ["out.md", "t.jsonl"]
    assert "report written to out.md" in capsys.readouterr().err


def test_personal_data_is_masked_in_every_format(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leak = _record(
        "wa-6281234567890",
        ("bot", MENU),
        ("user", "refund ke rekening, hubungi 0812-3456-7890"),
        ("bot", MENU),
        ("user", "email saya budi.santoso@example.com"),
        ("bot", MENU),
        ("user", "refund"),
        ("bot", MENU),
        ("user", "refund!!"),
        ("bot", MENU),
    )
    path = _file(work, "t.jsonl", leak)
    for fmt in ("text", "json", "junit", "markdown"):
        main(["audit", path, "--format", fmt, "--jobs", "1"])
        out = capsys.readouterr().out
        assert "3456" not in out and "budi.santoso" not in out and "6281234567890" not in out, fmt
        assert "Pilih menu" in out


def test_settings_from_pyproject_and_flags(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(work, "t.jsonl", LOOP)
    (work / "pyproject.toml").write_text("[tool.alur.audit]\nloop-threshold = 4\njobs = 1\n")
    assert main(["audit", path]) == 0
    capsys.readouterr()
    assert main(["audit", path, "--loop-threshold", "3"]) == 1
    (work / "pyproject.toml").write_text("[tool.alur.audit]\nloop-treshold = 4\n")
    assert main(["audit", path]) == 2
    assert "unknown setting 'loop-treshold'" in capsys.readouterr().err
    (work / "pyproject.toml").write_text("[tool.alur.audit]\nloop-threshold = 1\n")
    assert main(["audit", path]) == 2
    assert "must be a whole number of at least 2" in capsys.readouterr().err


def test_phrase_files_from_pyproject_and_flag(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(work, "t.jsonl", _record("x", ("bot", "Halo"), ("user", "gondok")))
    (work / "ours.txt").write_text("[frustration]\ngondok\n")
    assert main(["audit", path, "--jobs", "1"]) == 0
    assert main(["audit", path, "--jobs", "1", "--phrases", "ours.txt"]) == 1
    (work / "pyproject.toml").write_text('[tool.alur.audit]\nphrases = "ours.txt"\n')
    assert main(["audit", path, "--jobs", "1"]) == 1
    (work / "bad.txt").write_text("zonk\n")
    capsys.readouterr()
    assert main(["audit", path, "--phrases", "bad.txt"]) == 2
    assert "bad.txt:1: put phrases under a heading" in capsys.readouterr().err


def test_test_yaml_is_not_audited_but_said_why(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.test.yaml").write_text("conversations: []\n")
    assert main(["audit", "a.test.yaml", _file(work, "t.jsonl", FINE)]) == 1
    assert "a.test.yaml: test conversations have no recorded bot turns" in capsys.readouterr().err


def test_parallel_results_are_in_input_order_and_equal_one_process(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        LOOP.replace('"loop"', f'"c-{i}"') if i % 7 == 0 else FINE.replace('"fine"', f'"c-{i}"') for i in range(3000)
    ]
    path = work / "big.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    assert main(["audit", str(path), "--format", "json", "--jobs", "1"]) == 1
    one = capsys.readouterr().out
    assert main(["audit", str(path), "--format", "json", "--jobs", "2"]) == 1
    two = capsys.readouterr().out
    assert one == two
    assert [r["id"] for r in json.loads(two)["results"]] == [f"c-{i}" for i in range(3000)]


@pytest.mark.parametrize("packed", [False, True])
def test_stdin_plain_or_gzip_and_no_progress_line_when_not_a_terminal(packed: bool) -> None:
    data = (FINE + "\n" + LOOP + "\n").encode()
    result = subprocess.run(
        [sys.executable, "-m", "alur.runner.cli", "audit", "-", "--format", "json"],
        input=gzip.compress(data) if packed else data,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["summary"]["loop"] == 1
    assert b"\r" not in result.stderr and b"auditing" not in result.stderr


@pytest.mark.parametrize("packed", [False, True])
def test_a_pipe_is_read_like_stdin(tmp_path: Path, packed: bool) -> None:
    """`alur audit <(zcat day1.jsonl.gz)` hands alur a pipe that cannot be
    read twice or measured: it is streamed, gzip or plain."""
    import os
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    data = (FINE + "\n" + LOOP + "\n").encode()
    writer = threading.Thread(target=lambda: pipe.write_bytes(gzip.compress(data) if packed else data))
    writer.start()
    result = subprocess.run(
        [sys.executable, "-m", "alur.runner.cli", "audit", str(pipe), "--format", "json", "--jobs", "2"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    writer.join()
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["conversations"] == 2 and report["summary"]["loop"] == 1 and report["skipped"] == []


def test_an_output_folder_that_does_not_exist_is_refused_before_the_run(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", _file(work, "t.jsonl", LOOP), "-o", str(work / "no" / "r.xml")]) == 2
    captured = capsys.readouterr()
    assert "cannot write the report there: no such folder" in captured.err and captured.out == ""


# --------------------------------------------------------------------------- STAR

# Conversations of the STAR corpus whose labels we checked by hand.
STAR_LOOPS = {  # "I don't quite understand" said three times to a customer who kept talking
    "star-1179",
    "star-1452",
    "star-1494",
    "star-1511",
    "star-3160",
    "star-4147",
    "star-4425",
    "star-6220",
    "star-1119",  # "Please enter the code." to an engineer who has no code
    "star-6049",  # "Yes" to "Please book it then", three times
    "star-618",  # "Could you provide your date of birth" three times, nothing accepted (labelled a loop)
    # the same refusal a third time while the customer offers a new value each time: none was accepted
    # (the labelling rubric: a loop at the third, even if a later value succeeds)
    "star-2942",  # "not able to accommodate you" for 10 am, 11 am, noon
    "star-4542",
    "star-5567",  # "no viewing available at your preferred time" for three days
}
STAR_LEGITIMATE = {  # one bot text said three or more times, legitimately
    "star-584",  # "Is there anything else…" after each new answer
    "star-1263",  # "I don't quite understand" between questions of a trivia game that goes on
}


@pytest.mark.skipif(not STAR.exists(), reason="the STAR corpus is not beside the checkout")
def test_star_sample_audits_without_crash_and_tells_loops_from_legitimate_repeats(tmp_path: Path) -> None:
    wanted = STAR_LOOPS | STAR_LEGITIMATE
    sample = []
    empty = set()
    with gzip.open(STAR, "rb") as corpus:
        for number, line in enumerate(corpus):
            record = json.loads(line)
            if number < 600 or record["id"] in wanted:
                sample.append(line)
                if not record["turns"]:
                    empty.add(record["id"])
    path = tmp_path / "star-sample.jsonl"
    path.write_bytes(b"".join(sample))
    out = tmp_path / "report.json"
    assert main(["audit", str(path), "--format", "json", "--output", str(out), "--jobs", "1"]) == 1
    report = json.loads(out.read_text())
    assert report["conversations"] == len(sample) and report["skipped"] == []
    loops = {r["id"] for r in report["results"] for f in r["findings"] if f["kind"] == "loop"}
    assert STAR_LOOPS <= loops
    assert not loops & STAR_LEGITIMATE
    flagged = sum(1 for r in report["results"] if r["status"] == "fail")
    assert flagged < len(sample) * 0.1, "a sensible report flags a small share of a real corpus"
    assert empty and all(r["status"] == "pass" for r in report["results"] if r["id"] in empty)


def test_empty_input_is_unusable_not_a_clean_run(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty nightly export must fail CI, not pass it as "no findings"."""
    assert main(["audit", _file(work, "empty.jsonl")]) == 2
    assert "no conversations to audit in " in capsys.readouterr().err
    assert (
        main(
            [
                "replay",
                str(Path(__file__).resolve().parents[2] / "examples" / "order_status.flow.yaml"),
                _file(work, "none.jsonl", ""),
            ]
        )
        == 2
    )
    assert "no conversations to replay in " in capsys.readouterr().err


def test_lines_skipped_on_stderr_are_masked(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = json.dumps({"id": "x", "turns": [{"role": "customer 081234567890", "text": "halo"}]})
    assert main(["audit", _file(work, "t.jsonl", FINE, bad), "--format", "json", "-o", "r.json"]) == 1
    err = capsys.readouterr().err
    assert "t.jsonl:2" in err and "unknown role" in err and "081234567890" not in err


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "markdown"])
def test_a_phone_number_in_a_file_name_is_masked_in_every_format(
    work: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """WhatsApp exports are often named after the customer's number; reports
    name files in findings, unreadable lines and messages."""
    folder = work / "wa-081234567890"
    folder.mkdir()
    path = _file(folder, "chat-081298765432.jsonl", LOOP, "{broken")
    assert main(["audit", path, "--format", fmt, "-o", "r.out"]) == 1
    shown = (work / "r.out").read_text() + capsys.readouterr().err
    assert "chat-[PHONE].jsonl" in shown and "0812" not in shown
    empty = _file(folder, "empty-081311112222.jsonl")
    assert main(["audit", empty]) == 2
    assert "0813" not in capsys.readouterr().err


def test_json_results_say_where_each_conversation_is_with_personal_data_masked(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two conversations whose ids are phone numbers both read "[PHONE]"; their
    `source` tells them apart, and a phone number in a file name is masked too."""
    first, second = (json.loads(LOOP) | {"id": phone} for phone in ("081234567890", "081298765432"))
    path = _file(work, "wa-081311112222.jsonl", json.dumps(first), json.dumps(second))
    assert main(["audit", path, "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "0812" not in out and "0813" not in out
    results = json.loads(out)["results"]
    assert [r["id"] for r in results] == ["[PHONE]", "[PHONE]"]
    assert [r["source"].rsplit("/", 1)[-1] for r in results] == ["wa-[PHONE].jsonl:1", "wa-[PHONE].jsonl:2"]


def test_a_file_in_the_wrong_shape_does_not_bury_the_terminal(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every record skipped for the same reason: the first few are shown, with
    a hint at the roles meant, then the count; the report lists all."""
    record = json.dumps(
        {"id": "c", "turns": [{"role": "customer", "text": "halo"}, {"role": "assistant", "text": "Halo!"}]}
    )
    path = _file(work, "t.jsonl", FINE, *[record] * 300)
    assert main(["audit", path, "--format", "json", "-o", "r.json"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) < 30 and any("more input could not be read" in line for line in err)
    assert "unknown role 'customer' (expected one of user, bot, agent, system; 'customer' is probably 'user')" in err[0]
    assert len(json.loads((work / "r.json").read_text())["skipped"]) == 300


def test_a_folder_s_test_yaml_is_left_out_with_a_note(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A project folder keeps test conversations beside its logs: auditing it is not a failure."""
    (work / "logs").mkdir()
    (work / "logs" / "a.test.yaml").write_text("conversations: []\n")
    (work / "logs" / "b.test.yaml").write_text("conversations: []\n")
    (work / "logs" / "t.jsonl").write_text((work / _file(work, "t.jsonl", FINE)).read_text())
    assert main(["audit", "logs", "--format", "json", "--jobs", "1"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["skipped"] == [] and "could not be read" not in err
    assert "2 test conversation files (*.test.yaml) not audited" in err


def test_a_folder_of_test_yaml_only_is_refused_saying_why(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "tests").mkdir()
    (work / "tests" / "a.test.yaml").write_text("conversations: []\n")
    assert main(["audit", "tests"]) == 2
    assert "only test conversations" in capsys.readouterr().err
