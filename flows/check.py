"""Checking flows: every problem of every file, as diagnostics.

`check_paths` is what `alur check` runs and `check_text` what the designer
runs on every edit: load (YAML 1.2 with positions), validate (schema), lint
(every enabled rule), then drop what inline `# alur: ignore[CODE]` comments
silence. One unreadable file never stops the others.

`load_runnable_flow` is for the commands that execute flows (`replay`,
`explore`, `chat`, the designer's simulator): they refuse a flow only for
what would break execution (file and schema problems, and the errors of
the rules marked `BLOCKS_RUNNING`: undefined states, slots or intents, bad
conditions or patterns); lint findings never block, since showing their
consequences is the point of running.
"""

from __future__ import annotations

import gc
import glob
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType

import yaml

from alur.flows.config import Config
from alur.flows.diagnostics import Diagnostic, FlowError, Severity
from alur.flows.loader import Document, load_document, read_text
from alur.flows.model import Flow
from alur.flows.rules import RULES
from alur.flows.rules._context import Context
from alur.flows.validate import build

FLOW_SUFFIXES = (".flow.yaml", ".flow.yml")

# Problems with a file as a whole, reported before any rule runs and never
# silenced by configuration. The first group means "this cannot be read as a
# flow at all" (exit 2); the second is a flow with errors in it (exit 1).
UNUSABLE_CODES = {
    "unreadable": "the path does not exist or the file cannot be read",
    "no-flows": "a folder or pattern holds no *.flow.yaml files",
    "file-too-large": "the file is larger than any flow (16 MiB, ALUR_MAX_FLOW_BYTES)",
    "not-text": "the file is binary, not text",
    "not-utf8": "the file is not UTF-8 text",
    "empty-file": "the file is empty",
    "yaml-syntax": "the file is not valid YAML (a tab used for indentation, an unclosed quote, ...)",
    "too-deep": "collections nested deeper than any flow (500 levels)",
    "too-large": "more YAML nodes than any flow (2,000,000)",
    "not-a-flow": "YAML that is not a flow: a list, a value, or a mapping without `alur`, `start` or `states`",
}
FILE_CODES = {
    **UNUSABLE_CODES,
    "duplicate-key": "a key appears twice in one mapping (the second would silently replace the first)",
    "yaml-alias": "an anchor, alias or merge key (`&a`, `*a`, `<<`); write values out",
    "yaml-tag": "an explicit YAML tag such as `!!str` or `!!python/object`",
    "yaml-key": "a mapping key that is a list or mapping instead of text",
    "schema": "the flow breaks the flow format (a missing required key, a wrong type, an unknown key)",
}
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})
_IGNORE_COMMENT = re.compile(r"#\s*alur:\s*ignore(?:\[([^\]]*)\])?")
_ALL = "*"


@dataclass(slots=True)
class FileResult:
    """The outcome of checking one file (or one path that yielded no file)."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    flow: Flow | None = None
    is_file: bool = True  # False: a path or pattern that named no file to check

    @property
    def unusable(self) -> bool:
        """The input cannot be read as a flow at all (`alur check` exits 2)."""
        return any(d.code in UNUSABLE_CODES for d in self.diagnostics)

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def check_paths(paths: Iterable[str | Path], config: Config | None = None) -> Iterator[FileResult]:
    """Check files, folders (every `*.flow.yaml` below, hidden folders
    skipped) and glob patterns, each file once, in the order given."""
    config = config or Config()
    seen: set[str] = set()
    for raw in paths:
        for item in _expand(str(raw), config):
            if isinstance(item, FileResult):
                yield item
                continue
            key = os.path.normpath(item)
            if key not in seen:
                seen.add(key)
                yield check_file(item, config)


def check_file(path: str | Path, config: Config | None = None) -> FileResult:
    try:
        text = read_text(Path(path))
    except FlowError as error:
        return FileResult(str(path), error.diagnostics)
    return check_text(text, str(path), config)


def check_text(text: str, path: str = "<text>", config: Config | None = None) -> FileResult:
    """Check a flow given as text (the designer's buffer, a test's string)."""
    config = config or Config()
    with _gc_paused():
        try:
            flow = build(_load_flow_document(text, path))
        except FlowError as error:
            return FileResult(path, _sorted(error.diagnostics))
        diagnostics = lint(flow, config)
    if "alur:" in text:
        diagnostics = _drop_ignored(diagnostics, text)
    return FileResult(path, _sorted(diagnostics), flow)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a flow is checked. Loading
    makes hundreds of thousands of small objects and no reference cycles, so
    the collector's repeated full passes only cost time: on a 20,000-state
    flow they triple the time of the check."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def lint(flow: Flow, config: Config | None = None) -> list[Diagnostic]:
    """Every enabled rule's diagnostics for a flow (inline ignores not applied)."""
    config = config or Config()
    return _run(flow, config.rules(), Context(flow, config.limits), config)


def load_runnable_flow(path: str | Path) -> Flow:
    """The flow in `path` if it can be executed, else FlowError with every
    reason it cannot (file, schema, and the rules that block running)."""
    try:
        flow = build(_load_flow_document(read_text(Path(path)), str(path)))
    except FlowError as error:
        raise FlowError(_sorted(error.diagnostics)) from None
    blocking = [rule for rule in RULES.values() if rule.BLOCKS_RUNNING]
    errors = [d for d in _run(flow, blocking, Context(flow), Config()) if d.severity is Severity.ERROR]
    if errors:
        raise FlowError(_sorted(errors))
    return flow


