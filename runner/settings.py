"""The settings of `alur audit`, `alur replay` and `alur explore`, read from
the project's configuration: the same file `alur check` reads.

That file is the nearest `.alur.yaml` (or `.alur.yml`), or `pyproject.toml`
with a `[tool.alur]` table, walking up from the current folder
(`alur.flows.config.find_config`), or the file given with `--config`. Each
command has a section of its own, named as the command:

    # .alur.yaml                    # pyproject.toml
    replay:                         [tool.alur.replay]
      loop-threshold: 4             loop-threshold = 4
      disable: [dead-end]           disable = ["dead-end"]

Settings are named as the command's long options (`loop-threshold`;
`loop_threshold` is read too). The command line wins over the file, the
file over the defaults. An unknown setting is an error naming the file
(and, in YAML, the line and column) and listing the known ones: a typo that
silently changed nothing would go unnoticed. File names in settings are
relative to the configuration file's folder. docs/configuration.md lists
every setting of every command.

    settings = command_settings("replay", ["loop_threshold", "disable"], args.config)
    values = numbers(settings, args, ReplayConfig.thresholds())
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from alur.flows.files import unreadable_reason
from alur.runner.errors import InputError

SECTIONS = ("audit", "replay", "explore")


@dataclass(frozen=True)
class Settings:
    """One command's section of the configuration, names in snake_case."""

    values: Mapping[str, object] = field(default_factory=dict)
    source: str | None = None  # "pyproject.toml [tool.alur.replay]", ".alur.yaml `replay`"; None: no file
    folder: Path | None = None  # the configuration file's folder
    places: Mapping[str, str] = field(default_factory=dict)  # name -> "file:line:column" (YAML only)

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def where(self, name: str) -> str:
        """Where setting `name` is written, for messages."""
        return self.places.get(name) or self.source or "configuration"

    def _fail(self, name: str, expected: str) -> InputError:
        return InputError(f"{self.where(name)}: {_kebab(name)} must be {expected}, got {self.values[name]!r}")

    def number(self, name: str, minimum: int) -> int | None:
        """A whole number of at least `minimum`, or None when not set."""
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self._fail(name, f"a whole number of at least {minimum}")
        return value

    def switch(self, name: str) -> bool | None:
        """true or false, or None when not set."""
        value = self.values.get(name)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self._fail(name, "true or false")
        return value

    def names(self, name: str, example: str) -> tuple[str, ...] | None:
        """A list of names (a single name is a list of one), or None when not set."""
        value = self.values.get(name)
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
            raise self._fail(name, f"a list of names, e.g. {example}")
        return tuple(items)

    def files(self, name: str, example: str) -> tuple[Path, ...] | None:
        """A list of existing files, relative to the configuration's folder."""
        items = self.names(name, example)
        if items is None:
            return None
        paths = tuple(self.folder / item if self.folder is not None else Path(item) for item in items)
        for item, path in zip(items, paths, strict=True):
            if not path.is_file():
                raise InputError(
                    f"{self.where(name)}: {_kebab(name)}: {item}: no such file (names are relative to {self.folder or '.'})"
                )
        return paths


def command_settings(section: str, known: Iterable[str], explicit: Path | str | None = None) -> Settings:
    """The settings of `section` (one of SECTIONS) in `explicit`, else in the
    configuration `alur check` would use; empty Settings when there is none.
    `known` are the setting names (snake_case) the command reads."""
    from alur.flows.config import ConfigError, find_config

    if section not in SECTIONS:
        raise ValueError(f"no settings section {section!r}; sections are {', '.join(SECTIONS)}")
    if explicit is not None:
        path: Path | None = Path(explicit)
        if not path.is_file():  # type: ignore[union-attr]
            raise InputError(f"{explicit}: no such configuration file")
    else:
        try:
            path = find_config()
        except ConfigError as error:
            raise InputError(str(error)) from None
    if path is None:
        return Settings()
    if path.suffix == ".toml":
        places: dict[str, str] = {}  # TOML gives no positions
        raw, source = _toml_section(path, section), f"{path} [tool.alur.{section}]"
    else:
        raw, source, places = _yaml_section(path, section)
    if raw is None:
        return Settings(source=source, folder=path.resolve().parent)
    if not isinstance(raw, dict):
        raise InputError(f"{places.get('', source)}: `{section}` must be a table of settings, e.g. loop-threshold = 4")
    return _checked(raw, places, source, path.resolve().parent, tuple(known))


