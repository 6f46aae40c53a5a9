"""Lint rules for flow files, one module per rule (the shape of yamllint's rules).

Each rule module has:

- `ID`: the stable kebab-case code users see, select, ignore and look up;
- `SEVERITY`: `Severity.ERROR` (the check fails) or `Severity.WARNING`;
- `SUMMARY`: one line for `alur rules`;
- `BLOCKS_RUNNING`: whether the error stops `replay`, `explore` and the
  designer from running the flow (references to undefined things, conditions
  and patterns that cannot be evaluated); lint findings never do;
- `OPTIONS`: option name → default, overridable in configuration;
- `check(ctx, options)`: yields a `Problem` (span and message) per finding;
- a docstring that *is* the user documentation (`alur rules ID`): why the
  rule exists, a failing and a passing example, and the fix.

The registry maps each code to its module; `get` names an unknown code.
"""

from __future__ import annotations

from types import ModuleType

from alur.flows.rules import (
    bad_condition,
    bad_regex,
    collect_without_next,
    conflicting_terminal,
    confusable_example,
    cycle_without_wait,
    duplicate_example,
    escalation_unreachable,
    fallback_never_escalates,
    identical_reprompt,
    next_beside_intents,
    no_handoff_route,
    no_way_out,
    rcs_card,
    rcs_limits,
    slot_before_collect,
    slow_regex,
    sms_segments,
    trap_state,
    undefined_intent,
    undefined_slot,
    undefined_start,
    undefined_state,
    unknown_ignore,
    unreachable_state,
    unused_intent,
    unused_slot,
    webchat_text,
    whatsapp_buttons,
    whatsapp_interactive,
    whatsapp_list,
    whatsapp_list_sections,
    whatsapp_text,
)
from alur.flows.rules._names import did_you_mean

RULES: dict[str, ModuleType] = {
    module.ID: module
    for module in (
        undefined_start,
        undefined_state,
        undefined_slot,
        undefined_intent,
        bad_condition,
        bad_regex,
        slow_regex,
        next_beside_intents,
        no_way_out,
        conflicting_terminal,
        collect_without_next,
        cycle_without_wait,
        unreachable_state,
        trap_state,
        fallback_never_escalates,
        no_handoff_route,
        escalation_unreachable,
        slot_before_collect,
        unused_slot,
        unused_intent,
        duplicate_example,
        confusable_example,
        identical_reprompt,
        whatsapp_buttons,
        whatsapp_list,
        whatsapp_list_sections,
        whatsapp_interactive,
        whatsapp_text,
        sms_segments,
        rcs_limits,
        rcs_card,
        webchat_text,
        unknown_ignore,
    )
}


class UnknownRule(ValueError):
    """A rule code that no rule has."""


def get(code: str) -> ModuleType:
    """The rule module for `code`, or UnknownRule naming it (and the closest code)."""
    try:
        return RULES[code]
    except KeyError:
        raise UnknownRule(f"no such rule: {code!r}{did_you_mean(code, RULES)}") from None