def _run(flow: Flow, rules: list[ModuleType], context: Context, config: Config) -> list[Diagnostic]:
    diagnostics = []
    for rule in rules:
        options = config.options_for(rule)
        try:
            for problem in rule.check(context, options):
                span = problem.span
                diagnostics.append(
                    Diagnostic(
                        flow.path,
                        span.line if span else None,
                        span.column if span else None,
                        rule.SEVERITY,
                        rule.ID,
                        problem.message,
                    )
                )
        except Exception as error:  # a bug in one rule must not hide the others' findings
            if os.environ.get("ALUR_DEBUG"):
                raise
            diagnostics.append(
                Diagnostic(
                    flow.path,
                    None,
                    None,
                    Severity.ERROR,
                    rule.ID,
                    f"internal error in this rule ({type(error).__name__}: {error}); this is a bug in alur, please report it",
                )
            )
    return diagnostics


def _load_flow_document(text: str, path: str) -> Document:
    """The YAML document, or FlowError; input that is not a flow at all is
    refused as such (exit 2), even when it also breaks flow YAML rules."""
    try:
        document = load_document(text, path)
    except FlowError as error:
        if not any(d.code in UNUSABLE_CODES for d in error.diagnostics):
            # Duplicate keys, aliases or tags: only a flow with errors if it is a flow.
            # An alias bomb, say, is not: say that, rather than list its aliases.
            top = yaml.compose(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
            if isinstance(top, yaml.MappingNode):
                shape: object = {k.value: None for k, _ in top.value if isinstance(k, yaml.ScalarNode)}
            else:
                shape = [] if isinstance(top, yaml.SequenceNode) else None
            _refuse_non_flow(shape, path)
        raise
    _refuse_non_flow(document.data, path)
    return document


def _refuse_non_flow(data: object, path: str) -> None:
    """A YAML file that is not a flow at all is unusable input, not a flow
    with errors: a list, a scalar, or a mapping with none of a flow's keys."""
    if isinstance(data, dict) and any(key in data for key in ("alur", "states", "start")):
        return
    if isinstance(data, dict) and "conversations" in data:
        what = "a test-conversation file (run it with `alur replay FLOW FILE`)"
    elif isinstance(data, dict):
        what = "a YAML mapping without `alur`, `start` or `states`"
    elif isinstance(data, list):
        what = "a YAML list"
    else:
        what = "a single YAML value"
    raise FlowError(
        [
            Diagnostic(
                path,
                1,
                1,
                Severity.ERROR,
                "not-a-flow",
                f"this is {what}, not a flow; a flow is a mapping that starts with `alur: 1`",
            )
        ]
    )


def _drop_ignored(diagnostics: list[Diagnostic], text: str) -> list[Diagnostic]:
    """Apply `# alur: ignore[CODE, ...]` (or a bare `# alur: ignore`): at the
    end of a line it silences those codes on that line; alone on its line,
    on the next line."""
    silenced: dict[int, set[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if "alur:" not in line:
            continue
        match = _IGNORE_COMMENT.search(line)
        if match is None:
            continue
        codes = {code.strip() for code in match.group(1).split(",")} if match.group(1) is not None else {_ALL}
        target = number + 1 if line.lstrip().startswith("#") else number
        silenced.setdefault(target, set()).update(codes)
    return [d for d in diagnostics if d.line is None or not (silenced.get(d.line, set()) & {d.code, _ALL})]


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.line or 0, d.column or 0, d.code))


def _expand(raw: str, config: Config) -> Iterator[Path | FileResult]:
    path = Path(raw)
    if path.is_dir():
        found = list(_flow_files(path, config))
        if not found:
            yield FileResult(
                raw,
                [
                    Diagnostic(
                        raw,
                        None,
                        None,
                        Severity.ERROR,
                        "no-flows",
                        f"no {' or '.join('*' + s for s in FLOW_SUFFIXES)} files in this folder",
                    )
                ],
                is_file=False,
            )
        yield from found
    elif path.exists() or path.is_symlink():
        yield path
    elif glob.has_magic(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        for folder in (Path(m) for m in matches if Path(m).is_dir()):
            files.extend(_flow_files(folder, config))
        if not files:
            yield FileResult(
                raw,
                [Diagnostic(raw, None, None, Severity.ERROR, "no-flows", "no files match this pattern")],
                is_file=False,
            )
        yield from files
    else:
        yield FileResult(
            raw, [Diagnostic(raw, None, None, Severity.ERROR, "unreadable", "no such file or folder")], is_file=False
        )


def _flow_files(folder: Path, config: Config) -> Iterator[Path]:
    """Flow files below `folder` in a stable order, hidden folders and the
    configuration's `exclude` patterns skipped (unless `folder` itself is
    excluded: a folder named on the command line is always checked)."""
    if config.excluded(folder):
        config = replace(config, exclude=())
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(
            f
            for f in folders
            if not f.startswith(".") and f not in _SKIPPED_FOLDERS and not config.excluded(Path(root) / f)
        )
        for name in sorted(files):
            if name.endswith(FLOW_SUFFIXES) and not config.excluded(Path(root) / name):
                yield Path(root) / name
