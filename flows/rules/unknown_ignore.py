"""unknown-ignore: an `# alur: ignore[...]` comment names a code that no rule has.

Why: an ignore comment with a misspelt code silences nothing, and looks as
if it did: the finding it was meant for keeps being reported (or, worse,
the designer stops reading the report), and a code spelt right later on
the same line would hide a different finding than intended. Problems with
the file itself (`schema`, `duplicate-key`, ...) are never silenced by
comments, so naming them is reported too.

Fails:

    slots:
      voucher: {type: text}   # alur: ignore[unused-slots]

Passes:

    slots:
      voucher: {type: text}   # alur: ignore[unused-slot]

Fix: write the code as `alur check` prints it (`alur rules` lists them
all), or delete the comment when the finding is gone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.loader import Span
from alur.flows.rules._context import Context, Problem
from alur.flows.rules._names import did_you_mean

ID = "unknown-ignore"
SEVERITY = Severity.WARNING
SUMMARY = "an `# alur: ignore[...]` comment names a code that no rule has"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    # The comment syntax and the codes belong to the checker and the registry,
    # which import the rules: read them at call time, so they cannot drift apart.
    from alur.flows.check import _IGNORE_COMMENT, FILE_CODES
    from alur.flows.rules import RULES

    for number, line in enumerate(ctx.lines, 1):
        if "alur:" not in line:
            continue
        match = _IGNORE_COMMENT.search(line)
        if match is None or match.group(1) is None:
            continue
        start = match.start(1)
        for part in match.group(1).split(","):
            code = part.strip()
            column = start + len(part) - len(part.lstrip()) + 1
            start += len(part) + 1
            if code in RULES:
                continue
            span = Span(number, column, number, column + max(len(code), 1))
            if not code:
                yield Problem(
                    span,
                    "an empty code in `# alur: ignore[...]` silences nothing; name a rule, or write a bare `# alur: ignore` for every rule",
                )
            elif code in FILE_CODES:
                yield Problem(
                    span, f"`{code}` is a problem with the file itself, which comments cannot silence; fix it instead"
                )
            else:
                yield Problem(
                    span, f"`# alur: ignore[{code}]` names no rule, so it silences nothing{did_you_mean(code, RULES)}"
                )
