"""List the lint rules of `alur check`, or explain one: `alur rules CODE`.

Each rule has a stable code, a severity (errors fail the check, warnings do
not) and documentation: why it exists, a failing and a passing example,
and the fix. Configure rules in .alur.yaml or [tool.alur] of pyproject.toml:
`select`/`ignore` lists of codes, `rules: {CODE: {option: value}}` and
`limits: {CHANNEL: {limit: value}}`.
"""

from __future__ import annotations

import argparse
import inspect
from types import ModuleType

from alur.runner.errors import InputError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", metavar="CODE", help="a rule code, e.g. escalation-unreachable")


def run(args: argparse.Namespace) -> int:
    from alur.flows.check import FILE_CODES
    from alur.flows.rules import RULES, UnknownRule, get

    if args.code is None:
        print(_table([(rule.ID, str(rule.SEVERITY), rule.SUMMARY) for rule in RULES.values()]))
        print("\nFile problems (reported before the rules run; cannot be ignored):")
        print(_table([(code, "error", text) for code, text in FILE_CODES.items()]))
        print("\nRun `alur rules CODE` for a rule's rationale, examples and fix.")
        return 0
    if args.code in FILE_CODES:
        print(f"{args.code} (error, file problem)\n\n{FILE_CODES[args.code]}.")
        return 0
    try:
        rule = get(args.code)
    except UnknownRule as error:
        raise InputError(f"{error} (`alur rules` lists them all)") from None
    print(explain(rule))
    return 0


def explain(rule: ModuleType) -> str:
    """A rule's full documentation: its docstring, options and channel limits."""
    parts = [f"{rule.ID} ({rule.SEVERITY}{', stops replay and explore' if rule.BLOCKS_RUNNING else ''})", "", inspect.cleandoc(rule.__doc__ or "")]
    if rule.OPTIONS:
        lines = [f"  {name} = {default}" for name, default in rule.OPTIONS.items()]
        parts += ["", f"Options (under `rules: {{{rule.ID}: ...}}` in configuration):", *lines]
    channel = getattr(rule, "CHANNEL", None)
    if channel is not None:
        from alur.flows.channels import limits_for

        limits = limits_for(channel)
        lines = [f"  {name} = {getattr(limits, name)}  ({limits.source(name)})" for name in rule.LIMITS]
        parts += ["", f"Limits (override under `limits: {{{channel}: ...}}` in configuration), with their sources:", *lines]
    return "\n".join(parts)


def _table(rows: list[tuple[str, str, str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{code:<{widths[0]}}  {severity:<{widths[1]}}  {text}" for code, severity, text in rows)
