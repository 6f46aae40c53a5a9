"""Structured edits keep the designer's file as they wrote it."""

from __future__ import annotations

import textwrap

import pytest

from alur.designer.edits import (
    EditError,
    add_intent,
    add_state,
    add_transition,
    append_list_item,
    apply_edits,
    remove_next,
    remove_transition,
    rename_state,
    yaml_name,
)
from alur.flows.loader import load_document
from alur.flows.validate import parse_flow

FLOW = textwrap.dedent(
    """\
    # Flow header comment
    alur: 1
    flow: demo
    start: greet   # where it begins

    intents:
      talk_to_human: {handoff: true, examples: ["agent"]}
      check: {examples: ["cek"]}

    global:
      talk_to_human: handoff

    fallback:
      max_retries: 1
      then: handoff

    states:
      greet:
        say: "Halo"
        on:
          check: ask     # the main path
          yes: "ask"
      ask:
        say: "Nomor?"
        on:
          - intent: check
            if: "1 == 1"
            goto: greet
          - {intent: talk_to_human, goto: handoff}
        fallback: {then: greet}
      relay:
        say: x
        next: ask
        # a note inside relay
      handoff:
        escalate: true
        say: "Tunggu ya"
    """
)


def edit(text: str, make) -> str:
    out = apply_edits(text, make(load_document(text)))
    load_document(out)  # still valid YAML
    return out


def test_rename_updates_every_reference_and_nothing_else():
    out = edit(FLOW, lambda d: rename_state(d, "ask", "ask_number"))
    flow = parse_flow(out)
    assert "ask" not in flow.states and "ask_number" in flow.states
    assert [r.target for r in flow.states["greet"].routes] == ["ask_number", "ask_number"]
    assert flow.states["relay"].next == "ask_number"
    # comments, quoting and key order survive; only the names changed
    assert "check: ask_number     # the main path" in out
    assert 'yes: "ask_number"' in out
    assert out.replace("ask_number", "ask") == FLOW


def test_rename_covers_start_global_fallback_and_list_routes():
    out = edit(FLOW, lambda d: rename_state(d, "handoff", "agent_handoff"))
    flow = parse_flow(out)
    assert flow.global_routes[0].target == "agent_handoff"
    assert flow.fallback.then == "agent_handoff"
    assert flow.states["ask"].routes[1].target == "agent_handoff"
    out = edit(out, lambda d: rename_state(d, "greet", "welcome"))
    flow = parse_flow(out)
    assert flow.start == "welcome"
    assert "start: welcome   # where it begins" in out
    assert flow.states["ask"].routes[0].target == "welcome"
    assert flow.states["ask"].fallback.then == "welcome"


def test_rename_quotes_names_yaml_would_misread():
    out = edit(FLOW, lambda d: rename_state(d, "relay", "true"))
    assert '"true":' in out
    assert "true" in parse_flow(out).states
    assert yaml_name("ask:me") == '"ask:me"'
    assert yaml_name("it's", "'") == "'it''s'"


def test_rename_refuses_clashes_and_bad_names():
    document = load_document(FLOW)
    with pytest.raises(EditError, match="already exists"):
        rename_state(document, "ask", "greet")
    with pytest.raises(EditError, match="one word"):
        rename_state(document, "ask", "two words")
    with pytest.raises(EditError, match="no state"):
        rename_state(document, "nope", "x")


def test_add_state_appends_with_the_files_indentation():
    four = (
        "alur: 1\nflow: demo\nstart: a\nstates:\n    a:\n        say: hi\n        next: b\n    b:\n        end: true\n"
    )
    out = edit(four, lambda d: add_state(d, "survey", "Rate us?"))
    assert out.startswith(four.rstrip("\n"))
    assert out.endswith('\n    survey:\n        say: "Rate us?"\n')
    assert parse_flow(out).states["survey"].say == ("Rate us?",)


def test_add_state_goes_after_a_last_state_comment_and_keeps_blank_line_style():
    spaced = FLOW.replace("  handoff:\n", "\n  handoff:\n")
    out = edit(spaced + "# trailing file comment\n", lambda d: add_state(d, "new_one"))
    assert "\n\n  new_one:\n    say:" in out
    assert out.index("new_one") < out.index("# trailing file comment")
    relay_last = edit(
        FLOW.replace('  handoff:\n    escalate: true\n    say: "Tunggu ya"\n', ""), lambda d: add_state(d, "z")
    )
    assert relay_last.index("# a note inside relay") < relay_last.index("  z:")


