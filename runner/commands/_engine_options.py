"""Command-line options shared by every command that runs a flow (chat,
replay, explore): how turns are understood and where action outcomes come
from. One place, so the options read the same in every command.

Turns are read with alur's built-in word lists plus the project's own:
the files under `nlu:` of the nearest configuration (`.alur.yaml`, or
`[tool.alur.nlu]` in pyproject.toml; the command's `--config` file when it
has one), then those given by `--slang FILE` and `--handoff-phrases FILE`.

    add_engine_options(parser)
    ...
    flow = load_flow(args.flow)
    engine = engine_from_args(flow, args)
    conversation, opening = engine.start(actions=fixtures_from_args(args))
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from alur.flows.check import load_runnable_flow
from alur.flows.config import ConfigError, NluFiles, load_config
from alur.flows.diagnostics import FlowError
from alur.flows.engine import Engine
from alur.flows.loader import load_document, read_text
from alur.flows.model import Flow
from alur.flows.nlu import Lexicon, LexiconError
from alur.flows.outcomes import Outcomes, OutcomesError, parse_outcomes
from alur.flows.plugins import PluginError, load_classifier
from alur.runner.errors import InputError

Fixtures = dict[str, Outcomes]


def add_engine_options(
    parser: argparse.ArgumentParser, *, recorded_intents: bool = True, fixtures: bool = True
) -> None:
    """Add `--nlu`, `--slang`, `--handoff-phrases`, `--seed` and, unless
    turned off, `--trust-recorded-intents` and `--actions FILE` to a
    command's parser."""
    group = parser.add_argument_group("running the flow")
    group.add_argument(
        "--nlu",
        metavar="MODULE:FUNCTION",
        help="classify turns with your own NLU instead of alur's matcher: a callable "
        "text -> intent | (intent, score) | None, given as module:function or as the "
        "name of an entry point in the `alur.nlu` group",
    )
    group.add_argument(
        "--slang",
        metavar="FILE",
        type=Path,
        action="append",
        help="more chat spellings, in the format of alur's slang.txt (`expansion: variant variant`), "
        "added to the built-in table and to the `nlu.slang` files of the configuration; repeatable",
    )
    group.add_argument(
        "--handoff-phrases",
        metavar="FILE",
        type=Path,
        action="append",
        help="more phrases that ask for a person, one per line as in alur's handoff_id.txt, "
        "added to the built-in lists and to the configuration's `nlu.handoff_phrases`; repeatable",
    )
    if recorded_intents:
        group.add_argument(
            "--trust-recorded-intents",
            action="store_true",
            help="when a transcript turn carries an `intent`, use it instead of classifying the text",
        )
    if fixtures:
        group.add_argument(
            "--actions",
            metavar="FILE",
            type=Path,
            help="YAML or JSON file giving each action's outcomes: in order "
            "(`lookup_order: [found, not_found]`), on every call (`{always: found}`), "
            "round and round (`{cycle: [found, not_found]}`) or by a slot's value "
            '(`{by_slot: order_id, values: {"INV-1": found}, otherwise: not_found}`)',
        )
    group.add_argument(
        "--seed",
        type=int,
        default=0,
        help="offset for rotating `say` variants (default 0: the first variant first)",
    )


def load_flow(path: Path | str) -> Flow:
    """The flow at `path`, ready to run; InputError listing every problem that
    stops it (unreadable, invalid YAML or schema, undefined references).
    Lint findings do not stop it: running a flow shows their consequences."""
    try:
        return load_runnable_flow(path)
    except FlowError as error:
        raise InputError(f"{path} cannot be run:\n" + "\n".join(str(d) for d in error.diagnostics)) from None


def engine_from_args(flow: Flow, args: argparse.Namespace) -> Engine:
    """An Engine configured by the options `add_engine_options` added."""
    classifier = None
    if getattr(args, "nlu", None):
        try:
            classifier = load_classifier(args.nlu)
        except PluginError as error:
            raise InputError(f"--nlu {args.nlu}: {error}") from None
    lexicon = lexicon_from_args(args)
    try:
        return Engine(
            flow,
            classifier=classifier,
            trust_recorded_intents=bool(getattr(args, "trust_recorded_intents", False)),
            seed=getattr(args, "seed", 0) or 0,
            lexicon=lexicon,
        )
    except FlowError as error:
        raise InputError(f"{flow.path} cannot be run:\n" + "\n".join(str(d) for d in error.diagnostics)) from None


def word_lists_from_args(args: argparse.Namespace) -> NluFiles:
    """The configuration's `nlu` files plus `--slang` / `--handoff-phrases`
    (InputError naming the configuration file that cannot be used)."""
    try:
        files = load_config(getattr(args, "config", None)).nlu
    except ConfigError as error:
        raise InputError(str(error)) from None
    return replace(
        files,
        slang=(*files.slang, *map(Path, getattr(args, "slang", None) or ())),
        handoff_phrases=(*files.handoff_phrases, *map(Path, getattr(args, "handoff_phrases", None) or ())),
    )


def lexicon_from_args(args: argparse.Namespace) -> Lexicon:
    """The built-in word lists plus the project's and the command line's;
    InputError naming the file (and line) that cannot be used. Without any,
    the shared built-in lexicon."""
    try:
        return word_lists_from_args(args).lexicon()
    except LexiconError as error:
        raise InputError(str(error)) from None


def fixtures_from_args(args: argparse.Namespace) -> Fixtures | None:
    """The outcomes of `--actions FILE`, or None when the option was not given."""
    path = getattr(args, "actions", None)
    return None if path is None else load_fixtures(path)


def load_fixtures(path: Path) -> Fixtures:
    """Read an action fixtures file: a mapping of action name to outcomes in
    any shape of `alur.flows.outcomes`. InputError naming file and line
    otherwise."""
    try:
        text = read_text(Path(path))
        if not text.strip():
            raise InputError(f"{path}: the fixtures file is empty; write e.g. `lookup_order: [found]`")
        document = load_document(text, str(path))
    except FlowError as error:
        if any(d.code == "not-text" for d in error.diagnostics):  # the loader words it for flows
            raise InputError(f"--actions {path}: a binary file, not text; write e.g. `lookup_order: [found]`") from None
        raise InputError("\n".join(str(d) for d in error.diagnostics)) from None
    data = document.data
    if not isinstance(data, dict):
        raise InputError(
            f"{path}:1:1: the fixtures file must be a mapping of action name to outcomes, e.g. `lookup_order: [found]`"
        )
    fixtures: Fixtures = {}
    for action, outcomes in data.items():
        span = document.span((action,))
        where = f"{path}:{span.line}:{span.column}" if span else str(path)
        try:
            fixtures[str(action)] = parse_outcomes(str(action), outcomes)
        except OutcomesError as error:
            raise InputError(f"{where}: {error}") from None
    return fixtures
