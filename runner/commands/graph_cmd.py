"""Draw a flow as a diagram for docs and pull requests.

Mermaid (the default) renders directly in GitHub and GitLab Markdown inside
a ```mermaid block; DOT is for Graphviz (`alur graph FLOW --format dot |
dot -Tsvg > flow.svg`). Ended, escalate and action states are styled apart;
global routes and the flow's fallback are drawn once, from "any waiting
state"; routes to undefined states are drawn in red rather than refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alur.flows.diagnostics import FlowError
from alur.flows.graph import FORMATS, render
from alur.flows.validate import read_flow
from alur.runner.errors import ExitCode, InputError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("flow", type=Path, help="the flow file (*.flow.yaml)")
    parser.add_argument("--format", choices=FORMATS, default="mermaid", help="diagram language (default: mermaid)")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the diagram to FILE instead of standard output"
    )


def run(args: argparse.Namespace) -> int:
    try:
        flow = read_flow(args.flow)
    except FlowError as error:
        raise InputError(f"{args.flow} cannot be drawn:\n" + "\n".join(str(d) for d in error.diagnostics)) from None
    text = render(flow, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return ExitCode.OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{args.output}: cannot write the diagram: {error.strerror or error}") from None
    return ExitCode.OK
