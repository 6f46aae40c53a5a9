"""abandoned-customer: the conversation ends with the customer abandoned
(this detector's old code, frustrated-exit, still names it). There is no
flow to be stuck in, so this is audit's `dead_end`, judged where the
customer leaves: their last turn, and the turns before it that the bot
answered only by wrapping up ("Thank you and goodbye.", "Is there anything
else?"), failing again or only saying sorry ("I am sorry."), at most
`frustration-window` (default 3). One of:

- **left angry**: one of those turns is angry or upset, in words
  ("useless", "go away", "gajelas", "bodo amat", "kapok", "males",
  "percuma", "nothing is working", insults) or in tone (an angry emoji
  "🙄😡🤦", "?!", "???", shouting in capitals, but not shouted thanks),
  the bot did not then do what was asked (anger followed by "your booking
  is confirmed", or after "refund sudah dikembalikan" with nothing asked
  again, is about something else), and the customer did not thank
  sincerely after it ("Ugh." ... "You've been wonderful. Thank you!"):
  "thanks for nothing", a resigned "thanks anyway" and thanks beside an
  eye-roll are none, and after the bot's own unexplained failure ("your
  request was not successful" / "ugh ok thanks") thanks in the same breath
  calm nothing;
- **gave up after a failure**: one of those turns gives up ("forget it",
  "never mind", "whatever", "udah lah", "ga jadi", "mboten sios", "teu
  jadi") right after the bot failed the customer (the failure before the
  words, not in answer to them): it did not understand, said the need
  cannot be met ("not available", "gagal", "coba lagi nanti"), said the
  same thing again, or answered a request for a person with no person
  ("got anyone I can talk to?" / "Reply 1 to reschedule"). With thanks
  and no anger after news or a failure that says why ("forget it then,
  thanks anyway" after "no room is available"; "I'll try again later.
  Thanks" after "I cannot authenticate you with the information you have
  provided") it is calm acceptance, not abandonment; nor is taking the way
  the bot pointed to ("datang ke Kantor GoJalan terdekat" / "yo wis, sesuk
  tak nang kantor");
- **left in a loop**: the customer leaves (nothing or only a goodbye
  after) right after the bot's last `loop-threshold` replies were one
  message with no new detail while they pushed back ("what time though?"
  / "Your parcel is out for delivery today." x3 / "wow, super helpful.
  thanks."): their thanks are resigned or sarcastic. Not when the message
  was "I don't understand" (the other rules judge that) or news the
  customer may accept ("no room available" for each new date);
- **ignored**: the bot never answered the customer's last three turns or
  more, after answering before, and they were not all thanks or goodbyes;
- **no way forward**: the bot has the last word, in answer to a customer
  who was neither thanking nor saying goodbye, and it is a failure or a
  did-not-understand ("I cannot authenticate you", "Sesi kamu telah
  berakhir", "Percakapan ini kami tutup"), or a goodbye right after one,
  or its last `loop-threshold` replies are one message with no new detail
  while the customer still asks ("?") or is angry (left in a loop); or,
  after failing them or not understanding them, the bot said goodbye to a
  customer who was not leaving and not answering "anything else?" ("I am
  missing money" / "Thank you and goodbye."), or did so twice, failure or
  not ("lho saya belum dapet tokennya" / "Terima kasih telah menghubungi
  kami."), or only said goodbye to a request or to a customer saying they
  had done what it told them ("that is literally what I just said I did" /
  "This chat has now ended."). Neither once the bot had told the customer
  the task was done and since only did not understand turns that asked
  nothing ("The door is now unlocked." / "About time!" / "I don't
  understand"): that was not the need. Nor a survey the customer scored
  ("rate this chat: reply 1-5" / "5" / "This conversation is now closed."),
  unless with its lowest score on an unmet need ("1. nobody can tell me
  when"); and the bot's goodbye again to a customer who went on or objected
  after the first ("kok sampai jumpa, sy masih bingung");
- **closed on**: the bot closed the session on an open need and the
  customer wrote after it, unanswered ("Sesi berakhir …" / "lah kok
  ditutup, ini beratnya 3 kg"), or an agent closed the chat after turning
  the customer down or as its only answer to their question ("I am not
  able to process warranty claims over chat. … this chat will now be
  closed.");
- **gave up quietly**: a short, resigned last word ("yaudah deh", "ok deh",
  "hadeuh", "yowes lah", "...") right after the bot did not take up the
  customer's objection; not an "ok" to a number to call ("silakan hubungi
  Call Center di 021-5550188" / "ok");
- **praised a failure**: the last word opens with praise and holds no
  thanks right after a bare failure ("your ride request could not be
  completed" / "cool. I'll walk then"), or is praise alone after news of
  unavailability ("great, super helpful"): sarcasm. "ok cool" accepts.

Giving up and anger are read by shape as well as by word (runner/mood.py):
going elsewhere ("I'll call the hotline instead", "saya coba cara lain
aja", "ill email the landlord", "sy tny ustadz aja", "nanti cucu saya
saja"), dropping the need ("forget about the refund then", "lupakan aja"),
sarcasm ("thanks a LOT", "mantap jiwa 🙃", 'makasih "bantuannya"', "best
service ever, not."), threats to leave ("you've lost a customer", "ini
terakhir kali", "I'm disputing the charge", "I'll be taking this up with
your management") and verdicts on the bot
("clearly you can't help").

Reported where the customer was left (docs/labelling.md): at the bot's
(or agent's) last turn when its last word or its close left no way
forward, at the give-up or the anger itself when the customer only said
no thanks after it ("i give up" / "Is there anything else?" / "No thank
you"), else at the customer's last turn; never at an earlier word that was
then taken up: a customer who wrote "botnya ga ngerti" and then went on to
be served was not abandoned. An agent turn after the customer's last turn means a person
took over: no finding, unless the agent only wraps up ("This is
ridiculous. Forget it." / "Is there anything else I can help you
with?"). Asking for clarification and getting it, a goodbye after being
served, or ending for one's own reasons are not dead ends.

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
from typing import NamedTuple

from alur.runner.audit_view import (
    NOT_HANDED_OVER,
    SAID_AGAIN,
    SESSION_CLOSED,
    AuditConfig,
    ConversationView,
    explains,
    person_promised,
)
from alur.runner.detectors.base import Detector, snippet
from alur.runner.findings import Finding
from alur.runner.mood import (
    THANKS,
    accepts,
    after_praise,
    gives_up,
    objects,
    resigned,
    solved,
    thanks,
    threatens,
    waits,
)
from alur.runner.transcripts import Turn

# A question with no question mark, opening a sentence: "payment is done sir. why not activated", "kapan dikirim".
_ASKED_WITHOUT_MARK = re.compile(
    r"(?:^|[.!,;]\s*)(?:why|when|where|how|what|which|is there|are there|can you|could you|kenapa|knp|kapan|gimana|bagaimana|kok"
    r"|mau (?:nanya|tanya))\b",
    re.IGNORECASE,
)
# Or one ending on an Indonesian question tag: "mau nanya bayar di tempat bisa ga", "ada warna lain gak kak".
_QUESTION_TAG = re.compile(
    r"\b(?:bisa|boleh|ada|udah|sudah|apa) (?:ga|gak|gk|nggak|ngga|enggak|tidak|tdk|ndak)(?: (?:sih|ya|kak|min))?\s*(?:$|[.!,;])",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"[.!?\n]+")
_IF = re.compile(r"(?:kalau|kalo|klo|kl|jika|jikalau|apabila|bila|if|unless)\b")
_UNANSWERED = 3  # customer turns in a row with no answer: more than a message sent in pieces
_GOODBYE_WORDS = 3  # "Cheers.", "ok thanks bye": a goodbye, not more
_WORD = re.compile(r"[^\W\d_]+")
_WORD_OR_DIGIT = re.compile(r"\w")
# Verbs that point the customer to a way forward: someone to contact, a place to go, a channel to use.
_CONTACT = frozenset("hubungi menghubungi telepon telpon telp email call phone ring contact reach hotline dial".split())
_GO_OR_CONTACT = _CONTACT | frozenset(
    "datang kunjungi mengunjungi pergi kirim unggah upload bawa gunakan pakai unduh download buka visit go use open apply".split()
)
# A number or address to reach someone at: "1-888-555-0142", "(021) 500-771", "cs@toko.id".
_REACHABLE = re.compile(r"\+?\d[\d ().-]{5,}\d|[\w.+-]+@[\w-]+\.[\w.]+")
# A satisfaction survey and its answer: "please rate this chat: reply 1-5" / "5", "beri nilai 1-5" / "4 ⭐".
_SURVEY = re.compile(r"\b(?:rate|rating|survey|survei|feedback|nilai|penilaian|satisfied|puas)\b", re.IGNORECASE)
_SCORE = re.compile(r"\W*(?:[0-9]|10)(?:\s*/\s*(?:5|10))?\W*")
_NUMBER_TO_CALL = re.compile(r"\+?\d[\d ()-]{5,}\d")  # "021-5550188", not the hours "07.00-16.00"
_GOODBYE = re.compile(r"\b(good ?bye|bye|sampai jumpa|selamat tinggal|dadah)\b")
# A customer leaving calmly: meaning to try again ("I'll try again another time", "nanti saya coba lagi"),
# wishing the bot well ("enjoy your meal!", "semoga sukses"), or saying they appreciate it.
_LATER = re.compile(
    r"\b(?:i'?ll|i will|i can|i'?m going to|we'?ll|let me|maybe)\b[^.!?]{0,20}\b(?:try|ask|come back|check|call)\b"
    r"[^.!?]{0,20}\b(?:again|later|another|tomorrow)\b"
    r"|\b(?:nanti|besok|lain kali)\b[^.!?]{0,15}\b(?:coba|cek|tanya|hubungi|chat)\b"
    r"|\b(?:saya|aku|gw|gue)\b[^.!?]{0,10}\b(?:coba|cek|tanya|chat)\b[^.!?]{0,10}\b(?:lagi|nanti|besok)\b"
    r"|\b(?:nanti|besok) (?:aja|saja)\b|\blater then\b",  # "yaudah deh nanti aja" to "coba beberapa saat lagi"
    re.IGNORECASE,
)
# Going to the place the bot named: "besok saya ke sana", "I'll go there tomorrow".
_GOING_THERE = re.compile(r"\b(?:ke ?sana|ke situ|kesitu|go there|head there)\b", re.IGNORECASE)
_NOT_GOING = re.compile(  # "ga mau ke sana", "males ke sana", "I don't want to go there"
    r"\b(?:ga|gak|nggak|tidak|males|don'?t|won'?t|not|never)\b[^.!?]{0,15}\b(?:ke ?sana|ke situ|kesitu|go there)\b",
    re.IGNORECASE,
)
# The lowest score, opening the turn: "1", "1/5", "0 out of 10", "1. nobody can tell me when".
_LOWEST = re.compile(r"\W*(?:0|1)(?:\s*(?:/|out of|dari)\s*(?:5|10))?(?!\d)(?:\W|$)", re.IGNORECASE)
# A session closed because the customer went quiet: "karena tidak ada aktivitas", "due to inactivity", "Karena belum
# ada balasan, chat ini kami tutup", "As we haven't heard from you".
_INACTIVE = re.compile(
    r"\b(?:tidak|belum) ada (?:aktivitas|balasan|respon|respons)\b|\binactiv|\bno (?:activity|response|reply)\b"
    r"|\btimed out\b|\b(?:haven'?t|have not|not) heard (?:back )?from you\b",
    re.IGNORECASE,
)
# The bot sending the customer back to its menu: "Ketik MENU untuk kembali ke menu utama", "Type MENU to start over".
_BACK_TO_MENU = re.compile(
    r"\b(?:ketik|balas|type|reply|send)\s+['\"]?(?:menu|start|mulai)\b"
    r"|\bkembali ke menu\b|\bback to (?:the )?(?:main )?menu\b",
    re.IGNORECASE,
)
# The bot telling the customer to try again later: "Silakan coba beberapa saat lagi", "please try again later".
_TRY_LATER = re.compile(r"\b(?:coba|try)\b[^.!?\n]{0,25}\b(?:lagi|again|later|nanti|kembali)\b", re.IGNORECASE)
_WELL_WISHED = re.compile(
    r"\b(?:enjoy|have a (?:nice|good|great|lovely)|take care|god bless|wish me luck|doakan|semoga (?:sukses|lancar|sehat|berkah|harimu|hari (?:anda|kamu|kakak))"
    r"|selamat (?:siang|sore|malam|pagi|bekerja|beraktivitas))\b",
    re.IGNORECASE,
)
# A customer wanting nothing more: "I've got what I need", "good for now", "that's all", "udah itu aja".
_NO_MORE = re.compile(
    r"\b(?:got what i need|good for now|that'?s (?:all|it|everything)|that will be all|nothing else|all good"
    r"|udah (?:itu )?aja|sudah (?:itu )?saja|sudah cukup|udah cukup|cukup (?:itu )?(?:aja|saja))\b",
    re.IGNORECASE,
)
# A goodbye wishing the customer joy of what they asked for: the bot did it ("Enjoy your ride!").
_ENJOY = re.compile(r"\benjoy your\b|\bselamat (?:menikmati|jalan|bersenang)", re.IGNORECASE)
# Something to be done: a task word in a customer's turn ("cancel it", "ganti jadwal").
_TO_DO = re.compile(
    r"\b(?:cancel|book|reserve|change|move|reschedule|refund|add|remove|update|order|send|check|find|schedule"
    r"|batal\w*|ubah|ganti|pesan|kirim|tambah|hapus|pindah\w*|cek|cari|jadwalkan)\b",
    re.IGNORECASE,
)
# A customer asking for something: "please go ahead and cancel", "can you…?", "tolong batalkan".
_ASKS = re.compile(
    r"\?|\b(?:please|pls|plz|can you|could you|i want|i need|i'?d like|cancel|tolong|mohon|minta|batalkan|bisa"
    r"|you have to|you must|you need to|(?:kamu|anda|kalian) harus|harusnya)\b",  # a demand asks too
    re.IGNORECASE,
)
# A refusal that points on: a suggestion of another option, time or step, somewhere to go, someone to contact
# ("Please choose another date", "Earliest is Friday", "silakan coba tanggal lain"); not "another" inside the
# refusal itself ("I can't find another flight for you").
_A_WAY = re.compile(
    r"\b(?:would you like|you can|you may|you (?:will|'ll|would) (?:have|need) to|you need to|you have to|you should"
    r"|how about|what about|earliest|next available|instead|please (?:call|contact|visit|email|phone|go to)"
    r"|(?:please |you could )?(?:try|choose|pick|select|visit|contact|call) (?:a |an |another|other|our|us|the|again)"
    r"|silakan|silahkan|coba (?:lagi|tanggal|jam|pilih)|pilih (?:tanggal|jam|yang)|hubungi|kunjungi|chat lagi"
    r"|(?:bisa|dapat) (?:\w+ ){0,2}?(?:ajukan|mengajukan|coba|pilih|hubungi|menghubungi|datang|klaim|cek))\b",
    re.IGNORECASE,
)
# The customer saying they did that already: "that is literally what I just said I did", "I already tried that",
# "udah saya coba".
_DONE_THAT = re.compile(
    r"\b(?:i (?:just |already )?(?:said|told you)|i already (?:did|tried|done)|(?:did|tried) that already"
    r"|that'?s (?:literally |exactly )?what i (?:just )?(?:said|did|told|wrote|asked|tried|typed)"
    r"|(?:udah|sudah|sdh|udh) (?:saya |sy |aku |gw |gue )?(?:coba|cobain|lakukan|bilang)"
    r"|(?:udah|sudah|sdh|udh) (?:di)?(?:coba|cobain|lakukan)"
    r"|(?:udah|sudah|sdh|udh) (?:kak|kk|min|gan|sis|pak|bu)\W+hasilnya)\b",  # "udah kak, hasilnya 0 channel"
    re.IGNORECASE,
)
# The answer came, late: "took you long enough", "about time", "finally", "akhirnya", "lama amat baru dijawab".
_LATE = re.compile(
    r"\b(?:took (?:you|u|ya) long enough|about time|finally|at last|akhirnya|lama (?:amat|banget|bgt) baru"
    r"|(?:\d+|two|three|four|five) (?:days|hours|weeks) to (?:tell|answer|reply|get back))\b",  # "3 days to tell me this"
    re.IGNORECASE,
)
_OK = re.compile(r"\W*(?:ok|okay|oke|okey|alright|sure|right|fine)\b", re.IGNORECASE)  # taking it: "ok cool"
_APPRECIATES = re.compile(r"\b(?:i (?:really )?appreciate|much appreciated|grateful)\b", re.IGNORECASE)


class AbandonedCustomer(Detector[AuditConfig, ConversationView]):
    __doc__ = __doc__
    code = "abandoned-customer"
    kind = "dead_end"
    options = ("frustration_window", "loop_threshold")

    def wanted(self, view: ConversationView) -> bool:
        """Each rule needs anger, or a bot turn that failed the customer (a
        did-not-understand, a refusal, a repeat or a request for a person
        unmet before giving up), or an ending in a loop or ignored."""
        if not view.users or view.person_took_over() or not _answered(view):
            return False
        last = view.users[-1]
        last_text = view.turns[last]["text"]
        if view.not_understood or view.refused or _ignored(view) or resigned(last_text):
            return True
        if view.agent_closed():  # "… di luar wewenang kami. Chat ini kami tutup ya": an agent's refusal is not counted
            return True
        if _closed_as_idle_on_a_reply(view, last, len(view.turns) - 1):
            return True
        if (view.most_said > 1 or view.may_ask_for_human()) and _praise_and_goodbye(view, last):
            return True
        if view.wraps_up(len(view.turns) - 1) and (_ASKS.search(last_text) or _DONE_THAT.search(last_text)):
            return True  # a goodbye to a request ("please go ahead and cancel" / "Thank you and Goodbye")
        if _bye(view.turns[-1]) and any(_bye(turn) for turn in view.turns[:-1]):
            return True  # goodbye in words again, the last word: the customer may have been closed on twice
        threshold = self.config.loop_threshold
        if view.most_said >= threshold and view.stuck_at_end(threshold):
            return True
        phrases, typed = view.phrases, view.user_words()
        if view.may_sound_angry():
            return True
        # giving up after a repeat, after asking in vain for a person ("You're in the queue." / "forget it"), or on an
        # agent who turned them down ("antrean sedang penuh" / "Udahlah.")
        return phrases.giving_up.may_occur_in(typed) and (
            view.most_said > 1 or view.may_ask_for_human() or view.last_agent >= 0
        )

    def check(self, view: ConversationView) -> Iterator[Finding]:
        leaving = view.leaving(self.config.frustration_window)
        if not leaving or view.served_after(leaving[0]) or not _answered(view):  # "report submitted" as last word
            return
        if solved(view.turns[leaving[0]]["text"]):  # "sip semua sudah terunduh, terima kasih": the need met
            return
        failure = _last_failure(view, leaving)
        last, threshold = leaving[0], self.config.loop_threshold
        found = _left_angry(view, leaving, failure) or _gave_up(view, leaving, failure)  # (why, turn)
        if found is None:
            why = _left_in_loop(view, last, threshold) or _ignored(view)
            found = (why, last) if why else None
        if found is None:  # the bot's last word decides: reported there, when the log ends on it
            why = _hung_up(view, leaving, failure) or _no_way_forward(view, last, failure, threshold)
            final = len(view.turns) - 1
            found = (why, final if view.turns[final]["role"] == "bot" else last) if why else None
        if found is None:
            found = _wrote_after_the_close(view, leaving) or _agent_closed_on_a_need(view, leaving)
        if found is None:
            why = (
                _never_moved_on(view, leaving)
                or _gave_up_quietly(view, last)
                or _praised_a_failure(view, last, failure)
                or _scored_lowest(view, last)
            )
            found = (why, last) if why else None
        if found is not None:
            why, turn = found
            yield Finding(self.kind, turn, view.state_before(turn), why)


def _bye(turn: Turn) -> bool:
    """Whether `turn` is the bot's saying goodbye in words ("Nice playing
    with you, bye!", "sampai jumpa")."""
    return turn["role"] == "bot" and _GOODBYE.search(turn["text"].casefold()) is not None


