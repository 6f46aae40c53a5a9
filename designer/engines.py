"""The engine the designer runs flows on: with the project's own word lists
(`nlu:` in `.alur.yaml` or `[tool.alur.nlu]`), exactly as `alur chat` and
`alur replay` would understand the customer."""

from __future__ import annotations

from functools import cache

from alur.flows.config import load_config
from alur.flows.engine import Engine
from alur.flows.model import Flow
from alur.flows.nlu import Lexicon


@cache
def project_lexicon() -> Lexicon:
    """Read once per session; `alur design` calls it before the screen opens,
    so a broken configuration or word list is an exit-2 message, not a
    failure inside the app (ConfigError / LexiconError)."""
    return load_config().nlu.lexicon()


def engine_for(flow: Flow) -> Engine:
    return Engine(flow, lexicon=project_lexicon())
