"""Every resource limit (docs/decisions.md, "Resource limits"), at its edge:
just under passes, just over gives the named message and the documented
exit code, within seconds and bounded memory.

Limits are set low for a test through their environment variables
(`alur.flows.limits`), so the inputs stay small; real sizes are in
benchmarks/bench_limits.py.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alur.flows.check import check_text
from alur.flows.engine import Engine
from alur.flows.limits import LINE_BYTES
from alur.flows.validate import parse_flow
from alur.runner import chat as chat_loop
from alur.runner.cli import main
from alur.runner.findings import SkippedInput
from alur.runner.parallel import default_jobs
from alur.runner.transcripts import parse_shard, read_shards

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _flow(pattern: str, intent_pattern: str = "^refund$") -> str:
    return textwrap.dedent(
        f"""\
        alur: 1
        flow: kode
        start: ask
        slots:
          code: {{type: regex, pattern: {json.dumps(pattern)}}}
        intents:
          refund: {{patterns: [{json.dumps(intent_pattern)}]}}
          human: {{handoff: true, examples: ["mau bicara dengan CS"]}}
        global: {{human: agent, refund: agent}}
        fallback: {{max_retries: 1, then: agent}}
        states:
          ask:
            say: "Kirim kode Anda."
            collect: code
            next: done
          done: {{say: "Kode {{code}} diterima.", end: true}}
          agent: {{say: "Kami hubungkan dengan agen.", escalate: true}}
        """
    )


def _jsonl(path: Path, conversations: list[list[str]]) -> Path:
    lines = [
        json.dumps({"id": f"c{i}", "turns": [{"role": "user", "text": text} for text in said]})
        for i, said in enumerate(conversations)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _alur(*arguments: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alur.runner.cli", *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


# --------------------------------------------------------------------------- regex


def test_check_flags_a_nested_quantifier_in_a_slot_pattern(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flow = tmp_path / "kode.flow.yaml"
    flow.write_text(_flow("^(a+)+$"), encoding="utf-8")
    assert main(["check", str(flow)]) == 1
    out = capsys.readouterr().out
    assert f"{flow}:5:34: error slow-regex the pattern of slot 'code' can take exponential time" in out


def test_a_catastrophic_pattern_does_not_hang_replay_or_chat(tmp_path: Path) -> None:
    """The issue's reproduction: `^(a+)+$` and a 41-character message hung
    `replay` and `chat` (28 characters: 20.8 s)."""
    flow = tmp_path / "kode.flow.yaml"
    flow.write_text(_flow("^(a+)+$"), encoding="utf-8")
    message = "a" * 40 + "!"
    transcript = _jsonl(tmp_path / "t.jsonl", [[message], ["aaaa"]])
    started = time.monotonic()
    replay = _alur("replay", str(flow), str(transcript), "--format", "json", "-j", "1", timeout=60)
    script = tmp_path / "script.txt"
    script.write_text(message + "\n", encoding="utf-8")
    chat = _alur("chat", str(flow), "--script", str(script), timeout=60)
    assert time.monotonic() - started < 30
    assert replay.returncode in (0, 1), replay.stderr
    assert len(json.loads(replay.stdout)["results"]) == 2
    assert chat.returncode == 0, chat.stderr
    assert "Traceback" not in replay.stderr + chat.stderr


def test_a_match_over_the_time_bound_counts_as_no_match_and_is_reported_once(tmp_path: Path) -> None:
    flow = tmp_path / "kode.flow.yaml"
    flow.write_text(_flow("^(a|aa)+$", intent_pattern="(x|xx)+$"), encoding="utf-8")
    slow = "a" * 45 + "!"
    transcript = _jsonl(tmp_path / "t.jsonl", [[slow], [slow], ["x" * 45 + "!"], ["aaaa"]])
    done = _alur(
        "replay", str(flow), str(transcript), "--format", "json", "-j", "1", env={"ALUR_REGEX_SECONDS": "0.05"}
    )
    assert done.returncode in (0, 1), done.stderr
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    assert warnings == [
        "alur replay: warning: the pattern '^(a|aa)+$' took longer than 0.05 s (ALUR_REGEX_SECONDS) on a customer message,"
        " so it counted as no match there (and does wherever it is that slow); `alur check` names the shapes that make a pattern slow (slow-regex)",
        "alur replay: warning: the pattern '(x|xx)+$' took longer than 0.05 s (ALUR_REGEX_SECONDS) on a customer message,"
        " so it counted as no match there (and does wherever it is that slow); `alur check` names the shapes that make a pattern slow (slow-regex)",
    ]
    results = {r["id"]: r for r in json.loads(done.stdout)["results"]}
    assert len(results) == 4
    # just under the bound: a reply the pattern takes quickly fills the slot and the flow ends
    assert results["c3"]["findings"] == []


def test_check_does_not_import_the_timed_regex_engine() -> None:
    code = (
        "import sys; from alur.runner.cli import main; main(['check', sys.argv[1]]);"
        "print('regex' in sys.modules, 'alur.flows.nlu.timed_regex' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLES)], capture_output=True, text=True, check=False)
    assert done.stdout.split()[-2:] == ["False", "False"], done.stderr


# --------------------------------------------------------------------------- line length


def _line_of(size: int, ident: str = "long") -> bytes:
    """One JSONL line of exactly `size` bytes (without its newline)."""
    head = json.dumps({"id": ident, "turns": [{"role": "user", "text": ""}]})
    pad = size - len(head)
    return (head[:-4] + "x" * pad + head[-4:]).encode()


@pytest.mark.parametrize("packing", ["plain", "gzip", "stdin"])
def test_a_line_just_over_the_limit_is_skipped_by_name_and_the_rest_is_read(
    tmp_path: Path, packing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 5_000
    body = (
        b"\n".join(
            [_line_of(200, "before"), _line_of(limit, "at-limit"), _line_of(limit + 1, "over"), _line_of(200, "after")]
        )
        + b"\n"
    )
    env = {"ALUR_MAX_LINE_BYTES": str(limit)}
    if packing == "stdin":
        done = subprocess.run(
            [sys.executable, "-m", "alur.runner.cli", "audit", "-", "--format", "json"],
            input=body,
            capture_output=True,
            env={**os.environ, **env},
            timeout=60,
            check=False,
        )
        source = "<stdin>"
    else:
        path = tmp_path / ("day.jsonl.gz" if packing == "gzip" else "day.jsonl")
        path.write_bytes(gzip.compress(body) if packing == "gzip" else body)
        done = subprocess.run(
            [sys.executable, "-m", "alur.runner.cli", "audit", str(path), "--format", "json", "-j", "1"],
            capture_output=True,
            env={**os.environ, **env},
            timeout=60,
            check=False,
        )
        source = str(path)
    report = json.loads(done.stdout)
    assert [r["id"] for r in report["results"]] == ["before", "at-limit", "after"]
    assert report["skipped"] == [
        {
            "source": f"{source}:3",
            "reason": f"the line is {limit + 1:,} bytes, longer than the limit of {limit:,} bytes (ALUR_MAX_LINE_BYTES), so it is skipped unread",
        }
    ]


@pytest.mark.parametrize("newline_after", [True, False])
def test_a_gzip_bomb_line_is_passed_over_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline_after: bool
) -> None:
    """The issue's 4 GB line in a 4 MB .jsonl.gz, at 1/200 scale: 20 MB with
    no newline, a limit of 100 KB; memory stays near the limit, and the
    lines after it (if any) are read."""
    monkeypatch.setenv(LINE_BYTES.env, "100000")
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write(
            _line_of(300, "first") + b"\n" + b'{"id": "bomb", "turns": [' + b'{"role":"user","text":"aaaa"},' * 700_000
        )
        if newline_after:
            out.write(b"\n" + _line_of(300, "last") + b"\n")
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        items = [item for shard in read_shards(str(path)) for item in parse_shard(shard)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000, f"{peak:,} bytes held for a 20 MB line"
    ids = [getattr(item, "id", None) for item in items]
    skipped = [item for item in items if isinstance(item, SkippedInput)]
    assert ids[0] == "first" and (ids[-1] == "last") == newline_after
    assert [s.source for s in skipped] == [f"{path}:2"]
    assert skipped[0].reason.startswith(
        "the line is 21,000,025 bytes, longer than the limit of 100,000 bytes (ALUR_MAX_LINE_BYTES)"
    )


# --------------------------------------------------------------------------- turns and time per conversation


@pytest.mark.parametrize("command", ["audit", "replay"])
def test_a_conversation_over_the_turn_limit_is_skipped_with_its_reason(tmp_path: Path, command: str) -> None:
    transcript = _jsonl(tmp_path / "t.jsonl", [["halo"] * 10, ["halo"] * 11])
    flow = str(EXAMPLES / "order_status.flow.yaml")
    arguments = ["audit", str(transcript)] if command == "audit" else ["replay", flow, str(transcript)]
    done = _alur(*arguments, "--format", "json", "-j", "1", env={"ALUR_MAX_TURNS": "10"})
    report = json.loads(done.stdout)
    assert [r["id"] for r in report["results"]] == ["c0"]
    assert report["skipped"] == [
        {
            "source": f"{transcript}:2",
            "reason": "the conversation has 11 turns, more than the limit of 10 turns (ALUR_MAX_TURNS), so it is skipped",
        }
    ]


def test_a_conversation_over_the_time_budget_is_stopped_and_skipped(tmp_path: Path) -> None:
    """A turn that keeps the engine busy for 30 s (a slow pattern with a
    generous regex bound) is stopped at the conversation's budget; the
    conversations around it are replayed."""
    flow = tmp_path / "kode.flow.yaml"
    flow.write_text(_flow("^(a|aa)+$"), encoding="utf-8")
    transcript = _jsonl(tmp_path / "t.jsonl", [["aaaa"], ["a" * 60 + "!"], ["aa"]])
    env = {"ALUR_REGEX_SECONDS": "30", "ALUR_CONVERSATION_SECONDS": "0.5"}
    started = time.monotonic()
    done = _alur("replay", str(flow), str(transcript), "--format", "json", "-j", "1", env=env)
    assert time.monotonic() - started < 20
    report = json.loads(done.stdout)
    assert [r["id"] for r in report["results"]] == ["c0", "c2"]
    assert report["skipped"] == [
        {
            "source": f"{transcript}:2",
            "reason": "the conversation took longer than the limit of 0.5 s (ALUR_CONVERSATION_SECONDS), so it was stopped and skipped",
        }
    ]


def test_audit_stops_a_conversation_over_its_budget_and_keeps_one_under_it(tmp_path: Path) -> None:
    turns = [
        {
            "role": "user" if i % 2 == 0 else "bot",
            "text": "mau ngomong sama CS aja" if i % 2 == 0 else "Pilih menu: 1. Cek 2. Refund",
        }
        for i in range(40_000)
    ]
    transcript = tmp_path / "long.jsonl"
    transcript.write_text(
        json.dumps({"id": "short", "turns": turns[:4]}) + "\n" + json.dumps({"id": "long", "turns": turns}) + "\n"
    )
    over = json.loads(
        _alur("audit", str(transcript), "--format", "json", "-j", "1", env={"ALUR_CONVERSATION_SECONDS": "0.1"}).stdout
    )
    assert [r["id"] for r in over["results"]] == ["short"] and over["skipped"][0]["source"] == f"{transcript}:2"
    assert "took longer than the limit of 0.1 s (ALUR_CONVERSATION_SECONDS)" in over["skipped"][0]["reason"]
    under = json.loads(
        _alur("audit", str(transcript), "--format", "json", "-j", "1", env={"ALUR_CONVERSATION_SECONDS": "30"}).stdout
    )
    assert [r["id"] for r in under["results"]] == ["short", "long"] and under["skipped"] == []


def test_audit_time_grows_linearly_with_a_conversations_turns(tmp_path: Path) -> None:
    """The issue measured 5k turns 0.35 s and 20k 3.97 s: two detectors went
    back over the whole conversation at each repeated request or reply."""
    from alur.runner.audit import AuditConfig, Auditor
    from alur.runner.transcripts import Conversation

    auditor = Auditor(AuditConfig())

    def seconds(count: int, user: str, bot: str) -> float:
        turns = [{"role": "user", "text": user} if i % 2 == 0 else {"role": "bot", "text": bot} for i in range(count)]
        started = time.perf_counter()
        auditor.audit(Conversation("c", turns, "t:1"))
        return time.perf_counter() - started

    for user, bot in [
        ("mau ngomong sama CS aja", "Pilih menu: 1. Cek 2. Refund"),
        ("halo", "Maaf, saya tidak mengerti. Bisa diulang?"),
    ]:
        seconds(2_000, user, bot)  # warm the caches
        small, large = seconds(4_000, user, bot), seconds(16_000, user, bot)
        assert large < 10 * small + 0.05, (user, small, large)  # quadratic would be 16 times


# --------------------------------------------------------------------------- importers


def _chat(lines: int) -> bytes:
    said = ("Budi: mau cek pesanan nomor {i}", "Toko: Baik kak, pesanan {i} kami cek")
    return "".join(f"12/03/24 10.{i % 60:02d} - " + said[i % 2].format(i=i) + "\n" for i in range(lines)).encode()


@pytest.mark.parametrize("layout", ["zip", "txt"])
def test_a_chat_over_the_import_limit_is_refused_and_one_under_it_imported(tmp_path: Path, layout: str) -> None:
    chat = _chat(400)
    source = tmp_path / f"chat.{layout}"
    if layout == "zip":
        with zipfile.ZipFile(source, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("_chat.txt", chat)
    else:
        source.write_bytes(chat)
    out = tmp_path / "out.jsonl"
    arguments = ("import", "whatsapp", str(source), "--bot", "Toko", "-o", str(out))
    over = _alur(*arguments, env={"ALUR_MAX_IMPORT_BYTES": str(len(chat) - 1)})
    assert over.returncode == 2 and not out.exists()
    name = f"{source}/_chat.txt" if layout == "zip" else str(source)
    assert (
        f"{name}: larger than the limit of {len(chat) - 1:,} bytes (ALUR_MAX_IMPORT_BYTES) for one file to import (once decompressed); refused"
        in over.stderr
    )
    under = _alur(*arguments, env={"ALUR_MAX_IMPORT_BYTES": str(len(chat))})
    assert under.returncode == 0, under.stderr
    assert out.exists()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the process's peak memory from /proc")
def test_a_zip_bomb_is_refused_after_reading_no_more_than_the_limit(tmp_path: Path) -> None:
    """The issue's 8 MB zip of a 3 GB chat, at small scale: 200 MB of chat
    in a zip of a few hundred KB, a limit of 1 MB; refused at once."""
    source = tmp_path / "bomb.zip"
    with zipfile.ZipFile(source, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("_chat.txt", "w", force_zip64=True) as member:
            line = "12/03/24 10.00 - Budi: " + "a" * 1000 + "\n"
            for _ in range(200):
                member.write(line.encode() * 1000)
    code = (  # the peak of the command's own process: VmHWM starts afresh at exec, ru_maxrss carries the test runner's size
        "import sys; from alur.runner.cli import main; c = main(sys.argv[1:]);"
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))); sys.exit(c)"
    )
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "import",
            "whatsapp",
            str(source),
            "--bot",
            "Toko",
            "-o",
            str(tmp_path / "o.jsonl"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "ALUR_MAX_IMPORT_BYTES": "1000000"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "larger than the limit of 1,000,000 bytes (ALUR_MAX_IMPORT_BYTES)" in done.stderr
    assert time.monotonic() - started < 20
    assert int(done.stdout.split()[-1]) < 150_000  # KB: the 200 MB were never held


# --------------------------------------------------------------------------- chat


PING_PONG = """\
alur: 1
flow: ping_pong
start: a
intents:
  to_a: {examples: ["ke menu a"]}
  to_b: {examples: ["ke menu b"]}
  human: {handoff: true, examples: ["mau bicara dengan CS"]}
