"""Replay detectors: the failures of contract §4 in a conversation re-driven
through a flow.

One module per detector, yamllint style: each defines a `Detector` subclass
with a stable kebab-case `code`, the finding `kind` it produces, the
`ReplayConfig` thresholds it reads (`options`), and its rule as its
docstring, which is the user documentation. `DETECTORS` is the registry;
`get_detector(code)` names the known codes when asked for an unknown one.

    code                 kind                 rule (defaults)
    loop                 loop                 same message or state a 3rd time, no slot filled in between
    missing-escalation   missing_escalation   a handoff request not escalated, or 3 unmatched turns
    dead-end             dead_end             stopped in a non-terminal state with no way out
    expectation          expectation          an `expect` of a test conversation did not hold
"""

from __future__ import annotations

from alur.runner.detectors.base import Detector
from alur.runner.detectors.dead_end import DeadEnd
from alur.runner.detectors.expectation import Expectation
from alur.runner.detectors.loop import Loop
from alur.runner.detectors.missing_escalation import MissingEscalation

DETECTORS: dict[str, type[Detector]] = {cls.code: cls for cls in (Loop, MissingEscalation, DeadEnd, Expectation)}


class UnknownDetector(KeyError):
    """A detector code that is not in the registry."""

    def __str__(self) -> str:
        return str(self.args[0])


def get_detector(code: str) -> type[Detector]:
    """The detector with this code (or this finding kind), else UnknownDetector
    naming the known codes."""
    found = DETECTORS.get(code) or DETECTORS.get(code.replace("_", "-"))
    if found is None:
        raise UnknownDetector(f"no replay detector {code!r}; known: {', '.join(DETECTORS)}")
    return found


__all__ = ["DETECTORS", "Detector", "UnknownDetector", "get_detector"]
