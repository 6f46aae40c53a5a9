"""repeated-bot-message: the bot says the same thing for the
`loop-threshold`th time (default 3) with no progress in between: the
customer is trapped in a loop.

Same thing: the same words, ignoring case, spacing, punctuation, emoji,
numbers ("flight 52 is not available" and "flight 869 is not available"
are the same refusal) and a greeting, welcome, apology or who is writing
opening them ("I'm very sorry.  Can I get your PIN?" asks again for the
PIN; "ini Bela dari Belanjain 💛 Refund …" is "Refund …"), and, in
a refusal or a rejected value, names, codes, days and times ("no room
available at the Hyatt Hotel", then "at the Hilton Hotel"; "not able to
make Sunday @ 2 pm", then "Saturday @ 11 am": each new value refused),
and a refusal with only the values the customer offered changed ("the
gold … kit is out of stock" / "silver then" / "the silver … kit is out of
stock");
the same template with other words (the next step of directions, a
confirmation of another hotel) is a different message. A message said at
the end of the bot's turn before ("… Terima kasih telah menghubungi
MakanYuk, sampai jumpa!", then that goodbye alone) was said there too; at
the end of an earlier one ("Paket 30GB. Pilih metode pembayaran: …"),
it was said before, and saying it alone later is nothing new.

Progress starts the count again:
- the bot saying something it has not said before in the conversation
  (did-not-understand replies and refusals aside, see below): the
  customer learns something new,
  a task was done ("Anything else?" after each completed task is clean);
- the customer saying the last answer worked ("oke sudah bisa. kalau untuk
  suami saya?");
- an agent turn.
An answer said again to a customer who asked to hear it again ("what
were they again?" / "Your instructions are: …") is progress too.
What the customer typed is not progress by itself: a new account number
answered with the same "Please enter your 10-digit account number." was
not accepted, and four of them are a trap. A message repeated only in
answer to the customer's thanks and goodbyes ("bye" / "Thank you and
goodbye.") is no trap; once one of its repeats answered more ("I am still
missing money" / "Thank you and goodbye."), the repeats to goodbyes count
too.

Fires (third time, nothing accepted):

    bot:  Please enter your 10-digit account number.
    user: 12345
    bot:  Please enter your 10-digit account number.
    user: 1234567
    bot:  Please enter your 10-digit account number.      <- loop

Does not fire: the prompt twice, then "Your balance is ..."; "Anything
else?" after each of three answered questions.

A did-not-understand reply ("I don't quite understand", "maaf, saya
tidak mengerti") or a refusal ("no flights match your search", "gagal")
is never progress, even the first time: the bot took nothing in. A task done ("your booking is confirmed",
"berhasil") is progress, unless it is said again word for word to a customer who said it did not happen ("E-tiket telah
dikirim" / "sudah dicek, kosong" / "E-tiket telah dikirim"; a new ticket
number on it is no news either), and so is an answer or an offer repeating
its words with new details ("The Shadyside Inn has an average rating of
2", then "of 4"; "a ride for 21 credits. Book it?", then, for a Honda,
"for 5 credits"): the customer learnt something new; but not when the new
details only echo the customer's last words ("Nomor 0812-0000-1111 tidak
terdaftar" after "0812-0000-1111"; "not able to make 1 pm" after "1pm"),
unless the bot offers to do the task with them ("… at 6 pm. Can I book
it?" after "6?": the new value was taken).
A question said for the first time is no progress when the bot's next
turn goes straight back to what it asked before and the question asked
for the same thing in other words ("Could you provide your date of
birth?" / "I need your date of birth." / "Could you provide your date of
birth?"); another step ("Please provide your rank.") is progress. Nor is
"Is there anything else?" when the bot's next turn goes back to a refusal
or a prompt it said since the last progress ("cannot authenticate you" /
"Is there anything else?" / "Could you provide your date of birth?"):
offering more help after failing moves nothing on; nor a bare "Yes." or
"OK" between two of the same refusal (it accepted nothing), or a message
telling what the bot can do between two of the same did-not-understand
("I can filter restaurants by name, …": a menu in words); nor a goodbye to a
customer the bot then still does not understand ("I don't quite
understand" / "Thank you and goodbye." / "I don't quite understand": the
customer never left); after "anything else?" a did-not-understand is about
the new request, a fresh start. Nor is an apology and nothing else
("Mohon maaf atas ketidaknyamanannya."). Nor is one first-time answer
right after a message said twice, when the customer objects and the bot
goes back to that message ("Your claim is under process." twice / "No
documents are pending." / "Then why is it stuck?" / "Your claim is under
process."); unless the customer asked for something new ("Ride booked"
twice / "It's a BMW" / "and change the destination" / "Ride booked").
Nor is any question but an offer to book when the bot's next turn is a refusal it said since the
last progress ("no room at the Shadyside Inn" / "When will you be leaving
again?" / "no room at the Old Town Inn"; "Would you like indoor or
outdoor seating?"): the answer changed nothing. An offer that takes a
value ("the Hyatt ticks all of your boxes, can I book it?") is progress.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from itertools import pairwise

from alur.runner.audit_view import ACKNOWLEDGED, AuditConfig, BotText, ConversationView, ends_with, without_opener
from alur.runner.bot_shapes import apologises_only
from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding
from alur.runner.mood import objects, solved

# A bot turn asking the customer for something without a question mark: "I need your date of birth, please."
_ASKS = re.compile(r"\b(?:please|kindly|mohon|silakan|silahkan|tolong|harap)\b", re.IGNORECASE)
# The bot telling what it can do, a menu in words: "I can filter restaurants by name, location, …", "I am only able
# to help you search for restaurants", "Saya bisa membantu cek pesanan dan refund".
_CAN_DO = re.compile(
    r"\W*(?:i can (?:help|only|filter|search|find|check|book|tell)|i am (?:only )?able to|i'?m (?:only )?able to"
    r"|you can ask me|(?:saya|aku|kami) (?:bisa|dapat|hanya bisa) (?:membantu|bantu))\b",
    re.IGNORECASE,
)
# A customer asking to hear something again: "what were they again?", "can you repeat that", "tolong diulang".
# Not a value typed again: "482915 again, from the newest text".
_AGAIN = re.compile(
    r"(?<!\d )\b(?:again|repeat|once more|one more time|remind me|sekali lagi|ulang|ulangi|diulang|diulangi|ingatkan"
    r"|ingetin)\b",
    re.IGNORECASE,
)
_CONTENT_WORDS = re.compile(r"[^\W\d_]{4,}")
# Words of asking, not of what is asked for.
_ASKING_WORDS = frozenset(
    "please kindly could would will like have need provide tell give enter type send confirm what which your yours "
    "with that this there mohon silakan silahkan tolong harap anda kamu kakak yang untuk dengan berikan masukkan "
    "ketik kirim sebutkan informasikan".split()
)
# A question offering to do the task ("the Hyatt ticks all of your boxes, can I book it?", "Mau saya pesankan?"): the
# bot took a value. Any other question ("When will you be leaving?", "Indoor or outdoor seating?"), answered and met
# by the same refusal, moved nothing on.
_OFFER_TO_DO = re.compile(
    r"\b(?:(?:can|shall|should|may) i|would you like me to|do you want me to) (?:go ahead and )?"
    r"(?:book|reserve|order|confirm|schedule|proceed|place|submit|process)\b"
    r"|\b(?:mau|ingin|boleh|perlu) (?:saya|aku|kami) (?:pesan|booking|book|proses|konfirmasi|jadwal|daftar)\w*"
    r"|\b(?:pesan|booking|proses|jadwal|daftar)kan\b",
    re.IGNORECASE,
)
_EARLIER_TURNS = 20  # how far back a message said at the end of a longer one is looked for
_DETAIL_WORDS = re.compile(r"\d+|[^\W\d_]+")  # "1pm" is "1" and "pm", as the bot writes "1 pm"
_REFERENCE = re.compile(r"\b[A-Z]{2,}[-/]?[\w-]*\d[\w-]*")  # a ticket or reference number: "ADU-2611-05533"
_SHARED_WORDS = 4  # words two refusals of different values have in common: "is out of stock", "tidak tersedia untuk"


class RepeatedBotMessage(Detector[AuditConfig, ConversationView]):
    __doc__ = __doc__
    code = "repeated-bot-message"
    kind = "loop"
    options = ("loop_threshold",)

    def wanted(self, view: ConversationView) -> bool:
        """A message said `loop_threshold` times, or one time fewer and once
        more at the end of a longer message (`ends_with`), or as many
        refusals."""
        threshold = self.config.loop_threshold
        if view.most_said >= threshold or view.refused >= threshold:  # refusals may differ in a value (`_same_refusal`)
            return True
        if view.most_said < threshold - 1 or threshold < 3:
            return False
        keys = [facts.key for facts in view.bot if facts is not None]
        return any(ends_with(longer, key) for longer, key in pairwise(keys))

    def check(self, view: ConversationView) -> Iterator[Finding]:
        threshold = self.config.loop_threshold
        said: dict[bytes, tuple[list[int], int]] = {}  # key -> (turns said at since progress, epoch)
        open_repeats: dict[bytes, int] = {}  # key -> its repeats answering more than thanks or goodbye
        details: dict[bytes, list[str]] = {}  # key -> the distinct texts said with it
        epoch = latest = 0  # the current stretch with no progress, and the newest one yet
        # (the stretch before, text, whether it only wrapped up, the message said twice just before it) of a
        # first-time question, or of a first-time answer right after a message said twice, until the next bot turn
        detour: tuple[int, str, bool, bytes | None] | None = None
        waiting: list[int] = []  # customer turns since the last bot turn
        last_bot = -1  # the last bot turn, and its key (None before any, or after an agent)
        last_key: bytes | None = None
        endings: list[tuple[int, bytes, int]] = []  # the last bot turns (index, key, stretch), for `ends_with`
        for index, turn in enumerate(view.turns):
            role = turn["role"]
            if role == "user":
                waiting.append(index)
                continue
            if role == "agent":
                latest += 1
                epoch, detour, last_key = latest, None, None
                waiting.clear()
                continue
            if role != "bot":
                continue
            facts = view.bot[index]
            assert facts is not None  # every bot turn has its facts
            key = facts.key
            previous = said.get(key)
            if previous is None and facts.refusal and last_key in said and _same_refusal(view, last_bot, index):
                key = last_key  # "the gold … kit is out of stock" / "silver then" / "the silver … kit is out of stock"
                previous = said.get(key)
            if previous is None and last_key is not None and ends_with(last_key, key):
                # "… Terima kasih telah menghubungi MakanYuk, sampai jumpa!", then that goodbye alone: said twice
                said[key] = previous = ([last_bot], epoch)
                open_repeats[key] = 0
                details.setdefault(key, []).append(without_opener(view.turns[last_bot]["text"]))  # "… penumpang 1."
            elif previous is None and b" " in key:
                # "Paket 30GB. Pilih metode pembayaran: …" earlier, then "Pilih metode pembayaran: …" alone: said
                # before, in an earlier stretch, so nothing new
                ending = b" " + key
                earlier = next(((j, e) for j, k, e in reversed(endings) if k.endswith(ending)), None)
                if earlier is not None:
                    said[key] = previous = ([earlier[0]], earlier[1])
                    open_repeats[key] = 0
                    details.setdefault(key, []).append(without_opener(view.turns[earlier[0]]["text"]))
            endings.append((index, key, epoch))
            del endings[:-_EARLIER_TURNS]
            prior_bot, prior_key = last_bot, last_key
            last_bot, last_key = index, key
            if detour is not None:
                if (
                    previous is not None
                    and previous[1] == detour[0]
                    and (
                        (
                            detour[2]  # an aside, then a refusal or prompt; after a goodbye, a did-not-understand
                            and (
                                _refuses_or_asks(facts, turn["text"]) or (facts.not_understood and "?" not in detour[1])
                            )
                        )
                        or _asks_again(detour[1], turn["text"])
                        or (facts.refusal and _OFFER_TO_DO.search(detour[1]) is None)
                        or (  # "sudah berhasil diproses" twice, "1-3 hari kerja", "ga masuk", then back to it
                            key == detour[3] and any(objects(view.turns[i]["text"]) for i in waiting)
                        )
                    )
                ):
                    epoch = detour[0]  # "anything else?", then the same refusal or prompt; or the same asked again
                detour = None
            said_before = details.get(key)
            if said_before is None:
                said_before = details[key] = []
            # a task done is progress, unless said again word for word after the customer said it did not happen
            denied = view.done_denied(index)  # said again after the customer said it did not happen
            # a task done, or the customer saying the last answer worked ("oke sudah bisa. kalau untuk suami saya?")
            done = (facts.success and not denied) or any(solved(view.turns[i]["text"]) for i in waiting)
            if (
                (  # a new ticket number on news the customer said did not happen is no news
                    _new_detail(
                        facts,
                        turn["text"],
                        said_before,
                        lambda: " ".join(view.turns[i]["text"] for i in waiting),
                        partial(_objected_since, view, previous[0][0] if previous else index, index),
                    )
                    and not denied
                )
                or done
                or (  # not a task the customer said did not happen: "bisa kirim ulang?" asks it done again
                    previous is not None and not denied and _asked_to_hear_again(facts, turn["text"], view, waiting)
                )
            ):
                latest += 1  # a task done, or an answer with new details: progress, even said before
                epoch = latest
                said[key] = ([index], epoch)
                open_repeats[key] = 0
            elif previous is None or previous[1] != epoch:
                if previous is None and not (
                    facts.not_understood or facts.refusal or apologises_only(turn["text"])  # "Mohon maaf atas …"
                ):
                    aside = (  # "anything else?", "Yes.", "I can filter restaurants by name, …"
                        facts.wraps_up
                        or ACKNOWLEDGED.match(turn["text"]) is not None
                        or _CAN_DO.match(turn["text"]) is not None
                    )
                    asks = "?" in turn["text"] or _ASKS.search(turn["text"]) is not None
                    before = None  # after a message that told something ("under process"), said twice here?
                    if prior_key is not None and not (aside or asks) and _tells(view, prior_bot):
                        before = said.get(prior_key)
                    repeated = prior_key if before is not None and before[1] == epoch and len(before[0]) >= 2 else None
                    if aside or asks or repeated is not None:
                        detour = (epoch, turn["text"], aside, repeated)  # progress, unless the bot goes straight back
                    latest += 1  # something new: progress for every other message
                    epoch = latest
                said[key] = ([index], epoch)
                open_repeats[key] = 0
            else:
                times = previous[0]
                times.append(index)
                if not (waiting and all(view.closing(i) for i in waiting)):
                    open_repeats[key] += 1
                if len(times) == threshold and open_repeats[key]:
                    yield self._finding(view, times, bool(waiting))
            waiting.clear()

    def _finding(self, view: ConversationView, times: list[int], answered: bool) -> Finding:
        index = times[-1]
        turn = view.turns[index]
        at = ", ".join(str(t) for t in times)
        why = ": the customer's replies were not taken up" if answered else ""
        return Finding(
            self.kind,
            index,
            turn.get("state"),
            f"bot repeated '{snippet(turn['text'])}' {len(times)} times with no progress in between (turns {at}){why}",
        )


def _tells(view: ConversationView, index: int) -> bool:
    """Whether bot turn `index` only tells the customer something (a status,
    a task said done): no question, refusal, did-not-understand or wrap-up."""
    facts = view.bot[index]
    assert facts is not None
    text = view.turns[index]["text"]
    return not (facts.wraps_up or facts.refusal or facts.not_understood or "?" in text)


def _same_refusal(view: ConversationView, before: int, index: int) -> bool:
    """Whether bot turn `index`, a refusal, is the refusal of bot turn
    `before` with only the values the customer offered changed ("Sorry, the
    gold balloon arch kit is out of stock." / "silver then" / "Sorry, the
    silver balloon arch kit is out of stock."): each value refused in turn.
    Names are already left out of a refusal's key; this is for values in
    lower case (a colour, a size, a flavour)."""
    facts = view.bot[before]
    if facts is None or not facts.refusal:
        return False
    first = set(_DETAIL_WORDS.findall(without_opener(view.turns[before]["text"]).casefold()))
    second = set(_DETAIL_WORDS.findall(without_opener(view.turns[index]["text"]).casefold()))
    changed = first ^ second
    if not changed or len(first & second) < _SHARED_WORDS:
        return False
    asked_before = view.last_turn_not_by(before, "bot")
    offered = " ".join(
        view.turns[i]["text"]
        for i in range(asked_before if asked_before is not None else before, index)
        if view.turns[i]["role"] == "user"
    )
    return changed <= set(_DETAIL_WORDS.findall(offered.casefold()))


# A place in a queue, whatever the number: "You are number 5 in the queue", "Antrean kamu: nomor 4.512", "posisi
# antrian ke-3".
_QUEUE = re.compile(
    r"\b(?:in (?:the )?queue|queue position|position in (?:the )?queue|antrean|antrian)\b", re.IGNORECASE
)


def _objected_since(view: ConversationView, first: int, index: int) -> bool:
    """Whether a customer turn between bot turns `first` and `index` pushed
    back ("bukan bikin tiket baru", "that's not what I asked")."""
    return any(objects(view.turns[i]["text"]) for i in range(first + 1, index) if view.turns[i]["role"] == "user")


def _new_detail(
    facts: BotText,
    text: str,
    said_before: list[str],
    customer_said: Callable[[], str],
    objected: Callable[[], bool],
) -> bool:
    """Whether `text` answers with details (a number, a name) not in the
    texts `said_before` under the same words ("rating of 2", then "rating
    of 4") and not only echoing what the customer just said
    (`customer_said()`): new information, unless it is a question, a
    refusal or a did-not-understand, which take nothing in ("no appointment
    at 2 pm", "at 3 pm"); an offer to do the task with the customer's new
    value takes it. An apology or greeting opening it is no detail, nor a
    new ticket number for a customer who pushed back since the message was
    first said (`objected()`: "bukan bikin tiket baru").
    Adds `text` to `said_before`."""
    text = without_opener(text)
    if text in said_before:
        return False
    first = not said_before
    said_before.append(text)
    if first or facts.not_understood or facts.refusal or facts.wraps_up or _QUEUE.search(text):
        return False  # a place in the queue is no answer: "You are number 4 in the queue", "Antrean kamu: nomor 3.980"
    known = set(_DETAIL_WORDS.findall(" ".join(said_before[:-1]).casefold()))
    new = {word for word in _DETAIL_WORDS.findall(text.casefold()) if word not in known}
    if new and objected():  # a new ticket number for a customer who objected since it was first said: nothing new
        new -= {word for code in _REFERENCE.findall(text) for word in _DETAIL_WORDS.findall(code.casefold())}
    if new and _OFFER_TO_DO.search(text):
        return True  # the customer's new value taken up: "… on Wednesday @ 6 pm. Can I book it for you now?"
    return bool(new) and not new <= set(_DETAIL_WORDS.findall(customer_said().casefold()))


def _asked_to_hear_again(facts: BotText, text: str, view: ConversationView, waiting: list[int]) -> bool:
    """Whether `text`, an answer said before (not a question, a prompt, a
    refusal, a did-not-understand or a wrap-up), answers a customer who
    asked to hear it again ("what were they again?", "tolong diulang"): the
    customer got what they asked for. Not one who said it did not happen
    ("it's not in my account. check again"): they asked for it done again."""
    if facts.refusal or facts.not_understood or facts.wraps_up or "?" in text or _ASKS.search(text):
        return False
    return any(_AGAIN.search(view.turns[i]["text"]) and not view.denies_done(i) for i in waiting)


def _refuses_or_asks(facts: BotText, text: str) -> bool:
    """Whether a bot turn refuses or asks the customer a question (a
    prompt), rather than answering ("Your instructions are: … please
    contact your doctor") or not understanding."""
    return bool(facts.refusal) or (not facts.not_understood and "?" in text)


def _asks_again(question: str, text: str) -> bool:
    """Whether `question` asks for what `text` asks for, in other words: two
    or more words of what is asked for in common ("I need your date of
    birth, please." and "Could you provide your date of birth, please?"),
    so that a customer answered by `question`, then by `text` again, was
    not taken up (not "Please provide your rank." then "Please enter the
    code.": the rank was another step)."""
    asked = set(_CONTENT_WORDS.findall(question.casefold())) - _ASKING_WORDS
    return len(asked & set(_CONTENT_WORDS.findall(text.casefold()))) >= 2
