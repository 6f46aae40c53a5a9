"""The benchmark flow generator (benchmarks/genflow.py), which other
benchmarks reuse: exact size, valid, and clean under every rule."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from genflow import generate_flow  # noqa: E402

from alur.flows.check import check_text  # noqa: E402


@pytest.mark.parametrize(("states", "seed"), [(7, 0), (12, 1), (203, 2), (1000, 3)])
def test_generated_flow_has_the_size_asked_and_is_clean(states, seed):
    result = check_text(generate_flow(states, seed=seed), "generated.flow.yaml")
    assert result.flow is not None
    assert len(result.flow.states) == states
    assert [str(d) for d in result.diagnostics] == []
    assert result.flow.handoff_intents() == ["talk_to_human"]
    assert {"whatsapp", "sms"} <= set(result.flow.channels)


def test_generated_flow_is_deterministic_per_seed():
    assert generate_flow(50, seed=4) == generate_flow(50, seed=4)
    assert generate_flow(50, seed=4) != generate_flow(50, seed=5)


def test_too_small_is_refused():
    with pytest.raises(ValueError, match="at least 7 states"):
        generate_flow(6)