global: {human: agent}
fallback: {max_retries: 1, then: agent}
states:
  a: {say: "Menu A.", on: {to_b: b}}
  b: {say: "Menu B.", on: {to_a: a}}
  agent: {say: "Kami hubungkan.", escalate: true}
"""


def test_chat_keeps_a_bounded_number_of_undo_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every turn pushed a snapshot holding the whole history (16,000 turns:
    1.04 GB); the last UNDO_STEPS are kept, and :back undoes exactly those."""
    monkeypatch.setattr(chat_loop, "UNDO_STEPS", 5)
    out: list[str] = []
    session = chat_loop.Chat(Engine(parse_flow(PING_PONG)), None, out.append)
    session.begin()
    for i in range(2_000):
        session.handle("ke menu b" if i % 2 == 0 else "ke menu a")
    assert session.conversation is not None and len(session.conversation.history) > 2_000  # every turn moved
    assert len(session.undo) == 5
    for _ in range(5):
        session.handle(":back")
    assert session.conversation.state == "b"  # 1,995 turns in: the last turn went to b
    out.clear()
    session.handle(":back")
    assert out == ["  nothing to go back to"]


def test_the_designer_simulator_keeps_a_bounded_number_of_undo_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    from alur.designer import simulator

    monkeypatch.setattr(simulator, "UNDO_STEPS", 5)
    simulation = simulator.Simulation.build(parse_flow(PING_PONG))
    for i in range(2_000):
        simulation.say("ke menu b" if i % 2 == 0 else "ke menu a")
    assert [simulation.back() is not None for _ in range(6)] == [True] * 5 + [False]