def _closed_as_idle_on_a_reply(view: ConversationView, last: int, final: int) -> bool:
    """Whether the bot closed the session "for inactivity" right after the
    customer's last turn, which went on with the task ("Perjalanan yang
    mana?" / "yg td jam 7 dr kalibata" / "Sesi chat ini akan kami tutup
    karena tidak ada aktivitas."): the customer was not idle, and was left
    with the need open. Not after thanks, a goodbye or an "ok" that asks
    nothing more ("ok I can take one later, can I save this report?" asks),
    nor once the need was met."""
    if final != last + 1 or not _INACTIVE.search(view.turns[final]["text"]):
        return False
    text = view.turns[last]["text"]
    took_it = (_OK.match(text) is not None or _emoji_only(text)) and "?" not in text  # "ok …" asking nothing more
    return not (_leaving_words(view, last) or resigned(text) or took_it or view.need_met_before(last))


def _answers_survey(view: ConversationView, last: int) -> bool:
    """Whether customer turn `last` answers the bot's survey ("please rate
    this chat: reply 1-5" / "5")."""
    asked = view.last_turn_not_by(last, "user")
    return asked is not None and _SURVEY.search(view.turns[asked]["text"]) is not None


def _answered(view: ConversationView) -> bool:
    """Whether anyone answered the customer: a log of their turns alone
    ("oh no, help" and no more) shows nothing of the bot to judge."""
    return any(turn["role"] != "user" for turn in view.turns)


