"""Detectors: the failures of contract §4, one module per detector.

yamllint style: each module defines a `Detector` subclass with a stable
kebab-case `code`, the finding `kind` it produces, the settings it reads
(`options`), and its rule as the module docstring, which is the user
documentation (`alur rules CODE`). Two registries of one shape, by what the
detectors read:

`DETECTORS`, replay's (a conversation re-driven through a flow, `Trace`):

    code                 kind                 rule (defaults)
    loop                 loop                 same message or state a 3rd time, no progress in between
    missing-escalation   missing_escalation   a handoff request not escalated, or 3 unmatched turns
    dead-end             dead_end             stopped in a non-terminal state with no way out
    expectation          expectation          an `expect` of a test conversation did not hold

`AUDIT_DETECTORS`, audit's (a recording as it happened, `ConversationView`):

    code                   kind                 rule (defaults)
    repeated-bot-message   loop                 same bot message a 3rd time, nothing new said in between
    unanswered-handoff     missing_escalation   a request for a human with no agent before the next turn
    not-understood-run     missing_escalation   3 did-not-understand replies in a row, no agent
    abandoned-customer     dead_end             the customer leaves angry, gives up after a failure, or is left with no way forward

`Registry.get(code)` names the known codes when asked for an unknown one.
"""

from __future__ import annotations

from typing import Any

from alur.runner.detectors.base import Detector, Registry, UnknownDetector, snippet


def _replay() -> Registry:
    from alur.runner.detectors.dead_end import DeadEnd
    from alur.runner.detectors.expectation import Expectation
    from alur.runner.detectors.loop import Loop
    from alur.runner.detectors.missing_escalation import MissingEscalation

    return Registry("replay", (Loop, MissingEscalation, DeadEnd, Expectation))


def _audit() -> Registry:
    from alur.runner.detectors.abandoned_customer import AbandonedCustomer
    from alur.runner.detectors.not_understood_run import NotUnderstoodRun
    from alur.runner.detectors.repeated_bot_message import RepeatedBotMessage
    from alur.runner.detectors.unanswered_handoff import UnansweredHandoff

    return Registry(
        "audit",
        (RepeatedBotMessage, UnansweredHandoff, NotUnderstoodRun, AbandonedCustomer),
        aliases={"frustrated-exit": AbandonedCustomer.code},
    )


def __getattr__(name: str) -> Any:
    """Each registry is built when first asked for, so that `alur audit`
    (and each of its workers) does not import the flow engine that replay's
    detectors read: it doubled the audit's start-up."""
    if name == "AUDIT_DETECTORS":
        value: Any = _audit()
    elif name == "DETECTORS":
        value = _replay()
    elif name == "get_detector":
        value = __getattr__("DETECTORS").get
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = ["AUDIT_DETECTORS", "DETECTORS", "Detector", "Registry", "UnknownDetector", "get_detector", "snippet"]
