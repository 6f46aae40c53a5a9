"""The report formats, on a Report built by hand: what people, programs, CI
and pull-request readers see."""

from __future__ import annotations

import io
import json
import os
import stat
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from alur.runner.errors import InputError
from alur.runner.findings import ConversationResult, ExcerptTurn, Finding, Report, SkippedInput
from alur.runner.reports import FORMATS, Section, color_wanted, renderer, write_report
from alur.runner.reports.markdown import LIMIT

EXCERPT = (
    ExcerptTurn(3, "user", "saya mau refund"),
    ExcerptTurn(4, "bot", "Pilih menu: 1. Cek pesanan 2. Pembayaran"),
    ExcerptTurn(5, "user", "nomor saya 0812-3456-7890\nrefund dong"),
    ExcerptTurn(6, "bot", "Pilih menu: 1. Cek pesanan 2. Pembayaran"),
)


def sample() -> Report:
    loop = Finding(
        "loop", 6, "menu", "bot repeated 'Pilih menu: 1. Cek pesanan 2…' 3 times with no progress in between", EXCERPT
    )
    return Report(
        flow=None,
        results=[
            ConversationResult("c-1", [], "day1.jsonl:1"),
            ConversationResult("c-2", [loop], "day1.jsonl:2"),
            ConversationResult("c-3", [], "day1.jsonl:4", error="action lookup_order has no outcome left"),
        ],
        skipped=[SkippedInput("day1.jsonl:3", "not valid JSON at column 1: unexpected character")],
    )


def render(fmt: str, report: Report | None = None, **options: object) -> str:
    out = io.StringIO()
    renderer(fmt, title="alur audit", **options).render(report or sample(), out)
    return out.getvalue()


def test_text_shows_the_excerpt_with_the_turn_marked_like_a_compiler() -> None:
    text = render("text")
    lines = text.splitlines()
    start = lines.index(
        "day1.jsonl:2: loop: bot repeated 'Pilih menu: 1. Cek pesanan 2…' 3 times with no progress in between (c-2, turn 6, state menu)"
    )
    assert lines[start + 1 : start + 5] == [
        "       3 | user   saya mau refund",
        "       4 | bot    Pilih menu: 1. Cek pesanan 2. Pembayaran",
        "       5 | user   nomor saya [PHONE] refund dong",
        "  >    6 | bot    Pilih menu: 1. Cek pesanan 2. Pembayaran",
    ]
    assert "day1.jsonl:4: error: action lookup_order has no outcome left (c-3)" in text
    assert "  day1.jsonl:3: not valid JSON at column 1: unexpected character" in text
    assert lines[-1] == (
        "alur audit: 3 conversations, 1 passed, 1 with findings "
        "(loop 1, missing_escalation 0, dead_end 0, expectation 0), 1 could not be run (listed above); "
        "1 unreadable input (listed above, not checked)"
    )
    assert "\x1b[" not in text


def test_text_shows_as_many_turns_before_as_asked() -> None:
    text = render("text", excerpt_turns=1)
    assert "saya mau refund" not in text and "[PHONE] refund dong" in text


def test_colour_only_when_asked_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[1m" in render("text", color=True)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert color_wanted(Terminal()) and not color_wanted(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not color_wanted(Terminal())
    out = Terminal()
    write_report(sample(), "text", stream=out)
    assert "\x1b[" not in out.getvalue()


def test_json_is_the_report_dict_with_personal_data_masked() -> None:
    report = sample()
    data = json.loads(render("json", report))
    assert data == report.to_dict()
    leaky = Report(
        None,
        [
            ConversationResult(
                "wa-081234567890", [Finding("loop", 1, None, "bot repeated 'Hubungi 0812-3456-7890' 3 times")], "x:1"
            )
        ],
    )
    data = json.loads(render("json", leaky))
    assert "081234567890" not in json.dumps(data) and "3456" not in json.dumps(data)


def test_junit_lists_every_conversation_and_every_unreadable_line() -> None:
    root = ET.fromstring(render("junit"))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "1", "2")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["c-1", "c-2", "c-3", "day1.jsonl:3"]
    assert (
        cases["c-2"].get("classname") == "day1.jsonl" and "file" not in cases["c-2"].attrib
    )  # junit-10.xsd has no file or line
    failure = cases["c-2"].find("failure")
    assert failure is not None and failure.get("type") == "loop" and "day1.jsonl:2: loop" in (failure.text or "")
    assert "  >    6 | bot    Pilih menu" in (failure.text or "")
    assert cases["c-3"].find("error") is not None and cases["day1.jsonl:3"].find("error") is not None
    assert len(cases["c-1"]) == 0


def test_junit_points_at_the_line_of_a_problem_given_with_its_column() -> None:
    """Test YAML problems are `path:line:column`; CI shows the file (as the
    class) and the place (as the test's name)."""
    root = ET.fromstring(
        render("junit", Report(None, [], [SkippedInput("suite.test.yaml:12:9", "turn 2: 'user' is empty")]))
    )
    case = root.find("testsuite/testcase")
    assert case is not None and (case.get("classname"), case.get("name")) == ("suite.test.yaml", "suite.test.yaml:12:9")


def test_junit_survives_characters_xml_cannot_carry() -> None:
    report = Report(
        None,
        [
            ConversationResult(
                "c\x00-1",
                [Finding("loop", 0, None, "bot said '\x1b[31m\x07' 3 times", (ExcerptTurn(0, "bot", "a\x0bb"),))],
                "x:1",
            )
        ],
    )
    root = ET.fromstring(render("junit", report))
    assert root.find("testsuite/testcase") is not None


