"""Understanding customer turns without a trained model.

Everything here is data in, data out, and independent of the flow model:
the engine hands in texts, examples and slot specs and gets plain values
back. Word lists (slang, filler words, handoff phrases, concepts) are text files in
this package; a `Lexicon` is the built-in lists plus a project's own files,
and every function below takes one (the built-in lists by default).

- `normalise(text)`: how a turn reads once chat spelling is folded.
- `IntentMatcher(intents).match(text, candidates)`: the intent a turn means.
- `is_handoff_request(text)`: whether the customer asks for a human.
- `match_button(text, titles)`: which offered button a reply picks.
- `extract_slot(SlotSpec(...), text)`: a typed value found in a turn;
  `compile_slot_pattern(pattern)` is how a regex slot's pattern is run.
- `Lexicon.builtin().extended(slang=[...], handoff_phrases=[...],
  stopwords=[...])`: the built-in lists plus a project's files.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alur.flows.nlu.buttons import match_button
    from alur.flows.nlu.handoff import is_handoff_request
    from alur.flows.nlu.intents import IntentMatch, IntentMatcher
    from alur.flows.nlu.lexicon import Lexicon, LexiconError
    from alur.flows.nlu.slots import SlotSpec, extract_slot
    from alur.flows.nlu.text import normalise
    from alur.flows.patterns import compile_slot_pattern

# name -> the module that defines it, imported on first use: `alur check`
# needs the intent matcher (for confusable-example) but none of the slot
# extractors, dates or handoff phrases.
_HOMES = {
    "IntentMatch": "alur.flows.nlu.intents",
    "IntentMatcher": "alur.flows.nlu.intents",
    "Lexicon": "alur.flows.nlu.lexicon",
    "LexiconError": "alur.flows.nlu.lexicon",
    "SlotSpec": "alur.flows.nlu.slots",
    "extract_slot": "alur.flows.nlu.slots",
    "compile_slot_pattern": "alur.flows.patterns",
    "is_handoff_request": "alur.flows.nlu.handoff",
    "match_button": "alur.flows.nlu.buttons",
    "normalise": "alur.flows.nlu.text",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


__all__ = [
    "IntentMatch",
    "IntentMatcher",
    "Lexicon",
    "LexiconError",
    "SlotSpec",
    "compile_slot_pattern",
    "extract_slot",
    "is_handoff_request",
    "match_button",
    "normalise",
]
