"""The `if:` language of `on` routes: small, safe conditions over slots.

    - intent: pay
      if: amount >= 1000000 and method in ['transfer', 'va']
      goto: confirm_big_payment

Grammar, loosest binding first:

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | test
    test       := "(" or ")" | "true" | "false"
                | value ("==" | "!=" | "<" | "<=" | ">" | ">=") value
                | value ["not"] "in" "[" literal ("," literal)* "]"
                | name "is" ["not"] "set"
    value      := name | literal
    literal    := number | 'text' | "text" | true | false

Meaning, chosen for conversation designers rather than programmers:

- A slot that is not set makes every comparison and `in` false (also `!=`
  and `not in`); only `is not set` is true for it. So `not (x == 1)` is
  true when x is unset, `x != 1` is not.
- Text compares without regard to case or surrounding spaces
  (`city == 'jakarta'` holds for "Jakarta"). Text that is a number
  compares as that number with numbers (a text slot holding "5" is > 3).
  ISO dates, being text, order correctly (`date >= '2025-08-01'`).
- Values of different kinds are never equal, and never ordered (false).
- A slot name alone is not a condition: write `vip is set`.

The source is parsed once into a tree of small Python functions; nothing is
ever passed to `eval`. A mistake raises `ConditionError` with the 1-based
column where it starts, so that `check` can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_LENGTH = 2000
MAX_DEPTH = 40
_KEYWORDS = frozenset({"and", "or", "not", "in", "is", "set", "true", "false"})
_COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>-?\d+(?:\.\d+)?(?![\w.]))
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
    """,
    re.VERBOSE,
)
# Things people write from other languages, and what to write instead.
_MISTAKES = {
    "&&": "use `and`",
    "||": "use `or`",
    "!": "use `not`",
    "=": "use `==` to compare",
    "===": "use `==` to compare",
    "<>": "use `!=`",
}
_MISTAKES_LONGEST_FIRST = sorted(_MISTAKES, key=len, reverse=True)
Slots = Mapping[str, object]
Test = Callable[[Slots], bool]


class ConditionError(ValueError):
    """A condition that cannot be used; `column` is 1-based into the source."""

    def __init__(self, message: str, column: int):
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True)
class _Token:
    kind: str  # name, keyword, number, string, op, end
    text: str
    column: int
    value: object = None


@dataclass(frozen=True, eq=False)
class Condition:
    """A compiled `if:` condition. `names` are the slots it reads."""

    source: str
    names: frozenset[str]
    _test: Test

    def evaluate(self, slots: Slots) -> bool:
        """Whether the condition holds for these slot values (unset: absent or None)."""
        return self._test(slots)


def compile_condition(source: str) -> Condition:
    """Parse `source`; raises ConditionError(message, column) when it is not
    a valid condition."""
    if not isinstance(source, str):
        raise ConditionError(f"a condition must be text, not {type(source).__name__}", 1)
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"condition is longer than {MAX_LENGTH} characters", MAX_LENGTH + 1)
    parser = _Parser(_tokens(source))
    if parser.peek().kind == "end":
        raise ConditionError("the condition is empty", 1)
    test = parser.parse()
    return Condition(source, frozenset(parser.names), test)


