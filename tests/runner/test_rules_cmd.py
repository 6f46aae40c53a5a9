"""`alur rules` documents every lint rule and every detector, each reachable
from its registry, without slowing down `alur rules RULE` or `alur check`."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

from alur.flows.check import FILE_CODES
from alur.flows.rules import RULES
from alur.runner.audit import DETECTORS as AUDIT_DETECTORS
from alur.runner.cli import main
from alur.runner.detectors import DETECTORS as REPLAY_DETECTORS

DETECTORS = [*REPLAY_DETECTORS.values(), *AUDIT_DETECTORS.values()]


def test_codes_are_unique_across_rules_file_problems_and_detectors() -> None:
    codes = [*RULES, *FILE_CODES, *(cls.code for cls in DETECTORS)]
    assert len(codes) == len(set(codes))


def test_the_listing_has_a_table_of_detectors_per_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    replay = out.index("Findings in conversations re-driven through the flow (alur replay, alur explore):")
    audit = out.index("Findings in recorded conversations as they happened (alur audit):")
    for cls in REPLAY_DETECTORS.values():
        assert replay < out.index(f"\n{cls.code} ", replay) < audit
    for cls in AUDIT_DETECTORS.values():
        assert audit < out.index(f"\n{cls.code} ", audit)
    assert (
        "\ndead-end            dead_end            the conversation stops in a state that is not terminal and has no way out\n"
        in out
    )
    # summaries read like the rules' (lower case, one line, cut to fit)
    assert "\nunanswered-handoff    missing_escalation  the customer asks for a human" in out
    assert all(len(line) < 160 for line in out.splitlines())


@pytest.mark.parametrize("cls", DETECTORS, ids=lambda cls: cls.code)
def test_every_detector_is_explained_by_its_docstring(cls: type, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", cls.code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{cls.code} ({cls.kind} finding; alur ")
    assert inspect.cleandoc(cls.__doc__) in out
    assert f"--disable {cls.code}" in out


def test_a_detector_s_settings_are_listed_with_their_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    main(["rules", "loop"])
    assert (
        "Settings (on the command line, or under `replay` in configuration):\n  loop-threshold = 3  (--loop-threshold N)"
        in capsys.readouterr().out
    )
    main(["rules", "abandoned-customer"])
    assert (
        "under `audit` in configuration):\n  frustration-window = 3  (--frustration-window N)"
        in capsys.readouterr().out
    )
    main(["rules", "frustrated-exit"])  # its old code
    assert capsys.readouterr().out.startswith("abandoned-customer (dead_end finding; alur audit)")


def test_a_misspelt_detector_code_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "repeated-bot-messages"]) == 2
    assert "no such rule: 'repeated-bot-messages'; did you mean 'repeated-bot-message'?" in capsys.readouterr().err


def test_explaining_a_rule_does_not_import_the_detectors() -> None:
    script = (
        "import sys; from alur.runner.cli import main; main(['rules', 'unused-slot']); "
        "print(sorted(m for m in ('alur.runner.detectors', 'alur.runner.audit', 'transitions') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]" and done.stdout.startswith("unused-slot (warning)")
