"""A project's own word lists reach replay's worker processes, however
they are started (fork inherits the parent's engine; spawn rebuilds it)."""

from __future__ import annotations

from pathlib import Path

from alur.flows.config import NluFiles
from alur.runner.replay import ReplayJob, _job_replayers, replayer_for

FLOW = """\
alur: 1
flow: slangy
start: menu
intents:
  check_order: {examples: ["cek pesanan"]}
  human: {handoff: true, examples: ["mau bicara dengan manusia"]}
global: {human: agent}
fallback: {max_retries: 1, then: agent}
states:
  menu:
    say: Mau apa?
    on: {check_order: done}
  done: {end: true, say: Oke.}
  agent: {escalate: true, say: Sebentar.}
"""


def test_a_worker_builds_its_engine_with_the_jobs_word_lists(tmp_path: Path) -> None:
    flow = tmp_path / "slangy.flow.yaml"
    flow.write_text(FLOW)
    phrases = tmp_path / "handoff.txt"
    phrases.write_text("panggilkan bos besar\n")
    _job_replayers.clear()  # as in a freshly spawned worker
    plain = replayer_for(ReplayJob(str(flow)))
    ours = replayer_for(ReplayJob(str(flow), word_lists=NluFiles(handoff_phrases=(phrases,))))
    assert plain.engine is not ours.engine
    assert ours.engine.turn(ours.engine.start()[0], "tolong panggilkan bos besar").escalated
    assert not plain.engine.turn(plain.engine.start()[0], "tolong panggilkan bos besar").escalated