def _tokens(source: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(source):
        column = position + 1
        for mistake in _MISTAKES_LONGEST_FIRST:
            if source.startswith(mistake, position) and not source.startswith(("==", "!=", "<=", ">="), position):
                raise ConditionError(f"unexpected {mistake!r}: {_MISTAKES[mistake]}", column)
        m = _TOKEN.match(source, position)
        if m is None:
            char = source[position]
            if char in "'\"":
                raise ConditionError("text is not closed: add the closing quote", column)
            raise ConditionError(f"unexpected character {char!r}", column)
        position = m.end()
        kind = m.lastgroup or ""  # every alternative of the pattern is a named group
        text = m.group()
        if kind == "space":
            continue
        if kind == "number":
            tokens.append(_Token("number", text, column, float(text) if "." in text else int(text)))
        elif kind == "string":
            body = re.sub(r"\\(.)", r"\1", text[1:-1])
            tokens.append(_Token("string", text, column, body))
        elif kind == "name" and text.lower() in _KEYWORDS:
            tokens.append(_Token("keyword", text.lower(), column))
        else:
            tokens.append(_Token(kind, text, column))
    tokens.append(_Token("end", "", len(source) + 1))
    return tokens


def _describe(token: _Token) -> str:
    return "the end of the condition" if token.kind == "end" else repr(token.text)


class _Parser:
    """Recursive descent over the token list, building closures."""

    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.position = 0
        self.depth = 0
        self.names: set[str] = set()

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.position + ahead, len(self.tokens) - 1)]

    def take(self) -> _Token:
        token = self.peek()
        self.position += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.peek()
        return token.kind == kind and (text is None or token.text == text)

    def expect(self, kind: str, text: str, what: str) -> _Token:
        if not self.at(kind, text):
            token = self.peek()
            raise ConditionError(f"expected {what}, found {_describe(token)}", token.column)
        return self.take()

    def parse(self) -> Test:
        test = self.parse_or()
        token = self.peek()
        if token.kind != "end":
            if token.kind == "op" and token.text in _COMPARISONS:
                raise ConditionError(
                    f"compare one pair at a time: write `a < x and x < b`, not a chain ({token.text!r})", token.column
                )
            raise ConditionError(f"expected `and`, `or` or the end, found {_describe(token)}", token.column)
        return test

    def parse_or(self) -> Test:
        tests = [self.parse_and()]
        while self.at("keyword", "or"):
            self.take()
            tests.append(self.parse_and())
        if len(tests) == 1:
            return tests[0]
        return lambda slots: any(test(slots) for test in tests)

    def parse_and(self) -> Test:
        tests = [self.parse_not()]
        while self.at("keyword", "and"):
            self.take()
            tests.append(self.parse_not())
        if len(tests) == 1:
            return tests[0]
        return lambda slots: all(test(slots) for test in tests)

    def parse_not(self) -> Test:
        if self.at("keyword", "not"):
            token = self.take()
            self.enter(token)
            inner = self.parse_not()
            self.depth -= 1
            return lambda slots: not inner(slots)
        return self.parse_test()

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(f"the condition nests deeper than {MAX_DEPTH} levels", token.column)

    def parse_test(self) -> Test:
        token = self.peek()
        if self.at("op", "("):
            self.take()
            self.enter(token)
            inner = self.parse_or()
            self.depth -= 1
            self.expect("op", ")", "`)` to close the `(` at column " + str(token.column))
            return inner
        left = self.parse_value()
        following = self.peek()
        if following.kind == "op" and following.text in _COMPARISONS:
            self.take()
            right = self.parse_value()
            return _comparison(following.text, left, right)
        if self.at("keyword", "in") or (self.at("keyword", "not") and self.peek(1).text == "in"):
            negated = self.take().text == "not"
            if negated:
                self.take()
            return _membership(left, self.parse_list(), negated)
        if self.at("keyword", "is"):
            return self.parse_is_set(token)
        if token.kind == "keyword" and token.text in ("true", "false"):
            return lambda slots: left(slots) is True
        if token.kind == "name":
            raise ConditionError(
                f"{token.text!r} alone is not a condition: write `{token.text} is set`, or compare it", token.column
            )
        raise ConditionError(f"{token.text} alone is not a condition: compare it with something", token.column)

    def parse_is_set(self, subject: _Token) -> Test:
        self.take()
        negated = self.at("keyword", "not")
        if negated:
            self.take()
        self.expect("keyword", "set", "`set` after `is`" + (" not" if negated else ""))
        if subject.kind != "name":
            raise ConditionError("only a slot name can be `set`", subject.column)
        name = subject.text
        if negated:
            return lambda slots: slots.get(name) is None
        return lambda slots: slots.get(name) is not None

    def parse_value(self) -> Callable[[Slots], object]:
        token = self.take()
        if token.kind == "name":
            self.names.add(token.text)
            name = token.text
            return lambda slots: slots.get(name)
        if token.kind in ("number", "string") or (token.kind == "keyword" and token.text in ("true", "false")):
            value = _literal(token)
            return lambda slots: value
        if token.kind == "keyword":
            raise ConditionError(f"expected a slot name or a value, found the keyword {token.text!r}", token.column)
        raise ConditionError(f"expected a slot name or a value, found {_describe(token)}", token.column)

    def parse_list(self) -> tuple[object, ...]:
        self.expect("op", "[", "`[` to start the list after `in`")
        items: list[object] = []
        while not self.at("op", "]"):
            token = self.take()
            if not (
                token.kind in ("number", "string") or (token.kind == "keyword" and token.text in ("true", "false"))
            ):
                where = "a value or `]`" if not items else "a value"
                raise ConditionError(f"expected {where} in the list, found {_describe(token)}", token.column)
            items.append(_literal(token))
            if not self.at("op", "]"):
                self.expect("op", ",", "`,` or `]` in the list")
        self.take()
        return tuple(items)


def _literal(token: _Token) -> object:
    if token.kind == "keyword":
        return token.text == "true"
    return token.value


def _number(value: object) -> int | float | None:
    """The number a value stands for: numbers, and text that is a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _comparable(left: object, right: object) -> tuple[object, object] | None:
    """Both values in one kind (number, folded text, bool), or None."""
    if isinstance(left, bool) or isinstance(right, bool):
        return (left, right) if isinstance(left, bool) and isinstance(right, bool) else None
    if isinstance(left, (int, float)) or isinstance(right, (int, float)):
        a, b = _number(left), _number(right)
        return (a, b) if a is not None and b is not None else None
    if isinstance(left, str) and isinstance(right, str):
        return left.strip().casefold(), right.strip().casefold()
    return None


def _equal(left: object, right: object) -> bool:
    pair = _comparable(left, right)
    return pair is not None and pair[0] == pair[1]


_ORDER: dict[str, Callable[[object, object], bool]] = {
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
}


def _comparison(operator: str, left: Callable[[Slots], object], right: Callable[[Slots], object]) -> Test:
    def test(slots: Slots) -> bool:
        a, b = left(slots), right(slots)
        if a is None or b is None:
            return False
        if operator == "==":
            return _equal(a, b)
        if operator == "!=":
            return not _equal(a, b)
        pair = _comparable(a, b)
        if pair is None or isinstance(pair[0], bool):
            return False
        return _ORDER[operator](*pair)

    return test


def _membership(value: Callable[[Slots], object], items: tuple[object, ...], negated: bool) -> Test:
    def test(slots: Slots) -> bool:
        v = value(slots)
        if v is None:
            return False
        return any(_equal(v, item) for item in items) != negated

    return test