def _left_angry(view: ConversationView, leaving: list[int], failure: Failure | None) -> tuple[str, int] | None:
    """Anger in a leaving turn, in words or in tone, unless the bot then did
    what was asked (the anger was about something else), or the customer
    thanks after it: in a later turn, warmly ("Ugh." ... "You've been
    wonderful. Thank you!"; a "No thank you" to an offer of more is no
    thanks, one turning down another way after a failure is: "I am
    disappointed" / "Would you like me to try a different time?" / "No,
    thanks thats it") or wishing the bot well ("ok, enjoy your meal!
    Bye!"), or in their last word, though after the bot's own failure
    ("your request was not successful" / "ugh ok thanks") thanks in the
    same breath calm nothing; a resigned "thanks anyway" and "thanks for
    nothing" never do. The end decides. Upset before the bot had told them
    anything, which the bot then took up, is about the customer's trouble,
    not the bot (`_before_any_answer`). With the turn to report it at
    (`_reported_at`)."""
    last = leaving[0]
    thanks_count = failure is None or not failure.bots_fault
    thanked = thanks_count and _thanks(view, last, resigned=False)
    for position, index in enumerate(leaving):
        angry = view.frustration(index)
        if not angry or view.served(index) or _before_any_answer(view, index) or _met_late(view, index):
            continue
        if _warns_while_waiting(view.turns[index]["text"], angry):
            continue  # "oke, saya tunggu kabarnya. kalau masih diteror saya langsung lapor polisi"
        threat = threatens(view.turns[index]["text"])  # "makasih voucher nya, sy uninstall aja aplikasinya"
        told = view.last_said(index)
        if not threat and accepts(view.turns[index]["text"]) and (told is None or view.failed(told) is None):
            continue  # "annoying. whatever, at least it's coming": grumbling, and taking the news
        if THANKS.search(angry) or not (
            (thanked and not (threat and index == last))
            or any(
                _thanks(view, i, resigned=False) and (not view.declines(i) or _turns_down_a_way(view, i))
                for i in leaving[:position]
            )
            or any(_WELL_WISHED.search(view.turns[i]["text"]) and not view.frustration(i) for i in leaving[:position])
            or (thanks_count and not threat and _thanks(view, index, resigned=False))
        ):
            at = _reported_at(view, index, last)
            return f"customer left angry ('{angry}'{_at(index, at)})", at
    return None


def _warns_while_waiting(text: str, angry: str) -> bool:
    """Whether a customer who says they will wait puts their anger only in
    a condition ("oke, saya tunggu kabarnya. kalau masih diteror saya
    langsung lapor polisi"; "ok I'll wait. if nothing by Friday I'm going to
    the regulator"): a warning about what may come, not leaving angry now."""
    if not waits(text):
        return False
    said = [sentence for sentence in _SENTENCES.split(text.casefold()) if angry.casefold() in sentence]
    return bool(said) and all(_IF.match(sentence.strip()) for sentence in said)


def _met_before_that(view: ConversationView, not_understood: int, index: int) -> bool:
    """Whether the customer's need was met before the did-not-understand at
    bot turn `not_understood` that their turn `index` gives up on: a task
    done, or an answer the customer then said came late ("The balance … is
    $641.27." / "finally. why does that take two tries" / "I don't
    understand" / "never mind lol")."""
    if view.need_met_before(index):
        return True
    complained = view.last_turn_not_by(not_understood, "bot")
    return complained is not None and view.turns[complained]["role"] == "user" and _met_late(view, complained)


def _met_late(view: ConversationView, index: int) -> bool:
    """Whether customer turn `index` is angry that the answer just given,
    by the bot or an agent, came late ("Today in Springfield it is partly
    cloudy…" / "took you long enough you dumb machine"; "Your loan has been
    approved" / "3 days to tell me this. ridiculous."): the need was met,
    the anger is at the delay."""
    if _LATE.search(view.turns[index]["text"]) is None:
        return False
    answered = view.last_turn_not_by(index, "user")
    if answered is not None and view.turns[answered]["role"] == "agent":  # "Your loan has been approved …"
        return "?" not in view.turns[answered]["text"]
    told = view.last_said(index)
    return told is not None and view.failed(told) is None and "?" not in view.turns[told]["text"]


