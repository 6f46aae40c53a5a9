"""What every detector shares, replay's and audit's alike: the base class,
the registry, and how a finding quotes a message.

A replay detector reads one `Trace` (alur.runner.trace): the conversation
re-driven through a flow. An audit detector reads one `ConversationView`
(alur.runner.audit_view): a recording seen as it happened, with no flow.
Either yields `Finding`s with plain (unmasked) messages that say which rule
fired on what evidence; the caller masks them and adds the excerpt, so that
no detector can forget to.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar, Generic, TypeVar

from alur.flows.nlu.text import UNDERSTOOD_CHARS
from alur.runner.findings import Finding

_SNIPPET = 40

Subject = TypeVar("Subject")  # what a detector reads: a Trace or a ConversationView
Config = TypeVar("Config")  # its settings: ReplayConfig or AuditConfig


class Detector(Generic[Config, Subject]):
    """A rule over one conversation. Subclasses set `code` (stable,
    kebab-case), `kind` (the contract §4 finding kind), `options` (the
    settings fields they read) and write their rule as their module's
    docstring, which is the user documentation (`alur rules CODE`)."""

    code: ClassVar[str]
    kind: ClassVar[str]
    options: ClassVar[tuple[str, ...]] = ()

    def __init__(self, config: Config):
        self.config = config

    def wanted(self, subject: Subject) -> bool:
        """A cheap test: False when `check` surely finds nothing. Most
        conversations have nothing wrong, and this keeps them cheap."""
        return True

    def check(self, subject: Subject) -> Iterator[Finding]:
        raise NotImplementedError


class UnknownDetector(KeyError):
    """A detector code that is not in the registry."""

    def __str__(self) -> str:
        return str(self.args[0])


class Registry:
    """Detector classes by code, in the order they run, yamllint style.
    `get(code)` also takes a finding kind ("missing_escalation") and the
    old codes in `aliases`, and names the known codes for an unknown one."""

    def __init__(self, name: str, detectors: Iterable[type[Detector]], aliases: dict[str, str] | None = None):
        self.name = name
        self._by_code = {cls.code: cls for cls in detectors}
        self._aliases = aliases or {}

    def get(self, code: str) -> type[Detector]:
        code = self._aliases.get(code, code)
        found = self._by_code.get(code) or self._by_code.get(code.replace("_", "-"))
        if found is None:
            for cls in self._by_code.values():
                if cls.kind == code:
                    return cls
            raise UnknownDetector(f"no {self.name} detector {code!r}; known: {', '.join(self._by_code)}")
        return found

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        try:
            self.get(code)
        except UnknownDetector:
            return False
        return True

    def __getitem__(self, code: str) -> type[Detector]:
        return self.get(code)

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)

    def current(self, code: str) -> str:
        """The code a detector has now for `code`, which may be an old one."""
        return self._aliases.get(code, code)

    def codes(self) -> list[str]:
        """The codes a user may name: the detectors' own and the old ones."""
        return [*self._by_code, *self._aliases]

    def items(self) -> Iterable[tuple[str, type[Detector]]]:
        return self._by_code.items()

    def values(self) -> Iterable[type[Detector]]:
        return self._by_code.values()


def snippet(text: str, limit: int = _SNIPPET) -> str:
    """The start of a message, on one line, cut between words, for finding
    messages. Reads at most what the engine reads of a text."""
    flat = " ".join(text[:UNDERSTOOD_CHARS].split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:") + "…"