def numbers(settings: Settings, args: argparse.Namespace, table: Iterable[tuple[str, int, int, str]]) -> dict[str, int]:
    """The whole-number settings of `table` ((name, default, minimum, help),
    as `ReplayConfig.thresholds()` lists them): each from the command line,
    else from `settings`, checked against its minimum. Only those given."""
    values: dict[str, int] = {}
    for name, _default, minimum, _help in table:
        given = getattr(args, name, None)
        if given is not None:
            if given < minimum:
                raise InputError(f"--{_kebab(name)} {given}: must be at least {minimum}")
            values[name] = given
        elif name in settings:
            values[name] = settings.number(name, minimum)  # type: ignore[assignment]
    return values


def jobs(settings: Settings, args: argparse.Namespace) -> int | None:
    """`--jobs`, else the `jobs` setting: worker processes; None (or 0): all
    cores. More processes than cores only make a run slower (and thousands
    of them could exhaust the machine), so the number is capped at the cores."""
    from alur.runner.parallel import default_jobs

    given = getattr(args, "jobs", None)
    if given is None:
        given = settings.number("jobs", 0) or 0
    elif given < 0:
        raise InputError(f"--jobs {given}: give the number of worker processes (0: all cores)")
    return min(given, default_jobs()) or None


# --------------------------------------------------------------------------- reading


def _checked(raw: dict, places: dict[str, str], source: str, folder: Path, known: tuple[str, ...]) -> Settings:
    values: dict[str, object] = {}
    where: dict[str, str] = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        place = places.get(str(key), source)
        if name not in known:
            listed = ", ".join(sorted(_kebab(k) for k in known))
            raise InputError(f"{place}: unknown setting {key!r}; settings are {listed}")
        if name in values:
            raise InputError(f"{place}: {_kebab(name)} is given twice (as {_kebab(name)} and {name})")
        values[name] = value
        if place != source:
            where[name] = place
    return Settings(values, source, folder, where)


def _toml_section(path: Path, section: str) -> object:
    import tomllib

    try:
        document = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise InputError(f"{path}: {unreadable_reason(error)}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read it as TOML: {error}") from None
    tool = document.get("tool", {})
    alur = tool.get("alur", {}) if isinstance(tool, dict) else {}
    return alur.get(section) if isinstance(alur, dict) else None


def _yaml_section(path: Path, section: str) -> tuple[object, str, dict[str, str]]:
    """The section's data, its name for messages, and where each key is
    ("": the section's own key)."""
    from alur.flows.diagnostics import FlowError
    from alur.flows.loader import load_document, read_text

    source = f"{path} `{section}`"
    try:
        text = read_text(path)
        if not text.strip():
            return None, source, {}
        document = load_document(text, str(path))
    except FlowError as error:
        raise InputError("\n".join(str(d) for d in error.diagnostics)) from None
    data = document.data
    if data is None:
        return None, source, {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: the configuration must be a mapping of settings")
    raw = data.get(section)
    places: dict[str, str] = {}
    span = document.key_span((section,))
    if span is not None:
        places[""] = f"{path}:{span.line}:{span.column}"
    if isinstance(raw, dict):
        for key in raw:
            key_span = document.key_span((section, key))
            if key_span is not None:
                places[str(key)] = f"{path}:{key_span.line}:{key_span.column}"
    return raw, source, places


def _kebab(name: str) -> str:
    return name.replace("_", "-")