def test_markdown_summary_fits_in_a_pull_request_comment() -> None:
    text = render("markdown")
    assert text.startswith("### alur audit: 2 of 3 conversations with findings\n")
    assert "| `loop` | 1 |" in text
    assert "- `day1.jsonl:3`: not valid JSON at column 1: unexpected character" in text
    assert "<details>" in text and "[PHONE]" in text and "0812" not in text
    many = Report(
        None,
        [
            ConversationResult(f"c-{i}", [Finding("loop", 6, None, "bot repeated 'x' 3 times", EXCERPT)], f"f:{i}")
            for i in range(2000)
        ],
    )
    big = render("markdown", many)
    assert len(big) < LIMIT + 2000
    assert "more conversations with findings (see the full report)" in big
    assert big.rstrip().endswith("</details>")


def test_markdown_escapes_what_customers_type() -> None:
    report = Report(
        None,
        [ConversationResult("*bold* | <b>", [Finding("loop", 0, None, "bot repeated '`x` | _y_' 3 times")], "f:1")],
    )
    text = render("markdown", report)
    assert r"\*bold\* \| \<b\>" in text and r"'\`x\` \| \_y\_'" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_report(fmt: str) -> None:
    assert render(fmt, Report(None))


def test_write_report_replaces_the_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    write_report(sample(), "json", str(target))
    assert json.loads(target.read_text())["conversations"] == 3
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_failed_render_leaves_the_old_report_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    broken = Report(None, [ConversationResult("c-1", [Finding("loop", 0, None, object())])])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        write_report(broken, "json", str(target))
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_an_unwritable_output_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no-such-folder"):
        write_report(sample(), "text", str(tmp_path / "no-such-folder" / "r.txt"))


def test_an_unknown_format_is_named() -> None:
    with pytest.raises(ValueError, match="unknown report format 'yaml'"):
        renderer("yaml")


# --------------------------------------------------------------------------- sections


@dataclass(slots=True)
class WithSections(Report):
    """A report with two sections, as replay's coverage and drift are."""

    def sections(self) -> list[Section]:
        return [
            Section(
                "coverage",
                {"visited": 2, "total": 3},
                "2 of 3 states",
                ("coverage: 2 of 3 states", "  never visited: refund"),
            ),
            Section(
                "drift",
                {"diverged": 1},
                "1 conversation answers differently",
                ("drift: 1",),
                ("", "### Drift", "", "1 | `menu`"),
            ),
        ]


def sectioned() -> WithSections:
    plain = sample()
    return WithSections(plain.flow, plain.results, plain.skipped)


def test_json_puts_each_section_under_its_key_after_the_contract_keys() -> None:
    report = sectioned()
    data = json.loads(render("json", report))
    assert list(data) == ["flow", "conversations", "summary", "results", "skipped", "coverage", "drift"]
    assert data["coverage"] == {"visited": 2, "total": 3} and data["drift"] == {"diverged": 1}
    assert {k: v for k, v in data.items() if k not in ("coverage", "drift")} == sample().to_dict()


def test_text_and_markdown_print_sections_after_the_summary() -> None:
    lines = render("text", sectioned()).splitlines()
    summary = next(i for i, line in enumerate(lines) if line.startswith("alur audit: 3 conversations"))
    assert lines[summary + 1 :] == ["", "coverage: 2 of 3 states", "  never visited: refund", "", "drift: 1"]
    markdown = render("markdown", sectioned())
    # markdown lines where a section has them, else its text lines; one blank line between blocks
    assert markdown.endswith(
        "</details>\n\ncoverage: 2 of 3 states\n  never visited: refund\n\n### Drift\n\n1 | `menu`\n"
    )


def test_junit_carries_each_section_as_a_suite_property() -> None:
    suite = ET.fromstring(render("junit", sectioned())).find("testsuite")
    assert suite is not None
    properties = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
    assert properties == {"coverage": "2 of 3 states", "drift": "1 conversation answers differently"}
    assert ET.fromstring(render("junit")).find("testsuite/properties") is None  # none without sections


def test_a_section_cannot_take_a_contract_key() -> None:
    with pytest.raises(ValueError, match="'summary'"):
        Section("summary", {}, "")


def test_the_markdown_limit_leaves_room_for_the_sections() -> None:
    long = tuple(f"- `state_{i}` never visited" for i in range(1500))

    @dataclass(slots=True)
    class Big(Report):
        def sections(self) -> list[Section]:
            return [Section("coverage", {}, "", long)]

    many = Big(
        None,
        [
            ConversationResult(f"c-{i}", [Finding("loop", 6, None, "bot repeated 'x' 3 times", EXCERPT)], f"f:{i}")
            for i in range(2000)
        ],
    )
    text = render("markdown", many)
    assert len(text) < LIMIT + 2000 and text.endswith(long[-1] + "\n")


def test_a_report_file_is_readable_like_any_file_the_user_writes(tmp_path: Path) -> None:
    """Not mkstemp's private 0600: colleagues and CI artifact uploads read reports."""
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        write_report(sample(), "json", str(fresh))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("old")
        kept.chmod(0o640)
        write_report(sample(), "json", str(kept))
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_a_folder_given_as_output_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="it is a folder"):
        write_report(sample(), "json", str(tmp_path))