def _turns_down_a_way(view: ConversationView, index: int) -> bool:
    """Whether customer turn `index` turns down another way the bot had just
    offered ("Would you like me to try a different time?" / "No, thanks
    thats it"): a choice, not thanks refused."""
    told = view.last_said(index)
    return told is not None and _offers_a_way(view.turns[told]["text"])


def _before_any_answer(view: ConversationView, index: int) -> bool:
    """Whether customer turn `index` came before the bot had told them
    anything (it had only greeted or asked: "Departure and arrival
    location?") and the bot took it up ("I'm lost, I need to get to my
    interview UGH" / "Walk to the bus stop at Forbes and Murray."): upset
    then is about their trouble, not the bot."""
    told = (j for j in range(index) if view.bot[j] is not None)
    return all("?" in view.turns[j]["text"] or view.wraps_up(j) for j in told) and view.taken_up(index)


def _gave_up(view: ConversationView, leaving: list[int], failure: Failure | None) -> tuple[str, int] | None:
    """Giving up in a leaving turn right after the bot failed the customer
    (the failure comes before the words: "Nevermind" answered by "Hello,
    how can I help?" gave up on nothing the bot failed); after an explained
    unavailability, thanks or words of acceptance make it calm acceptance,
    and so does calmly turning down another way the bot offered ("Would you
    like to change your criteria?" / "No, that's OK. nevermind then"). After
    a failure the bot did not explain, giving up counts however calmly it
    is said (docs/labelling.md). The failure may be further back, in the
    same unfinished task: "I can't help you unless you provide your DOB" /
    "this is frustrating" / "What was your mother's maiden name?" / "I
    don't know. Never mind. Forget it." (`_earlier_refusal`), also behind a
    single did-not-understand ("Your booking request failed." / "why?" /
    "I don't quite understand" / "never mind then, thanks"). With the turn
    to report it at (`_reported_at`)."""
    last = leaving[0]
    if failure is None:
        on_agent = _gave_up_on_an_agent(view, last)
        # no refusal, no person asked for (worked out and kept by the view for unanswered-handoff)
        if on_agent or not (view.refused or (view.may_ask_for_human() and view.handoff_requests())):
            return (on_agent, last) if on_agent else None
    bye = _GOODBYE.search(view.turns[last]["text"].casefold())
    if (
        bye
        and failure is not None
        and not _calm_after(view, leaving, failure.turn)
        and failure.turn == view.last_said(last)
        and view.answers_unmet_handoff(failure.turn)
    ):
        return (
            f"customer left ('{bye.group()}') right after asking in vain for a person: the bot's {failure.shown(view)}",
            last,
        )
    for position, index in enumerate(leaving):
        text = view.turns[index]["text"]
        gave_up = gives_up(text, view.phrases.giving_up) or _resigned_to_a_failure(view, index)
        if not gave_up or view.served_after(index):  # "Whatever. It's 146." / "your flight is now reserved!"
            continue
        if waits(text):
            continue  # "refund otomatis maksimal 3x24 jam" / "3 hari?? lama amat" / "yaudah deh ditunggu"
        if view.typed_as_told(index) and view.taken_up(index):
            continue  # "To stop offer texts, reply STOP." / "STOP" / "You won't receive offer texts any more."
        before = _last_failure(view, leaving[position:])
        if before is None:
            before = _earlier_refusal(view, index)
        elif view.did_not_understand(before.turn) and not before.bots_fault:
            # "Your booking request failed." / "why?" / "I don't quite understand" / "never mind then, thanks"
            earlier = _earlier_refusal(view, index)
            before = earlier if earlier is not None and earlier.bots_fault else before
        if before is not None and view.did_not_understand(before.turn) and _met_before_that(view, before.turn, index):
            continue  # "$5 credit added" / "40 minutes late is ridiculous" / "I didn't understand" / "never mind"
        if before is not None and _takes_the_way(view, before, index):
            continue
        told = view.last_said(index)
        if told is not None and _offers_a_way(view.turns[told]["text"]) and _calm(text):
            continue  # "no hotels match. Would you like to change your criteria?" / "No, that's OK. nevermind then"
        # a way given after the failure, taken: "Silakan hubungi Call Center di 1500-110" / "ok saya telpon aja kalo gitu"
        if told is not None and (before is None or told != before.turn):
            if _takes_the_way(view, Failure(told, "", False), index):
                continue
        if before is not None and (
            (before.bots_fault and not explains(view.turns[before.turn]["text"]))
            or _refused_again(view, before.turn)
            or not _calm_after(view, leaving, before.turn)
        ):
            at = _reported_at(view, index, last)
            return f"customer gave up ('{gave_up}'{_at(index, at)}) after the bot's {before.shown(view)}", at
    return None


def _resigned_to_a_failure(view: ConversationView, index: int) -> str | None:
    """A short, resigned "yauda", "yowes", "oh well" as the customer's last
    word right after the bot did not understand them twice in a row ("Kiko
    ga nangkep nih Kak" / "Waduh, Kiko bingung. Bisa pakai kata lain, Kak?"
    / "yauda"), or once in answer to a request for a person ("mau ngomong
    sama ORANG" / "Maaf kak, Nara belum mengerti." / "yaudh"), or after a
    request for a person met twice in a row with no one ("minta ibu yang
    jaga telpon saya balik" / "Jam operasional: …" / "makanya saya minta
    ditelpon" / "Jam operasional: …" / "hmm yaudah."): giving up, however
    calmly. A bare "ok" there is only leaving calmly (docs/labelling.md:
    unsure)."""
    text = view.turns[index]["text"]
    told = view.last_said(index)
    if told is None or index != view.users[-1] or not resigned(text) or _OK.fullmatch(text):
        return None
    before = view.last_turn_not_by(told, "user")  # the bot's turn before
    facts, earlier = view.bot[told], view.bot[before] if before is not None else None
    if not facts or before is None or earlier is None:
        return None
    person_refused = view.answers_unmet_handoff(told)
    if facts.not_understood:
        failed_twice = bool(earlier.not_understood) or person_refused
    else:
        failed_twice = person_refused and view.answers_unmet_handoff(before)
    return text.strip().casefold() if failed_twice else None


def _refused_again(view: ConversationView, failure: int) -> bool:
    """Whether bot turn `failure` is a refusal the bot had already given:
    the customer tried another time or place and met the same news, with
    nothing else offered ("no appointment available at 9 pm" / "What about
    8 pm?" / "… at 8 pm"). Giving up then is giving up on a bot that left no
    way, however calmly said; one piece of news calmly let go ("no room
    available for your requested dates" / "okay, forget it. thanks
    anyways") is accepted, and so is news that gave its reason each time
    ("di luar jangkauan pengantaran (maks. 12 km)" x3 / "oh jauh ya. oke ga
    jadi deh, makasih")."""
    text = view.turns[failure]["text"]
    if _offers_a_way(text) or explains(text):
        return False  # "sudah penuh. Silakan pilih tanggal lain.": a way was offered each time
    return _said_again(view, failure, as_refusal=True)


def _calm_after(view: ConversationView, leaving: list[int], failure: int) -> bool:
    """Whether a leaving turn after the bot's failure at turn `failure`
    accepts it calmly: thanks, words of acceptance, or calling back later.
    Thanks closing the request the bot then failed ("Please book it for
    4pm. Thanks." / "Try another time" / "I'm done with you") accept
    nothing."""
    return any(
        _thanks(view, i) or _calm(view.turns[i]["text"]) or _LATER.search(view.turns[i]["text"])
        for i in leaving
        if i > failure
    )


def _earlier_refusal(view: ConversationView, index: int) -> Failure | None:
    """The bot's refusal or failure among its last two turns before
    customer turn `index` (the one before a follow-up prompt), when it has
    done no task since: the customer is still in the task it failed, not
    wandering off long after it ("Error" ... "I'm going to go cook"). An
    answer to a request for a person that put no one through is a failure
    too ("I want to speak to a human" / "Text HELP for a list of commands." /
    "HELP" / "BAL balance, LIMIT …" / "nvm")."""
    seen = 0
    for j in range(index - 1, -1, -1):
        facts = view.bot[j]
        if facts is None:
            continue
        if facts.success or seen == 2:
            return None
        if facts.refusal:
            return Failure(j, facts.refusal, facts.bots_fault)
        if view.answers_unmet_handoff(j):  # a person not given, a turn or two back: left calmly, accepted
            return Failure(j, NOT_HANDED_OVER, False)
        seen += 1
    return None


