"""abandoned-customer: the conversation ends with the customer abandoned
(this detector's old code, frustrated-exit, still names it). There is no
flow to be stuck in, so this is audit's `dead_end`, judged where the
customer leaves: their last turn, and
the turns before it that the bot answered only by wrapping up ("Thank you
and goodbye.", "Is there anything else?"), at most `frustration-window`
(default 3). One of:

- **left angry**: one of those turns is angry or upset ("useless", "go
  away", "gajelas", "bodo amat", "kapok", "males", insults), and the
  customer's last word is no thanks ("thanks for nothing" is no thanks);
- **gave up after a failure**: one of those turns gives up ("forget it",
  "never mind", "whatever", "udah lah", "ga jadi") right after the bot
  failed the customer: it did not understand, said the need cannot be met
  ("not available", "gagal", "coba lagi nanti") or said the same thing
  again. With thanks and no anger ("forget it then, thanks anyway" after
  "no room is available") it is calm acceptance, not abandonment;
- **no way forward**: the bot has the last word, in answer to a customer
  who was neither thanking nor saying goodbye, and it is a failure or a
  did-not-understand ("I cannot authenticate you", "Sesi kamu telah
  berakhir"), or a goodbye right after one; or, after failing them, the
  bot said goodbye to a customer who was not leaving ("I am missing money"
  / "Thank you and goodbye.").

Reported at the customer's last turn, never at an earlier word: a customer
who wrote "botnya ga ngerti" and then went on to be served was not
abandoned. An agent turn after the customer's last turn means a person
took over: no finding. Asking for clarification and getting it, a goodbye
after being served, or ending for one's own reasons are not dead ends.

Fires:

    bot:  Maaf, saya belum mengerti pesan kamu.
    user: gajelas. ganti provider aja lah              <- left angry

    bot:  Sorry, but the flight with id '869' is not available any more.
    user: whatever. goodbye                            <- gave up after a failure

Does not fire:

    bot:  I'm very sorry, but there is no room available at the Old Town Inn.
    user: forget it then. thanks anyways               (calm acceptance)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from alur.runner.audit_view import AuditConfig, ConversationView
from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding

# Thanks make giving up calm: "forget it then. thanks anyways", "ya udah makasih kak".
_THANKS = re.compile(r"\b(thanks?|thank you|thx|ty|cheers|makasih|makasi|terima ?kasih|trims|tq|tengkyu|thanks anyways?)\b")

_GOODBYE = re.compile(r"\b(good ?bye|bye|sampai jumpa|selamat tinggal|dadah)\b")


class AbandonedCustomer(Detector[AuditConfig, ConversationView]):
    __doc__ = __doc__
    code = "abandoned-customer"
    kind = "dead_end"
    options = ("frustration_window",)

    def wanted(self, view: ConversationView) -> bool:
        users = view.users
        return bool(users) and users[-1] > view.last_agent

    def check(self, view: ConversationView) -> Iterator[Finding]:
        leaving = view.leaving(self.config.frustration_window)
        if not leaving:
            return
        last = leaving[0]
        state = view.state_before(last)
        thanked = _THANKS.search(view.turns[last]["text"].casefold()) is not None  # the customer's last word
        for index in leaving:
            angry = view.frustration(index)
            if angry and (_THANKS.search(angry) or not (thanked or _THANKS.search(view.turns[index]["text"].casefold()))):
                yield Finding(self.kind, last, state, f"customer left angry ('{angry}'{_at(index, last)})")
                return
        told = _last_failure(view, leaving)
        failure = view.failed(told) if told is not None else None
        if failure is not None:
            evidence, bots_fault = failure
            texts = [view.turns[index]["text"] for index in leaving]
            calm = not bots_fault and any(_THANKS.search(text.casefold()) for text in texts)
            for index, text in zip(leaving, texts):
                gave_up = view.phrases.giving_up.search(text)
                if gave_up and not calm:
                    yield Finding(
                        self.kind, last, state,
                        f"customer gave up ('{gave_up}'{_at(index, last)}) after the bot's turn {told} "
                        f"('{snippet(view.turns[told]['text'])}': {evidence})",
                    )
                    return
        if failure is not None and failure[1] and not thanked:
            hung_up = next((i for i in reversed(leaving) if i != last and _hung_up_on(view, i)), None)
            if hung_up is not None:
                yield Finding(
                    self.kind, last, state,
                    f"the bot said goodbye to the customer at turn {hung_up} who was not leaving, after failing "
                    f"them at turn {told} ('{snippet(view.turns[told]['text'])}': {failure[0]})",
                )
                return
        answer, goes_on = view.reply(last)
        if goes_on or not answer or _leaving_words(view, last):
            return
        final = len(view.turns) - 1
        if answer[-1] is not view.turns[final]:
            return
        if view.wraps_up(final) and failure is not None and failure[1]:
            final = told  # the bot said goodbye to a customer it had failed and who was not leaving
        ending = view.failed(final)
        if ending is not None and ending[1]:
            yield Finding(
                self.kind, last, state,
                f"the bot's last word left no way forward ('{snippet(view.turns[final]['text'])}': {ending[0]}) "
                "and the customer's need was not met",
            )


def _last_failure(view: ConversationView, leaving: list[int]) -> int | None:
    """The last bot turn that failed the customer (see
    `ConversationView.failed`) among those answering the leaving turns, else
    the last thing the customer was told before them, if that failed."""
    for j in range(leaving[0] - 1, leaving[-1], -1):
        if view.bot[j] is not None and not view.wraps_up(j) and view.failed(j) is not None:
            return j
    told = view.last_said(leaving[-1])
    return told if told is not None and view.failed(told) is not None else None


def _hung_up_on(view: ConversationView, index: int) -> bool:
    """Whether the bot said goodbye in answer to customer turn `index`,
    which neither thanked nor said goodbye."""
    if _leaving_words(view, index):
        return False
    answer, _ = view.reply(index)
    return any(turn["role"] == "bot" and _GOODBYE.search(turn["text"].casefold()) for turn in answer)


def _leaving_words(view: ConversationView, index: int) -> bool:
    """Whether customer turn `index` thanks or says goodbye anywhere in it."""
    text = view.turns[index]["text"]
    return view.phrases.closing.search(text) is not None or _THANKS.search(text.casefold()) is not None


def _at(index: int, last: int) -> str:
    return "" if index == last else f", at turn {index}"
