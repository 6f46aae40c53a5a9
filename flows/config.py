"""Configuration: which rules `alur check` runs, their options, channel limits,
and the project's own word lists that `chat`, `replay` and `explore` read
customers' turns with.

Read from `.alur.yaml` (or `.alur.yml`) or from `[tool.alur]` in
`pyproject.toml`, whichever is found first walking up from the current
folder (a folder's `.alur.yaml` wins over its `pyproject.toml`):

    # .alur.yaml
    exclude: [examples/broken]       # skipped when a folder is walked
    ignore: [unused-slot]            # or `select: [...]` to run only these
    rules:
      escalation-unreachable: {max_turns: 4}
      identical-reprompt: {repeats: 3}
    limits:
      sms: {max_parts: 3}
      whatsapp: {button_title: 20}
    nlu:                             # added to alur's built-in lists
      slang: [nlu/slang_toko.txt]
      handoff_phrases: [nlu/handoff_toko.txt]
      stopwords: [nlu/filler_toko.txt]
      concepts: [nlu/concepts_toko.txt]
      without_concepts: [kirim]      # built-in concepts switched off, by name

    # pyproject.toml
    [tool.alur]
    exclude = ["examples/broken"]
    ignore = ["unused-slot"]
    [tool.alur.rules.escalation-unreachable]
    max_turns = 4
    [tool.alur.limits.sms]
    max_parts = 3
    [tool.alur.nlu]
    slang = ["nlu/slang_toko.txt"]

Every name is checked: an unknown rule, option, channel or limit is an
error naming the file, never silently ignored (a typo in a configuration
would otherwise switch nothing off and nobody would notice).

`exclude` patterns (relative to the configuration file's folder, shell-style
wildcards) leave files out when `alur check` walks a folder, as linters do
with fixtures: a file named on the command line is always checked.

`nlu` files (relative to the configuration file's folder) have the formats
of alur's own `slang.txt`, `handoff_id.txt`, `stopwords.txt` and
`concepts.txt`; their entries are added to the built-in lists
(`alur.flows.nlu.Lexicon`). `without_concepts` names concepts (a group's
first word) that the project's flows must tell apart.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from alur.flows.files import unreadable_reason

if TYPE_CHECKING:  # the word lists are loaded only when a command asks for them
    from alur.flows.nlu import Lexicon

CONFIG_FILES = (".alur.yaml", ".alur.yml")
_KEYS = ("select", "ignore", "exclude", "rules", "limits", "nlu")
_NLU_KEYS = ("slang", "handoff_phrases", "stopwords", "concepts")
_NLU_NAMES = ("without_concepts",)  # a list of names, not of files
# Sections read by the other commands (`alur audit`, `alur replay`, `alur explore`), not by check.
_OTHER_COMMANDS = ("audit", "replay", "explore")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class NluFiles:
    """A project's own word lists (`nlu:`), added to alur's built-in ones."""

    slang: tuple[Path, ...] = ()
    handoff_phrases: tuple[Path, ...] = ()
    stopwords: tuple[Path, ...] = ()
    concepts: tuple[Path, ...] = ()
    without_concepts: tuple[str, ...] = ()  # built-in concepts switched off, by name

    def __bool__(self) -> bool:
        return bool(self.slang or self.handoff_phrases or self.stopwords or self.concepts or self.without_concepts)

    def lexicon(self) -> Lexicon:
        """alur's built-in word lists plus these files (LexiconError naming the
        file and line of a bad entry). Every command, their worker processes
        and the designer build their lexicon here, so a project's word lists
        reach all of them alike."""
        from alur.flows.nlu import Lexicon

        return Lexicon.builtin().extended(
            slang=self.slang,
            handoff_phrases=self.handoff_phrases,
            stopwords=self.stopwords,
            concepts=self.concepts,
            without_concepts=self.without_concepts,
        )


@dataclass(frozen=True)
class Config:
    """Which rules run, with which options and channel limits."""

    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    options: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # rule → option → value
    limits: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # channel → limit → value
    source: str | None = None  # the file it was read from
    exclude: tuple[str, ...] = ()  # patterns relative to `root`
    root: Path | None = None  # the folder of the configuration file
    nlu: NluFiles = NluFiles()  # the project's word lists, paths resolved

    def excluded(self, path: Path) -> bool:
        """Whether walking a folder should pass `path` (or a folder holding it) over."""
        if not self.exclude or self.root is None:
            return False
        try:
            relative = path.resolve().relative_to(self.root)
        except ValueError:
            return False
        parts = relative.parts
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(fnmatch.fnmatchcase(prefix, pattern.strip("/")) for pattern in self.exclude for prefix in prefixes)

    def enabled(self, code: str) -> bool:
        return (self.select is None or code in self.select) and code not in self.ignore

    def rules(self) -> list[ModuleType]:
        """The rule modules to run, in registry order."""
        from alur.flows.rules import RULES

        return [module for code, module in RULES.items() if self.enabled(code)]

    def options_for(self, rule: ModuleType) -> dict[str, object]:
        return {**rule.OPTIONS, **self.options.get(rule.ID, {})}


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `.alur.yaml` or `pyproject.toml` with `[tool.alur]`."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def load_config(path: Path | str | None = None, start: Path | None = None) -> Config:
    """The configuration in `path`, else the nearest one found, else defaults."""
    path = Path(path) if path is not None else find_config(start)
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    if path.suffix == ".toml":
        data = _pyproject_section(path)
        return parse_config(data or {}, f"{path} [tool.alur]", path.resolve().parent)
    return parse_config(_yaml(path), str(path), path.resolve().parent)


def parse_config(data: object, source: str, root: Path | None = None) -> Config:
    """Validate configuration data (from TOML or YAML) into a Config."""
    from alur.flows.channels import limits_for
    from alur.flows.rules import UnknownRule, get

    def fail(message: str) -> ConfigError:
        return ConfigError(f"{source}: {message}")

    if data is None:
        return Config(source=source, root=root)
    if not isinstance(data, dict):
        raise fail("the configuration must be a mapping of settings")
    for key in data:
        if key not in _KEYS and key not in _OTHER_COMMANDS:
            raise fail(f"unknown setting {key!r}; settings are {', '.join(_KEYS + _OTHER_COMMANDS)}")

    def codes(key: str) -> frozenset[str] | None:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise fail(f"`{key}` must be a list of rule codes")
        for code in value:
            try:
                get(code)
            except UnknownRule as error:
                raise fail(f"`{key}`: {error}") from None
        return frozenset(value)

    def table(key: str) -> dict[str, object]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise fail(f"`{key}` must be a mapping")
        return value

    options: dict[str, dict[str, int]] = {}
    for code, settings in table("rules").items():
        try:
            rule = get(code)
        except UnknownRule as error:
            raise fail(f"`rules`: {error}") from None
        if not isinstance(settings, dict):
            raise fail(f"`rules.{code}` must be a mapping of options")
        for name, value in settings.items():
            if name not in rule.OPTIONS:
                known = ", ".join(rule.OPTIONS) or "none"
                raise fail(f"rule {code} has no option {name!r} (its options: {known})")
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise fail(f"`rules.{code}.{name}` must be a whole number, not {value!r}")
        options[code] = dict(settings)
    limits: dict[str, dict[str, int]] = {}
    for channel, overrides in table("limits").items():
        if not isinstance(overrides, dict):
            raise fail(f"`limits.{channel}` must be a mapping of limit names to numbers")
        try:
            limits_for(str(channel), overrides)
        except ValueError as error:
            raise fail(f"`limits`: {error}") from None
        limits[str(channel)] = dict(overrides)
    exclude = data.get("exclude", [])
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(isinstance(item, str) and item for item in exclude):
        raise fail("`exclude` must be a list of paths or patterns, e.g. [examples/broken]")
    nlu = _nlu_files(table("nlu"), root, fail)
    return Config(codes("select"), codes("ignore") or frozenset(), options, limits, source, tuple(exclude), root, nlu)


def _nlu_files(data: dict[str, object], root: Path | None, fail: Callable[[str], ConfigError]) -> NluFiles:
    """The `nlu` table: each key a list of existing files, relative to `root`,
    or (`without_concepts`) of concept names."""
    files: dict[str, tuple[Path, ...]] = {}
    without_concepts: tuple[str, ...] = ()
    for key, value in data.items():
        name = str(key).replace("-", "_")
        if name not in _NLU_KEYS + _NLU_NAMES:
            raise fail(f"unknown `nlu` setting {key!r}; settings are {', '.join(_NLU_KEYS + _NLU_NAMES)}")
        if isinstance(value, str):
            value = [value]
        if name in _NLU_NAMES:
            if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
                raise fail(f"`nlu.{key}` must be a list of concept names, e.g. [kirim, transfer]")
            without_concepts = tuple(value)
            continue
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            raise fail(f"`nlu.{key}` must be a list of files, e.g. [nlu/{name}.txt]")
        paths = []
        for item in value:
            path = Path(item) if root is None else root / item
            if not path.is_file():
                raise fail(f"`nlu.{key}`: {item}: no such file")
            paths.append(path)
        files[name] = tuple(paths)
    return NluFiles(**files, without_concepts=without_concepts)


def _pyproject_section(path: Path) -> dict[str, object] | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: {unreadable_reason(error)}") from None
    if b"alur" not in raw:
        return None  # most projects' pyproject.toml: no need to parse it
    import tomllib

    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read it as TOML: {error}") from None
    section = document.get("tool", {}).get("alur")
    return section if isinstance(section, dict) else None


def _yaml(path: Path) -> object:
    from alur.flows.diagnostics import FlowError
    from alur.flows.loader import load_document, read_text

    try:
        text = read_text(path)
        if not text.strip():
            return None
        return load_document(text, str(path)).data
    except FlowError as error:
        raise ConfigError(str(error)) from None
