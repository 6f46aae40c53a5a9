"""List the lint rules of `alur check` and the detectors that find problems
in conversations, or explain one: `alur rules CODE`.

Each rule has a stable code, a severity (errors fail the check, warnings do
not) and documentation: why it exists, a failing and a passing example,
and the fix. Configure rules in .alur.yaml or [tool.alur] of pyproject.toml:
`select`/`ignore` lists of codes, `rules: {CODE: {option: value}}` and
`limits: {CHANNEL: {limit: value}}`.

Detectors judge conversations: `alur replay` and `alur explore` run the
flow's detectors on conversations re-driven through the flow, `alur audit`
its own on recordings as they happened. Each names the finding kind it
reports (contract §4); turn one off with `--disable CODE` or `disable` in
the command's settings (docs/configuration.md).
"""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Iterable
from types import ModuleType
from typing import ClassVar, NamedTuple, Protocol

from alur.runner.errors import InputError

_SUMMARY_WIDTH = 100


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "code", nargs="?", metavar="CODE", help="a rule or detector code, e.g. escalation-unreachable or loop"
    )


def run(args: argparse.Namespace) -> int:
    from alur.flows.check import FILE_CODES
    from alur.flows.rules import RULES

    if args.code is None:
        print(_table([(rule.ID, str(rule.SEVERITY), rule.SUMMARY) for rule in RULES.values()]))
        print("\nFile problems (reported before the rules run; cannot be ignored):")
        print(_table([(code, "error", text) for code, text in FILE_CODES.items()]))
        for registry in _detector_groups():
            print(f"\n{registry.heading} ({registry.run_by}):")
            print(_table([(cls.code, cls.kind, summary(cls)) for cls in registry.detectors]))
        print("\nRun `alur rules CODE` for a rule's or detector's rationale, examples and fix.")
        return 0
    code = args.code
    found: list[str] = []
    if code in RULES:
        found.append(explain(RULES[code]))
    if code in FILE_CODES:
        found.append(f"{code} (error, file problem)\n\n{FILE_CODES[code]}.")
    if not found:  # detectors only when the code is no rule: `alur rules RULE` stays quick
        from alur.runner.detectors import AUDIT_DETECTORS

        code = AUDIT_DETECTORS.current(code)  # an old code names the detector that replaced it
        found += [
            explain_detector(cls, registry)
            for registry in _detector_groups()
            for cls in registry.detectors
            if cls.code == code
        ]
    if not found:
        from alur.flows.rules._names import did_you_mean

        every = [*RULES, *FILE_CODES, *(cls.code for registry in _detector_groups() for cls in registry.detectors)]
        raise InputError(f"no such rule: {code!r}{did_you_mean(code, every)} (`alur rules` lists them all)")
    print("\n\n".join(found))
    return 0


def explain(rule: ModuleType) -> str:
    """A rule's full documentation: its docstring, options and channel limits."""
    parts = [
        f"{rule.ID} ({rule.SEVERITY}{', stops replay and explore' if rule.BLOCKS_RUNNING else ''})",
        "",
        inspect.cleandoc(rule.__doc__ or ""),
    ]
    if rule.OPTIONS:
        lines = [f"  {name} = {default}" for name, default in rule.OPTIONS.items()]
        parts += ["", f"Options (under `rules: {{{rule.ID}: ...}}` in configuration):", *lines]
    channel = getattr(rule, "CHANNEL", None)
    if channel is not None:
        from alur.flows.channels import limits_for

        limits = limits_for(channel)
        lines = [f"  {name} = {getattr(limits, name)}  ({limits.source(name)})" for name in rule.LIMITS]
        parts += [
            "",
            f"Limits (override under `limits: {{{channel}: ...}}` in configuration), with their sources:",
            *lines,
        ]
    return "\n".join(parts)


# --------------------------------------------------------------------------- detectors


class _Detector(Protocol):
    """What this command reads off a detector class of either registry."""

    code: ClassVar[str]
    kind: ClassVar[str]


class _Registry(NamedTuple):
    heading: str
    command: str  # whose settings hold the detector's thresholds and `disable`
    run_by: str
    detectors: Iterable[type[_Detector]]


def _detector_groups() -> list[_Registry]:
    """Each detector registry. Imported here, when asked for: the detectors
    bring the engine and the phrase lists with them."""
    from alur.runner.audit import DETECTORS as AUDIT
    from alur.runner.detectors import DETECTORS as REPLAY

    return [
        _Registry(
            "Findings in conversations re-driven through the flow",
            "replay",
            "alur replay, alur explore",
            REPLAY.values(),
        ),
        _Registry("Findings in recorded conversations as they happened", "audit", "alur audit", AUDIT.values()),
    ]


def summary(cls: type) -> str:
    """A detector's first sentence, without the `code:` its docstring may
    start with, on one line and cut to fit the table."""
    first = " ".join(inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].split())
    first = first.removeprefix(f"{cls.code}: ")  # type: ignore[attr-defined]
    end = first.find(". ")
    sentence = first[: end + 1] if end >= 0 else first
    sentence = sentence.rstrip(".")
    if sentence[:1].isupper() and sentence[1:2].islower():  # "The bot…" reads as the rules' summaries: "the bot…"
        sentence = sentence[0].lower() + sentence[1:]
    if len(sentence) > _SUMMARY_WIDTH:
        cut = sentence[: _SUMMARY_WIDTH - 1]
        sentence = cut[: cut.rfind(" ")].rstrip(" ,;:") + "…"
    return sentence


def explain_detector(cls: type, registry: _Registry) -> str:
    """A detector's documentation: its docstring and the settings it reads."""
    code, command = cls.code, registry.command  # type: ignore[attr-defined]
    parts = [f"{code} ({cls.kind} finding; {registry.run_by})", "", inspect.cleandoc(cls.__doc__ or "")]  # type: ignore[attr-defined]
    defaults = _defaults(command)
    names = [name.replace("_", "-") for name in getattr(cls, "options", ()) if name in defaults]
    lines = [f"  {name} = {defaults[name.replace('-', '_')]}  (--{name} N)" for name in names]
    if lines:
        parts += ["", f"Settings (on the command line, or under `{command}` in configuration):", *lines]
    parts += ["", f"Turn it off with `--disable {code}`, or `disable: [{code}]` under `{command}` in configuration."]
    return "\n".join(parts)


def _defaults(command: str) -> dict[str, int]:
    if command == "replay":
        from alur.runner.replay import ReplayConfig as config
    else:
        from alur.runner.audit import AuditConfig as config  # type: ignore[assignment]
    return {name: default for name, default, _minimum, _help in config.thresholds()}


def _table(rows: list[tuple[str, str, str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{code:<{widths[0]}}  {severity:<{widths[1]}}  {text}" for code, severity, text in rows)