def _gave_up_on_an_agent(view: ConversationView, last: int) -> str | None:
    """The customer's last turn gives up right after a person closed on
    them: the agent said goodbye or turned them down ("prosedurnya memang
    harus di cabang. Terima kasih telah menghubungi kami." / "ya sudahlah.
    pasrah aku"; "antrean di wilayah Bekasi Timur sedang penuh" /
    "Udahlah."). A person who took over and could not help leaves the
    customer as abandoned as a bot would."""
    before = last - 1
    if before < 0 or view.turns[before]["role"] != "agent":
        return None
    closed = view.phrases.closing.search(view.turns[before]["text"]) or view.refuses(before)
    gave_up = gives_up(view.turns[last]["text"], view.phrases.giving_up)
    if not closed or not gave_up or _thanks(view, last, resigned=False):
        return None
    said = snippet(view.turns[before]["text"])
    return f"customer gave up ('{gave_up}') right after the agent closed on them or turned them down ('{said}')"


def _never_moved_on(view: ConversationView, leaving: list[int]) -> str | None:
    """Anger or giving up before the leaving turns, after which the bot only
    failed the customer (did not understand, refused, said again what it had
    said) or wrapped up, in a conversation where it never did a task: the
    customer was upset and left as stuck as they were ("This is really
    frustrating." / "I don't understand what you mean." / "Can you tell me
    your account number?" / "I don't know it." / "Anything else?" / "bye";
    "I give up. I'll just use Google." / "didn't know how, sorry" /
    "Say goodbye"). Not when they then thanked sincerely or said they
    appreciated it, wished the bot well, or leave calmly meaning to try
    again ("I'll try again when my memory works"): the end decides."""
    last = leaving[0]
    text = view.turns[last]["text"]
    if _calm(text) or _LATER.search(text):
        return None
    if any(facts is not None and facts.success for facts in view.bot):
        return None
    # Going back from the end, the customer turns after which the bot only failed or wrapped up, no person
    # spoke and the customer never thanked: the earliest of them that sounds upset is the evidence.
    turns, upset_at, upset = view.turns, None, None
    answered = False
    for index in range(len(turns) - 1, -1, -1):
        role = turns[index]["role"]
        if role == "agent":
            break
        if role == "bot":
            if not (view.wraps_up(index) or view.failed(index) is not None):
                break
            answered = True
            continue
        if _thanks(view, index, resigned=False) or _APPRECIATES.search(turns[index]["text"]):
            break
        if index < leaving[-1] and answered:
            said = view.frustration(index) or gives_up(turns[index]["text"], view.phrases.giving_up)
            if said:
                upset_at, upset = index, said
    if upset_at is None:
        return None
    return f"customer was upset ('{upset}', at turn {upset_at}) and nothing the bot said after moved them on"


def _gave_up_quietly(view: ConversationView, last: int) -> str | None:
    """The customer's last word is a short, resigned acceptance ("yaudah
    deh", "ok deh", "hmm. ya sudah.") right after the bot did not take up
    their objection: they said its answer did not work, was done already or
    was not what they asked ("udah update juga. tetep ga ada"; "kemarin
    petugasnya janji hari ini. bisa dicek lagi?") or was angry ("🙄"), and
    the bot only said again what it had said, or asked "anything else?",
    or sent them back to its menu, or failed them. The need unmet, they
    gave up quietly. So do giving-up words ("ok never
    mind, I'll just call the clinic") and praise with nothing else ("wow.
    great service.": sarcasm) said there, unless they take the way the bot
    pointed to ("wajib datang ke Kantor GoJalan" / "yo wis, sesuk tak nang
    kantor")."""
    text = view.turns[last]["text"]
    praised = _praise_and_goodbye(view, last)
    if (_thanks(view, last) and not praised) or view.served_after(last):
        return None
    if resigned(text):
        how = "gave up quietly"
    elif gives_up(text, view.phrases.giving_up):
        how = "gave up"
    elif praised:
        how = "left with praise and nothing else"
    else:
        return None
    objection = view.last_turn_not_by(last, "bot")
    if (
        objection is None
        or view.turns[objection]["role"] != "user"
        or view.last_said(objection) is None  # the opening question objects to nothing
        or not (objects(view.turns[objection]["text"]) or view.frustration(objection))
    ):
        return None
    answers = [j for j in range(objection + 1, last) if view.bot[j] is not None]
    if not answers or view.need_met_before(last):
        return None
    for j in answers:
        failed = view.failed(j)
        if not (
            view.wraps_up(j)
            or _said_again(view, j)
            or (failed is not None and failed[1])
            or view.answers_unmet_handoff(j)
            or _BACK_TO_MENU.search(view.turns[j]["text"])  # "Mohon maaf … Ketik MENU untuk kembali ke menu utama."
        ):
            return None
        if _takes_the_way(view, Failure(j, "", False), last):
            return None  # "wajib datang ke Kantor GoJalan terdekat" / "yo wis, sesuk tak nang kantor"
        if (
            how == "gave up quietly"
            and _NUMBER_TO_CALL.search(view.turns[j]["text"])
            and _A_WAY.search(view.turns[j]["text"])
            and not _said_again(view, j)  # not the same number again to "saya maunya ditelpon, pulsa habis"
        ):
            return None  # "silakan hubungi Call Center di 021-5550188" / "ok": a number to reach, acknowledged
    return f"customer {how} ('{snippet(text)}') after the bot did not take up their objection at turn {objection}"


def _praised_a_failure(view: ConversationView, last: int, failure: Failure | None) -> str | None:
    """The customer's last word opens with praise and holds no thanks ("cool.
    I'll walk then", "great, super helpful") right after the bot's bare
    failure, one it neither explained nor offered a way past ("I'm sorry,
    your ride request could not be completed."): nothing was done to
    praise, so it is sarcasm, and the customer leaves with the need unmet.
    After news that something is unavailable ("I'm sorry, that is not
    available.") only praise and nothing else is ("great, super helpful").
    Praise with thanks ("great, thanks") stays calm."""
    if failure is None or failure.turn != view.last_said(last) or view.need_met_before(last):
        return None  # "Thanks! Account … is now active." / "nice": praise for a task done
    told = view.turns[failure.turn]["text"]
    text = view.turns[last]["text"]
    rest = after_praise(text)
    if explains(told) or _offers_a_way(told) or rest is None or THANKS.search(text.casefold()) or _OK.match(text):
        return None  # "ok cool" accepts
    if not (failure.bots_fault or not rest.strip()):  # after news that it is unavailable, praise and nothing else
        return None
    return f"customer answered the bot's {failure.shown(view)} with praise and nothing to praise ('{snippet(text)}')"


def _praise_and_goodbye(view: ConversationView, index: int) -> bool:
    """Whether customer turn `index` is praise and nothing else, or but a
    short goodbye after it ("Brilliant, really helpful. Cheers.", "wow great
    service. bye"): after an objection the bot did not take up, the goodbye
    is as sarcastic as the praise. Not with thanks ("ok great, thanks",
    "Awesome thanks so much!!!"): sincere."""
    rest = after_praise(view.turns[index]["text"])
    if rest is None:
        return False
    return not rest.strip() or (
        len(rest.split()) <= _GOODBYE_WORDS
        and view.phrases.closing.search(rest) is not None
        and THANKS.search(rest) is None
    )


def _said_again(view: ConversationView, index: int, as_refusal: bool = False) -> bool:
    """Whether bot turn `index` says again what an earlier bot turn said
    (with `as_refusal`, what an earlier refusal said)."""
    key = view.bot[index].key  # type: ignore[union-attr]
    return any(
        facts is not None and facts.key == key and (facts.refusal or not as_refusal) for facts in view.bot[:index]
    )


