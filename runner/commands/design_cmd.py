"""Open the Textual flow designer.

alur design FLOW opens a flow file; a FLOW that does not exist yet starts
from a template and is created on the first save (ctrl+s). Without FLOW a
new, untitled flow opens. Keys are shown in the footer; F1 explains them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from alur.runner.errors import ExitCode, InputError


def configure(parser: argparse.ArgumentParser) -> None:
    from alur.designer.templates import DEFAULT, TEMPLATES

    parser.add_argument("flow", nargs="?", metavar="FLOW", help="the *.flow.yaml file to open or create")
    parser.add_argument(
        "--template",
        choices=list(TEMPLATES),
        default=None,
        help=f"template for a new flow (default {DEFAULT}): " + "; ".join(f"{k}: {v}" for k, v in TEMPLATES.items()),
    )
    parser.add_argument("--light", action="store_true", help="start with the light theme")
    parser.add_argument("--no-highlight", action="store_true", help="no YAML syntax colours (faster on slow terminals)")


def run(args: argparse.Namespace) -> int:
    path = Path(args.flow).expanduser() if args.flow else None
    if path is not None:
        if path.is_dir():
            raise InputError(f"{path}: is a folder; give a flow file (NAME.flow.yaml)")
        if path.exists() and args.template:
            raise InputError(f"{path}: already exists; --template only applies to a new file")
        if not path.exists() and not path.parent.exists():
            raise InputError(f"{path}: the folder {path.parent} does not exist")
        if path.exists():
            _check_readable(path)
    _check_word_lists()
    from alur.designer.app import DesignerApp

    app = DesignerApp(path, template=args.template, highlight=not args.no_highlight, dark=not args.light)
    result = app.run()
    return int(result) if isinstance(result, int) else ExitCode.OK


def _check_word_lists() -> None:
    """The project's configuration and word lists, read before the screen
    opens so a broken one is reported like any unusable input."""
    from alur.designer.engines import project_lexicon
    from alur.flows.config import ConfigError
    from alur.flows.nlu import LexiconError

    try:
        project_lexicon()
    except (ConfigError, LexiconError) as error:
        raise InputError(str(error)) from None


def _check_readable(path: Path) -> None:
    """Refuse, before the screen opens, a file the designer could not show
    (binary, not UTF-8, too large): exit 2 with the reader's message."""
    from alur.flows.diagnostics import FlowError
    from alur.flows.loader import read_text

    try:
        read_text(path)
    except FlowError as error:
        raise InputError(str(error)) from None
