"""The project's own word lists reach every command that runs a flow:
`nlu:` in the configuration, `--slang` and `--handoff-phrases`, with clear
messages for files that cannot be used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alur.flows.config import ConfigError, load_config, parse_config
from alur.runner.cli import main

FLOW = """\
alur: 1
flow: shop
locale: id-ID
start: greet
intents:
  check_order: {examples: ["cek pesanan", "status pesanan"]}
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global:
  talk_to_human: handoff
fallback: {max_retries: 2, then: handoff, say: ["Maaf, belum paham.", "Ketik CS untuk bicara dengan agen."]}
states:
  greet:
    say: "Halo! Mau cek pesanan?"
    on: {check_order: done}
  handoff: {escalate: true, say: "Kami hubungkan dengan agen."}
  done: {end: true, say: "Pesanan Anda sedang dikirim."}
"""
TESTS = """\
flow: shop
conversations:
  - id: store-slang
    turns:
      - user: "cekpes dong"
        expect: {state: done}
  - id: store-staff
    turns:
      - user: "panggilin mandor gudang"
        expect: {escalated: true}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shop.flow.yaml").write_text(FLOW, encoding="utf-8")
    (tmp_path / "shop.test.yaml").write_text(TESTS, encoding="utf-8")
    (tmp_path / "nlu").mkdir()
    (tmp_path / "nlu" / "slang.txt").write_text("# our customers\ncek pesanan: cekpes\n", encoding="utf-8")
    (tmp_path / "nlu" / "handoff.txt").write_text("mandor gudang\n", encoding="utf-8")
    return tmp_path


def replay(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, dict, str]:
    code = main(["replay", "shop.flow.yaml", "shop.test.yaml", "-j", "1", "--format", "json", *options])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def failed(report: dict) -> list[str]:
    return [r["id"] for r in report["results"] if r["status"] != "pass"]


def test_the_built_in_lists_alone_miss_the_stores_words(project, capsys):
    code, report, _ = replay(capsys)
    assert code == 1 and failed(report) == ["store-slang", "store-staff"]


def test_command_line_files_are_added(project, capsys):
    code, report, _ = replay(capsys, "--slang", "nlu/slang.txt", "--handoff-phrases", "nlu/handoff.txt")
    assert code == 0 and failed(report) == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".alur.yaml", "nlu:\n  slang: [nlu/slang.txt]\n  handoff_phrases: [nlu/handoff.txt]\n"),
        ("pyproject.toml", '[tool.alur.nlu]\nslang = ["nlu/slang.txt"]\nhandoff_phrases = ["nlu/handoff.txt"]\n'),
    ],
)
def test_the_configuration_files_are_read_relative_to_it(project, capsys, monkeypatch, name, text):
    (project / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(project / "nlu")  # run from a subfolder: paths stay relative to the configuration
    code = main(["replay", "../shop.flow.yaml", "../shop.test.yaml", "-j", "1"])
    assert code == 0, capsys.readouterr()


def test_a_bad_line_is_unusable_input_naming_file_and_line(project, capsys):
    (project / "nlu" / "slang.txt").write_text("cek pesanan: cekpes\nminimum: min\n", encoding="utf-8")
    code, _, err = replay(capsys, "--slang", "nlu/slang.txt")
    assert code == 2
    assert "nlu/slang.txt:2: 'min' already means 'admin'" in err and "Traceback" not in err


def test_a_missing_file_in_the_configuration_names_the_setting(project, capsys):
    (project / ".alur.yaml").write_text("nlu:\n  slang: [nlu/missing.txt]\n", encoding="utf-8")
    code, _, err = replay(capsys)
    assert code == 2 and ".alur.yaml: `nlu.slang`: nlu/missing.txt: no such file" in err


def test_explore_and_chat_take_the_options_too(project, capsys):
    for command in ("explore", "chat"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "--slang FILE" in capsys.readouterr().out


def test_nlu_settings_are_checked_like_every_other_setting(tmp_path):
    (tmp_path / "slang.txt").write_text("", encoding="utf-8")
    config = parse_config({"nlu": {"slang": "slang.txt", "handoff-phrases": []}}, "x.yaml", tmp_path)
    assert config.nlu.slang == (tmp_path / "slang.txt",) and config.nlu.handoff_phrases == ()
    with pytest.raises(
        ConfigError, match="x.yaml: unknown `nlu` setting 'slangs'; settings are slang, handoff_phrases, stopwords"
    ):
        parse_config({"nlu": {"slangs": ["slang.txt"]}}, "x.yaml", tmp_path)
    with pytest.raises(ConfigError, match=r"`nlu.slang` must be a list of files"):
        parse_config({"nlu": {"slang": [1]}}, "x.yaml", tmp_path)
    with pytest.raises(ConfigError, match=r"`nlu` must be a mapping"):
        parse_config({"nlu": ["slang.txt"]}, "x.yaml", tmp_path)


def test_check_accepts_a_configuration_with_word_lists(project):
    (project / "nlu" / "filler.txt").write_text("belanjain\n", encoding="utf-8")
    (project / ".alur.yaml").write_text("nlu: {stopwords: [nlu/filler.txt]}\n", encoding="utf-8")
    assert load_config().nlu.stopwords == (project / "nlu" / "filler.txt",)
    assert main(["check", "shop.flow.yaml"]) == 0
