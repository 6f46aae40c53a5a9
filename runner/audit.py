"""`alur audit`: the failures of contract §4 found in recorded conversations
as they happened, with no flow.

Without a flow there are no states to re-enter and no slots to fill, so each
rule is restated in terms of what a recording shows:

- *progress* is what the customer would recognise as the conversation
  moving: the bot saying something it has not said before, the customer
  giving a value they have not given before (an order number, a code, a
  date, an e-mail address; a pick from a numbered menu is none) that the bot
  did not answer with "I did not understand", or a human agent joining;
- *the same thing* is the same text ignoring case, spacing, punctuation and
  emoji. The same template with different details (another hotel's rating,
  the next step of directions) is a different message: the customer is
  being told something new.

Detectors are small classes in a registry (`DETECTORS`), yamllint style:
each has a stable kebab-case `code`, the finding `kind` it produces, its
rule as its docstring, and the thresholds it reads from `AuditConfig`.

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

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from alur.flows.nlu.buttons import menu_number
from alur.flows.nlu.text import UNDERSTOOD_CHARS
from alur.runner.budget import ConversationClock
from alur.runner.findings import (
    ConversationResult,
    ExcerptTurn,
    Finding,
    Report,
    SkippedInput,
)
from alur.runner.phrases import PhraseBook, folded, words
from alur.runner.phrases.handoff import HandoffRequests
from alur.runner.privacy import mask_text
from alur.runner.thresholds import threshold, thresholds_of
from alur.runner.transcripts import (
    Conversation,
    Shard,
    TranscriptError,
    Turn,
    parse_shard,
    read_shards,
    turns_problem,
)

_BOT_CACHE_LIMIT = 20_000  # distinct bot texts remembered per process; templates repeat, memory stays flat
_SNIPPET = 40


@dataclass(frozen=True)
class AuditConfig:
    """Every setting of an audit. The integer fields are the detectors'
    thresholds, offered as `--loop-threshold` etc. on the command line and
    as `loop-threshold = 3` under `[tool.alur.audit]` in pyproject.toml."""

    loop_threshold: int = threshold(3, 2, "a bot message said this many times with no progress in between is a loop")
    not_understood_loop_window: int = threshold(
        5, 2,
        "a did-not-understand reply said loop-threshold times within the bot's last this-many messages is a loop "
        "(below loop-threshold: never)",
    )
    not_understood_threshold: int = threshold(
        3, 1, "this many bot replies in a row saying they did not understand, with no agent after, is a missing escalation"
    )
    frustration_window: int = threshold(
        2, 1, "frustration in any of the customer's last this-many turns, with no agent after, is a dead end"
    )
    excerpt_turns: int = threshold(3, 0, "turns shown before each finding in text and Markdown reports")
    disabled: frozenset[str] = frozenset()
    phrases: PhraseBook = field(default_factory=PhraseBook.builtin)

    @classmethod
    def thresholds(cls) -> list[tuple[str, int, int, str]]:
        """(name, default, minimum, help) of each integer setting."""
        return thresholds_of(cls)


# --------------------------------------------------------------------------- what detectors look at

_WORDS = re.compile(r"[^\W_]+")
# A bot turn with one of these words does not hand over, whatever else it says.
_CALLED_OFF = re.compile(
    r"\b(tidak|tdk|gak|ga|nggak|enggak|belum|blm|bukan|gagal|offline|not|unable|cannot|can'?t|couldn'?t"
    r"|unavailable|trouble|failed|di luar jam|outside (?:our )?(?:office|business|working) hours)\b"
)
_STATE_WORDS = re.compile(r"[^a-z0-9]+")
_HANDOFF_STATE_WORDS = frozenset("handoff escalate escalated escalation eskalasi agent livechat cs".split())
_NOT_HANDOFF_STATE_WORDS = frozenset("unavailable offline no not busy closed check failed gagal tidak off".split())


def _handoff_state(state: str | None) -> bool:
    """Whether a bot turn's `state` names a handoff: `handoff`, `hand_off`,
    `escalate_cs`, `live_chat`; not `agent_offline` or `handoff_unavailable`."""
    if not state:
        return False
    parts = set(_STATE_WORDS.split(state.casefold()))
    joined = _STATE_WORDS.sub("", state.casefold())
    named = bool(parts & _HANDOFF_STATE_WORDS) or "handoff" in joined or "livechat" in joined
    return named and not parts & _NOT_HANDOFF_STATE_WORDS
_VALUE = re.compile(r"[\w.+\-/:@]*[\d@][\w.+\-/:@]*")
_KEY_BYTES = bytes(b if chr(b).isalnum() and b < 128 else 32 for b in range(256)).lower()


NEW_VALUE, NEW_WORDS = 1, 2
_CLOSING_WORDS = 10  # longer turns say more than thanks or goodbye
_MENU_PICK_CHARS = 30  # "yang kedua aja kak" fits; a longer turn says more than a pick
_DAY_OF_MONTH = re.compile(r"\d(st|nd|rd|th)\b", re.IGNORECASE)  # "the 10th?" asks for a day, not option 10


@lru_cache(maxsize=1)
def _filler() -> frozenset[str]:
    """Words that carry no news: the flow language's filler words (particles,
    greetings, pronouns) and the chat spellings that stand for them."""
    from alur.flows.nlu.lexicon import slang, word_set

    filler = word_set("stopwords.txt")
    expansions, _ = slang()
    return filler | {typed for typed, words in expansions.items() if all(w in filler for w in words)}


def message_key(text: str) -> bytes:
    """What makes two bot messages "the same thing": their words and numbers,
    ignoring case, spacing, punctuation and emoji."""
    if text.isascii():  # the common case, several times faster than the regex
        return b" ".join(text.encode().translate(_KEY_BYTES).split())
    return " ".join(_WORDS.findall(text.casefold())).encode()


class _BotFacts:
    """Per-process memory of bot texts: their key, whether they say the bot did
    not understand, and (once shown in a finding) their masked form.
    Production bots speak from templates, so most bot turns are answered from
    here without running a regular expression."""

    def __init__(self, phrases: PhraseBook):
        self.phrases = phrases
        self.known: dict[str, tuple[bytes, str]] = {}
        self._masked: dict[str, str] = {}

    def learn(self, text: str) -> tuple[bytes, str]:
        if len(self.known) >= _BOT_CACHE_LIMIT:
            self.known.clear()  # keeps memory flat on corpora of unique texts
        facts = self.known[text] = (message_key(text), self.phrases.not_understood.search(text) or "")
        return facts

    def masked(self, text: str) -> str:
        """`mask_text(text)`: for texts masked with no context (bot and agent
        turns, finding messages), which repeat from conversation to conversation."""
        shown = self._masked.get(text)
        if shown is None:
            if len(self._masked) >= _BOT_CACHE_LIMIT:
                self._masked.clear()
            shown = self._masked[text] = mask_text(text)
        return shown


class ConversationView:
    """One conversation, with the facts several detectors need worked out in
    one pass over the turns, and the rest only when a detector asks.

    The pass is all that most conversations cost: it checks each turn (the
    audit reads transcripts with `check_turns=False`, so this is the only
    pass), reads each bot text's facts from the per-process cache and notes
    what the detectors' cheap tests (`Detector.wanted`) look at. A malformed
    turn raises TranscriptError, as reading would have. Texts are read, as
    the engine reads them, up to `UNDERSTOOD_CHARS` characters: the pass
    cuts a longer text in the conversation itself, so that every rule,
    message and excerpt after it reads the cut one; a broken or hostile
    transcript with a 50 MB "message" must not cost gigabytes."""

    __slots__ = (
        "conversation", "turns", "phrases", "bot", "users", "user_texts", "last_agent", "most_said",
        "not_understood", "_handoff", "_user_text", "_user_folded", "_user_words", "_news",
    )

    def __init__(self, conversation: Conversation, phrases: PhraseBook, bot_facts: _BotFacts, handoff: HandoffRequests):
        self.conversation = conversation
        self._handoff = handoff
        self.turns = turns = conversation.turns
        self.phrases = phrases
        known = bot_facts.known
        # (message key, did-not-understand phrase or "") of each bot turn; None for other turns
        bot: list[tuple[bytes, str] | None] = [None] * len(turns)
        users: list[int] = []
        user_texts: list[str] = []
        said: dict[bytes, int] = {}
        most = 0
        failed = 0
        last_agent = -1
        index = 0
        try:
            for turn in turns:
                role = turn["role"]
                text = turn["text"]
                if type(text) is not str:
                    break
                if len(text) > UNDERSTOOD_CHARS:  # read as the engine reads it, here once for every use after
                    text = turn["text"] = text[:UNDERSTOOD_CHARS]
                if len(turn) > 2:  # intent and state: text or absent
                    intent = turn.get("intent")
                    state = turn.get("state")
                    if not ((intent is None or type(intent) is str) and (state is None or type(state) is str)):
                        break
                if role == "user":
                    users.append(index)
                    user_texts.append(text)
                elif role == "bot":
                    facts = known.get(text) or bot_facts.learn(text)
                    bot[index] = facts
                    key = facts[0]
                    times = said[key] = said.get(key, 0) + 1
                    if times > most:
                        most = times
                    if facts[1]:
                        failed += 1
                elif role == "agent":
                    last_agent = index
                elif role != "system":
                    break
                index += 1
        except (KeyError, TypeError):  # a turn that is not an object, or has no role or text
            problem = turns_problem(turns)
            if problem is None:  # the turns are fine: not theirs to explain
                raise
            raise problem from None
        if index < len(turns):  # the loop stopped at a bad turn; it checks what turns_problem checks
            raise turns_problem(turns)  # type: ignore[misc]
        self.bot = bot
        self.most_said = most  # how often the bot's most repeated message was said
        self.not_understood = failed  # bot turns saying the bot did not understand
        self.users = users  # indices of the customer's turns
        self.user_texts = user_texts  # their texts
        self.last_agent = last_agent  # index of the last agent turn, -1 if none
        self._user_words: list[bytes] | None = None
        self._news: dict[int, int] | None = None  # see news()

    def user_words(self) -> list[bytes]:
        """The words of all customer turns as the phrase lists' quick tests
        read them (`alur.runner.phrases.words`), worked out once for all."""
        if self._user_words is None:
            self._user_text = "\n".join(self.user_texts)
            self._user_folded = folded(self._user_text)
            self._user_words = words(self._user_text, self._user_folded)
        return self._user_words

    def may_ask_for_human(self) -> bool:
        """False when surely no customer turn asks for a human (one quick test for all)."""
        typed_words = self.user_words()  # sets _user_text and _user_folded too
        return self._handoff.may_occur_in(self._user_text, self._user_folded, typed_words)

    def handoff_requests(self) -> list[int]:
        """Indices of the customer turns that ask for a human."""
        users = self.users
        return [users[position] for position in self._handoff.find(self.user_texts)]

    def frustration(self, index: int) -> str | None:
        """The frustration phrase in customer turn `index`, or None."""
        frustration = self.phrases.frustration
        if not frustration.may_occur_in(self.user_words()):
            return None
        return frustration.search(self.turns[index]["text"])

    def news(self, index: int) -> int:
        """What customer turn `index` tells that the customer has not said
        before in this conversation: `NEW_VALUE` (a token with a digit, an
        e-mail address, a day or time: an order number, a code, "Monday";
        a turn that only picks from a numbered menu tells no value),
        `NEW_WORDS` (a word that is not filler), both, or 0. Worked out once
        for all customer turns, only for conversations where the bot repeats
        itself."""
        if self._news is None:
            self._news = self._tell()
        return self._news.get(index, 0)

    def _tell(self) -> dict[int, int]:
        told: dict[int, int] = {}
        values_seen: set[str] = set()
        words_seen: set[str] = set()
        filler = _filler()
        dates = self.phrases.dates
        for index, text in zip(self.users, self.user_texts):
            news = 0
            values = set() if _menu_pick(text) else {v.strip(".:-/").casefold() for v in _VALUE.findall(text)}
            values.update(dates.find_all(text))
            if not values <= values_seen:
                news |= NEW_VALUE
                values_seen |= values
            content = set(_WORDS.findall(text.casefold())) - filler
            if not content <= words_seen:
                news |= NEW_WORDS
                words_seen |= content
            told[index] = news
        return told

    def closing(self, index: int) -> bool:
        """Whether customer turn `index` only thanks or says goodbye: short,
        no question, a closing phrase ("makasih kak", "ok thanks, bye")."""
        text = self.turns[index]["text"]
        return len(text.split()) <= _CLOSING_WORDS and "?" not in text and self.phrases.closing.search(text) is not None

    def reply(self, index: int) -> tuple[list[Turn], bool]:
        """The turns that answer customer turn `index`, up to the customer's
        next turn, and whether there is one. Customer turns right after
        `index` are the same message sent in pieces ("mau ke CS" /
        "sekarang"), not a next turn."""
        turns = self.turns
        start = index + 1
        while start < len(turns) and turns[start]["role"] == "user":
            start += 1
        end = start
        while end < len(turns) and turns[end]["role"] != "user":
            end += 1
        return turns[start:end], end < len(turns)

    def handed_over(self, index: int) -> bool:
        """Whether customer turn `index` reached a person: an agent turn
        comes before the customer's next turn, or the log ends with the bot
        announcing that a person takes over. An announcement is a bot turn
        that says so ("kami hubungkan dengan agen", "connecting you to an
        agent") as a statement, not a question and with no "not" in it
        ("kami tidak dapat menghubungkan…", "an agent is not available"), or
        has a `state` naming a handoff (`handoff`, `escalate_cs`; not
        `agent_offline`), with no bot turn after it taking it back ("maaf,
        agen sedang tidak tersedia"); the agent's part is then in another
        system's log."""
        answer, goes_on = self.reply(index)
        if any(turn["role"] == "agent" for turn in answer):
            return True
        if goes_on:
            return False
        transfer = self.phrases.transfer
        announced = False
        for turn in answer:
            if turn["role"] != "bot":
                continue
            text = turn["text"].casefold()
            if _CALLED_OFF.search(text):
                announced = False
            elif _handoff_state(turn.get("state")) or ("?" not in text and transfer.search(text) is not None):
                announced = True
        return announced

    def agent_present(self, index: int) -> bool:
        """Whether the customer is already talking to an agent at turn `index`:
        the last turn before it that is not the customer's is an agent's."""
        for j in range(index - 1, -1, -1):
            role = self.turns[j]["role"]
            if role != "user" and role != "system":
                return role == "agent"
        return False

    def state_before(self, index: int) -> str | None:
        """The `state` annotation of the last bot turn before `index`."""
        for j in range(index - 1, -1, -1):
            if self.turns[j]["role"] == "bot":
                return self.turns[j].get("state")
        return None


def _menu_pick(text: str) -> bool:
    """A customer turn that only picks from a numbered menu ("4", "(5)",
    "no 2", "yang kedua aja"; read as the engine reads button replies), not a
    value such as an order number or a code. A bot that shows its menu again
    after "4", "5", "0" is not being told anything new (but "change the
    bedrooms to 5" tells it a value, and "10th?" a day)."""
    return len(text) <= _MENU_PICK_CHARS and menu_number(text) is not None and not _DAY_OF_MONTH.search(text)


def snippet(text: str, limit: int = _SNIPPET) -> str:
    """The start of a message, on one line, cut between words, for finding messages."""
    flat = " ".join(text[:UNDERSTOOD_CHARS].split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:") + "…"


# --------------------------------------------------------------------------- detectors


class Detector:
    """A rule over one recorded conversation. Subclasses set `code` (stable,
    kebab-case), `kind` (the contract §4 finding kind), `options` (the
    AuditConfig fields they read) and write their rule as their docstring."""

    code: ClassVar[str]
    kind: ClassVar[str]
    options: ClassVar[tuple[str, ...]] = ()

    def __init__(self, config: AuditConfig):
        self.config = config

    def wanted(self, view: ConversationView) -> bool:
        """A cheap test: False when `check` surely finds nothing. Most
        conversations have nothing wrong, and this keeps them cheap."""
        return True

    def check(self, view: ConversationView) -> Iterator[Finding]:
        raise NotImplementedError


class RepeatedBotMessage(Detector):
    """The bot says the same thing for the `loop-threshold`th time (default 3)
    with no progress in between: the customer is trapped in a loop.

    Same thing: the same words and numbers, ignoring case, spacing,
    punctuation and emoji; the same template with other details (another
    hotel's rating, the next step of directions) is a different message.

    Progress starts the count again:
    - the bot saying something it has not said before in the conversation
      (did-not-understand replies aside): the customer learns something new;
    - the customer giving a value they have not given before (a token with a
      digit, an e-mail address, a day or time: an order number, a code,
      "Monday", "besok"), unless the bot answers "I did not understand": a
      wrong OTP entered again is a new attempt, not a loop;
    - the customer saying something new (a word that is not filler) that the
      bot answers with a message it has not said since the last progress:
      the bot took it in, even if its answer is one it gave earlier;
    - an agent turn.
    A repeat that answers only the customer's thanks or goodbye ("bye" /
    "Thank you and goodbye.") is not counted. Re-prompts count: "Pilih menu:
    1. … 2. …" shown three times to a customer typing "saya mau refund",
    "refund uang saya", "REFUND" is a loop.

    A did-not-understand reply ("I don't quite understand", "maaf, saya
    tidak mengerti") is also a loop when the same one comes for the
    `loop-threshold`th time within the bot's last
    `not-understood-loop-window` messages (default 5), whatever the bot said
    in between: a booking confirmation or a greeting between two "I don't
    understand"s does not mean the customer was understood. One finding per
    such run; an agent turn ends it.
    """

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
                if not not_understood and waiting:
                    news = 0
                    for i in waiting:
                        news |= view.news(i)
                    current = previous[1] == epoch  # said already since the last progress
                    if news & NEW_VALUE or (news & NEW_WORDS and not current):
                        epoch += 1
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
                    while sayings and sayings[0] <= spoken - window:  # out of the window for good: `spoken` only grows
                        del sayings[0]
                    recent = len(sayings)
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


class UnansweredHandoff(Detector):
    """The customer asks for a human and no agent turn comes before the
    customer's next turn (the bot may announce the handoff first). A log
    that ends after the request with the bot announcing the handoff ("kami
    hubungkan dengan agen", "connecting you to an agent", phrases added under
    `[transfer]`, or a bot turn whose `state` names a handoff) is no finding:
    the agent's part is logged elsewhere. A log that ends with no such
    announcement is one: the customer left without a person.

    A request is judged as the flow engine judges it, with the built-in
    Indonesian and English lists ("mau ke CS", "agent please", "orang asli",
    "real person", … but not "halo min, …", where "admin" is a greeting),
    plus phrases added with `--phrases`. Requests made while the customer is
    already talking to an agent do not count; repeated requests with no agent
    in between are one finding, at the first.
    """

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
        said = snippet(view.turns[index]["text"])
        after = "before their next turn" if view.reply(index)[1] else "before the conversation ended"
        return Finding(
            self.kind, index, view.state_before(index),
            f"customer asked for a human ('{said}'){times} and no agent came {after}",
        )


class NotUnderstoodRun(Detector):
    """`not-understood-threshold` (default 3) bot replies in a row say the bot
    did not understand, and no agent turn comes before the customer's next
    turn: the customer should have been handed to a human.

    A reply is the bot turns between two customer turns; it says so when one
    of its turns contains a did-not-understand phrase ("I don't quite
    understand", "maaf, saya tidak mengerti", …). A reply that does not, or
    an agent turn, ends the run. One finding per run, at the reply that
    reaches the threshold.
    """

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
                    if failed is not None and run == threshold:
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
            self.kind, index, view.turns[index].get("state"),
            f"{run} bot replies in a row did not understand ('{phrase}') and no agent took over",
        )


class FrustratedExit(Detector):
    """The customer leaves frustrated: one of their last `frustration-window`
    turns (default 2) contains a frustration phrase ("kecewa", "komplain",
    "penipuan", "ga ngerti", "useless", …) and no agent turn comes after it.

    There is no flow to be stuck in, so this is audit's `dead_end`: the
    conversation stopped with the customer's problem visibly unsolved.
    """

    code = "frustrated-exit"
    kind = "dead_end"
    options = ("frustration_window",)

    def wanted(self, view: ConversationView) -> bool:
        users = view.users
        return bool(users) and users[-1] > view.last_agent and view.phrases.frustration.may_occur_in(view.user_words())

    def check(self, view: ConversationView) -> Iterator[Finding]:
        for index in reversed(view.users[-self.config.frustration_window:]):
            if index < view.last_agent:
                return
            phrase = view.frustration(index)
            if phrase:
                yield Finding(
                    self.kind, index, view.state_before(index),
                    f"customer left frustrated ('{phrase}') with no agent after",
                )
                return


DETECTORS: dict[str, type[Detector]] = {
    cls.code: cls for cls in (RepeatedBotMessage, UnansweredHandoff, NotUnderstoodRun, FrustratedExit)
}


def get_detector(code: str) -> type[Detector]:
    """The detector with this code, or KeyError naming the known codes."""
    try:
        return DETECTORS[code]
    except KeyError:
        raise KeyError(f"no audit detector {code!r}; known: {', '.join(DETECTORS)}") from None


# --------------------------------------------------------------------------- running


class Auditor:
    """Audits conversations with one configuration; keeps per-process caches."""

    def __init__(self, config: AuditConfig):
        unknown = set(config.disabled) - set(DETECTORS)
        if unknown:
            get_detector(sorted(unknown)[0])
        self.config = config
        self.detectors = [cls(config) for code, cls in DETECTORS.items() if code not in config.disabled]
        self._bot_facts = _BotFacts(config.phrases)
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

    def _masked_with_excerpt(self, finding: Finding, conversation: Conversation, shown: dict[int, ExcerptTurn]) -> Finding:
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
        return Finding(finding.kind, finding.turn, finding.state, self._bot_facts.masked(finding.message), tuple(excerpt))

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