def _left_in_loop(view: ConversationView, last: int, loop_threshold: int) -> str | None:
    """The customer leaves (the bot answers their last turn with nothing,
    or only wraps up) right after the bot's last `loop_threshold` replies
    were one message with no new detail, while the customer pushed back
    (asked again, "?", or was angry): thanks then are resigned or sarcastic
    ("what time though?" / "Your parcel is out for delivery today." x3 /
    "wow, super helpful. thanks."; "Isn't there anything else you can do?"
    / "your booking request failed" x3 / "Well thanks anyways"), the need
    unmet. Meaning to come back later, with thanks, is calm ("sedang dalam
    pemeliharaan hingga pukul 23.00" x3 / "besok pagi aja saya cek lagi.
    terima kasih")."""
    if view.most_said < loop_threshold:
        return None
    first = view.stuck_since(loop_threshold, last)
    if first is None or view.served_after(last):
        return None
    repeated = view.bot[first]
    assert repeated is not None
    if repeated.not_understood or (repeated.refusal and not repeated.bots_fault):
        return None  # "I don't understand" is judged by the other rules; "no room available" x3 is news accepted
    if not all(view.wraps_up(j) for j in range(last + 1, len(view.turns))):  # last is the customer's last turn
        return None
    asked = [i for i in view.users if first < i < last]
    if not any(_pushed_back(view, i) for i in asked):
        return None
    said = view.turns[last]["text"]
    if waits(said) or (_LATER.search(said) and _thanks(view, last, resigned=False)):
        return None  # "… hingga pukul 23.00" x3 / "besok pagi aja saya cek lagi. terima kasih"; "yaudah saya tunggu"
    return (
        f"customer left after the bot's last {loop_threshold} replies were the same "
        f"('{snippet(view.turns[first]['text'])}') while they asked again: left in a loop"
    )


def _ignored(view: ConversationView) -> str | None:
    """The log ends with `_UNANSWERED` or more customer turns the bot never
    answered, after it had answered before, and not all of them thanks or
    goodbyes: the bot stopped answering, the customer wrote again and left
    ("I need to RSVP…" / "Did you get my RSVP?" / "This has malfunctioned.")."""
    turns = view.turns
    if turns[-1]["role"] != "user":
        return None
    unanswered = 0
    for turn in reversed(turns):
        if turn["role"] != "user":
            break
        unanswered += 1
    first = len(turns) - unanswered
    if unanswered < _UNANSWERED or not any(turn["role"] == "bot" for turn in turns[:first]):
        return None
    if all(view.closing(i) for i in range(first, len(turns))):
        return None
    return f"the bot did not answer the customer's last {unanswered} turns (from turn {first}): no way forward"


def _hung_up(view: ConversationView, leaving: list[int], failure: Failure | None) -> str | None:
    """The bot said goodbye to a turn of the customer's that was not
    leaving, after failing them, or to two such turns (the customer said
    the need again and was closed on again: "lho saya belum dapet tokennya"
    / "Terima kasih telah menghubungi kami."; the last such turn may be the
    question the log ends on), and their last word was no thanks."""
    said = view.turns[leaving[0]]["text"]
    if _thanks(view, leaving[0]) or _LATER.search(said):  # "yaudh besok aja": coming back later, they take it
        return None
    failed_them = failure is not None and (failure.bots_fault or view.did_not_understand(failure.turn))
    if not failed_them and sum(1 for facts in view.bot if facts is not None and facts.wraps_up) < 2:
        return None  # neither a failure nor two goodbyes to look for: most conversations stop here
    # the last turn too, when the log ends on the bot saying goodbye to a question ("will the desk be open at 1am?")
    asked = leaving[1:] + ([leaving[0]] if "?" in view.turns[leaving[0]]["text"] else [])
    closed_on = sorted(i for i in asked if _said_goodbye_to(view, i) and not view.need_met_before(i))
    if (
        len(closed_on) < 2
        and leaving[0] not in asked
        and _bye_in_words(view, leaving[0])
        and not view.need_met_before(leaving[0])
    ):
        # closed on again, the log ending on that goodbye: "kok sampai jumpa, sy masih bingung" / "Sampai jumpa!"
        if closed_on:
            still_asking = _pushed_back(view, leaving[0]) or objects(view.turns[leaving[0]]["text"])
            closed_on = [closed_on[0], leaving[0]] if still_asking else closed_on
        else:
            earlier = _closed_on_before(view, leaving[-1])
            closed_on = [earlier, leaving[0]] if earlier is not None else []
    if len(closed_on) >= 2:
        return f"the bot said goodbye to the customer at turns {closed_on[0]} and {closed_on[1]}, who was not leaving"
    if not closed_on or failure is None or not failed_them:
        return None
    return f"the bot said goodbye to the customer at turn {closed_on[0]} who was not leaving, after its {failure.shown(view)}"


def _closed_on_before(view: ConversationView, before: int) -> int | None:
    """The last customer turn before turn `before` that the bot said
    goodbye to in words, the customer not leaving, when the customer's next
    turn went on rather than leave ("wind" / "Nice playing with you, bye!" /
    "I want another question please."; not "ok" or "thanks"); None when the
    last such goodbye was taken, or there was none."""
    for position in range(len(view.users) - 1, 0, -1):
        index, came_back = view.users[position - 1], view.users[position]
        if came_back > before:
            continue
        if _bye_in_words(view, index) and not view.need_met_before(index):
            went_on = not _leaving_words(view, came_back) and not _OK.match(view.turns[came_back]["text"])
            return index if went_on else None
    return None


def _agent_closed_on_a_need(view: ConversationView, leaving: list[int]) -> tuple[str, int] | None:
    """An agent ended the log by closing the chat after turning the
    customer down, or in its only answer to their question ("Who is the
    partner? How do I contact them?" / "I don't have their details I'm
    afraid. I'll close this chat now."), their need not met: no way
    forward, reported at the close ("ORD-55910" / "I am not able to process
    warranty claims over chat. … this chat will now be closed.")."""
    final = len(view.turns) - 1
    if not view.agent_closed() or _leaving_words(view, leaving[0]) or view.need_met_before(final):
        return None
    if _INACTIVE.search(view.turns[final]["text"]):
        return None  # "Karena belum ada balasan, chat ini kami tutup ya": closed on a customer gone quiet
    replies = [j for j in range(leaving[0] + 1, final + 1) if view.turns[j]["role"] == "agent"]
    closed_on_a_question = replies == [final] and _ASKS.search(view.turns[leaving[0]]["text"]) is not None
    if not closed_on_a_question and not any(view.refuses(j) for j in replies):
        return None  # an answer, then "As we haven't heard from you, this chat will be closed.": served, then quiet
    return f"an agent closed the chat ('{snippet(view.turns[final]['text'])}') with the customer's need open", final


def _wrote_after_the_close(view: ConversationView, leaving: list[int]) -> tuple[str, int] | None:
    """The bot closed the session ("Sesi berakhir karena tidak ada
    aktivitas", "This chat has been closed") while the customer's need was
    open, and the customer's turns after it, neither thanks nor goodbye,
    went unanswered ("bentar sy timbang dulu" / "Sesi berakhir …" / "lah kok
    ditutup, ini beratnya 3 kg"): no way forward, reported at the close."""
    close = view.last_turn_not_by(leaving[0], "user")
    if close is None or view.turns[close]["role"] != "bot" or not SESSION_CLOSED.search(view.turns[close]["text"]):
        return None
    after = [i for i in view.users if i > close]
    if any(_leaving_words(view, i) or view.closing(i) for i in after) or view.need_met_before(close):
        return None
    closed = snippet(view.turns[close]["text"])
    return f"the bot closed the session ('{closed}') and the customer's turn after it went unanswered", close


def _scored_lowest(view: ConversationView, last: int) -> str | None:
    """The customer's last word gives the bot's survey its lowest score
    ("Please rate this conversation from 1 to 5." / "1. three days without
    internet and nobody can tell me when"), their need not met: leaving
    unhappy."""
    if not _answers_survey(view, last) or _LOWEST.match(view.turns[last]["text"]) is None:
        return None
    if view.need_met_before(last):
        return None
    return f"customer gave the survey its lowest score ('{snippet(view.turns[last]['text'])}')"


