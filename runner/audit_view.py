"""What audit's detectors look at: the settings of an audit, and one
recorded conversation seen once (`ConversationView`), with the facts several
detectors need worked out in one pass over its turns.

Without a flow there are no states to re-enter and no slots to fill, so each
rule is restated in terms of what a recording shows; the detectors
(alur.runner.detectors, `AUDIT_DETECTORS`) each say how in their docstring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from alur.flows.nlu.person_asked import stem
from alur.flows.nlu.text import UNDERSTOOD_CHARS
from alur.runner import bot_shapes
from alur.runner.mood import (
    aimed_elsewhere,
    angry_tone,
    denies_done,
    gives_up,
    may_have_angry_tone,
    may_sound_angry,
    sounds_angry,
    upset_sentences,
)
from alur.runner.phrases import PhraseBook, folded, words
from alur.runner.phrases.handoff import HandoffRequests
from alur.runner.privacy import mask_text
from alur.runner.thresholds import threshold, thresholds_of
from alur.runner.transcripts import Conversation, Turn, turns_problem

_BOT_CACHE_LIMIT = 20_000  # distinct bot texts remembered per process; templates repeat, memory stays flat


@dataclass(frozen=True)
class AuditConfig:
    """Every setting of an audit. The integer fields are the detectors'
    thresholds, offered as `--loop-threshold` etc. on the command line and
    as `loop-threshold = 3` under `[tool.alur.audit]` in pyproject.toml."""

    loop_threshold: int = threshold(3, 2, "a bot message said this many times with no progress in between is a loop")
    not_understood_threshold: int = threshold(
        3,
        1,
        "this many bot replies in a row saying they did not understand, with no agent after, is a missing escalation",
    )
    frustration_window: int = threshold(
        3,
        1,
        "the customer's last this-many turns, while the bot answered them only with goodbyes or 'anything else?', "
        "are where they leave: anger there, or giving up after the bot failed them, is a dead end",
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
    r"|unavailable|trouble|failed|sibuk|busy|di luar jam|outside (?:our )?(?:office|business|working) hours"
    r"|no (?:\w+ ){1,2}(?:are |is )?(?:available|online|free))\b"  # "Sorry, no advisors are available at the moment"
)
_STATE_WORDS = re.compile(r"[^a-z0-9]+")
_HANDOFF_STATE_WORDS = frozenset("handoff escalate escalated escalation eskalasi agent livechat cs".split())
_NOT_HANDOFF_STATE_WORDS = frozenset("unavailable offline no not busy closed check failed gagal tidak off".split())


CALLED_OFF = "called off"


def ends_with(longer: bytes, key: bytes) -> bool:
    """Whether the message keyed `longer` ends with the message keyed `key`
    (two words or more): a bot turn said it already, after more ("Terima
    kasih. Laporan Anda sudah kami teruskan …" / "Laporan Anda sudah kami
    teruskan …")."""
    return longer != key and b" " in key and longer.endswith(b" " + key)


def person_promised(text: str, phrases: PhraseBook) -> str | None:
    """What a bot text promises of a person: "callback" (one is booked to
    call the customer back, "someone will call you within 2 hours"),
    "transfer" (one takes over now, "kami hubungkan dengan agen"), both
    only in statements, not in questions ("Mau dihubungkan ke agen?"),
    though a question may follow ("Saya sudah jadwalkan telepon dari tim
    CS. Apakah nomornya sudah benar?");
    `CALLED_OFF` when a "not" word takes any promise back ("agen sedang
    tidak tersedia", "we cannot connect you"); else None."""
    folded_text = text.casefold()
    if _CALLED_OFF.search(folded_text):
        return CALLED_OFF
    typed = words(folded_text)
    shape_words = set(typed)
    if bot_shapes.stated_phrase(folded_text, phrases.callback.search(folded_text, typed)) or bot_shapes.CALLBACK.find(
        folded_text, shape_words
    ):
        return "callback"  # "Saya sudah jadwalkan telepon dari tim CS … Apakah nomornya sudah benar?"
    if bot_shapes.stated_phrase(folded_text, phrases.transfer.search(folded_text, typed)) or bot_shapes.TRANSFER.find(
        folded_text, shape_words
    ):
        return "transfer"
    return None


# A number or contact of the business's people asked for: "ada nomor CS yang bisa saya telpon?", "your support
# team's number?"; given one, the customer has what they asked for.
_A_NUMBER_ASKED = re.compile(
    r"\b(?:nomor|nomer|nmr|number|contact|kontak)\b[^.?!]{0,25}\b(?:cs|admin|agen|agent|petugas|customer|support"
    r"|call ?center|hotline|manager|supervisor|staff|team|tim)\b"
    r"|\b(?:cs|admin|support|hotline|call ?center|customer care|customer service)(?:'s)? (?:number|nomor|contact)\b",
    re.IGNORECASE,
)
_A_NUMBER_GIVEN = re.compile(r"\+?\d[\d ()-]{5,}\d|\b[\w.-]+@[\w-]+\.\w")  # "1500-246", "021-5550188", "cs@toko.id"
# Asking to be contacted, as a callback promised before would: "Please contact me as soon as you know", "kabari ya".
_TO_BE_CONTACTED = re.compile(
    r"\b(?:call|calls|contact|phone|ring|email|text|telpon|telepon|hubungi|dihubungi|ditelpon|ditelepon|kabari|kabarin"
    r"|dikabari|wa)\b",
    re.IGNORECASE,
)
# A callback taken up, its details still to ask: "Sure, I can arrange a call back.", "Baik, kami jadwalkan telepon".
_CALLBACK_TAKEN_UP = re.compile(
    r"\b(?:i can|i'?ll|i will|we can|we'?ll|let me|sure,? i can) (?:arrange|schedule|book|set up|organi[sz]e)"
    r" (?:a |the |your )?(?:call ?back|call|phone call)\b"
    r"|\b(?:bisa|akan|kami|saya|aku) (?:kami |saya )?(?:jadwalkan|atur|aturkan|bookingkan) (?:telepon|telpon|panggilan)",
    re.IGNORECASE,
)
# An offer to put the customer through, as a question: "Would you like me to connect you to an agent?", "Mau saya
# sambungkan sekarang?" (the transfer words of `person_promised`, asked rather than stated). Money moved is no
# person: not "Shall I go ahead with the transfer?", "How much would you like to transfer from checking?",
# "Apakah Anda ingin membatalkan transaksi transfer?".
_OFFERED_PERSON = re.compile(
    r"\b(?:would you like|do you want|shall i|should i|want me to|mau|ingin|perlu)\b[^?.!]{0,50}?"
    r"\b(?:connect|(?<!the )(?<!a )(?<!transaksi )transfer(?! from| of| money| funds| rp| dana| uang| saldo| \$| \d)"
    r"|put you through|speak|talk|chat|hubungkan|sambungkan|sambungin|alihkan|teruskan"
    r"|dihubungkan|disambungkan|dialihkan|diteruskan|ngobrol|bicara)\b[^?.!]{0,50}\?"
)


def person_offered(text: str) -> bool:
    """Whether a bot text offers, as a question, to put the customer through
    to a person ("CS kami sedang online. Mau saya sambungkan sekarang?")."""
    return "?" in text and _OFFERED_PERSON.search(text.casefold()) is not None


def _handoff_state(state: str | None) -> bool:
    """Whether a bot turn's `state` names a handoff: `handoff`, `hand_off`,
    `escalate_cs`, `live_chat`; not `agent_offline` or `handoff_unavailable`."""
    if not state:
        return False
    parts = set(_STATE_WORDS.split(state.casefold()))
    joined = _STATE_WORDS.sub("", state.casefold())
    named = bool(parts & _HANDOFF_STATE_WORDS) or "handoff" in joined or "livechat" in joined
    return named and not parts & _NOT_HANDOFF_STATE_WORDS


_KEY_BYTES = bytes(b if chr(b).isalpha() and b < 128 else 32 for b in range(256)).lower()  # numbers are details
_DIGITS = re.compile(r"\d+")
# Names in a sentence: capitalised words after a lower-case word, with their article ("at the Shadyside Inn for",
# "the Willow Room is", "Harbor Hall is").
_NAMES = re.compile(r"(?<=[a-z,] )(?:(?:the|a|an) )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")
_REASON = re.compile(
    r"\b(?:because|since|due to|as a result of|with the information|karena|dikarenakan|sebab|disebabkan|akibat)\b"
    # outside the area served: "that postcode is outside our same-day delivery area", "di luar area pengiriman"
    r"|\boutside (?:our|the) (?:[\w-]+ ){0,2}?(?:delivery|service|coverage) (?:area|zone|range)\b"
    r"|\b(?:di ?luar) (?:jangkauan|area|wilayah|zona) (?:pengantaran|pengiriman|layanan)\b"
    # a limit stated: "di luar jangkauan pengantaran (maks. 12 km)", "minimum order is $20"
    r"|\b(?:maks|maksimal|max|maximum|minimal|minimum)\.?\s?(?:(?:order|pembelian)\s)?(?:is\s|adalah\s)?"
    r"(?:(?:rp\.?\s?|\$|€|£)\d|\d+(?:[.,]\d+)?\s?(?:km|kg|pcs|items?|orang|people|guests|tamu)\b)"
    # outside the hours people work: "saat ini di luar jam layanan", "outside our business hours"
    r"|\b(?:di luar|diluar) jam (?:layanan|operasional|kerja)\b|\boutside (?:of )?(?:our )?(?:business|office|operating|"
    r"service|working) hours\b"
    # the rules it follows: "sesuai syarat tarif yang disetujui", "as per our refund policy", "under the fare rules"
    r"|\b(?:sesuai|berdasarkan|menurut) (?:dengan )?(?:syarat|ketentuan|kebijakan|aturan|peraturan)\b"
    r"|\b(?:as per|according to|under|in line with|per) (?:our |the |your )?(?:\w+ )?(?:policy|policies|terms|rules)\b",
    re.IGNORECASE,
)


def explains(text: str) -> bool:
    """Whether a bot's failure says why: "I cannot authenticate you with
    the information you have provided", "dinonaktifkan karena verifikasi
    wajah gagal 3 kali", "di luar jam layanan". A customer may calmly
    accept an explained failure; a bare "your request failed" leaves them
    nothing to accept."""
    return _REASON.search(text) is not None


_CLOSING_WORDS = 10  # longer turns say more than thanks or goodbye
# A lock-out, and a lock the customer asked for ("tolong blokir akun saya", "iya kunci sekarang", "please freeze my card").
_LOCKED = re.compile(r"\b(?:dikunci|diblokir|locked)\b", re.IGNORECASE)
_LOCK_ASKED = re.compile(
    r"\b(?:tolong|mohon|minta|please|pls|iya|ya|can you)\s+(?:\w+\s+)?(?:blokir|kunci|bekukan|lock|block|freeze)\b"
    r"|\b(?:blokir|kunci|bekukan)(?:kan)? (?:akun|kartu|rekening)|\b(?:lock|block|freeze) my\b",
    re.IGNORECASE,
)
_AN_AMOUNT = re.compile(r"[$€£¥]\s?\d|\b(?:rp|idr|usd|sgd|myr|inr|rs)\.?\s?\d", re.IGNORECASE)  # "$641.27", "Rp 50.000"
# An agent opening a chat: a greeting, who is writing, asking how to help.
_OPENING = re.compile(
    r"^\W*(?:hi|hello|halo|hai|hallo|selamat (?:pagi|siang|sore|malam))\b|\bhow (?:can|may) i help\b"
    r"|\bada yang bisa (?:saya|kami|aku) bantu\b|\b(?:this is|my name is|dengan) (?-i:[A-Z][a-z]+)",  # a name
    re.IGNORECASE,
)
# The bot (or an agent) ending the session, not only saying goodbye: "Sesi berakhir", "This chat has been closed", "Percakapan ini
# telah ditutup oleh sistem".
SESSION_CLOSED = re.compile(
    r"\b(?:sesi|session|chat|percakapan|obrolan|conversation)\b[^.!?\n]{0,30}\b(?:berakhir|ditutup|diakhiri|selesai"
    r"|(?:kami|saya|sy|aku) (?:tutup|akhiri)|ended|closed|expired|timed out|will (?:now )?(?:end|close))\b"
    r"|\b(?:i'?ll|i will|we'?ll|we will|saya akan|kami akan) (?:now )?(?:close|end|tutup|menutup|akhiri|mengakhiri)"
    r" (?:this |the )?(?:chat|session|conversation|percakapan|sesi|obrolan)\b",
    re.IGNORECASE,
)
_ROOT_CHARS = 5  # a frustration phrase's root the bot said too: "lapor" (of "laporin"), not "tidak"
# An agent naming themselves: "Hi, I'm Priya from Tech Support", "Halo, dengan Rina dari tim CS", "Saya Dina",
# "Leo here", "Rina di sini".
_AGENT_NAME = re.compile(
    r"\b(?:i'?m|i am|this is|my name is|dengan|saya|aku)\s+(?-i:([A-Z][a-z]{2,}))\b"
    r"|\b(?-i:([A-Z][a-z]{2,})) (?:here|di sini|disini)\b",
    re.IGNORECASE,
)
# Someone the customer asks to talk to by name: "Can I talk to Priya again?", "bisa ngobrol sama Rina?"; not "I'll
# have to talk to Samwell" (their own plan).
_TALKED_TO = re.compile(
    r"\b(?:(?:can|could|may) (?:i|we) (?:please )?|(?:i want|i'?d like|i would like|i need) to )(?:talk|speak|chat)"
    r"(?: again)? (?:to|with) (?-i:([A-Z][a-z]{2,}))\b"
    r"|\b(?:bisa|boleh|mau|pengen|ingin|minta) (?:ngobrol|bicara|ngomong)(?: lagi)? (?:sama|dengan|ama) (?-i:([A-Z][a-z]{2,}))\b",
    re.IGNORECASE,
)
_TALKING = ("talk", "speak", "chat", "ngobrol", "bicara", "ngomong")  # the quick test before _TALKED_TO


def _talks_to_someone_named(text: str) -> bool:
    """Whether `text` asks to talk to someone by name (`_TALKED_TO`); a word
    of talking first, as most texts have none."""
    folded = text.casefold()
    return any(verb in folded for verb in _TALKING) and _TALKED_TO.search(text) is not None


_KEYWORD_CHARS = 30  # a keyword the bot told the customer to type: "START UPDATES", "CICIL 5521"
_PING_WORDS = 2  # "hello??", "halo kak?", "p": a customer waiting, asking nothing new
# A menu option picked by its number ("3", "3."), and the options of a bot's menu: "3. Bicara dengan Agen" on a
# line of its own, or "Ketik 3 untuk bicara dengan CS" / "Reply 3 to talk to an agent".
_CHOICE_CHARS = 6
_BARE_CHOICE = re.compile(r"\s*(\d{1,2})\s*[.)]?\s*\Z")
_A_BARE_CHOICE = re.compile(r"(?m)^[ \t]*\d{1,2}[ \t]*[.)]?[ \t]*$")  # the same, in the customer's turns joined
_MENU_LINE = re.compile(
    r"(?m)^[^\w\n]*(\d{1,2})(?:[ \t]*[.):-]|[ \t])[ \t]*(\S[^\n]*)$"
)  # "3. Agen", "9 Speak to a person"
_TYPE_FOR = re.compile(
    r"\b(?:ketik|tekan|balas|pilih|reply|type|press|send|enter)\s+(\d{1,2})\s+(?:untuk|utk|to|for)\s+([^\n.,;]+)",
    re.IGNORECASE,
)
# The options after the first in one sentence: "Balas 1 untuk ubah jadwal, 2 untuk refund, 0 untuk bicara dengan
# petugas", "Reply 1 for billing or 2 for an agent".
_AND_FOR = re.compile(r"(?:,|;|\bor\b|\batau\b)\s*(\d{1,2})\s+(?:untuk|utk|to|for)\s+([^\n.,;]+)", re.IGNORECASE)
SAID_AGAIN = "said again"
NOT_HANDED_OVER = "no person for a customer who asked for one"
# A customer's own confusion in the frustration list: upset only when the bot does not take it up.
_CONFUSION = re.compile(
    r"(?:i (?:don'?t|do not) understand|i'?m confused|i am confused|so confused"
    r"|(?:ga|gak|gk|g|nggak|ngga|enggak|tidak) (?:ngerti|mengerti|paham))$"
)
# A customer turn that turns the bot's offer down: "No thank you!", "nope", "ga usah".
_DECLINED = re.compile(r"\W*(no|nope|nah|not really|tidak|tdk|ga|gak|gk|nggak|enggak|engga|gausah|ga usah|gak usah)\b")
_WRAP_UP_WORDS = 12  # a bot turn this short holding a closing phrase only wraps up
_SHAPED_WRAP_UP_WORDS = 24  # "Session ended due to inactivity. Start a new chat if you still need help." says no more
# Feedback taken and nothing done: "Masukan Bapak kami catat.", "Your feedback has been noted."
_NOTED = re.compile(
    r"^\W*(?:(?:masukan|keluhan|feedback|komplain)(?: \w+){0,2} (?:kami catat|sudah kami catat|telah kami catat"
    r"|sudah dicatat|telah dicatat|kami terima)|(?:your )?(?:feedback|complaint|comments?) (?:has|have) been "
    r"(?:noted|recorded|passed on)|(?:i'?ve|we'?ve|i have|we have) (?:added|left|made) a note\b[^.!?]*"
    # sympathy and nothing done: "I understand your frustration."
    r"|i (?:completely |totally |fully )?understand (?:your|the) (?:frustration|concern|inconvenience)"
    r"|(?:saya|kami) (?:sangat )?(?:mengerti|memahami|paham) (?:kekecewaan|kekesalan|kendala|perasaan)\w*)\W*$",
    re.IGNORECASE,
)
# A bare acknowledgement, accepting nothing: "Yes.", "OK", "Baik kak", "I understand."
ACKNOWLEDGED = re.compile(
    r"\W*(?:yes|yeah|yep|yup|no|ok|okay|sure|right|alright|noted|ya|iya|baik|siap|oke|betul|benar|i understand"
    r"|understood|i see|mengerti|dimengerti)(?: kak| pak| bu)?\W*$",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"[^\W\d_]{4,}")  # words that carry content, for "said before"
_NEW_WORDS_IN_A_WRAP_UP = 2  # "Tiket NN-2207781 tetap aktif ya" after the ticket was given: nothing new
# A turn that only calls the shop's attention: "min", "halo min", "permisi kak", "min??" after no answer.
_ADDRESS_ONLY = re.compile(
    r"\W*(?:(?:halo|hallo|hai|hi|hello|pagi|siang|sore|malam|permisi|assalamualaikum)\W+)?"
    r"(?:min|mimin|admin|kak|gan|sis)\W*",
    re.IGNORECASE,
)
_DECLINE_WORDS = 4  # "ga ada min", "no thanks agent": a "no" and whom it addresses, no more
# A yes: "Ya", "iya kak", "yes please", "boleh", "sure".
_YES = re.compile(
    r"\W*(?:ya+|iya+|iy|y|yes|yess|yep|yup|yeah|sure|ok|oke|okay|boleh|mau|please|pls|tentu|betul)"
    r"(?:\W+(?:please|pls|kak|min|dong|ya|thanks|thank you|boleh|mau|sure))*\W*"
)
# Whom an offer names: "Mau dihubungkan ke agen?", "connect you to one of our team", not a money transfer.
_A_PERSON = re.compile(
    r"\b(?:agents?|agen|cs|customer service|customer care|human|person|people|staff|staf|team|tim|officer|petugas"
    r"|orang|admin|operator|representatives?|advisors?|advisers?|specialists?|supervisor|manager|live chat|colleague"
    r"|rekan)\b",
    re.IGNORECASE,
)
# Around an option picked: "superior aja", "the executive one please".
_PICKING_FILLERS = frozenset(b"aja saja yang yg itu the one please pls ok oke".split())


# A greeting, interjection or apology opening a message, set off by punctuation or emoji: "Halo! Silakan pilih menu",
# "No, I'm sorry. I do not have that information.", "Hi there, please enter your code", "Hai Rina! 👋 Silakan …",
# "I'm very sorry.  Can I get your account number?", "Mohon maaf Rina 🙏 Silakan …", "Halo Kak, terima kasih sudah
# menghubungi KirimCepat. Paket …". It says nothing of what the message says.
_OPENER_WORDS = "hi hello halo hallo hai hey no yes ok okay oh ah well sure alright sorry maaf baik oke ya iya".split()
_APOLOGY = (
    r"(?:(?:i'?m|i am|we'?re|we are)(?: (?:very|so|really|truly|terribly|extremely))? sorry(?: about that)?"
    r"|(?:i|we) apologi[sz]e|apologies|my apologies|mohon maaf|maaf(?: ya)?)"
    r"(?: for (?:the|any|this) (?:inconvenience|delay|trouble|wait|confusion)"
    r"| atas (?:ketidaknyamanan|kejadian|kendala|keterlambatan|kesalahan|masalah)\w*)?"
)
# Whom a greeting or apology names: "Hai Kak Rina", "Hi Sarah", "Mohon maaf Rina".
_ADDRESSED = r"(?: (?:there|kak|kakak|sis|gan|pak|bapak|bu|ibu|mas|mbak))?(?: (?-i:[A-Z][\w'’-]*)){0,2}"
# Thanks for getting in touch: "Terima kasih sudah menghubungi KirimCepat.", "Thanks for contacting Acme,".
_THANKS_FOR_CONTACT = (
    r"(?:thank you|thanks) for (?:contacting|reaching out to|messaging|chatting with|choosing)[^.!?\n]{0,40}?"
    r"|terima ?kasih (?:sudah|telah|udah) (?:menghubungi|memilih|chat)[^.!?\n]{0,40}?"
)
# Who is writing: "ini Bela dari Belanjain 💛", "I'm Asha from Suraksha Health.", "this is Pip from Hollis & Pine,".
_INTRODUCED = (
    r"(?:i'?m|i am|this is|my name is|ini|saya|aku|dengan) (?-i:[A-Z][\w'’-]*)(?: (?-i:[A-Z][\w'’-]*))?"
    r" (?:from|dari) [^.!?,\n]{1,40}?"
)
_OPENER = re.compile(
    r"\W*(?:(?:(?:hi|hello|halo|hallo|hai|hey|sorry|maaf|(?:selamat|good) (?:pagi|siang|sore|malam|morning|afternoon|evening)|"
    + _APOLOGY
    + ")"
    + _ADDRESSED
    + "|"
    + _THANKS_FOR_CONTACT
    + "|"
    + _INTRODUCED
    + "|"
    + "|".join(_OPENER_WORDS)
    + r")(?:\s*[^\w\s?])+\s*)+(?=\w)",
    re.IGNORECASE,
)
# How a key opening with one starts, before the expression runs ("I'm" keys as "i m", which an apology and an
# introduction, "I'm Asha from …", both open with)
_OPENER_KEYS = frozenset(
    word.encode()
    for word in [*_OPENER_WORDS, "apologies", "thank", "thanks", "terima", "terimakasih", "selamat", "good"]
    + ["this", "my", "ini", "saya", "aku", "dengan"]  # who is writing
)
_APOLOGY_KEYS = (b"i m ", b"i am ", b"we re ", b"we are ", b"i apologi", b"we apologi", b"my apologies", b"mohon maaf")


def message_key(text: str) -> bytes:
    """What makes two bot messages "the same thing": their words, ignoring
    case, spacing, punctuation, emoji and numbers, and a greeting, welcome,
    interjection or apology opening them ("Halo! Silakan pilih menu" and
    "Silakan pilih menu"; "I'm very sorry.  Can I get your PIN?"). "Sorry,
    flight 52 is not available" and "Sorry, flight 869 is not available"
    are the same refusal read again (labelling rubric: a number may
    differ)."""
    key = _words_key(text)
    if key.partition(b" ")[0] in _OPENER_KEYS or key.startswith(_APOLOGY_KEYS):  # most keys open with neither
        opener = _OPENER.match(text)
        if opener is not None:
            return key[len(_words_key(opener.group())) + 1 :]  # the opener's words lead the key
    return key


def _apology(sentence: str) -> bool:
    """Whether a sentence only apologises, a greeting before it aside
    ("Mohon maaf atas ketidaknyamanannya, Kak.", "Baik Kak, mohon maaf sekali lagi.")."""
    return bot_shapes.apologises_only(sentence) or bot_shapes.apologises_only(without_opener(sentence))


@lru_cache(maxsize=4096)  # bots speak from templates
def without_opener(text: str) -> str:
    """`text` without the greeting, interjection or apology opening it (see
    `message_key`): "I'm very sorry.  Can I get your PIN?" asks what "Can I
    get your PIN?" asks, with no new detail."""
    opener = _OPENER.match(text)
    return text if opener is None else text[opener.end() :]


def _words_key(text: str) -> bytes:
    """`text`'s words, lower-cased, with no punctuation, emoji or numbers."""
    if text.isascii():  # the common case, several times faster than the regex
        return b" ".join(text.encode().translate(_KEY_BYTES).split())
    return " ".join(_WORDS.findall(_DIGITS.sub(" ", text.casefold()))).encode()


class BotText(NamedTuple):
    """What the detectors need to know about one bot text, worked out once
    per distinct text (bots speak from templates)."""

    key: bytes  # see message_key; for a refusal, without the names in it (each new hotel refused is the same refusal)
    not_understood: str  # its did-not-understand phrase, or ""
    refusal: str  # its failure or unavailable phrase, or ""
    bots_fault: bool  # the refusal is a failure ("I cannot authenticate you"), not news ("no room available")
    wraps_up: bool  # short, a goodbye or an offer of more help, and no did-not-understand
    success: bool  # says the customer's task is done ("your booking is confirmed"), and no refusal


class BotFacts:
    """Per-process memory of bot texts: their key, whether they say the bot did
    not understand, and (once shown in a finding) their masked form.
    Production bots speak from templates, so most bot turns are answered from
    here without running a regular expression."""

    def __init__(self, phrases: PhraseBook):
        self.phrases = phrases
        self.known: dict[str, BotText] = {}
        # the words of a day or time, which a refusal repeats with each value refused: "not able to make Sunday @
        # 2 pm", then "Saturday @ 11 am" (labelling rubric: a date may differ)
        self._date_words = frozenset(
            [b"am", b"pm", *(phrase.encode() for phrase in phrases.dates.phrases if " " not in phrase)]
        )
        self._masked: dict[str, str] = {}

    def of(self, text: str) -> BotText:
        """What `text` says, read once (`learn`) and then remembered."""
        return self.known.get(text) or self.learn(text)

    def learn(self, text: str) -> BotText:
        if len(self.known) >= _BOT_CACHE_LIMIT:
            self.known.clear()  # keeps memory flat on corpora of unique texts
        phrases = self.phrases
        typed = words(text.casefold())  # once for every list's quick test
        shape_words = set(typed)  # and every shape's
        not_understood = phrases.not_understood.search(text, typed) or bot_shapes.NOT_UNDERSTOOD.find(text, shape_words)
        closes = bot_shapes.CLOSING.find(text, shape_words)
        refusal = bot_shapes.stated_phrase(text, phrases.failure.search(text, typed))
        if refusal is None and not not_understood:
            refusal = bot_shapes.FAILED_ACTION.find(text, shape_words)
        bots_fault = refusal is not None
        rejected = not not_understood and bot_shapes.INPUT_REJECTED.find(text, shape_words) is not None
        if refusal is None and not not_understood and not rejected:  # "pilihan tidak tersedia": a re-prompt
            refusal = phrases.unavailable.search(text, typed)
            if refusal is None and closes is None:  # "Session ended", "this chat has been closed": wrap-ups
                refusal = bot_shapes.UNAVAILABLE.find(text, shape_words)
        length = len(text.split())
        wraps_up = not not_understood and (
            (
                length <= _WRAP_UP_WORDS
                and not _AN_AMOUNT.search(text)  # "Thank you, Ruth. The balance … is $641.27.": an answer
                and (
                    phrases.closing.search(text, typed) is not None
                    or bot_shapes.MORE_HELP.find(text, shape_words) is not None
                )
            )
            or (closes is not None and length <= _SHAPED_WRAP_UP_WORDS)
        )
        success = (
            not not_understood
            and refusal is None
            and (
                phrases.success.search(text, typed) is not None
                or bot_shapes.SUCCESS.find(text, shape_words) is not None
            )
        )
        if refusal or rejected:  # "no room at the Hilton Hotel", then "at the Hyatt": the same refusal of another value
            key = b" ".join(word for word in message_key(_NAMES.sub(" ", text)).split() if word not in self._date_words)
        else:
            key = message_key(text)
        facts = self.known[text] = BotText(key, not_understood or "", refusal or "", bots_fault, wraps_up, success)
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
        "conversation",
        "turns",
        "phrases",
        "bot",
        "users",
        "user_texts",
        "last_agent",
        "most_said",
        "not_understood",
        "refused",
        "_handoff",
        "_bot_facts",
        "_user_text",
        "_user_folded",
        "_user_words",
        "_tone",
        "_shape",
        "_repeats",
        "_denials",
        "_may_frustrate",
        "_first_said",
        "_may_ask",
        "_requests",
        "_names",
    )

    def __init__(self, conversation: Conversation, phrases: PhraseBook, bot_facts: BotFacts, handoff: HandoffRequests):
        self.conversation = conversation
        self._handoff = handoff
        self._bot_facts = bot_facts
        self.turns = turns = conversation.turns
        self.phrases = phrases
        known = bot_facts.known
        bot: list[BotText | None] = [None] * len(turns)  # None for other turns
        users: list[int] = []
        user_texts: list[str] = []
        said: dict[bytes, int] = {}
        most = 0
        failed = 0
        refused = 0
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
                    elif facts[2]:
                        refused += 1
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
        self.refused = refused  # other bot turns refusing (a failure or unavailable phrase)
        self.users = users  # indices of the customer's turns
        self.user_texts = user_texts  # their texts
        self.last_agent = last_agent  # index of the last agent turn, -1 if none
        self._user_words: list[bytes] | None = None
        self._tone: bool | None = None
        self._shape: bool | None = None
        self._repeats: list[bool] | None = None
        self._denials: frozenset[int] | None = None
        self._may_frustrate: bool | None = None
        self._first_said: dict[str, int] | None = None
        self._may_ask: bool | None = None
        self._requests: list[int] | None = None
        self._names: list[tuple[int, str]] | None = None

    def user_words(self) -> list[bytes]:
        """The words of all customer turns as the phrase lists' quick tests
        read them (`alur.runner.phrases.words`), worked out once for all."""
        if self._user_words is None:
            self._user_text = "\n".join(self.user_texts)
            self._user_folded = folded(self._user_text)
            self._user_words = words(self._user_text, self._user_folded)
        return self._user_words

    def may_ask_for_human(self) -> bool:
        """False when surely no customer turn asks for a human (one quick test
        for all), in words or by a menu number (`menu_choice`)."""
        if self._may_ask is None:
            typed_words = self.user_words()  # sets _user_text and _user_folded too
            self._may_ask = (
                self._handoff.may_occur_in(self._user_text, self._user_folded, typed_words)
                or _A_BARE_CHOICE.search(self._user_text) is not None
                or any(name in self._user_text for _, name in self._agent_names())  # "I need Marcus back"
                or _talks_to_someone_named(self._user_text)
            )
        return self._may_ask

    def handoff_requests(self) -> list[int]:
        """Indices of the customer turns that ask for a human: in words, by
        the name an agent gave ("Leo here" / "I need Leo back", see
        `_asks_for_agent_by_name`), or by the number of a menu option that
        does ("3" for "3. Bicara dengan Agen"). Not a short "no" to the bot's offer of more help ("Ada lagi
        yang bisa dibantu?" / "ga ada min": "min" addresses the admin), nor
        a turn before any reply that only calls for attention ("min", "halo
        min", "MIN")."""
        if self._requests is None:
            users = self.users
            found = [
                users[position]
                for position in self._handoff.find(self.user_texts)
                if not self._declines_more_help(users[position])
                and not _ADDRESS_ONLY.fullmatch(self.user_texts[position])  # "min", "MIN", "min??": a call, not an ask
                and not self._picks_an_option(users[position])
            ]
            self.user_words()  # sets _user_text
            named = bool(self._agent_names()) or _talks_to_someone_named(self._user_text)
            found += [
                index
                for index in users
                if index not in found
                and (self._takes_the_person_offered(index) or (named and self._asks_for_agent_by_name(index)))
            ]
            found.sort()
            if self.may_ask_for_human() and _A_BARE_CHOICE.search(self._user_text):
                for index, text in zip(users, self.user_texts, strict=True):
                    if len(text) <= _CHOICE_CHARS and _BARE_CHOICE.match(text):
                        label = self.menu_choice(index)
                        if label and self._handoff.find([label]):
                            found.append(index)
                found.sort()
            self._requests = found
        return self._requests

    def _asks_for_agent_by_name(self, index: int) -> bool:
        """Whether customer turn `index` asks, by name, for an agent who named
        themselves before it ("Hi, I'm Priya from Tech Support" / "can you put
        me back with Priya?", "I need Sam back") or for someone they name as
        one talks to a person ("Can I talk to Priya again?"): the name read as
        "the agent"."""
        text = self.turns[index]["text"]
        asked = [name for found in _TALKED_TO.finditer(text) for name in found.groups() if name]
        names = [name for j, name in self._agent_names() if j < index] + asked
        for name in names:
            named = re.compile(rf"\b{name}\b")
            if named.search(text) and self._handoff.find([named.sub("the agent", text)]):
                return True
        return False

    def _agent_names(self) -> list[tuple[int, str]]:
        """The names agents gave themselves, with the turn each was given in
        ("Hi, I'm Priya from Tech Support", "Leo here", "dengan Rina dari tim
        CS"). Worked out once."""
        if self._names is None:
            self._names = [
                (j, name)
                for j, turn in enumerate(self.turns)
                if turn["role"] == "agent"
                for found in _AGENT_NAME.finditer(turn["text"])
                for name in found.groups()
                if name
            ]
        return self._names

    def _takes_the_person_offered(self, index: int) -> bool:
        """Whether customer turn `index` says yes ("Ya", "yes please",
        "boleh") to the bot's offer of a person just before it ("Mau
        dihubungkan ke agen untuk komplain tagihan?"): a request as much as
        asking in words."""
        if _YES.fullmatch(self.turns[index]["text"].casefold()) is None:  # most turns: no need to look back
            return False
        told = self.last_said(index)
        return (
            told is not None
            and person_offered(self.turns[told]["text"])
            and _A_PERSON.search(self.turns[told]["text"]) is not None  # not "Mau saya sambungkan sekarang?" alone
        )

    def _picks_an_option(self, index: int) -> bool:
        """Whether customer turn `index` only picks, in a few words, an
        option the bot had just offered that is no person: "superior aja"
        after "Deluxe Twin … dan Superior Double. Mana yang Anda pilih?",
        "the executive one" after a list of lounges. Picking "agent" after
        "type agent to talk to a human" still asks."""
        text = self.turns[index]["text"]
        if len(text.split()) > _DECLINE_WORDS:
            return False
        told = self.last_said(index)
        if told is None or "?" not in self.turns[told]["text"]:
            return False
        offer = self.turns[told]["text"]
        offered = set(words(offer.casefold()))
        picked = [word for word in words(text.casefold()) if word not in _PICKING_FILLERS]
        return bool(picked) and offered.issuperset(picked) and not self._handoff.find([offer])

    def _declines_more_help(self, index: int) -> bool:
        """Whether customer turn `index` is a short "no" ("ga ada min", "no
        thanks agent") to the bot's offer of more help just before it."""
        if len(self.turns[index]["text"].split()) > _DECLINE_WORDS or not self.declines(index):
            return False
        told = self.last_turn_not_by(index, "user")
        if told is None or self.turns[told]["role"] != "bot":
            return False
        offer = self.turns[told]["text"]
        return "?" in offer and bot_shapes.MORE_HELP.find(offer, set(words(offer.casefold()))) is not None

    def menu_choice(self, index: int) -> str | None:
        """The option customer turn `index` picks by its number from the
        menu the bot last sent ("3" after "3. Bicara dengan Agen" or "Ketik 3
        untuk bicara dengan CS"), or None."""
        picked = _BARE_CHOICE.match(self.turns[index]["text"])
        prompt = self.last_turn_not_by(index, "user")
        if picked is None or prompt is None or self.turns[prompt]["role"] != "bot":
            return None
        menu = self.turns[prompt]["text"]
        typed = _TYPE_FOR.findall(menu)
        for number, label in (*_MENU_LINE.findall(menu), *typed, *(_AND_FOR.findall(menu) if typed else ())):
            if number == picked.group(1):
                return label.strip()
        return None

    def frustration(self, index: int) -> str | None:
        """The frustration in customer turn `index`: a phrase of the
        frustration list (a customer's own confusion, "I don't understand",
        only when the bot did not take it up: `taken_up`), else an angry tone (`angry_tone`), else anger by
        shape (sarcasm, a threat to leave: `mood.sounds_angry`), or None."""
        text = self.turns[index]["text"]
        frustration = self.phrases.frustration
        if self._may_frustrate is None:
            self._may_frustrate = frustration.may_occur_in(self.user_words())
        if self._may_frustrate:
            found = frustration.search(text)
            if found:  # not "I feel dumb." nor "he's a show-off, so that'll be annoying": upset at the bot
                found = next(
                    (
                        phrase
                        for sentence in upset_sentences(text)
                        if (phrase := frustration.search(sentence)) and not aimed_elsewhere(sentence, phrase)
                    ),
                    None,
                )
            if found and not (_CONFUSION.match(found) and self.taken_up(index)) and not self._as_told(index, found):
                return found
        tone = angry_tone(text) if self._may_sound_angry_in_tone() else None
        if tone and tone.endswith("(shouted)") and self.typed_as_told(index):
            tone = None  # "START UPDATES" after "reply START UPDATES": a keyword, not a shout
        return tone or sounds_angry(text)

    def _as_told(self, index: int, phrase: str) -> bool:
        """Whether the frustration `phrase` of customer turn `index` only does
        what the bot had just told them to ("Kakak bisa melaporkan resi tidak
        valid lewat …" / "oke udah sy laporin"): the way taken, not a threat."""
        told = self.last_said(index)
        # the phrase's longest word, the last of a tie: "becus" of "tidak becus"
        root = stem(max(reversed(phrase.split()), key=len))
        return told is not None and len(root) >= _ROOT_CHARS and root in self.turns[told]["text"].casefold()

    def typed_as_told(self, index: int) -> bool:
        """Whether customer turn `index` is, in capitals, words the bot's turn
        before it told them to type ("To get delivery updates only, reply
        START UPDATES." / "START UPDATES")."""
        told = self.last_turn_not_by(index, "user")
        text = self.turns[index]["text"].strip(" .!")
        return (
            told is not None
            and len(text) <= _KEYWORD_CHARS
            and text.upper() == text
            and text in self.turns[told]["text"]
        )

    def taken_up(self, index: int) -> bool:
        """Whether the bot took up customer turn `index`: its answer holds a
        turn that neither failed them nor only wrapped up ("I don't
        understand" / "What specifically is unclear?")."""
        turns = self.turns
        j = index + 1
        while j < len(turns) and turns[j]["role"] == "user":  # the same message sent in pieces
            j += 1
        while j < len(turns) and turns[j]["role"] != "user":
            if turns[j]["role"] == "bot" and self.failed(j) is None and not self.wraps_up(j):
                return True
            j += 1
        return False

    def may_sound_angry(self) -> bool:
        """False when surely no customer turn is frustrated (one quick test for all)."""
        return (
            self.phrases.frustration.may_occur_in(self.user_words())
            or (self._may_sound_angry_in_tone() and any(angry_tone(text) for text in self.user_texts))
            or (self._may_sound_angry_by_shape() and any(sounds_angry(text) for text in self.user_texts))
        )

    def _may_sound_angry_by_shape(self) -> bool:
        """False when surely no customer turn is angry by shape
        (`mood.may_sound_angry` over all of them joined, worked out once)."""
        if self._shape is None:
            typed = self.user_words()  # sets _user_text
            self._shape = may_sound_angry(self._user_text, typed)
        return self._shape

    def _may_sound_angry_in_tone(self) -> bool:
        """False when surely no customer turn has an angry tone (`angry_tone`):
        one test over all of them, worked out once."""
        if self._tone is None:
            self.user_words()  # sets _user_text
            self._tone = may_have_angry_tone(self._user_text)
        return self._tone

    def served(self, index: int) -> bool:
        """Whether customer turn `index` was served: the bot says after it
        that the task is done (and fails in nothing after that), or had said
        so just before it and the customer asks nothing more ("Refund sudah
        dikembalikan" / "oke deh, tp kecewa sih"): complaining after being
        helped is no abandonment. Not when the customer asked more since,
        met only by goodbyes ("which hotel is it?" / "Thank you and
        goodbye."), nor a task done said again after the customer said it
        did not happen (`_said_again`)."""
        before = self.last_said(index)
        if (
            before is not None
            and self.bot[before].success  # type: ignore[union-attr]
            and "?" not in self.turns[index]["text"]
            and not self._said_again()[before]  # "OTP telah dikirim" / "belum masuk" / the same: serves no one
            # and no question since met only by goodbyes ("which hotel is it?" / "Thank you and goodbye.")
            and not any(t["role"] == "user" and "?" in t["text"] for t in self.turns[before + 1 : index])
        ):
            return True
        return self.served_after(index)

    def need_met_before(self, index: int) -> bool:
        """Whether the bot had told the customer their task was done before
        turn `index`, and since then only wrapped up or did not understand
        turns that asked nothing ("The door is now unlocked." / "Just my
        luck" / "I don't understand"), or had done it and said goodbye
        (`closed_after_success`): what the bot could not take after that
        was not the need it served. A task done said again after the
        customer said it did not happen meets nothing (`_said_again`), nor
        one the customer said did not happen since ("Your tickets have been
        sent to your email." / "wait I still didn't get them")."""
        turns, bot = self.turns, self.bot
        denied = False
        for j in range(index - 1, -1, -1):
            role = turns[j]["role"]
            if role == "agent" or (role == "user" and "?" in turns[j]["text"]):
                return self.closed_after_success(index)
            if role == "user":
                denied = denied or self.denies_done(j)
            facts = bot[j]
            if facts is None:
                continue
            if facts.success and not denied and not self._said_again()[j]:  # not "OTP telah dikirim" after "blm masuk"
                return True
            if not (facts.wraps_up or facts.not_understood):
                return self.closed_after_success(index)
        return False

    def closed_after_success(self, index: int) -> bool:
        """Whether, before turn `index`, the bot did the task and then said
        goodbye with no question, the customer asking nothing in between
        ("Your report has been submitted." / "I hope you find them!" /
        "Thank you and goodbye."): what follows is talk after the close."""
        turns, bot = self.turns, self.bot
        done = next((j for j in range(index - 1, -1, -1) if bot[j] is not None and bot[j].success), None)  # type: ignore[union-attr]
        if done is None:
            return False
        for j in range(done + 1, index):
            role, text = turns[j]["role"], turns[j]["text"]
            if role == "agent" or "?" in text or (role == "bot" and not self.wraps_up(j)):
                return False
            if role == "user" and self.denies_done(j):  # "wait I still didn't get them": not done after all
                return False
            if role == "bot":
                return True
        return False

    def served_after(self, index: int) -> bool:
        """Whether the bot said after turn `index` that the task is done, and
        failed in nothing after that (a session closed for inactivity after
        it is no failure: "Pembayaran diterima ✅" / "Sesi berakhir")."""
        served = False
        for j, facts in enumerate(self.bot[index + 1 :], index + 1):
            if facts is None:
                continue
            if facts.success:
                served = not self.done_denied(j)  # not "E-tiket Anda telah dikirim." again to "blm masuk"
            elif (facts.not_understood or facts.refusal) and not facts.wraps_up:
                served = False
        return served

    def leaving(self, limit: int) -> list[int]:
        """The customer turns in which the customer leaves, last first: their
        last turn, and before it up to `limit` - 1 more, going back while the
        bot answered them only by wrapping up ("Thank you and goodbye.", "Is
        there anything else?"), by refusing or not understanding, by saying
        again what it had said or only saying sorry (not taking the turn up:
        "worst thing ever!" / "I am sorry." / "thanks anyway. Goodbye."), by an offer
        the customer turned down ("Try another restaurant?" / "No thank
        you"), or not at all (a message sent in pieces). Up to `limit` turns
        that only say goodbye back to the bot's goodbye do not count towards
        it. An agent turn ends
        them; none when a person answered the last one (`person_took_over`)."""
        users, turns, bot = self.users, self.turns, self.bot
        if not users or self.person_took_over():
            return []
        out = [users[-1]]
        goodbyes = int(self._bye_back(users[-1]))  # "Alrighty.. good bye" / "goodye": leaving, not another try
        for position in range(len(users) - 2, -1, -1):
            if len(out) - min(goodbyes, limit) >= limit:  # at most `limit` goodbyes skipped: never the whole log
                break
            index = users[position]
            between = range(index + 1, out[-1])
            if any(turns[j]["role"] == "agent" for j in between):
                break
            declined = self.declines(out[-1])
            if not all(
                bot[j] is None
                or declined
                or self.wraps_up(j)
                or self.failed(j) is not None
                or bot_shapes.apologises_only(turns[j]["text"])
                for j in between
            ):
                break
            out.append(index)
            goodbyes += self._bye_back(index)
        return out

    def _bye_back(self, index: int) -> bool:
        """Whether customer turn `index` only says goodbye back to the bot's
        goodbye ("Thank you and goodbye." / "goodye")."""
        before = index - 1
        return (
            before >= 0
            and self.turns[before]["role"] == "bot"
            and self.wraps_up(before)
            and "?" not in self.turns[before]["text"]
            and self.closing(index)
        )

    def declines(self, index: int) -> bool:
        """Whether customer turn `index` turns an offer down: "No thank
        you!", "nope", "ga usah"."""
        return _DECLINED.match(self.turns[index]["text"].casefold()) is not None

    def person_took_over(self) -> bool:
        """Whether an agent answered the customer's last turn with more than
        a wrap-up: a person took over, and this log does not show how it
        ended. An agent who only asks "Is there anything else I can help you
        with?" after the customer gave up has not, nor one who only says
        goodbye and that they cannot help more ("mohon maaf belum bisa
        membantu lebih. Terima kasih telah menghubungi Nusa Air."), nor one
        who closed the chat (`agent_closed`)."""
        users, turns = self.users, self.turns
        if not users or users[-1] > self.last_agent or self.agent_closed():
            return False
        left = gives_up(turns[users[-1]]["text"], self.phrases.giving_up) is not None
        return any(
            turns[j]["role"] == "agent" and not self._agent_wraps_up(j) and not (left and self._agent_only_opens(j))
            for j in range(users[-1] + 1, len(turns))
        )

    def _agent_only_opens(self, index: int) -> bool:
        """Whether agent turn `index` only opens a chat: greets, says who is
        writing, is sorry for the wait, asks how to help ("Hi, sorry for the
        wait, this is Nadia from aftercare. How can I help?"): to a customer
        who gave up before it, a person who came too late."""
        sentences = [sentence.strip() for sentence in upset_sentences(self.turns[index]["text"]) if sentence.strip()]
        return bool(sentences) and all(_OPENING.search(sentence) or _apology(sentence) for sentence in sentences)

    def agent_closed(self) -> bool:
        """Whether the log ends on an agent closing the chat ("I am not able
        to process warranty claims over chat. … this chat will now be
        closed."): the person left, whatever they said before."""
        return (
            bool(self.turns)
            and self.turns[-1]["role"] == "agent"
            and SESSION_CLOSED.search(self.turns[-1]["text"]) is not None
        )

    def refuses(self, index: int) -> bool:
        """Whether bot or agent turn `index` says the need cannot be met
        ("antrean di wilayah Anda sedang penuh", "belum bisa dipercepat")."""
        text = self.turns[index]["text"]
        facts = self.bot[index] or self._bot_facts.of(text)
        return bool(facts.refusal)

    def _agent_wraps_up(self, index: int) -> bool:
        """Whether agent turn `index` only wraps up: each sentence a short
        goodbye or offer of more help, an apology, feedback noted, saying
        they cannot help more, or what was said before again ("Baik Kak,
        mohon maaf belum bisa membantu lebih. Terima kasih telah menghubungi
        Nusa Air."; "Mohon maaf atas ketidaknyamanannya Pak. Masukan Bapak
        kami catat."; "Mohon maaf Pak. Tiket NN-2207781 tetap aktif ya.")."""
        text = self.turns[index]["text"]
        if self.phrases.closing.search(text) is not None and len(text.split()) <= _WRAP_UP_WORDS:
            return True  # "I understand. Is there anything else I can help you with?"
        sentences = [sentence.strip() for sentence in upset_sentences(text) if sentence.strip()]
        if not sentences or not any(_apology(sentence) for sentence in sentences):
            return bool(sentences) and all(self._wraps_up_sentence(sentence) for sentence in sentences)
        told = {  # an apology, then only what the customer was told before: "Teknisi akan menghubungi Kakak"
            word
            for turn in self.turns[:index]
            if turn["role"] != "user"
            for word in _CONTENT.findall(turn["text"].casefold())
        }
        return all(
            self._wraps_up_sentence(sentence)
            or len(set(_CONTENT.findall(sentence.casefold())) - told) <= _NEW_WORDS_IN_A_WRAP_UP
            for sentence in sentences
        )

    def _wraps_up_sentence(self, sentence: str) -> bool:
        said = without_opener(sentence)  # "Baik Kak, mohon maaf sekali lagi."
        if _apology(sentence) or _NOTED.search(said) or ACKNOWLEDGED.match(said):
            return True
        if self.phrases.closing.search(sentence) is not None and len(sentence.split()) <= _WRAP_UP_WORDS:
            return True
        facts = self._bot_facts.of(sentence)
        return facts.bots_fault and len(sentence.split()) <= _WRAP_UP_WORDS

    def did_not_understand(self, index: int) -> bool:
        """Whether bot turn `index` said it did not understand."""
        facts = self.bot[index]
        return facts is not None and bool(facts.not_understood)

    def wraps_up(self, index: int) -> bool:
        """Whether bot turn `index` only wraps up: short, a goodbye or an
        offer of more help ("Thank you and goodbye.", "Ada lagi yang bisa
        dibantu?"), and no did-not-understand."""
        facts = self.bot[index]
        return facts is not None and facts.wraps_up

    def failed(self, index: int) -> tuple[str, bool] | None:
        """How bot turn `index` failed the customer, and whether that is the
        bot's failure (True: it cannot help, "I cannot authenticate you",
        "coba lagi nanti", or did not understand, when it did so more than
        once in the conversation) or only news the customer may accept
        (False: "no room available", a single did-not-understand, or the bot
        saying the same thing again since the last task it did, a
        re-prompt, or a task done said again after the customer said it did
        not happen: `_said_again`); None when it did not."""
        facts = self.bot[index]
        if facts is None:
            return None
        if facts.not_understood:  # once may be small talk it was right not to take up; twice is the bot failing
            return facts.not_understood, self.not_understood > 1
        if facts.refusal:
            if _LOCKED.search(facts.refusal) and any(_LOCK_ASKED.search(text) for text in self.user_texts):
                return None  # "tolong blokir akun saya, hp dicopet" / "Akun Anda dikunci sementara.": as asked
            return facts.refusal, facts.bots_fault
        return (SAID_AGAIN, False) if self._said_again()[index] else None

    def denies_done(self, index: int) -> bool:
        """Whether customer turn `index` says a task reported done did not
        happen ("wait I still didn't get them", "belum masuk"): read once
        for all the customer's turns, as several rules ask about the same
        turns."""
        if self._denials is None:
            self._denials = frozenset(
                i for i, text in zip(self.users, self.user_texts, strict=True) if denies_done(text)
            )
        return index in self._denials

    def done_denied(self, index: int) -> bool:
        """Whether bot turn `index` says a task done word for word again
        after the customer said it did not happen ("E-tiket telah dikirim" /
        "sudah dicek, kosong" / "E-tiket telah dikirim"): no news."""
        facts = self.bot[index]
        return facts is not None and facts.success and self._said_again()[index]

    def _said_again(self) -> list[bool]:
        """For each turn, whether it is a bot message said again: the same
        message since the last task the bot did (a new round asks its
        questions anew), or a task done said again word for word after the
        customer said it did not happen ("E-tiket telah dikirim" / "sudah
        dicek, kosong" / "E-tiket telah dikirim"). One pass, worked out once."""
        if self._repeats is None:
            turns, bot = self.turns, self.bot
            flags = [False] * len(turns)
            if self.most_said < 2:  # no bot message said twice: nothing said again
                self._repeats = flags
                return flags
            since_done: set[bytes] = set()
            denials = 0  # customer turns so far saying a task done did not happen
            first_done: dict[bytes, int] = {}  # task-done message -> denials before it was first said
            done_keys = [facts.key for facts in bot if facts is not None and facts.success]
            done_twice = len(set(done_keys)) < len(done_keys)  # else no customer turn need be read
            for j, turn in enumerate(turns):
                facts = bot[j]
                if turn["role"] == "user":
                    if done_twice and first_done and self.denies_done(j):
                        denials += 1
                elif facts is not None and facts.success:  # the same message, an apology or thanks before it or not
                    key = next(
                        (k for k in first_done if k == facts.key or ends_with(k, facts.key) or ends_with(facts.key, k)),
                        facts.key,
                    )
                    before = first_done.setdefault(key, denials)
                    flags[j] = denials > before
                    since_done.clear()
                elif facts is not None:
                    flags[j] = facts.key in since_done
                    since_done.add(facts.key)
            self._repeats = flags
        return self._repeats

    def answers_unmet_handoff(self, index: int) -> bool:
        """Whether bot turn `index` answers a customer who asked for a person
        and did not get one: whatever it says ("Reply 1 to reschedule", "We
        don't offer phone support"), the bot failed them."""
        asked = self.last_turn_not_by(index, "bot")
        if asked is None or self.turns[asked]["role"] != "user" or not self.may_ask_for_human():
            return False
        return asked in self.handoff_requests() and not self.handed_over(asked)

    def _refused(self, index: int) -> bool:
        """Whether bot turn `index` did not understand or refused (a failure
        or unavailable phrase): not a mere repeat."""
        failure = self.failed(index)
        return failure is not None and failure[0] != SAID_AGAIN

    def stuck_at_end(self, times: int) -> bool:
        """Whether the conversation ends with the customer in a loop (see
        `stuck_since`)."""
        return self.stuck_since(times, len(self.turns)) is not None

    def stuck_since(self, times: int, before: int) -> int | None:
        """The first of the bot's last `times` replies before turn `before`,
        each to a customer turn, when they are one message that does more
        than wrap up or report success (a success said again after the
        customer said it did not happen is no report), with no new details
        but the customer's own words echoed: the customer in a loop. None
        when they are not."""
        keys: list[bytes] = []
        texts: list[str] = []
        first = None
        answered = False
        for j in range(before - 1, self.last_agent, -1):
            role = self.turns[j]["role"]
            if role == "user":
                answered = True
                if len(keys) >= times:
                    break
            elif role == "bot" and (answered or not keys):
                facts = self.bot[j]
                if facts is None or facts.wraps_up or (keys and facts.key != keys[0]):
                    return None
                if facts.success and not (keys or self.done_denied(j)):
                    return None  # a task done, unless said again after the customer said it did not happen
                keys.append(facts.key)
                texts.append(self.turns[j]["text"])
                first = j
                answered = False
        if len(texts) < times:
            return None
        customer = set(_WORDS.findall(" ".join(self.user_texts).casefold()))
        said = [set(_WORDS.findall(text.casefold())) - customer for text in texts]
        return first if all(words == said[0] for words in said) else None  # no new details ("rating of 2", "of 4")

    def last_turn_not_by(self, index: int, role: str) -> int | None:
        """The last turn before turn `index` that is not `role`'s: what the
        customer answered ("user"), or what the bot answered ("bot"); None
        when there is none."""
        turns = self.turns
        return next((j for j in range(index - 1, -1, -1) if turns[j]["role"] != role), None)

    def last_said(self, index: int) -> int | None:
        """The last bot turn before turn `index` that does more than wrap up
        (see `wraps_up`): what the customer was last told. None when there is
        none, or an agent spoke since."""
        turns = self.turns
        for j in range(index - 1, -1, -1):
            role = turns[j]["role"]
            if role == "agent":
                return None
            if role == "bot" and not self.wraps_up(j):
                return j
        return None

    def closing(self, index: int) -> bool:
        """Whether customer turn `index` only thanks or says goodbye: short,
        no question, a closing phrase ("makasih kak", "ok thanks, bye") or
        nothing but emoji ("🙏🙏", "👍")."""
        text = self.turns[index]["text"]
        if len(text.split()) > _CLOSING_WORDS or "?" in text:
            return False
        return self.phrases.closing.search(text) is not None or (bool(text.strip()) and _WORDS.search(text) is None)

    def reply(self, index: int) -> tuple[list[Turn], bool]:
        """The turns that answer customer turn `index`, up to the customer's
        next turn, and whether there is one. Customer turns right after
        `index` are the same message sent in pieces ("mau ke CS" /
        "sekarang"), not a next turn."""
        start, end = self._answer_span(index)
        return self.turns[start:end], end < len(self.turns)

    def _answer_span(self, index: int) -> tuple[int, int]:
        """Where the turns answering customer turn `index` start and end
        (`reply`); the end is the customer's next turn, if any."""
        turns = self.turns
        start = index + 1
        while start < len(turns) and turns[start]["role"] == "user":
            start += 1
        end = start
        while end < len(turns) and turns[end]["role"] != "user":
            end += 1
        return start, end

    def handed_over(self, index: int) -> bool:
        """Whether customer turn `index` reached a person: an agent turn
        comes before the customer's next turn, or the bot books a person to
        call them back ("Someone will call you within 2 hours", "Kakak akan
        dihubungi maksimal 1x24 jam": met, whatever the customer writes
        next), or the log ends with the bot announcing that a person takes
        over, or the customer only thanks or says goodbye after it
        (`_only_thanks_after`). A booking or an announcement is a bot turn
        that says so ("kami hubungkan dengan agen", "connecting you to an agent") as a
        statement, not a question and with no "not" in it ("kami tidak
        dapat menghubungkan…", "an agent is not available"), or, for an
        announcement, has a `state` naming a handoff (`handoff`,
        `escalate_cs`; not `agent_offline`), with no bot turn after it
        taking it back ("maaf, agen sedang tidak tersedia"); the agent's
        part is then in another system's log. A customer who only pings
        while waiting ("hello??") before the agent joins was handed over, and
        so was one asking to be contacted right after the bot said someone
        will contact them ("We will contact you in due course." / "Please
        contact me as soon as you know"), and one who turned down the person
        the bot offered (`_turned_down_a_person`), and one who asked for a
        number of the business's people and was given one ("ada nomor CS
        yang bisa saya telpon?" / "silakan hubungi 1500-246"). A promise the
        bot already made word for word before (an auto-reply: "admin akan
        membalas pada jam kerja" to every message) books nothing new."""
        answer, goes_on = self.reply(index)
        if any(turn["role"] == "agent" for turn in answer):
            return True
        turns = self.turns
        told = self.last_said(index)
        if (
            told is not None
            and person_promised(turns[told]["text"], self.phrases) == "callback"
            and not self._said_before(told, turns[told]["text"])
            and not self.denies_done(index)  # not "sudah 3 hari ga ada yang telpon"
            and _TO_BE_CONTACTED.search(turns[index]["text"]) is not None  # not "1x24 jam?? can i talk to agent"
        ):
            return True  # "we will contact you in due course" / "Please contact me as soon as you know": booked before
        announced = booked = False
        for turn in answer:
            if turn["role"] != "bot":
                continue
            said = person_promised(turn["text"], self.phrases)
            if said == CALLED_OFF:
                announced = booked = False
            elif said == "callback" and not self._said_before(index, turn["text"]):
                booked = True
            elif said == "transfer" or _handoff_state(turn.get("state")):
                announced = True
        if booked or (announced and (not goes_on or self._agent_after_pings(index) or self._only_thanks_after(index))):
            return True
        if _A_NUMBER_ASKED.search(turns[index]["text"]) and any(
            turn["role"] == "bot" and _A_NUMBER_GIVEN.search(turn["text"]) for turn in answer
        ):
            return True  # "ada nomor CS yang bisa saya telpon?" / "silakan hubungi Layanan 24 jam di 1500-246"
        return goes_on and (self._turned_down_a_person(index, answer) or self._booked_after_asking_when(index, answer))

    def _booked_after_asking_when(self, index: int, answer: list[Turn]) -> bool:
        """Whether the bot took the request up by asking for a callback's
        details ("Sure, I can arrange a call back. What time suits you?"),
        and, once the customer answered, booked it ("An executive will call
        you between 6 and 7 PM"): the customer's reply in between was the
        booking's, not a request left unmet."""
        asks = [turn["text"] for turn in answer if turn["role"] == "bot"]
        if not asks or "?" not in asks[-1] or _CALLBACK_TAKEN_UP.search(asks[-1]) is None:
            return False
        _, end = self._answer_span(index)
        following, _ = self.reply(end)
        return any(
            turn["role"] == "bot" and person_promised(turn["text"], self.phrases) == "callback" for turn in following
        )

    def _turned_down_a_person(self, index: int, answer: list[Turn]) -> bool:
        """Whether the bot answered customer turn `index` by offering a
        person and the customer's next turn turned the offer down ("CS
        manusianya online jam berapa?" / "Mau saya sambungkan sekarang?" /
        "ga usah dulu"): the request was met with a choice they made."""
        if not any(turn["role"] == "bot" and person_offered(turn["text"]) for turn in answer):
            return False
        return self.declines(self._answer_span(index)[1])

    def _said_before(self, index: int, text: str) -> bool:
        """Whether a bot turn before turn `index` said `text` word for word,
        alone or inside a longer turn ("Klaim tercatat. Petugas kami akan
        menghubungi Anda dalam 1x24 jam." / "Petugas kami akan menghubungi
        Anda dalam 1x24 jam."; the last 20 bot turns)."""
        if self._first_said is None:
            self._first_said = {}
            for j, turn in enumerate(self.turns):
                if turn["role"] == "bot":
                    self._first_said.setdefault(turn["text"], j)
        if self._first_said.get(text, index) < index:
            return True
        earlier = [turn["text"] for turn in self.turns[max(0, index - 40) : index] if turn["role"] == "bot"]
        return any(text in said for said in earlier[-20:])

    def _agent_after_pings(self, index: int) -> bool:
        """Whether, after the bot's answer to customer turn `index`, only
        short pings of someone waiting ("hello??", "Halo?", "p") come
        before an agent turn: the announced handover came."""
        turns = self.turns
        j = index + 1
        while j < len(turns) and turns[j]["role"] == "user":  # the request sent in pieces
            j += 1
        while j < len(turns) and turns[j]["role"] != "user":  # the bot's answer
            j += 1
        while j < len(turns) and turns[j]["role"] == "user":
            if len(_WORDS.findall(turns[j]["text"])) > _PING_WORDS:
                return False
            j += 1
        return j < len(turns) and turns[j]["role"] == "agent"

    def _only_thanks_after(self, index: int) -> bool:
        """Whether every customer turn after the bot's answer to customer
        turn `index` only thanks or says goodbye ("Laporan sudah kami
        teruskan ke Tim Keselamatan." / "oke, makasih"): the customer took
        the announced handover and left; the person's part is in another
        system's log."""
        after = self._answer_span(index)[1]
        later = [i for i in self.users if i >= after]
        return bool(later) and all(self.closing(i) for i in later)

    def agent_present(self, index: int) -> bool:
        """Whether the customer is already talking to an agent at turn `index`:
        the last turn before it that is not the customer's is an agent's, and
        did not close the chat ("Your session has been inactive. This
        conversation is now closed." / "put me back through to an adviser")."""
        for j in range(index - 1, -1, -1):
            role = self.turns[j]["role"]
            if role != "user" and role != "system":
                return role == "agent" and SESSION_CLOSED.search(self.turns[j]["text"]) is None
        return False

    def state_before(self, index: int) -> str | None:
        """The `state` annotation of the last bot turn before `index`."""
        for j in range(index - 1, -1, -1):
            if self.turns[j]["role"] == "bot":
                return self.turns[j].get("state")
        return None