# --------------------------------------------------------------------------- workers


def _children(pid: int) -> list[int]:
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and (stat.parent / "cmdline").read_bytes() == own:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or default_jobs() < 2, reason="needs /proc and two cores")
def test_a_worker_killed_from_outside_is_named_and_the_run_says_a_rerun_is_safe(tmp_path: Path) -> None:
    """Each conversation keeps a worker busy for seconds (a slow pattern with
    a generous bound), so that a worker is certainly at work when it is
    killed with SIGKILL, as the system's out-of-memory killer would."""
    flow = tmp_path / "kode.flow.yaml"
    flow.write_text(_flow("^(a|aa)+$"), encoding="utf-8")
    transcripts = [
        str(_jsonl(tmp_path / f"t{i}.jsonl", [["a" * 60 + "!"]] * 20)) for i in range(2)
    ]  # a file per worker
    report = tmp_path / "report.txt"
    run = subprocess.Popen(
        [sys.executable, "-m", "alur.runner.cli", "replay", str(flow), *transcripts, "-j", "2", "-o", str(report)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "ALUR_REGEX_SECONDS": "30", "ALUR_CONVERSATION_SECONDS": "60"},
    )
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = _children(run.pid)
        assert len(workers) == 2, "the workers did not start"
        time.sleep(0.5)
        os.kill(workers[0], signal.SIGKILL)
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 128 + signal.SIGKILL, err
    assert "a worker process was killed by SIGKILL (what the system sends when memory runs out, and `kill -9`)" in err
    assert "running the same command again is safe" in err
    assert "internal error" not in err and "bug" not in err and "Traceback" not in err
    assert not report.exists()