def _no_way_forward(view: ConversationView, last: int, failure: Failure | None, loop_threshold: int) -> str | None:
    """The bot has the last word, to a customer neither thanking nor saying
    goodbye, and it is the bot's failure, or a goodbye right after one, or
    news that the need cannot be met offering nothing else ("no room
    available at the Hyatt for your requested dates."; not "…no flights
    match. Would you like to change your criteria?": `_offers_a_way`), or a
    did-not-understand after such news ("flight 629 is not available" / "Is
    there another flight?" / "I don't quite understand"), or only a goodbye
    to a request ("please go ahead and cancel" / "Thank you and Goodbye"), or
    its last `loop_threshold` replies are one message while the customer
    pushed back (`_pushed_back`): the customer was left in a loop (a log
    cut off in a loop the customer did not push back on may be a cut-off
    log, not an abandoned customer). Not when the customer's last word only
    acknowledged an answer ("oke") and the bot then closed the session, nor
    when the bot answered without failing or asking and then closed the
    session for inactivity ("KTP-el sudah dicetak …" / "Sesi Anda telah
    berakhir karena tidak ada aktivitas."). Closing the session for
    inactivity while the customer waited for the person the bot announced
    ("agen kami akan segera membalas") leaves no way forward.
    Thanks or a need met before do not excuse a last word that turns the
    customer down ("that is it thanks." / "your booking request failed.";
    "Your ride is booked." / "I changed my mind" / "I'm afraid I can't
    cancel your ride"), unless the bot had closed on the task done. Nor
    when the customer's last word scored a survey ("rate this chat: reply
    1-5" / "5" / "This conversation is now closed.")."""
    answer, goes_on = view.reply(last)
    final = len(view.turns) - 1
    said = view.turns[last]["text"]  # the customer's last words
    if goes_on or not answer or answer[-1] is not view.turns[final]:
        return None
    if _closed_as_idle_on_a_reply(view, last, final):
        closed = snippet(view.turns[final]["text"])
        return f"the bot closed the session for inactivity ('{closed}') right after the customer's reply"
    if _INACTIVE.search(view.turns[final]["text"]) and final - 1 > last and view.bot[final - 1] is not None:
        before_close = view.turns[final - 1]["text"]
        # "agen kami akan segera membalas" / "Sesi berakhir"
        if person_promised(before_close, view.phrases) == "transfer":
            closed = snippet(view.turns[final]["text"])
            return f"the bot closed the session ('{closed}') while the customer waited for the person it announced"
        if view.failed(final - 1) is None and "?" not in before_close:
            return None  # "KTP-el SUDAH DICETAK …" / "Sesi Anda telah berakhir karena tidak ada aktivitas.": answered
    if _answers_survey(view, last) and _SCORE.fullmatch(said):
        return None  # "please rate this chat: reply 1-5" / "5" / "This conversation is now closed."
    facts = view.bot[final]
    # understood the customer and turned them down (not a session closed: "Sesi berakhir karena tidak ada balasan")
    refused = facts is not None and bool(facts.refusal) and not facts.wraps_up
    heard = next((j for j in range(last - 1, -1, -1) if view.turns[j]["role"] == "bot"), None)
    if (
        heard is not None
        and _A_WAY.search(view.turns[heard]["text"])
        and _earlier_refusal(view, last) is not None  # an alternative to what it refused, not an upsell
        and (view.declines(last) or _thanks(view, last))
        and view.frustration(last) is None
    ):
        return None  # "Would you like to try different dates?" / "No thank you." / "Sorry I could not complete this"
    if _leaving_words(view, last) and not refused:
        return None  # not "Thank you" / "no room available at the Shadyside Inn": thanks for what then failed
    closed_on_request = view.failed(final) is None and _closed_on_a_request(view, last, final)
    new_task = _TO_DO.search(said) is not None  # "Great. Now please cancel my Friday viewing."
    if (
        view.need_met_before(last)
        and not (refused and not view.closed_after_success(last))
        and not (new_task and closed_on_request)
    ):
        return None  # "The door is now unlocked." / "About time! ..." / "I don't understand"
    if _met_late(view, last) and view.did_not_understand(final):
        return None  # "Today in Chicago it will be windy …" / "took you long enough" / "I don't understand"
    if closed_on_request:
        return f"the bot said goodbye ('{snippet(view.turns[final]['text'])}') to a request it did not take up"
    if _done_after_thanks(view, last):  # "request was unsuccessful" / "Ok. Thank you." / "Anything else?" / "No"
        return None
    if (resigned(said) or _emoji_only(said)) and heard is not None and view.failed(heard) is None and not refused:
        return None  # "KRS: 8-14 Januari. Ada lagi?" / "oke" / "Sesi berakhir karena tidak ada aktivitas."
    if failure is not None and _takes_the_way(view, failure, last):
        return None  # "datang ke Kantor GoJalan" / "yo wis, sesuk tak nang kantor" / "Semoga lancar"
    if failure is not None and _LATER.search(said) and _offers_a_way(view.turns[failure.turn]["text"]):
        return None  # "Silakan coba kembali setelah pukul 23.00." / "oke nanti saya coba lagi"
    if failure is not None and failure.turn < last and (waits(said) or _LATER.search(said) or accepts(said)):
        return None  # "seluruh agen kami sedang melayani … coba lagi nanti" / "yaudah sy tunggu sampe jam 6 aja"
    # the bot wrapping up after failing; a person refused earlier was answered with another way the customer took
    if view.wraps_up(final) and failure is not None and failure.bots_fault and failure.evidence != NOT_HANDED_OVER:
        final = failure.turn
    elif view.wraps_up(final) and view.failed(final) is None and final - 1 > last and _bots_failure(view, final - 1):
        final -= 1  # "We couldn't verify your details. Please try again later." / "Your session has timed out."
    ending = view.failed(final)
    if ending is not None and view.did_not_understand(final) and _failed_before(view, last):
        ending = (ending[0], True)  # "flight 629 is not available" / "Is there another one?" / "I don't understand"
    text = view.turns[final]["text"]
    if ending is not None and SESSION_CLOSED.search(text) and not _INACTIVE.search(text):
        ending = (ending[0], True)  # "I'm sorry, I cannot help with that. This conversation will now end."
    if view.stuck_at_end(loop_threshold) and _pushed_back(view, last):
        ending = (f"its last {loop_threshold} replies the same, the customer left in a loop", True)
    facts = view.bot[final]
    news = facts is not None and bool(facts.refusal) and not facts.bots_fault and final == len(view.turns) - 1
    # "no agent available" after a request for one is missing_escalation's to report, not a dead end too
    if ending is not None and not ending[1] and news and not view.answers_unmet_handoff(final):
        if _offers_a_way(view.turns[final]["text"]):
            return None  # "no flights match your search. Would you like to change any of your criteria?"
        ending = (ending[0], True)  # "no room available at the Hyatt for your requested dates." and nothing after
    if ending is None or not ending[1]:
        return None
    return (
        f"the bot's last word left no way forward ('{snippet(view.turns[final]['text'])}': {ending[0]}) "
        "and the customer's need was not met"
    )


def _emoji_only(text: str) -> bool:
    """Whether a customer's `text` is an emoji or a mark alone ("👍", "🙏"),
    no word and no question: an acknowledgement."""
    return _WORD_OR_DIGIT.search(text) is None and "?" not in text


def _bots_failure(view: ConversationView, index: int) -> bool:
    """Whether turn `index` is the bot's, failing by its own fault."""
    failed = view.failed(index) if view.bot[index] is not None else None
    return failed is not None and failed[1]


class Failure(NamedTuple):
    """A bot turn that failed the customer (see `ConversationView.failed`)."""

    turn: int
    evidence: str
    bots_fault: bool

    def shown(self, view: ConversationView) -> str:
        return f"turn {self.turn} ('{snippet(view.turns[self.turn]['text'])}': {self.evidence})"


def _last_failure(view: ConversationView, leaving: list[int]) -> Failure | None:
    """The last bot turn that failed the customer among those answering the
    leaving turns, else the last thing the customer was told before them, if
    that failed; else a goodbye said again to a customer who went on
    (`_goodbye_again`)."""
    answering = [j for j in range(leaving[0] - 1, leaving[-1], -1) if view.bot[j] is not None]
    candidates = [j for j in answering if not view.wraps_up(j) or view.done_denied(j)]  # "Thanks! … submitted." again
    told = view.last_said(leaving[-1])
    for j in [*candidates, *([told] if told is not None else [])]:
        failed = view.failed(j)
        if failed is not None:
            return Failure(j, *failed)
        if view.answers_unmet_handoff(j):
            return Failure(j, NOT_HANDED_OVER, True)
    again = next((j for j in answering if _goodbye_again(view, j)), None)
    return Failure(again, SAID_AGAIN, False) if again is not None else None


def _goodbye_again(view: ConversationView, index: int) -> bool:
    """Whether bot turn `index` wraps up with the same words it wrapped up
    with since its last task done, to a customer who went on asking ("Thank
    you for flying with us. Goodbye!" / "wait what was updated" / "Thank
    you for flying with us. Goodbye!"): closing on them again, a failure."""
    return _bye(view.turns[index]) and view.wraps_up(index) and view.failed(index) == (SAID_AGAIN, False)


