"""The one way out for text a person reads: personal data masked, control characters made visible.

Transcripts are customers' conversations, and flows and exports come from
anywhere. Whatever of them a person reads (a text, Markdown or JUnit report,
a GitHub annotation, a message or progress line on standard error, the
designer's view of a transcript) goes through `shown` here:

- personal data is masked (alur.runner.privacy.mask_text: `[PHONE]`,
  `[EMAIL]`, …), including values written to slip past a pattern;
- control characters are escaped into visible text (`\\x1b`, `\\r`, `\\x07`,
  `\\u202e`), so that a transcript cannot retitle or clear the reader's
  terminal, move the cursor to forge a report line, or reverse the text
  around it. Tabs and line breaks are kept where the output is made of
  lines (`lines=True`: error messages, a JUnit failure's body) and escaped
  in a single field (an id, a finding's message, a file name).

Programs' formats keep the data itself: the JSON report holds the masked
text as it is (JSON escapes control characters itself; the few it lets
through raw are escaped by `json_safe`).

`escape_controls` alone is for text that holds no customer data but may
still come from anywhere (`alur check`'s diagnostics quote flow files): it
costs nothing to import, so `alur check` does not pay for the masking
patterns.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import TextIO

# C0 controls but tab and line feed, DEL, C1 controls (U+009B is a CSI of its
# own in some terminals), the Unicode line and paragraph separators, and the
# bidirectional overrides and isolates that reorder what a terminal shows.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROLS_IN_LINES = re.compile(f"[{_CONTROL}]")
_CONTROLS = re.compile(f"[\t\n{_CONTROL}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str, lines: bool = False) -> str:
    """`text` with every control character written as visible text (ESC as
    `\\x1b`); with `lines`, tabs and line breaks are kept."""
    pattern = _CONTROLS_IN_LINES if lines else _CONTROLS
    if pattern.search(text) is None:
        return text
    return pattern.sub(_visible, text)


def shown(text: str, reply_to: str | None = None, secrets: Iterable[str] = (), lines: bool = False) -> str:
    """`text` as a person may read it: personal data masked (`reply_to`, the
    message it answers, and `secrets`, values known to be sensitive, help
    find it), then control characters escaped."""
    from alur.runner.privacy import mask_text  # here, so that importing this module costs nothing

    return escape_controls(mask_text(text, reply_to, secrets), lines)


def say(message: str, stream: TextIO | None = None) -> None:
    """Writes `message` (one or more lines) to `stream` (standard error),
    `shown` as a person may read it."""
    print(shown(message, lines=True), file=stream if stream is not None else sys.stderr)


# JSON keeps C0 controls escaped by itself; these it writes raw.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(document: str) -> str:
    """A JSON text with the control characters JSON lets through raw written
    as `\\uXXXX` escapes: the same data, nothing a terminal acts on."""
    if _RAW_IN_JSON.search(document) is None:
        return document
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
