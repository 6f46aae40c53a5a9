"""repeated-bot-message (audit): the bot says the same thing for the
`loop-threshold`th time (default 3) with no progress in between: the
customer is trapped in a loop.

Same thing: the same words, ignoring case, spacing, punctuation, emoji and
numbers ("flight 52 is not available" and "flight 869 is not available"
are the same refusal); the same template with other words (another hotel's
name, the next step of directions) is a different message.

Progress starts the count again:
- the bot saying something it has not said before in the conversation
  (did-not-understand replies aside): the customer learns something new,
  a task was done ("Anything else?" after each completed task is clean);
- an agent turn.
What the customer typed is not progress by itself: a new account number
answered with the same "Please enter your 10-digit account number." was
not accepted, and four of them are a trap. A repeat that answers only the
customer's thanks or goodbye ("bye" / "Thank you and goodbye.") is not
counted.

Fires (third time, nothing accepted):

    bot:  Please enter your 10-digit account number.
    user: 12345
    bot:  Please enter your 10-digit account number.
    user: 1234567
    bot:  Please enter your 10-digit account number.      <- loop

Does not fire: the prompt twice, then "Your balance is ..."; "Anything
else?" after each of three answered questions.

A did-not-understand reply ("I don't quite understand", "maaf, saya
tidak mengerti") is also a loop when the same one comes for the
`loop-threshold`th time within the bot's last `not-understood-loop-window`
messages (default 5), whatever the bot said in between: a booking
confirmation or a greeting between two "I don't understand"s does not mean
the customer was understood. One finding per such run; an agent turn ends it.
"""

from __future__ import annotations

from collections.abc import Iterator

from alur.runner.audit_view import AuditConfig, ConversationView
from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding
from alur.runner.transcripts import Turn


class RepeatedBotMessage(Detector[AuditConfig, ConversationView]):
    __doc__ = __doc__


    code = "repeated-bot-message"
    kind = "loop"
    options = ("loop_threshold", "not_understood_loop_window")

    def wanted(self, view: ConversationView) -> bool:
        return view.most_said >= self.config.loop_threshold

    def check(self, view: ConversationView) -> Iterator[Finding]:
        threshold = self.config.loop_threshold
        window = self.config.not_understood_loop_window
        said: dict[bytes, tuple[int, int]] = {}  # key -> (times said since progress, epoch)
        epoch = 0
        waiting: list[int] = []  # customer turns since the last bot turn
        spoken = 0  # bot messages since the last agent turn
        failures: dict[bytes, list[int]] = {}  # did-not-understand key -> its counted sayings (as `spoken`)
        trapped: set[bytes] = set()  # did-not-understand keys found in a loop that still goes on
        for index, turn in enumerate(view.turns):
            role = turn["role"]
            if role == "user":
                waiting.append(index)
                continue
            if role == "agent":
                epoch += 1
                waiting.clear()
                spoken = 0
                failures.clear()
                trapped.clear()
                continue
            if role != "bot":
                continue
            spoken += 1
            key, not_understood = view.bot[index]  # type: ignore[misc]
            looped = False
            closing_only: bool | None = None  # worked out only when needed
            previous = said.get(key)
            if previous is None:
                if not not_understood:
                    epoch += 1  # something new: progress for every other message
                said[key] = (1, epoch)
            else:
                if previous[1] != epoch:
                    said[key] = (1, epoch)
                else:
                    closing_only = bool(waiting) and all(view.closing(i) for i in waiting)
                    if not closing_only:
                        times = previous[0] + 1
                        said[key] = (times, epoch)
                        looped = times == threshold
            if not_understood:
                if closing_only is None:
                    closing_only = bool(waiting) and all(view.closing(i) for i in waiting)
                if not closing_only:
                    sayings = failures.setdefault(key, [])
                    sayings.append(spoken)
                    recent = sum(1 for when in sayings if when > spoken - window)
                    if looped or recent >= threshold:
                        if key in trapped:
                            looped = False  # the same loop, found already
                        else:
                            trapped.add(key)
                            if not looped:
                                yield self._finding(turn, index, recent, f"within its last {window} messages")
                    else:
                        trapped.discard(key)
            waiting.clear()
            if looped:
                yield self._finding(turn, index, threshold, "with no progress in between")

    def _finding(self, turn: Turn, index: int, times: int, how: str) -> Finding:
        return Finding(
            self.kind, index, turn.get("state"),
            f"bot repeated '{snippet(turn['text'])}' {times} times {how}",
        )