def _said_goodbye_to(view: ConversationView, index: int) -> bool:
    """Whether the bot said goodbye in answer to customer turn `index`,
    which neither thanked nor said goodbye (but for the bot's goodbye
    objected to: "kok sampai jumpa, sy masih bingung kak")."""
    before = view.last_turn_not_by(index, "user")
    if _leaving_words(view, index) and not (
        before is not None and _said_goodbye(view, before) and objects(view.turns[index]["text"])
    ):
        return False
    if before is not None and view.wraps_up(before):
        # "Anything else?" / "Not at the moment." / "Goodbye."; "thanks!" / "Goodbye." / "have a nice day" / "Goodbye.";
        # not a goodbye that already closed on a need ("token saya belum masuk" / "Terima kasih telah menghubungi"),
        # nor "anything else?" answered by pushing back ("wait I still don't have a flight" / "Thank you and goodbye.")
        asked = next((j for j in range(before - 1, -1, -1) if view.turns[j]["role"] == "user"), None)
        offered_more = "?" in view.turns[before]["text"]
        if (offered_more and not objects(view.turns[index]["text"])) or asked is None or _leaving_words(view, asked):
            return False
    turns = view.turns
    j = index + 1
    while j < len(turns) and turns[j]["role"] == "user":  # the same message sent in pieces
        j += 1
    while j < len(turns) and turns[j]["role"] != "user":
        if turns[j]["role"] == "bot" and _said_goodbye(view, j):
            return True
        j += 1
    return False


def _bye_in_words(view: ConversationView, index: int) -> bool:
    """Whether the bot said goodbye in words ("Nice playing with you, bye!")
    in answer to customer turn `index`, which neither thanked nor said
    goodbye: a close that cannot be misread."""
    if not _said_goodbye_to(view, index):
        return False
    reply, _ = view.reply(index)
    return any(_bye(turn) for turn in reply)


def _said_goodbye(view: ConversationView, index: int) -> bool:
    """Whether bot turn `index` says goodbye: in words ("Thank you and
    goodbye.") or by closing without offering more ("Terima kasih telah
    menghubungi kami. Semoga hari Anda menyenangkan")."""
    text, facts = view.turns[index]["text"], view.bot[index]
    if _GOODBYE.search(text.casefold()):
        return True
    return facts is not None and facts.wraps_up and not facts.success and "?" not in text


def _takes_the_way(view: ConversationView, failure: Failure, index: int) -> bool:
    """Whether customer turn `index` takes the way forward the bot pointed
    to when it failed them: a place, channel or step named right after a
    verb of going or contacting ("wajib datang ke Kantor GoJalan terdekat" /
    "yo wis, sesuk tak nang kantor"; "please visit your branch" / "ok, I'll
    go to the branch"; "hubungi Contact Center 1500-771" / "ok saya telpon
    aja"; "Our care team is at 1-888-555-0142" / "ok I'll call them"; "coba
    beberapa saat lagi" / "yaudah deh nanti aja"), other than the failure's
    own words. Going somewhere else ("aplikasi MyHome" / "nanti saya ke
    kantor cabang saja") is still giving up."""
    words = _WORD.findall(view.turns[failure.turn]["text"].casefold())
    failing = set(_WORD.findall(failure.evidence))
    way = {
        word
        for position, verb in enumerate(words)
        if verb in _GO_OR_CONTACT
        for word in words[position + 1 : position + 4]
        if len(word) >= 4 and word not in _GO_OR_CONTACT and word not in failing
    }
    if _TRY_LATER.search(view.turns[failure.turn]["text"]) and _LATER.search(view.turns[index]["text"]):
        return True  # "semua agen sedang melayani. Silakan coba beberapa saat lagi" / "yaudah deh nanti aja"
    said_text = view.turns[index]["text"]
    said = _WORD.findall(said_text.casefold())
    if _GOING_THERE.search(said_text) and not (_NOT_GOING.search(said_text) or objects(said_text)):
        return True  # "GraPARI terdekat: Jl. Ir. H. Juanda 120" / "yaudah deh, besok saya ke sana"
    reachable = _CONTACT.intersection(words) or _REACHABLE.search(view.turns[failure.turn]["text"])
    if reachable and _CONTACT.intersection(said):  # "hubungi Contact Center 1500-771" / "saya telpon aja"
        return True
    return any(word.startswith(target) for word in said for target in way)


def _pushed_back(view: ConversationView, index: int) -> bool:
    """Whether customer turn `index` pushes back on what the bot said:
    asks again ("what time though?", or with no mark: "payment is done. why
    not activated"), objects ("belum masuk juga, udah 5 menit"), asks for a
    person, is angry, or turns it down ("NO. PAY MY BILL")."""
    text = view.turns[index]["text"]
    return (
        objects(text)  # "?", "belum masuk juga, udah 5 menit", "that's not what I asked"
        or _ASKED_WITHOUT_MARK.search(text) is not None
        or _QUESTION_TAG.search(text) is not None
        or view.declines(index)
        or view.denies_done(index)  # "its not there. not in spam either"
        or view.frustration(index) is not None
        or (view.may_ask_for_human() and index in view.handoff_requests())
    )


def _thanks(view: ConversationView, index: int, resigned: bool = True) -> bool:
    """Whether customer turn `index` thanks; with `resigned` False, a
    resigned "thanks anyway" does not count."""
    return thanks(view.turns[index]["text"], resigned)


def _leaving_words(view: ConversationView, index: int) -> bool:
    """Whether customer turn `index` thanks or says goodbye anywhere in it."""
    return _thanks(view, index) or view.phrases.closing.search(view.turns[index]["text"]) is not None


def _done_after_thanks(view: ConversationView, last: int) -> bool:
    """Whether the customer's last turn turns down the bot's offer of more
    help ("Is there anything else?" / "No") after thanking it sincerely: they
    leave on their own terms, whatever failed before."""
    turns = view.turns
    offer = last - 1
    if offer < 0 or turns[offer]["role"] != "bot" or not view.wraps_up(offer) or not view.declines(last):
        return False
    asked = offer - 1
    return (
        asked >= 0
        and turns[asked]["role"] == "user"
        and _thanks(view, asked, resigned=False)
        and view.frustration(asked) is None
    )


def _closed_on_a_request(view: ConversationView, last: int, final: int) -> bool:
    """Whether the bot's last word only says goodbye, in answer to a
    customer's last turn that asked for something ("please go ahead and
    cancel" / "Thank you and Goodbye"), demanded or pushed back ("you have
    to refund faulty goods"; "that is literally what I just said I did" /
    "This chat has now ended."). Not an answer to "anything else?" that
    wants nothing more ("Nope, I've got what I need", "That should be
    good for now?"); not a goodbye that wishes them joy of what they asked
    for ("Please book it." / "Goodbye. Enjoy your ride!")."""
    text = view.turns[last]["text"]
    if (
        not _said_goodbye(view, final)
        or not (_ASKS.search(text) or _DONE_THAT.search(text))
        or _leaving_words(view, last)
    ):
        return False
    told = view.last_turn_not_by(last, "user")
    facts = view.bot[told] if told is not None else None
    if facts is None:
        return True
    if facts.wraps_up and (view.declines(last) or _NO_MORE.search(text)):
        return False
    return _ENJOY.search(view.turns[final]["text"]) is None


def _failed_before(view: ConversationView, last: int) -> bool:
    """Whether the bot had refused or failed the customer before their last
    turn, and done no task since."""
    for j in range(last - 1, -1, -1):
        facts = view.bot[j]
        if facts is None:
            continue
        if facts.success:
            return False
        if facts.refusal:
            return True
    return False


def _offers_a_way(text: str) -> bool:
    """Whether a bot's refusal offers the customer a way on: a question, or
    another option, a step or a place ("Please choose another date",
    "Earliest is Friday", "silakan coba tanggal lain", "visit a branch")."""
    return "?" in text or _A_WAY.search(text) is not None


def _calm(text: str) -> bool:
    """Whether a customer's leaving `text` is calm: it accepts what they
    were told ("no worries") or wishes well ("enjoy your meal!", "wish me
    luck!", "semoga lancar")."""
    return accepts(text) or _WELL_WISHED.search(text) is not None


def _reported_at(view: ConversationView, index: int, last: int) -> int:
    """Where a customer who gave up or was angry in turn `index` and last
    wrote in turn `last` left: `index` itself when every later turn of theirs
    only closes ("i give up" / "Is there anything else?" / "No thank you
    goodbye."), else `last` (docs/labelling.md: the give-up turn, when only
    a closing follows it)."""
    later = [i for i in view.users if index < i <= last]
    if later and all(_only_closes(view, i) for i in later):
        return index
    return last


def _only_closes(view: ConversationView, index: int) -> bool:
    """Whether customer turn `index` only thanks, says goodbye or turns down
    more help, giving up on nothing and upset at nothing (not a resigned
    "Well, thanks anyway. Goodbye.", which leaves as it gives up)."""
    text = view.turns[index]["text"]
    return (
        (view.closing(index) or view.declines(index))
        and not gives_up(text, view.phrases.giving_up)
        and view.frustration(index) is None
        and (not _thanks(view, index) or _thanks(view, index, resigned=False))
    )


def _at(index: int, last: int) -> str:
    return "" if index == last else f", at turn {index}"
