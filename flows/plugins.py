"""Plugging a team's own intent classifier into the engine.

Teams with a production NLU want replay and chat to route turns the way
production does. A classifier is any callable taking the customer's text and
returning one of:

- `None` (nothing matched),
- an intent name,
- a pair `(intent, score)`,
- an object with `intent` and `score` attributes (alur's own `IntentMatch`
  qualifies), or a mapping with those keys.

It is named on the command line as `--nlu package.module:function`, or by
the name of an entry point in the `alur.nlu` group, so that a package can
register it once:

    [project.entry-points."alur.nlu"]
    acme = "acme_nlu.alur:classify"
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "alur.nlu"

Classifier = Callable[[str], object]


class PluginError(ValueError):
    """A classifier that cannot be loaded, or that answered in a shape alur cannot read."""


def load_classifier(spec: str) -> Classifier:
    """The callable named by `module:function` or by an `alur.nlu` entry point."""
    spec = spec.strip()
    if ":" in spec:
        module_name, _, attribute = spec.partition(":")
        try:
            target: object = importlib.import_module(module_name)
        except ImportError as error:
            raise PluginError(f"cannot import NLU module {module_name!r}: {error}") from None
        for part in attribute.split("."):
            try:
                target = getattr(target, part)
            except AttributeError:
                raise PluginError(f"NLU module {module_name!r} has no {attribute!r}") from None
    else:
        found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == spec]
        if not found:
            installed = sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))
            hint = f"installed: {', '.join(installed)}" if installed else "none is installed"
            raise PluginError(
                f"no NLU plug-in named {spec!r} in entry point group {ENTRY_POINT_GROUP!r} ({hint}); or give module:function"
            )
        try:
            target = found[0].load()
        except Exception as error:  # whatever the plug-in's import raises
            raise PluginError(f"NLU plug-in {spec!r} failed to load: {type(error).__name__}: {error}") from None
    if not callable(target):
        raise PluginError(f"NLU plug-in {spec!r} is not callable")
    return target


def read_result(result: object) -> tuple[str | None, float | None]:
    """A classifier's answer as `(intent, score)`; PluginError for anything else."""
    if result is None:
        return None, None
    if isinstance(result, str):
        return (result, 1.0) if result else (None, None)
    if isinstance(result, Mapping):
        intent, score = result.get("intent"), result.get("score", 1.0)
    elif isinstance(result, (tuple, list)) and len(result) == 2:
        intent, score = result
    elif hasattr(result, "intent"):
        intent, score = result.intent, getattr(result, "score", 1.0)
    else:
        raise PluginError(
            f"the NLU plug-in returned {result!r}; expected None, an intent name, (intent, score) or an object with .intent and .score"
        )
    if intent is None:
        return None, None
    if not isinstance(intent, str) or isinstance(score, bool) or not isinstance(score, (int, float, type(None))):
        raise PluginError(f"the NLU plug-in returned {result!r}; the intent must be text and the score a number")
    return (intent or None), (None if score is None else float(score))
