"""not-understood-run: `not-understood-threshold` (default 3) bot replies in a
row say the bot did not understand, and neither they nor the bot's answer
to the customer's next turn hand over (an agent turn, or the bot saying a
person takes over: "Sepertinya Anda memerlukan bantuan lebih lanjut.
Menghubungkan Anda dengan petugas..."): the customer should have been
handed to a human. A bot that hands over right after the third failure did.

A reply is the bot turns between two customer turns; it says so when one
of its turns contains a did-not-understand phrase ("I don't quite
understand", "maaf, saya tidak mengerti", …). A reply that does not, or
an agent turn, ends the run. One finding per run, at the reply that
reaches the threshold.
"""

from __future__ import annotations

from collections.abc import Iterator

from alur.runner.audit_view import AuditConfig, ConversationView
from alur.runner.detectors.base import Detector
from alur.runner.findings import Finding


class NotUnderstoodRun(Detector[AuditConfig, ConversationView]):
    __doc__ = __doc__
    code = "not-understood-run"
    kind = "missing_escalation"
    options = ("not_understood_threshold",)

    def wanted(self, view: ConversationView) -> bool:
        return view.not_understood >= self.config.not_understood_threshold  # each reply in a run has one

    def check(self, view: ConversationView) -> Iterator[Finding]:
        threshold = self.config.not_understood_threshold
        run = 0
        failed: tuple[int, str] | None = None  # first did-not-understand turn of the current reply
        understood = False  # the current reply has a bot turn that is not a did-not-understand
        in_reply = False
        for index, turn in enumerate(view.turns):
            role = turn["role"]
            if role == "user":
                if in_reply:
                    run = self._close(failed, understood, run)
                    if failed is not None and run == threshold and not view.handed_over(index):
                        yield self._finding(view, failed, run)
                failed, understood, in_reply = None, False, False
            elif role == "agent":
                if in_reply:
                    run = self._close(failed, understood, run)
                run, failed, understood, in_reply = 0, None, False, False
            elif role == "bot":
                in_reply = True
                phrase = view.bot[index][1]  # type: ignore[index]
                if not phrase:
                    understood = True
                elif failed is None:
                    failed = (index, phrase)
        if in_reply:
            run = self._close(failed, understood, run)
            if failed is not None and run == threshold:
                yield self._finding(view, failed, run)

    @staticmethod
    def _close(failed: tuple[int, str] | None, understood: bool, run: int) -> int:
        """The run length after a reply ends."""
        if failed is not None:
            return run + 1
        return 0 if understood else run

    def _finding(self, view: ConversationView, failed: tuple[int, str], run: int) -> Finding:
        index, phrase = failed
        return Finding(
            self.kind,
            index,
            view.turns[index].get("state"),
            f"{run} bot replies in a row did not understand ('{phrase}') and no agent took over",
        )