# --------------------------------------------------------------------------- flow size


def test_a_flow_just_over_the_size_limit_is_refused_and_one_at_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    flow = tmp_path / "kode.flow.yaml"
    flow.write_text(_flow("^[0-9]{6}$"), encoding="utf-8")
    size = flow.stat().st_size
    monkeypatch.setenv("ALUR_MAX_FLOW_BYTES", str(size))
    assert main(["check", str(flow)]) == 0
    monkeypatch.setenv("ALUR_MAX_FLOW_BYTES", str(size - 1))
    assert main(["check", str(flow)]) == 2
    assert f"flows larger than {size - 1:,} bytes (ALUR_MAX_FLOW_BYTES) are refused" in capsys.readouterr().out


def test_a_limit_set_to_something_not_a_number_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALUR_MAX_TURNS", "lots")
    transcript = _jsonl(tmp_path / "t.jsonl", [["halo"]])
    assert main(["audit", str(transcript), "-j", "1"]) == 2
    assert "ALUR_MAX_TURNS='lots': expected a positive number of turns" in capsys.readouterr().err


def test_slow_shapes_are_told_from_safe_ones() -> None:
    from alur.flows.rules.slow_regex import slow_shape

    slow = [
        r"^(a+)+$",
        r"(a*)*",
        r"(a|a)*",
        r"(a|aa)+",
        r"(.*a){20}",
        r"^(\w+\s?)*$",
        r"(\d+(,\d+)?)+",
        r"(?=(a+)+)b",
        r"([a-z]+-?)+$",
    ]
    safe = [
        r"INV-[0-9]{6}",
        r"(\d+,)*\d+",
        r"([A-Z]{3}-?)+",
        r"(\w+\.)+\w+",
        r"\d+\d+",
        r"(?>a+)+",
        r"(ab|ac)+",
        r"(?i)^(\+62|0)8[0-9]{8,11}$",
        r"(\d{1,3}\.){3}\d{1,3}",
    ]
    assert [p for p in slow if slow_shape(p) is None] == []
    assert [p for p in safe if slow_shape(p) is not None] == []
    assert check_text(_flow("^[0-9]{6}$"), "ok.flow.yaml").diagnostics == []


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    sizes=st.lists(st.integers(60, 3_000), min_size=1, max_size=12),
    limit=st.integers(60, 2_500),
    shard=st.sampled_from([1, 97, 1_000, 1 << 20]),
    packed=st.booleans(),
)
def test_any_line_lengths_limit_and_shard_size_read_the_same_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sizes: list[int], limit: int, shard: int, packed: bool
) -> None:
    """Every line at or under the limit is read, at its own line number;
    every line over it is skipped at its own, however the input is cut."""
    monkeypatch.setenv(LINE_BYTES.env, str(limit))
    body = b"".join(_line_of(size, f"c{i}") + b"\n" for i, size in enumerate(sizes))
    path = tmp_path / ("t.jsonl.gz" if packed else "t.jsonl")
    path.write_bytes(gzip.compress(body) if packed else body)
    items = [item for part in read_shards(str(path), shard) for item in parse_shard(part)]
    assert [(getattr(i, "id", None), i.source) for i in items] == [
        (f"c{n}" if size <= limit else None, f"{path}:{n + 1}") for n, size in enumerate(sizes)
    ]


