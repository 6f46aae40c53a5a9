"""Print the flow JSON Schema, for editors and yaml-language-server.

Save it and point your editor at it, e.g. with the comment
`# yaml-language-server: $schema=flow.schema.json` at the top of a flow.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    from alur.flows.validate import schema_text

    text = schema_text()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
