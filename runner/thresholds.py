"""Detector thresholds, declared once as fields of a settings dataclass
(`AuditConfig`, `ReplayConfig`) and offered from there as command-line
flags (`--loop-threshold N`) and configuration keys (`loop-threshold = 3`),
so a threshold's name, default, minimum and help never drift apart."""

from __future__ import annotations

import argparse
from dataclasses import field, fields


def threshold(default: int, minimum: int, help: str) -> int:
    """A dataclass field that is a threshold."""
    return field(default=default, metadata={"minimum": minimum, "help": help})


def thresholds_of(config_class: type) -> list[tuple[str, int, int, str]]:
    """(name, default, minimum, help) of each threshold of a settings class."""
    return [
        (f.name, f.default, f.metadata["minimum"], f.metadata["help"])  # type: ignore[misc]
        for f in fields(config_class)
        if "minimum" in f.metadata
    ]


def add_threshold_flags(group: argparse._ActionsContainer, config_class: type, skip: tuple[str, ...] = ()) -> None:
    """`--NAME N` for each threshold (default None: not given, so the
    configuration file's value or the default applies)."""
    for name, default, minimum, help_ in thresholds_of(config_class):
        if name not in skip:
            group.add_argument(
                "--" + name.replace("_", "-"),
                dest=name,
                type=int,
                metavar="N",
                help=f"{help_} (default {default}, at least {minimum})",
            )