def test_the_clock_stops_work_that_swallows_the_first_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    from alur.runner.budget import ConversationClock, OverBudget

    monkeypatch.setenv("ALUR_CONVERSATION_SECONDS", "0.2")
    swallowed = []

    def stubborn(_: object) -> None:
        try:
            while True:
                pass
        except OverBudget as error:  # as a broad `except` deep in some library would
            swallowed.append(error)
        while time.monotonic() - started < 5:  # then goes on working (bounded, should the clock fail)
            pass

    started = time.monotonic()
    with ConversationClock() as clock, pytest.raises(OverBudget):
        clock.run(stubborn, None)
    assert len(swallowed) == 1 and time.monotonic() - started < 2
    assert clock.run(len, "abc") == 3  # the next conversation has its whole budget


@pytest.mark.parametrize(
    ("pattern", "offset"),
    [
        (r"^(a+)+$", 1),
        (r"(\d+(,\d+)?)+", 0),
        (r"[(]a(b|bb)+", 4),
        (r"[^]()](a*)*", 6),
        (r"\((a|aa){2,}", 2),
        (r"x(?=(a+)+)b", 4),
    ],
)
def test_slow_regex_points_at_the_slow_group(pattern: str, offset: int) -> None:
    from alur.flows.rules.slow_regex import slow_group

    assert slow_group(pattern) == offset
