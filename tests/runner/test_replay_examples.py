"""Every example flow replayed with its transcript suite in examples/transcripts/.

- Test conversations (`<flow>.test.yaml`): every expectation holds.
- Recorded conversations (`<flow>.jsonl`): every conversation whose id does
  not end in `-bad` passes, and the current flow answers it as the recorded
  bot did (no drift). A `-bad` conversation was recorded on an older bot
  that trapped the customer: replayed on the current flow it either still
  fails (the trap is still there) or the flow now answers it differently
  (drift: the fix shows). Never both silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alur.flows.check import load_runnable_flow
from alur.flows.engine import Engine
from alur.runner.drift import Drift
from alur.runner.replay import Replayer
from alur.runner.transcripts import Conversation, read_transcripts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FLOWS = sorted(p.name.removesuffix(".flow.yaml") for p in EXAMPLES.glob("*.flow.yaml"))


@pytest.fixture(scope="module", params=FLOWS)
def replayer(request: pytest.FixtureRequest) -> Replayer:
    return Replayer(Engine(load_runnable_flow(EXAMPLES / f"{request.param}.flow.yaml")))


def _read(path: Path) -> list[Conversation]:
    items = list(read_transcripts([str(path)]))
    assert all(isinstance(item, Conversation) for item in items), [
        str(i) for i in items if not isinstance(i, Conversation)
    ]
    return items  # type: ignore[return-value]


def test_every_flow_has_both_suites() -> None:
    assert FLOWS
    for name in FLOWS:
        assert (EXAMPLES / "transcripts" / f"{name}.jsonl").is_file()
        assert (EXAMPLES / "transcripts" / f"{name}.test.yaml").is_file()


def test_test_conversations_hold(replayer: Replayer) -> None:
    conversations = _read(EXAMPLES / "transcripts" / f"{replayer.flow.id}.test.yaml")
    failed = {}
    for conversation in conversations:
        result = replayer.replay(conversation)
        if result.status != "pass":
            failed[conversation.id] = result.error or [f"turn {f.turn}: {f.message}" for f in result.findings]
    assert not failed


def test_recorded_conversations(replayer: Replayer) -> None:
    conversations = _read(EXAMPLES / "transcripts" / f"{replayer.flow.id}.jsonl")
    assert any(c.id.endswith("-bad") for c in conversations)
    wrong = {}
    for conversation in conversations:
        result, trace = replayer.trace(conversation)
        drift = Drift()
        drift.record(trace)
        failed, drifted = result.status != "pass", drift.diverged > 0
        if conversation.id.endswith("-bad"):
            if not (failed or drifted):
                wrong[conversation.id] = "a -bad conversation neither fails nor drifts"
        elif failed or drifted:
            wrong[conversation.id] = result.error or [f.message for f in result.findings] or drift.text_lines()
    assert not wrong
