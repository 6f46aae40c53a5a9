"""The `if:` condition language: meaning, names, and errors with columns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alur.flows.conditions import Condition, ConditionError, compile_condition

SLOTS = {
    "amount": 1_500_000,
    "method": "Transfer",
    "city": " Jakarta ",
    "count": "5",  # a text slot that holds a number
    "vip": True,
    "date": "2025-08-17",
    "empty": None,  # None is unset
}


@pytest.mark.parametrize(
    ("source", "holds"),
    [
        ("amount >= 1000000", True),
        ("amount < 1000000", False),
        ("amount == 1500000.0", True),
        ("method == 'transfer'", True),  # text ignores case
        ('city == "jakarta"', True),  # and surrounding spaces
        ("method != 'cod'", True),
        ("count > 3", True),  # text that is a number compares as one
        ("count == 5", True),
        ("date >= '2025-08-01'", True),  # ISO dates order as text
        ("date < '2025-08-17'", False),
        ("vip == true", True),
        ("vip == 1", False),  # different kinds are never equal
        ("amount > 'abc'", False),  # nor ordered
        ("method in ['transfer', 'va']", True),
        ("method not in ['cod']", True),
        ("amount in [1, 2]", False),
        ("amount >= 1000000 and method in ['transfer', 'va']", True),
        ("amount < 10 or vip == true", True),
        ("not vip == false", True),
        ("NOT vip == TRUE", False),  # keywords in any case; not binds looser than ==
        ("(amount < 10 or city == 'jakarta') and not (method == 'cod')", True),
        ("amount < 10 or city == 'bandung' and vip == true", False),  # and binds tighter
        ("true", True),
        ("false or vip is set", True),
        ("method == 'it\\'s'", False),
        ("method == '&& = !'", False),  # operators inside text are text
    ],
)
def test_condition_holds(source, holds):
    assert compile_condition(source).evaluate(SLOTS) is holds


@pytest.mark.parametrize(
    ("source", "holds"),
    [
        ("missing is set", False),
        ("missing is not set", True),
        ("empty is set", False),
        ("empty is not set", True),
        ("missing == 1", False),
        ("missing != 1", False),  # every comparison with an unset slot is false
        ("missing < 1", False),
        ("missing in [1]", False),
        ("missing not in [1]", False),
        ("not (missing == 1)", True),
        ("missing == missing", False),
    ],
)
def test_unset_slots(source, holds):
    assert compile_condition(source).evaluate(SLOTS) is holds


def test_names_are_the_slots_read():
    condition = compile_condition("amount > 5 and (method in ['a'] or not vip is set) and 'x' == 'x'")
    assert isinstance(condition, Condition)
    assert condition.names == frozenset({"amount", "method", "vip"})
    assert condition.source.startswith("amount")


@pytest.mark.parametrize(
    ("source", "column", "message"),
    [
        ("", 1, "empty"),
        ("   ", 1, "empty"),
        ("amount = 5", 8, "use `==`"),
        ("a && b", 3, "use `and`"),
        ("a || b", 3, "use `or`"),
        ("!vip", 1, "use `not`"),
        ("a <> 1", 3, "use `!=`"),
        ("vip", 1, "write `vip is set`"),
        ("vip and amount > 1", 1, "write `vip is set`"),
        ("5", 1, "alone is not a condition"),
        ("a == ", 6, "found the end"),
        ("(a == 1", 8, "`)` to close the `(` at column 1"),
        ("a == 1)", 7, "found ')'"),
        ("1 < a < 5", 7, "one pair at a time"),
        ("a in b", 6, "`[`"),
        ("a in [1, b]", 10, "expected a value"),
        ("a in [1,", 9, "found the end"),
        ("a == 'x", 6, "closing quote"),
        ("a is", 5, "`set`"),
        ("a is not", 9, "`set`"),
        ("5 is set", 1, "only a slot name"),
        ("a == 1 b == 2", 8, "expected `and`, `or`"),
        ("a # 1", 3, "'#'"),
        ("and", 1, "keyword 'and'"),
        ("a == 1 and", 11, "found the end"),
        ("not", 4, "found the end"),
        ("a == __import__('os')", 16, "found '('"),
        ("(" * 50 + "a == 1" + ")" * 50, 41, "deeper than 40"),
    ],
)
def test_errors_point_at_their_column(source, column, message):
    with pytest.raises(ConditionError) as raised:
        compile_condition(source)
    assert raised.value.column == column
    assert message in raised.value.message
    assert str(raised.value) == raised.value.message


def test_overlong_condition_is_an_error():
    with pytest.raises(ConditionError, match="longer than"):
        compile_condition("a == 1 or " * 300 + "a == 1")


def test_a_long_flat_condition_compiles():
    source = " or ".join(f"s{i} == {i}" for i in range(100))
    assert compile_condition(source).evaluate({"s99": 99})


@given(st.text(max_size=80))
def test_any_text_compiles_or_raises_condition_error(source):
    try:
        condition = compile_condition(source)
    except ConditionError as error:
        assert 1 <= error.column <= len(source) + 1
    else:
        assert condition.evaluate({}) in (True, False)


@given(
    st.dictionaries(
        st.sampled_from(["a", "b"]),
        st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5), st.booleans()),
    )
)
def test_evaluation_never_raises_whatever_the_slot_values(slots):
    condition = compile_condition("a < b or a == 'x' or b in [1, 'y', true] or not a >= 2.5 or a is set")
    assert condition.evaluate(slots) in (True, False)
