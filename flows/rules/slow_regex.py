"""slow-regex: a slot `pattern` or an intent `patterns` entry can take exponential time on some messages.

Why: a pattern that repeats something which can itself match the same text
in more than one way — a quantifier inside a quantifier, `(a+)+`, `(a*)*`,
`(\\w+\\s?)*`; a group repeated many times that can swallow what follows it,
`(.*a){20}`; alternatives that match the same thing, `(a|a)*`, `(a|aa)+` —
makes a backtracking engine try every way of splitting a message before it
gives up. A 30-character customer message can then take minutes, and every
customer of the bot waits. alur gives each match a time bound (the
`ALUR_REGEX_SECONDS` limit, docs/decisions.md) and counts a match over it as
no match, so the slot is never filled or the intent never recognised on
such messages: the pattern is broken either way. The rule reads the pattern's
structure and finds these shapes; it cannot prove a pattern fast, so the
time bound stays.

Fails:

    slots:
      order_id: {type: regex, pattern: "^([A-Z0-9]+-?)+$"}

Passes:

    slots:
      order_id: {type: regex, pattern: "^[A-Z0-9]+(-[A-Z0-9]+)*$"}

Fix: make each character matchable one way only: repeat the inner thing
once (`(a+)+` → `a+`), put a separator that the repeated part cannot match
between repetitions (`(\\d+,)*` is fine), and make alternatives start
differently (`(a|aa)+` → `a+`).
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]  # the parse tree `re` itself compiles from
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator, Mapping
from typing import Any

from alur.flows.diagnostics import Severity
from alur.flows.loader import Span
from alur.flows.rules._context import Context, Problem

ID = "slow-regex"
SEVERITY = Severity.ERROR
SUMMARY = "a slot pattern or intent pattern can take exponential time on some messages"
BLOCKS_RUNNING = False  # each match is time-bounded at run time, so the flow still runs
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    for name, slot in ctx.flow.slots.items():
        if slot.pattern:
            yield from _judge(
                ctx, slot.pattern, ctx.span(("slots", name, "pattern")) or slot.span, f"pattern of slot {name!r}"
            )
    for name, intent in ctx.flow.intents.items():
        for index, pattern in enumerate(intent.patterns):
            yield from _judge(
                ctx,
                pattern,
                ctx.span(("intents", name, "patterns", index)) or intent.span,
                f"pattern of intent {name!r}",
            )


def _judge(ctx: Context, pattern: str, span: Span | None, what: str) -> Iterator[Problem]:
    shape = slow_shape(pattern)
    if shape is not None:
        where = ctx.inner_span(span, slow_group(pattern) + 1) if "\n" not in pattern else span
        yield Problem(
            where,
            f"the {what} can take exponential time on some messages: {shape}; make each character matchable one way only",
        )


def slow_group(pattern: str) -> int:
    """Where in `pattern` the repeated group that makes it slow begins: the
    innermost group that, with its quantifier, is slow alone (0 when none
    is, e.g. where the pattern's flags make the difference)."""
    found: tuple[int, int] | None = None
    for start, end in _repeated_groups(pattern):
        if slow_shape(pattern[start:end]) is not None and (found is None or end - start < found[1] - found[0]):
            found = (start, end)
    return found[0] if found else 0


_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")


def _repeated_groups(pattern: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each parenthesised group followed by a quantifier,
    quantifier included; escapes and character classes are passed over."""
    opened: list[int] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # a class: `]` right after `[` or `[^` is a member
            index += 1
            index += pattern.startswith("^", index)
            index += pattern.startswith("]", index)
            while index < len(pattern) and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
            index += 1
            continue
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            start = opened.pop()
            quantifier = _QUANTIFIER.match(pattern, index + 1)
            if quantifier is not None:
                yield start, quantifier.end()
        index += 1


def slow_shape(pattern: str) -> str | None:
    """What makes `pattern` backtrack catastrophically, or None when none of
    the known shapes is found (or the pattern does not compile: `bad-regex`
    says so)."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    return _Walk(_alphabet(parsed)).sequence(list(parsed), frozenset(), repeated=False)


# Sets of characters are the characters of a sample alphabet they hold:
# ASCII and Latin-1, letters, digits and spaces of other scripts, and every
# character the pattern names, which is exact for the literals and classes
# patterns are made of.
Chars = frozenset[str]
Node = Any  # a node of `re`'s parse tree: (op, argument) pairs and lists of them

_OPTIONAL = "an optional part inside a repeated group can match what comes after it (as in '(a|aa)+')"
_SAMPLE = "".join(map(chr, range(256))) + "éüßçğıřžЯяあ中٣६𝟘\u00a0\u3000😀"
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
}


def _alphabet(parsed: Node) -> str:
    named = {chr(value) for op, value in _items(parsed) if op in (sre.LITERAL, sre.NOT_LITERAL)}
    return _SAMPLE + "".join(sorted(named))


def _items(node: Node) -> Iterator[tuple[Node, Node]]:
    """Every (op, argument) pair in a parsed pattern, at any depth."""
    if isinstance(node, (list, tuple, sre_parse.SubPattern)):
        for item in node:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], sre._NamedIntConstant):
                yield item
            yield from _items(item)


