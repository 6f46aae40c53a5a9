"""unanswered-handoff: the customer asks for a human and no agent turn comes
before the customer's next turn (the bot may announce the handoff first). A
log that ends after the request with the bot announcing the handoff ("kami
hubungkan dengan agen", "connecting you to an agent", phrases added under
`[transfer]`, or a bot turn whose `state` names a handoff) is no finding:
the agent's part is logged elsewhere. A log that ends with no such
announcement is one: the customer left without a person. So is a log
ending with the bot saying the agents are busy or offline, or closing the
chat.

A callback the bot books ("Someone will call you within 2 hours", "Kakak
akan dihubungi tim CS maksimal 1x24 jam", phrases added under
`[callback]`) meets the request, whatever the customer writes next ("cheers
mate"): the person is on their way. An offer ("Would you like a call
back?") does not.
A customer who only pings while the announced agent comes ("Connecting
you with our team." / "hello??" / the agent) was handed over.

A request is judged as the flow engine judges it, with the built-in
Indonesian and English lists ("mau ke CS", "agent please", "orang asli",
"real person", "who's your manager?", "mau komplain ke atasan kamu", …
but not "halo min, …", where "admin" is a greeting, nor a question about
the bot's nature, "are you a human?", "kamu manusia?", nor a person
mentioned in passing, "he was promoted to manager", "kurirnya bilang
hubungi CS"), plus phrases added with `--phrases`; or the number of a
menu option that asks for one ("3" after "3. Bicara dengan Agen", "2"
after "Reply 2 to talk to an agent"). Requests made while the customer is
already talking to an agent do not count; repeated requests with no agent
in between are one finding, at the first.
"""

from __future__ import annotations

from collections.abc import Iterator

from alur.runner.audit_view import AuditConfig, ConversationView
from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding


class UnansweredHandoff(Detector[AuditConfig, ConversationView]):
    __doc__ = __doc__
    code = "unanswered-handoff"
    kind = "missing_escalation"

    def wanted(self, view: ConversationView) -> bool:
        return bool(view.users) and view.may_ask_for_human()

    def check(self, view: ConversationView) -> Iterator[Finding]:
        requests = view.handoff_requests()
        first: int | None = None
        asked = 0
        seen = 0  # turns up to here hold no agent since `first`: each turn is looked at once
        for index in requests:
            if first is not None and any(t["role"] == "agent" for t in view.turns[seen:index]):
                yield self._finding(view, first, asked)
                first, asked = None, 0
            seen = index
            if view.agent_present(index) or view.handed_over(index):
                continue
            if first is None:
                first = index
            asked += 1
        if first is not None:
            yield self._finding(view, first, asked)

    def _finding(self, view: ConversationView, index: int, asked: int) -> Finding:
        times = f" ({asked} times)" if asked > 1 else ""
        label = view.menu_choice(index)
        said = snippet(view.turns[index]["text"]) + (f"', the menu's '{snippet(label)}" if label else "")
        after = "before their next turn" if view.reply(index)[1] else "before the conversation ended"
        return Finding(
            self.kind,
            index,
            view.state_before(index),
            f"customer asked for a human ('{said}'){times} and no agent came {after}",
        )
