"""`alur audit`: the failures of contract §4 found in recorded conversations
as they happened, with no flow.

Without a flow there are no states to re-enter and no slots to fill, so each
rule is restated in terms of what a recording shows. The detectors live with
replay's in alur.runner.detectors (`AUDIT_DETECTORS`), one module each, with
their rule as the module docstring; what they read, `ConversationView`, and
the settings, `AuditConfig`, in alur.runner.audit_view.

Most conversations have nothing wrong, and the audit reads millions: one
costs a single pass over its turns (`ConversationView`, which also checks
them) and each detector's cheap test (`Detector.wanted`), which rules it out
unless the full rule could find something; excerpts are built and masked
only for the conversations with findings (tests/test_audit_prefilters.py
checks that none of this changes a finding).

The unit of work is `audit_shard(shard, config) -> Report`: one shard of
JSONL in, one partial report out; partial reports merge (`Report.merge`).
It depends on nothing but its arguments, so the same function can be mapped
over shards by a process pool (runner/parallel.py), Dask or Ray.
"""

from __future__ import annotations

from functools import lru_cache

from alur.runner.audit_view import AuditConfig, BotFacts, ConversationView, message_key
from alur.runner.budget import ConversationClock
from alur.runner.detectors import AUDIT_DETECTORS
from alur.runner.findings import (
    ConversationResult,
    ExcerptTurn,
    Finding,
    Report,
    SkippedInput,
)
from alur.runner.phrases.handoff import HandoffRequests
from alur.runner.privacy import mask_text
from alur.runner.transcripts import (
    Conversation,
    Shard,
    TranscriptError,
    parse_shard,
    read_shards,
)

DETECTORS = AUDIT_DETECTORS
get_detector = AUDIT_DETECTORS.get

__all__ = [
    "DETECTORS",
    "AuditConfig",
    "Auditor",
    "ConversationView",
    "audit_path",
    "audit_shard",
    "get_detector",
    "message_key",
]


# --------------------------------------------------------------------------- running


class Auditor:
    """Audits conversations with one configuration; keeps per-process caches."""

    def __init__(self, config: AuditConfig):
        disabled = {AUDIT_DETECTORS.get(code).code for code in config.disabled}  # names an unknown code
        self.config = config
        self.detectors = [cls(config) for code, cls in AUDIT_DETECTORS.items() if code not in disabled]
        self._bot_facts = BotFacts(config.phrases)
        self._handoff = HandoffRequests(config.phrases.handoff)

    def audit(self, conversation: Conversation) -> ConversationResult:
        """The findings of one conversation, in turn order, each with its
        excerpt. A conversation with findings leaves with its id, messages
        and excerpts masked (`mask_text`), here in the worker, so that this
        costly step runs on every core; the id of a conversation without
        findings is masked by the reports that print it (JSON, JUnit), since
        the others never do. A malformed turn raises TranscriptError, saying
        what reading would have said."""
        if not conversation.turns:
            return ConversationResult(conversation.id, [], conversation.source)
        view = self.view(conversation)
        findings: list[Finding] = []
        for detector in self.detectors:
            if detector.wanted(view):
                findings.extend(detector.check(view))
        if not findings:
            return ConversationResult(conversation.id, findings, conversation.source)
        findings.sort(key=lambda f: f.turn)
        shown: dict[int, ExcerptTurn] = {}  # findings close together share turns: mask each once
        findings = [self._masked_with_excerpt(f, conversation, shown) for f in findings]
        return ConversationResult(mask_text(conversation.id), findings, conversation.source, masked=True)

    def view(self, conversation: Conversation) -> ConversationView:
        """The conversation as the detectors see it, with this auditor's caches."""
        return ConversationView(conversation, self.config.phrases, self._bot_facts, self._handoff)

    def _masked_with_excerpt(
        self, finding: Finding, conversation: Conversation, shown: dict[int, ExcerptTurn]
    ) -> Finding:
        start = max(0, finding.turn - self.config.excerpt_turns)
        turns = conversation.turns
        excerpt = []
        for i in range(start, finding.turn + 1):
            line = shown.get(i)
            if line is None:
                turn = turns[i]
                if not turn["text"] and isinstance(turn.get("media"), str):  # a photo or voice note sent alone
                    text = f"[{turn['media']}]"
                elif turn["role"] == "user":
                    text = mask_text(turn["text"], _bot_before(turns, i))
                else:
                    text = self._bot_facts.masked(turn["text"])
                line = shown[i] = ExcerptTurn(i, turn["role"], text)
            excerpt.append(line)
        return Finding(
            finding.kind, finding.turn, finding.state, self._bot_facts.masked(finding.message), tuple(excerpt)
        )

    def audit_shard(self, shard: Shard) -> Report:
        report = Report(flow=None)
        results, skipped, audit = report.results, report.skipped, self.audit
        with ConversationClock() as clock:
            for item in parse_shard(shard, check_turns=False):  # checked by `audit`, in its one pass
                if type(item) is not Conversation:
                    skipped.append(item)
                    continue
                try:
                    results.append(clock.run(audit, item))
                except TranscriptError as error:  # a malformed turn, or over the time budget
                    skipped.append(SkippedInput(item.source, str(error)))
        return report


def _bot_before(turns: list, index: int) -> str | None:  # type: ignore[type-arg]
    """The bot message a customer turn answers (it tells what a bare number is)."""
    for j in range(index - 1, -1, -1):
        if turns[j]["role"] == "bot":
            return turns[j]["text"]
        if turns[j]["role"] == "agent":
            return None
    return None


@lru_cache(maxsize=4)
def auditor_for(config: AuditConfig) -> Auditor:
    """One Auditor per configuration per process, so its caches are reused
    across the shards a worker is given."""
    return Auditor(config)


def audit_shard(shard: Shard, config: AuditConfig) -> Report:
    """The unit of work: one shard of JSONL in, one partial report out."""
    return auditor_for(config).audit_shard(shard)


def audit_path(path: str, config: AuditConfig) -> Report:
    """One whole file in, its report out: the unit to map over a folder of
    files on a cluster (docs/scaling.md). Streams; memory holds its results."""
    auditor = auditor_for(config)
    report = Report(flow=None)
    for shard in read_shards(path):
        partial = auditor.audit_shard(shard)
        report.results.extend(partial.results)
        report.skipped.extend(partial.skipped)
    return report