class _Walk:
    """Finds a part of a repeated group that can match the same characters as
    what may follow it inside the repetition: a quantifier or an optional
    part that can hand its characters to the next one, or two alternatives
    that start alike. Each is a second way to split the same text, and a
    repetition multiplies those ways."""

    def __init__(self, alphabet: str):
        self.alphabet = alphabet
        self.everything: Chars = frozenset(alphabet)

    def of_class(self, items: list[tuple[Node, Node]]) -> Chars:
        """The characters of a `[...]` class (or of `\\d`, `\\w`, … alone)."""
        negate = bool(items) and items[0][0] is sre.NEGATE
        found: set[str] = set()
        for op, value in items[negate:]:
            if op is sre.LITERAL:
                found.add(chr(value))
            elif op is sre.RANGE:
                found.update(c for c in self.alphabet if value[0] <= ord(c) <= value[1])
            elif op is sre.CATEGORY and value in _CATEGORIES:
                test = re.compile(_CATEGORIES[value])
                found.update(c for c in self.alphabet if test.fullmatch(c))
            else:  # a class alur cannot read exactly: assume it can match anything
                return self.everything
        return self.everything - found if negate else frozenset(found)

    def first(self, sequence: list[Node]) -> tuple[Chars, bool]:
        """(the characters `sequence` can start with, whether it can match nothing)."""
        found: Chars = frozenset()
        for op, value in sequence:
            chars, empty = self.element(op, value)
            found |= chars
            if not empty:
                return found, False
        return found, True

    def element(self, op: Node, value: Node) -> tuple[Chars, bool]:
        if op is sre.LITERAL:
            return frozenset(chr(value)), False
        if op is sre.NOT_LITERAL:
            return self.everything - {chr(value)}, False
        if op is sre.ANY:
            return self.everything, False
        if op is sre.IN:
            return self.of_class(value), False
        if op is sre.SUBPATTERN:
            return self.first(list(value[3]))
        if op is sre.ATOMIC_GROUP:
            return self.first(list(value))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, body = value
            chars, empty = self.first(list(body))
            return chars, empty or low == 0
        if op is sre.BRANCH:
            chars, empty = frozenset(), False
            for alternative in value[1]:
                more, nothing = self.first(list(alternative))
                chars, empty = chars | more, empty or nothing
            return chars, empty
        if op is sre.GROUPREF_EXISTS:
            _, yes, no = value
            a, a_empty = self.first(list(yes))
            b, b_empty = self.first(list(no)) if no else (frozenset(), True)
            return a | b, a_empty or b_empty
        if op is sre.GROUPREF:
            return self.everything, True
        return frozenset(), True  # anchors, lookarounds: match no characters

    def sequence(self, sequence: list[Node], follow: Chars, repeated: bool) -> str | None:
        """The slow shape in `sequence`, followed by characters `follow`;
        `repeated`: whether it is inside a repetition (of the same round)."""
        for index, (op, value) in enumerate(sequence):
            rest, rest_empty = self.first(sequence[index + 1 :])
            found = self.part(op, value, rest | follow if rest_empty else rest, repeated)
            if found is not None:
                return found
        return None

    def part(self, op: Node, value: Node, after: Chars, repeated: bool) -> str | None:
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            return self.sequence(list(value[1]), frozenset(), False)
        if op is sre.SUBPATTERN:
            return self.sequence(list(value[3]), after, repeated)
        if op is sre.BRANCH:
            alternatives = [list(a) for a in value[1]]
            if repeated:
                firsts = [self.first(a) for a in alternatives]
                for i, (a, a_empty) in enumerate(firsts):
                    for b, b_empty in firsts[i + 1 :]:
                        if (a_empty and b_empty) or a & b:
                            return "two alternatives inside a repeated group can match the same text"
                if any(empty for _, empty in firsts) and self.element(op, value)[0] & after:  # `(a|)` is `a?`
                    return _OPTIONAL
            for alternative in alternatives:
                found = self.sequence(alternative, after, repeated)
                if found is not None:
                    return found
            return None
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = value
            body = list(body)
            chars, _ = self.first(body)
            if repeated and (high == sre.MAXREPEAT or low == 0) and chars & after:
                if high == sre.MAXREPEAT:
                    return "a quantifier inside a repeated group can match what comes after it (as in '(a+)+')"
                return _OPTIONAL
            if high >= 2:  # a repetition of its own: each round may end where the next begins
                return self.sequence(body, chars | after, True)
            return self.sequence(body, after, repeated)
        return None  # possessive repeats and atomic groups never give back what they matched