def test_add_transition_to_block_mapping_list_and_missing_on():
    out = edit(FLOW, lambda d: add_transition(d, "greet", "talk_to_human", "handoff"))
    assert '      yes: "ask"\n      talk_to_human: handoff\n' in out
    out = edit(FLOW, lambda d: add_transition(d, "ask", "check", "relay"))
    assert parse_flow(out).states["ask"].routes[-1].target == "relay"
    out = edit(FLOW, lambda d: add_transition(d, "relay", "check", "greet"))
    assert "    # a note inside relay\n    on:\n      check: greet\n" in out
    assert parse_flow(out).states["relay"].routes[0].trigger == "check"


def test_add_transition_refuses_a_duplicate_trigger():
    with pytest.raises(EditError, match="already routes"):
        add_transition(load_document(FLOW), "greet", "check", "relay")


def test_add_transition_to_inline_mapping():
    inline = FLOW.replace("    next: ask\n    # a note inside relay\n", "    on: {check: ask}\n")
    out = edit(inline, lambda d: add_transition(d, "relay", "talk_to_human", "handoff"))
    assert "on: {check: ask, talk_to_human: handoff}" in out


def test_remove_transition_keeps_the_rest():
    out = edit(FLOW, lambda d: remove_transition(d, "greet", 0))
    assert "the main path" not in out
    assert [r.trigger for r in parse_flow(out).states["greet"].routes] == ["yes"]
    out = edit(FLOW, lambda d: remove_transition(d, "ask", 0))
    routes = parse_flow(out).states["ask"].routes
    assert [r.trigger for r in routes] == ["talk_to_human"]
    assert "fallback: {then: greet}" in out


def test_removing_the_last_route_removes_on():
    one = edit(FLOW, lambda d: remove_transition(d, "greet", 0))
    out = edit(one, lambda d: remove_transition(d, "greet", 0))
    assert "on:" not in out.split("  ask:")[0].split("  greet:")[1]


def test_remove_next_and_inline_route():
    out = edit(FLOW, lambda d: remove_next(d, "relay"))
    assert parse_flow(out).states["relay"].next is None
    assert "# a note inside relay" in out  # the comment talks about the state, not the route
    inline = FLOW.replace("    next: ask\n", "    on: {check: ask, talk_to_human: handoff}\n")
    out = edit(inline, lambda d: remove_transition(d, "relay", 0))
    assert "on: {talk_to_human: handoff}" in out
    out = edit(inline, lambda d: remove_transition(d, "relay", 1))
    assert "on: {check: ask}" in out


def test_append_list_item_at_the_lists_indentation():
    tests = "flow: demo\nconversations:\n  - id: a   # first\n    turns: []\n# end\n"
    item = "- id: b\n  turns: []\n"
    out = edit(tests, lambda d: append_list_item(d, ("conversations",), item))
    assert out == "flow: demo\nconversations:\n  - id: a   # first\n    turns: []\n  - id: b\n    turns: []\n# end\n"


def test_crlf_files_get_crlf_insertions():
    crlf = FLOW.replace("\n", "\r\n")
    out = apply_edits(crlf, add_state(load_document(crlf), "extra"))
    assert "\r\n  extra:\r\n    say:" in out
    assert "\n" not in out.replace("\r\n", "")


def test_add_intent_appends_it_with_an_example_in_the_files_style():
    document = load_document(FLOW, "demo.flow.yaml")
    text = apply_edits(FLOW, add_intent(document, "refund", "mau refund dong"))
    assert '  check: {examples: ["cek"]}\n  refund:\n    examples: ["mau refund dong"]\n' in text
    assert parse_flow(text).intents["refund"].examples == ("mau refund dong",)
    with pytest.raises(EditError, match="already exists"):
        add_intent(document, "check", "x")


def test_state_fields_are_rewritten_in_place_added_at_the_end_or_removed():
    import textwrap

    from alur.designer.edits import add_slot, set_state_fields

    text = textwrap.dedent(
        """\
        states:
          greet:
            # the greeting
            say: "Halo"
            buttons:
              - Cek ongkir
              - Lacak
            on:
              cek: ask
          ask:
            say: x
        """
    )
    document = load_document(text, "f.flow.yaml")
    edits = set_state_fields(
        document,
        "greet",
        {
            "say": ["Halo!", "Hai kak"],
            "buttons": None,
            "collect": "city",
            "fallback": {"max_retries": 2, "then": "ask"},
        },
    )
    assert apply_edits(text, edits) == textwrap.dedent(
        """\
        states:
          greet:
            # the greeting
            say:
              - "Halo!"
              - "Hai kak"
            on:
              cek: ask
            collect: city
            fallback:
              max_retries: 2
              then: ask
          ask:
            say: x
        """
    )
    with_slot = apply_edits(text, add_slot(document, "city"))
    assert with_slot.startswith("slots:\n  city: {type: text}\n\nstates:\n")
    with pytest.raises(EditError, match="need more settings"):
        add_slot(document, "kode", "otp")
