"""`--show-sensitive`: the values a failed expectation is about, shown on
the terminal of the person debugging it and nowhere else.

Reports mask sensitive slots and personal data, and say only how a masked
value differs from the expected one (`alur.runner.secret_diff`). Sometimes
a tester must see the values themselves; they are already on the tester's
machine (in the test file and the flow's run), so showing them there is
fine, but a report file, a JSON or JUnit output, or a pipe into a CI log is
not: the option is refused unless the text report goes to a terminal, and
the values are printed after the report, never inside it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from alur.runner.errors import InputError
from alur.runner.replay import ReplayReport
from alur.runner.safe_text import escape_controls
from alur.runner.trace import ReplayConfig


def add_show_sensitive_option(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--show-sensitive",
        action="store_true",
        help="after the text report, show the masked values of failed slot expectations (sensitive slots, "
        "phone numbers, e-mails) for debugging; only on a terminal, never in a file, JSON or JUnit",
    )


def with_show_sensitive(config: ReplayConfig, args: argparse.Namespace) -> ReplayConfig:
    """`config` asked to collect the values when `--show-sensitive` was given;
    InputError when the report would not go to a terminal as text."""
    if not getattr(args, "show_sensitive", False):
        return config
    if args.format != "text" or args.output:
        raise InputError(
            "--show-sensitive shows personal data, so only with the text report on a terminal: drop --format and --output"
        )
    if not sys.stdout.isatty():
        raise InputError(
            "--show-sensitive shows personal data, so only on a terminal: standard output is a file or a pipe"
        )
    return replace(config, show_sensitive=True)


def reveal(report: ReplayReport) -> None:
    """Print the values `with_show_sensitive` asked for, after the report."""
    if not report.revealed:
        return
    print("\nmasked values of failed expectations (--show-sensitive; never written to a file):")
    for line in report.revealed:
        print("  " + escape_controls(line))
