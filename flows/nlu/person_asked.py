"""The shapes of asking for a person, beyond the phrase lists of handoff.py.

Customers ask for a person in more wordings than any list holds, but the
wordings share a few shapes, each built of a person word (`PEOPLE`: someone
unnamed, an agent, or a role: "petugas", "supervisor", "tim teknis",
"colleague", "dokter jaga") and a word that makes it an ask:

- **handed to a person**: a verb of contacting or handing over, then "to" or
  "with", then the person: "pass me on to a colleague", "put me in touch
  with your dispatch team", "kasih ke petugas aja", "oper aja ke yang bisa";
- **wanting a person**: a word of wanting, then the person with at most one
  other word between: "I need the duty manager", "aku butuh orang", "MAU
  SAMA ORANG"; not "mau booking 2 orang" (a number counts people);
- **a person who can**: the person, then "who can" / "yang bisa": "ada cs
  yang bisa bantu?", "ada cs ga sih yg bisa sy tanyain", "anybody at your
  end who can look at this"; one the customer can reach: "Is there a
  manager I can speak to?"; or one asked to do it: "can a human look at
  this", "bisa petugas cek";
- **a person demanded**: "where" before the person: "Mana supervisor
  kelen?", "where is your manager?", "mana adminnya?" (not "lewat mana
  min?");
- **someone on duty or who knows**: "ada orang yg jaga ga sih?", "Is there
  anyone at all working there?", "oper ke yg lebih ngerti", "speak to
  whoever manages this";
- **served by a person**: a passive of serving, then the person: "minta
  dibantu tim teknis", "ditangani langsung oleh petugas", "helped by an agent";
- **a call to me**: a verb of calling, then the customer ("call me", "telpon
  aja gw", "dokter jaga menghubungi saya"), or a word of wanting or booking,
  then a call ("I want a call today", "book me a call");
- **a person's number**: a number or contact of one of the business's
  people asked for: "ada nomor WA admin?", "can I have your supervisor's
  number" (not "ada nomor pesanan?", nor "nomer telpon orang pangkalannya":
  anyone's);
- **served with someone**: "bisa sama mas yang tadi aja?", "boleh dengan
  petugas?"; or the person right after a verb of asking or calling,
  asked: "bisa tanya apoteker langsung?", "can I call the manager";
- **whatever one can talk to**: "is there a crew member I can talk to";
  a call asked for: "Can I get a call back from merchant support?";
- **a person, not the bot**: a person word in a turn that turns the bot down
  ("bukan bot", "not the bot", "jgn bot mulu", "selain bot ini", "sanes
  mesin");
- **the person alone**: a sentence of nothing but the person and "please",
  "now", "aja" or a sigh ("ugh, human please", "Operator please.", "sigh.
  person.", "orang aja"); an agent word alone ("Admin,") is only how the
  customer addresses the bot, so it needs "please" or "now".

None of them holds after a negation (handoff.py's scan) or in a promise
("Someone from your team will call me tomorrow, right?"); no request at all,
by phrase or shape, is in a sentence that supposes or tells of before
(`not_now`): "If I wanted to speak to someone, would that cost extra?",
"kirain org beneran", "kemarin udh minta disambung ke agen".

Each shape is one function of `_SHAPES`, tried at every word a shape may
start at (`_SHAPE_STARTS`, or a person). Every function takes one
sentence's normalised words (`Lexicon.words`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

# Roles a customer asks for besides the agent words of handoff_asked.txt and someone unnamed. Not "doctor":
# "I need a doctor appointment" (star-6413) books one, it does not ask for a person in the chat.
ROLES = frozenset(
    "team tim colleague colleagues officer advisor adviser specialist csr rep reps management owner urang lady consultant "
    "konsultan "
    "apoteker pharmacist executive teller clinician concierge tao perawat nurse kasir cashier technician teknisi "
    "boss receptionist resepsionis reception senior superior suster pemilik".split()
)
# Verbs of contacting or handing over, by stem (see `stem`): "oper aja ke", "pass me on to".
_HANDING = frozenset(
    "call phone ring talk speak chat contact reach message telepon telpon nelpon hubung sambung bicara "
    "ngomong ngobrol omong nyarios matur tanya nanya takon taros naros bacarito makausap kausap ask hand pass put connect "
    "forward "
    "refer oper kasih alih konsultas konsul consult "
    "terus arah transfer escalat eskalasi kecek sambungaken ganti deal lanjut balik "
    # "explain", "complain", "komplain", their "-in" taken for the Indonesian ending: "a person I can explain this
    # to", "a human I can complain to"
    "expla compla kompla panggil "
    # Indonesian complaining to someone: "sy mau ngadu ke pak lurah", "mengadu kepada petugas"
    "ngadu mengadu".split()
)
# "with" or "to", in any register: "sambungin ke orangnya", "ngomong karo wong e" (Javanese), "ngomong ame
# orangnye" (Betawi), "nyarios sareng jalmi" (Sundanese), "kecek samo pegawai", "bacarito jo urang" (Minang),
# "bicara deng ngana pe bos" (Manado), "pa-connect po sa agent", "makausap ang supervisor", "makausap ng tao"
# (Taglish), "talk to
# someone", "speak w someone" (chat's "w").
TO = frozenset(
    "ke kepada sama dengan ama ame karo kalih kaliyan sareng jeung ka samo jo deng sa ang ng to with w".split()
)
# Wanting, asking, booking: "I need", "aku butuh", "minta", Sundanese "hoyong", "hayang", "peryogi".
WANTING = frozenset(
    "want need mau ingin pengen pengin butuh perlu minta hoyong hayang peryogi arep request pwede puwede".split()
)
# A number or contact, and the channel it may name: "nomor WA admin", "your manager's phone number".
_NUMBER_OF = frozenset("nomor nomer nmr number contact kontak".split())  # "no" only before a channel: "no WA admin"
_CHANNELS = frozenset("wa whatsapp hp telepon telpon telp phone direct langsung email".split())
# Asking for it, anywhere in the sentence: "ada nomor …?", "minta", "can I have", "what is", "nomor admin … berapa ya?".
_ASKING_FOR_NUMBER = frozenset(
    "ada minta boleh bisa can could have get give what whats berapa kasih send share".split()
)
_REGARDS = frozenset("thank thanks regards compliments salam".split())  # passed on to someone, not asking for them
_WITH = frozenset("sama ama ame dengan".split())  # "bisa sama mbak …": with whom the customer would be served
_GETTING = frozenset("get have".split())  # after "can I": "can I get a call back"
_MAY = frozenset("can could may".split())
_BOOKING = frozenset("book arrange schedule".split())  # a call, not a person: "book me a call", not "book it anyone"
_WOULD = frozenset(
    "would id wd".split()
)  # "like" wants only after them: "I'd like a supervisor", not "like the last person"
# Verbs of calling someone: with the customer after them, a call asked for ("telpon aja gw").
_CALLING = frozenset("call phone ring contact message telepon telpon nelpon hubung".split())
_CALL_NOUNS = frozenset("call callback telepon telpon".split())
_CALL_STEMS = re.compile("|".join(sorted(_CALLING | _CALL_NOUNS)))  # in any affixed form: "dihubungi", "nelponin"
# The words one of which any text asking by a shape without a person word holds, as typed: for audit's
# quick word test (runner/phrases/handoff.py), which lets through only texts holding a key word.
CALL_KEYS = _CALL_NOUNS | frozenset(
    "calls phone ring contact message nelpon telp hubungi menghubungi dihubungi telponin teleponin "
    "ditelpon ditelepon nelponin".split()
)
_ME = frozenset("me saya aku ku gue gw abdi ambo".split())
_WRITING = frozenset("chat email wa whatsapp dm".split())  # "(tim verifikasi) chat saya"
# Before a verb of calling, a request's framing: "please call me", "bisa telpon saya?", "telpon aja gw".
_FRAMING = frozenset("please pls plz kindly tolong can could bisa minta mohon aja saja".split())
_JUST = frozenset("aja saja just back balik".split())  # may stand between calling and the customer
# After "call me": when or how, not a name ("call me Jonesy") nor a thing ("call me a taxi").
_AFTER_ME = frozenset(
    "back balik again lagi please pls now asap today tomorrow later besok nanti sekarang segera ya dong aja saja "
    "regarding about soal tentang when kalau at on di via lewat as soon after before my".split()
)
_ARTICLES = frozenset("a an the phone".split())  # before a call wanted: "I want a call", "arrange a phone call"
_WHO = frozenset("who that yang nan".split())
_ABLE = frozenset("can could bisa dapat tiasa able".split())
# Serving, by stem, in a passive ("dibantu", "ditangani", "dibantosan") or before "by".
_SERVING = frozenset("bantu tangan layan bantos urus help handl serv assist cek periksa".split())  # "dicek sama timnya"
_BY = frozenset("by oleh sama ku dari langsung".split())
_NEGATORS = frozenset("not no never jangan tidak stop".split())
_NOT = frozenset("bukan not jangan jgn selain lain sanes instead hindi".split())  # Tagalog "hindi bot"
_BOT = frozenset("bot robot mesin sistem system otomatis automated template machine chatbot you kamu".split())
_MACHINE = _BOT - {"you", "kamu"}  # one word may come between: "not the bot", "bkn yg otomatis"
# What may stand beside the person alone: politeness, urgency, "only", sighs, "real".
_ALONE = frozenset(
    "please pls plz tolong now asap sekarang segera aja saja just only ugh sigh argh hadeh haduh duh aduh "
    "real actual asli beneran live else".split()
)
_PLEASE = frozenset("please pls plz tolong now asap sekarang segera aja saja".split())
# Words that suppose: "if I wanted to speak to someone", "kirain org beneran", "I thought you were a person".
# "you're lucky I'm not asking for your manager": a threat that supposes, no ask.
_SUPPOSING = frozenset("if kalau seandainya andai kirain thought misal misalnya lucky fortunate untung".split())
_ABOUT_TO = frozenset("ready about going gonna".split())
# Supposing whatever follows, no politeness undoing it: "Lucky for you I don't …".
_ALWAYS_SUPPOSING = frozenset("kirain thought lucky fortunate untung".split())
# After "if"/"kalau", politeness rather than supposing: "kalau bisa sambungkan ke CS", "if you could connect me",
# "I would appreciate it if a supervisor could contact me".
_POLITE_IF = frozenset("bisa boleh possible you can could".split())
# After "would", a request rather than supposing: "would you connect me", "I would like an agent".
_POLITE_WOULD = frozenset("you like love prefer appreciate be rather it".split())  # "would it be possible to …"
# Told of before: "kemarin udh minta disambung ke agen", "I talked to your staff yesterday", "my husband spoke to
# your manager".
_BEFORE = frozenset("kemarin yesterday pernah spoke talked chatted phoned".split())
# Before those, the one from before asked for again: "admin yg kemarin aja", "seperti kemarin", "from yesterday".
_AGAIN_AS_BEFORE = frozenset("yang from dari seperti kayak like".split())
# The customer doing it themselves: "saya tanya langsung ke tokonya aja", "aku telpon sendiri", "sy kira manusia".
_I = frozenset("saya aku gue gw".split())
_MYSELF = frozenset("saja sendiri langsung".split())  # "saya bicarakan langsung dengan pemilik kos"
_ASKING = WANTING | _ABLE | frozenset("tolong please pls plz mohon boleh dong".split())
_ASKING_OR_THERE = _ASKING | frozenset("ada any is".split())  # before a person who would contact the customer
_ASKING_LATER = frozenset("minta tanya nanya".split())  # after "nanti": the customer's own plan
_NOT_NOW_WORDS = _SUPPOSING | _BEFORE | _MYSELF | {"would", "kira", "was", "were", "nanti"}
# After a person word: the customer's own people, not the business's ("orang tua" is a parent, "orang rumah" family).
OWN = frozenset("tua tuo sepuh rumah saya aku gue gw ku my".split())
_POSSESSIVE_ENDINGS = ("nya", "ipun", "na")  # in this order: "petugasnya" is "petugas", not "petugasny"
_DETERMINERS = frozenset("a an the your our this that yang".split())
_POSSESSIVE = frozenset("pe punya".split())  # Manado "ngana pe bos", "kamu punya atasan": your boss
_YOUR = _POSSESSIVE | frozenset("kamu anda kalian your".split())
# Before a person word, one of several: "talk to one of your guys", "sambungkan ke salah satu CS", "a member of staff".
_FROM_AT = frozenset("from at dari di".split())  # "somebody from your office"
_ONE_OF = frozenset("one of salah satu member members".split())
_CREW = frozenset("guys people folks".split())  # the business's staff, only after "your": "one of ur guys"
_UNNAMED_ANY = frozenset("someone somebody anyone anybody orang person".split())
_NUMBER_WORDS = frozenset("satu dua tiga empat lima one two three four five".split())
_FOLLOW_ON = 3  # words a shape may stretch over: "the duty manager"; one more to "to": "put me in touch with"


def stem(word: str, endings: tuple[str, ...] = ("kan", "in", "i")) -> str:
    """A verb without the Indonesian affixes customers put around it:
    "disambungkan" -> "sambung", "dihubungi" -> "hubung", "ditelponin" ->
    "telpon"; with `_ENGLISH_ENDINGS` also "handled" -> "handl"."""
    if word.startswith("di") and len(word) > 5:
        word = word[2:]
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


_ENGLISH_ENDINGS = ("kan", "in", "i", "ed", "ing")


@lru_cache(maxsize=8192)  # called on every word of every sentence holding a person word; words repeat
def _stem(word: str) -> str:
    """`stem`, English endings too: the shapes read "handled by", "calling"."""
    return stem(word, _ENGLISH_ENDINGS)


def _person_at(tokens: list[str], i: int, people: frozenset[str]) -> bool:
    """Whether tokens[i] is a person word, not counted ("2 orang") nor the customer's own ("orang rumah")."""
    if i >= len(tokens):
        return False
    word = tokens[i]
    if (
        word == "bos" and i and tokens[i - 1] in _YOUR
    ):  # "ngana pe bos", "bos kamu": the business's; "tolong bos" addresses
        return True
    if word in _CREW and i and tokens[i - 1] in _YOUR:
        return True  # "talk to one of your guys", "have your people call me": the business's staff
    if word == "punya" and i and tokens[i - 1] == "yang" and tokens[i + 1 : i + 2] and tokens[i + 1] in _OWNED:
        return True  # "ngomong ama yang punya toko": the owner
    if word in TITLED and _AT_THE_OFFICE.intersection(tokens[i + 1 : i + 3]):
        return True  # "disambungkan dengan bapak/ibu di kantor bagian akademik": the staff
    if word in TITLED and i and tokens[i - 1] in TO and i + 1 < len(tokens):
        return True  # "sambungin lagi ke mbak lala tadi", "bisa sama mbak yg kmrn aja": someone in particular
    if word in _TITLED_OWNED and i and tokens[i - 1] in TO:
        return True  # "bisa langsung sama mbaknya aja": the one serving, not the bot
    if word in _ADDRESSING and i and tokens[i - 1] in TO and _FROM_BEFORE.intersection(tokens[i + 1 : i + 4]):
        return True  # "mau lanjut sm kak Rio yg td": the one from before, though "kak" also addresses the bot
    if word not in people:
        word = _bare(word)
    if word not in people:
        return False
    before = tokens[i - 1] if i else ""
    counted = before.isdigit() or (before in _NUMBER_WORDS and tokens[i - 2 : i - 1] != ["salah"])  # "salah satu CS"
    return not (counted or tokens[i + 1 : i + 2] and tokens[i + 1] in OWN)


def _person_within(tokens: list[str], start: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A person word at tokens[start:], after at most `_FOLLOW_ON` fillers or
    "to"/"with", with one word more after "the", "your" or "yang": "the duty
    manager", "your dispatch team"; not "pindah operator", "ke rekening
    orang" nor "to meet someone" (there the other word is what is wanted).
    Someone unnamed is wanted only when nothing but "who can", "real", "else"
    or a verb of contacting follows: "aku butuh orang", "I need someone I can
    call"; not "I need someone nice", "need someone to fix my A/C"."""
    for i in range(start, min(start + _FOLLOW_ON + 1, len(tokens))):
        if _person_at(tokens, i, people):
            return tokens[i].removesuffix("nya") not in _UNNAMED_ANY or _nothing_else_wanted(tokens[i + 1 :])
        word = tokens[i]
        if word in fillers or word in TO or word in _POSSESSIVE or word in _ONE_OF:
            continue
        if i == start or tokens[i - 1] not in _DETERMINERS or not _person_at(tokens, i + 1, people):
            return False
    return False


def _bare(word: str) -> str:
    """`word` without the possessive ending a person word takes: "petugasnya",
    Sundanese "petugasna", Javanese "petugasipun"."""
    for suffix in _POSSESSIVE_ENDINGS:
        if word.endswith(suffix):
            return word.removesuffix(suffix)
    return word


def _nothing_else_wanted(rest: list[str]) -> bool:
    """Whether the words after someone unnamed want nothing else of them:
    none, or who can, real, else, a verb of contacting, politeness."""
    if not rest or rest[0] in _WHO or rest[0] in _ALONE:
        return True
    if rest[0] in _FROM_AT and _YOUR.intersection(rest[1:3]):
        return True  # the business's people: "somebody from your office", "someone at your bank"
    if rest[0].removesuffix("nya") not in OWN and (rest[1:2] in (["nya"], ["itu"]) or rest[0].endswith("nya")):
        return True  # the business's people: "orang lab itu", "orang banknya"; not "orang rumahnya"
    verb = rest[1] if rest[0] in ("to", "i", "saya", "yang") and len(rest) > 1 else rest[0]
    return _stem(verb) in _HANDING or _stem(verb) in _SERVING


def asks_by_shape(tokens: list[str], people: frozenset[str], fillers: frozenset[str]) -> bool:
    """Whether one sentence asks for a person by one of the shapes of the
    module docstring: one of `_SHAPES` at some word, or the person alone."""
    if not may_ask_by_shape(" ".join(tokens), tokens, people) or not_now(tokens):
        return False
    for i, word in enumerate(tokens):
        # every shape starts at a word of its own or a person: most words start none, and are passed over
        if (
            word in _SHAPE_STARTS
            or _stem(word) in _SHAPE_STARTS
            or word[2:] in _SERVING
            or _person_at(tokens, i, people)
        ):
            for shape in _SHAPES:
                if shape(tokens, i, people, fillers):
                    return True
    return _alone(tokens, people, fillers)


def _handed_to_person(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A verb of handing over at tokens[i], then "to" and the person or
    whoever knows: "pass me on to a colleague", "oper aja ke yang bisa"; not
    "terima kasih sama …" nor "pass my thanks to Jamal on your phone team"."""
    word = tokens[i]
    if _stem(word) not in _HANDING or (word == "kasih" and i and tokens[i - 1] == "terima"):
        return False
    if not _REGARDS.isdisjoint(tokens[i + 1 : i + 4]):
        return False
    to = next((j for j, t in enumerate(tokens[i + 1 : i + 2 + _FOLLOW_ON], i + 1) if t in TO), None)
    return to is not None and (_person_within(tokens, to + 1, people, fillers) or _whoever_knows(tokens, to + 1))


def _person_after_verb(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """The person right after an asked verb of contacting: "bisa tanya
    apoteker langsung?", "can I call the manager"; not someone unnamed, nor
    "can I call your …" (the verb is a noun there). "panggilin" (call them
    over) asks by itself: "panggilin orangnya dong"."""
    root = _stem(tokens[i])
    if root == "panggil":  # "panggilin orangnya dong": an order, asked as it is, anyone of them
        return _person_at(tokens, i + 1, people)
    if root not in _HANDING or not _ASKING.intersection(tokens[:i]) or not _person_at(tokens, i + 1, people):
        return False
    return tokens[i + 1].removesuffix("nya") not in _UNNAMED_ANY and tokens[i - 1] not in _DETERMINERS | _YOUR


def _call_to_me(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A verb of calling, then the customer ("telpon aja gw", "could you call
    me back"), or in the passive with the customer before it ("Apakah bisa
    saya ditelepon oleh bagian pendaftaran?")."""
    word = tokens[i]
    if _stem(word) not in _CALLING:
        return False
    if _calls_me(tokens, i):
        return True
    return word.startswith("di") and bool(_ME.intersection(tokens[:i])) and bool(_ASKING.intersection(tokens[:i]))


def _someone_to_contact_me(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A person asked for who would contact the customer: "mohon agar ada
    petugas yang menghubungi saya", "ada yang dari tim verifikasi chat saya"."""
    return (
        _person_at(tokens, i, people)
        and _contacts_me(tokens[i + 1 : i + 5])
        and bool(_ASKING_OR_THERE.intersection(tokens[:i]))
    )


def _may_i_get(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """ "can I get" a call or a person: "Can I get a call back from …?",
    "could I have a call back", "can I get the lady back, Hannah?"."""
    if tokens[i] not in _GETTING or i < 2 or tokens[i - 1] not in ("i", "we") or tokens[i - 2] not in _MAY:
        return False
    return _call_wanted(tokens[i + 1 : i + 2 + _FOLLOW_ON]) or _person_within(tokens, i + 1, people, fillers)


def _wanting(tokens: list[str], i: int) -> bool:
    """Whether tokens[i] is a word of wanting: "need", "mau", "I'd like"."""
    return tokens[i] in WANTING or (tokens[i] == "like" and i > 0 and tokens[i - 1] in _WOULD)


def _call_booked(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A call wanted or booked, not a meeting: "I want a call today", "book
    me a call"; not "schedule a call with Dana on Friday"."""
    if not (_wanting(tokens, i) or tokens[i] in _BOOKING):
        return False
    return _call_wanted(tokens[i + 1 : i + 2 + _FOLLOW_ON]) and not _a_meeting(tokens, i, people, fillers)


def _person_wanted(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A word of wanting, then the person: "I need the duty manager", "aku
    butuh orang"."""
    return _wanting(tokens, i) and _person_within(tokens, i + 1, people, fillers)


def _served_by_person(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A passive of serving, then the person: "minta dibantu tim teknis",
    "ditangani langsung oleh petugas", "helped by an agent"."""
    word = tokens[i]
    if not (_stem(word) in _SERVING or word[2:] in _SERVING):
        return False
    if not (word.startswith("di") or tokens[i + 1 : i + 2] == ["by"]):
        return False
    return _person_within(tokens, i + 1, people, fillers | _BY)


def _person_to_come(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A person asked to come: "bisa ada petugas lapangan yang dateng ke
    rumah?", "can you send a technician over"."""
    if not _person_at(tokens, i, people) or not _ASKING_FOR.intersection(tokens[:i]):
        return False
    visiting = _VISITING.intersection(tokens[i + 1 : i + 1 + _FOLLOW_ON])
    if tokens[i].removesuffix("nya") in _UNNAMED_ANY:
        visiting -= _COMING  # "I need someone to come and collect them": a service; "can someone check this" asks
    return bool(visiting)


def _persons_number_asked(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A person's number asked for: "ada nomor WA admin yg asli gak?", "can I
    have your manager's number"; "no" only before a channel ("no WA admin")."""
    word = tokens[i]
    number = word in _NUMBER_OF or (word == "no" and tokens[i + 1 : i + 2] != [] and tokens[i + 1] in _CHANNELS)
    return number and bool(_ASKING_FOR_NUMBER.intersection(tokens)) and _persons_number(tokens, i, people)


def _served_with_someone(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """ "can" with someone: "bisa sama mbak yg kmrn aja ga", "boleh dengan
    petugas?"."""
    j = i + 2 if tokens[i + 1 : i + 2] == ["langsung"] else i + 1  # "bisa langsung sama mbaknya"
    return tokens[i] in _ABLE and tokens[j : j + 1] != [] and tokens[j] in _WITH and _person_at(tokens, j + 1, people)


def _person_to_act(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """ "can" a person do it: "can a human look at this please", "bisa
    petugas cek langsung?"."""
    return tokens[i] in _ABLE and _acts(tokens, i + 1, people)


def _titled_asked_after(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """Someone in particular asked after: "Mbak Dina yang kemarin nanganin
    retur aku ada ga?"."""
    return tokens[i] in TITLED and i + 1 < len(tokens) and (tokens[-1] == "ada" or tokens[-2:] == ["ada", "tidak"])


def _anyone_able_to_look(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """Someone able to look into it, asked about: "Is anyone able to look at
    my account?", "is there anyone … who can look at this?"."""
    if not _person_at(tokens, i, people) or not _able_to_look(tokens[i + 1 : i + 1 + _LOOK_WORDS]):
        return False
    return bool(_THERE.intersection(tokens[:i]) or _ASKS_IF.intersection(tokens[:1]))


def _person_demanded(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """ "where" before the person: "Mana supervisor kelen?", "mana
    adminnya?"; not "lewat mana min?" nor "dari mana"."""
    if tokens[i] not in _WHERE or (i and tokens[i - 1] in _NOT_WHERE):
        return False
    return not _addressed(tokens, i + 1) and _demanded(tokens, i + 1, people)


def _anyone_who_knows(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """Whoever knows, asked if there: "ada yg bisa mikir ga di sana?"."""
    return tokens[i] in _THERE and _whoever_knows(tokens, i + 1) and bool(_ABLE.intersection(tokens[i + 2 : i + 3]))


def _person_i_can_reach(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A person the customer can reach, asked if there: "Is there a manager
    I can speak to?", "any number I can call"."""
    return _person_at(tokens, i, people) and _i_can_reach(tokens[i + 1 :]) and _asks_if_there(tokens, i)


def _someone_on_duty(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """Someone on duty, asked if there: "ada orang yg jaga ga sih disini",
    "Is there anyone at all working there?", "ini ada mas mas atau mbak
    mbak yg jaga ga sih"."""
    titled = tokens[i] in TITLED and "ada" in tokens[:i]
    if not (titled or _person_at(tokens, i, people)):
        return False
    return _on_duty(tokens[i + 1 : i + 1 + _FOLLOW_ON]) and _asks_if_there(tokens, i)


def _person_who_can(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """A person who can, asked if there or wanted: "ada cs yang bisa
    bantu?", "ada cs ga sih yg bisa sy tanyain", "anybody at your end who
    can look", "ada mbak2 yg bisa bantu?"."""
    if not (_person_at(tokens, i, people) or (tokens[i] in TITLED and _THERE.intersection(tokens[:i]))):
        return False
    between = tokens[i + 1 : i + 1 + _BETWEEN_WORDS]
    who = i + 1 + next((k for k, t in enumerate(between) if t not in _BEFORE_WHO), len(between))
    if not (_WHO.intersection(tokens[who : who + 2]) and _ABLE.intersection(tokens[who + 1 : who + 4])):
        return False
    return bool(_THERE.intersection(tokens[:i])) or any(t in WANTING or _stem(t) in _HANDING for t in tokens[:i])


def _anything_to_talk_to(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """Whatever the customer can talk to, asked if there: "is there a crew
    member I can talk to instead of you"."""
    return tokens[i] in _ANY and _asks_if_there(tokens, i) and _talk_to_it(tokens[i + 1 : i + 2 + _REACH_WORDS])


# The shapes `asks_by_shape` tries at each word of a sentence; each takes (tokens, i, people, fillers).
_SHAPES: tuple[Callable[[list[str], int, frozenset[str], frozenset[str]], bool], ...] = (
    _handed_to_person,
    _person_after_verb,
    _call_to_me,
    _someone_to_contact_me,
    _may_i_get,
    _call_booked,
    _person_wanted,
    _served_by_person,
    _person_to_come,
    _persons_number_asked,
    _served_with_someone,
    _person_to_act,
    _titled_asked_after,
    _anyone_able_to_look,
    _person_demanded,
    _anyone_who_knows,
    _person_i_can_reach,
    _someone_on_duty,
    _person_who_can,
    _anything_to_talk_to,
)


def _persons_number(tokens: list[str], i: int, people: frozenset[str]) -> bool:
    """Whether the number or contact at tokens[i] is one of the business's
    people: named before it ("your manager's number") or after it, past a
    channel ("nomor WA admin", "contact for your supervisor"); someone
    unnamed may be anyone's ("nomer telpon orang pangkalannya")."""
    if i and (_person_at(tokens, i - 1, people) or tokens[i - 1].removesuffix("s") in people):
        return tokens[i - 1] not in _UNNAMED_ANY
    k = i + 1
    while k < len(tokens) and (tokens[k] in _CHANNELS or tokens[k] in ("for", "of", "your", "the", "untuk")):
        k += 1
    return _person_at(tokens, k, people) and _bare(tokens[k]) not in _UNNAMED_ANY


def _able_to_look(after: list[str]) -> bool:
    """Whether the words after someone asked about say they can look into
    it: "(anyone) able to look", "(anyone with a pulse over there) who can
    look at this"."""
    for k, word in enumerate(after[:-1]):
        if (word in _ABLE or word == "able") and after[k + 1 : k + 2] == ["to"]:
            return bool(after[k + 2 : k + 3]) and _stem(after[k + 2]) in _LOOKING
        if word in _ABLE:
            return _stem(after[k + 1]) in _LOOKING
    return False


def _contacts_me(after: list[str]) -> bool:
    """Whether the words after a person have them contact the customer: a
    verb of calling or writing, then "me" ("(petugas) yang menghubungi saya",
    "(tim verifikasi) chat saya", "(someone from billing) call me")."""
    for k, word in enumerate(after[:-1]):
        if (_CALL_STEMS.search(word) or word in _WRITING) and after[k + 1] in _ME:  # "menghubungi", "ditelpon"
            return True
    return False


def _acts(tokens: list[str], i: int, people: frozenset[str]) -> bool:
    """Whether tokens[i:] name a person, not someone unnamed unless from a
    team, after at most an article, then a verb of looking into it: "a
    human look at", "an agent check", "petugas cek", "someone from your tech
    team look at"."""
    if tokens[i : i + 1] and tokens[i] in ("a", "an", "the", "your"):
        i += 1
    if not _person_at(tokens, i, people):
        return False
    if tokens[i].removesuffix("nya") in _UNNAMED_ANY:  # someone from a team: "someone from your tech team look at"
        if tokens[i + 1 : i + 2] not in (["from"], ["dari"]):
            return False
        team = next((k for k in range(i + 2, min(i + 6, len(tokens))) if _person_at(tokens, k, people)), None)
        return team is not None and bool(tokens[team + 1 : team + 2]) and _stem(tokens[team + 1]) in _LOOKING
    return bool(tokens[i + 1 : i + 2]) and _stem(tokens[i + 1]) in _LOOKING


def _demanded(tokens: list[str], i: int, people: frozenset[str]) -> bool:
    """Whether tokens[i:], after "where", name a person and end there or
    with whose or a particle: "where is your manager", "Mana supervisor
    kelen?", "mana cs nya woy"; not "where is the agent location for
    pickup?" (the person word names a place)."""
    for k in range(i, min(i + _FOLLOW_ON + 1, len(tokens))):
        if _person_at(tokens, k, people):
            rest = tokens[k + 1 : k + 2]
            return not rest or rest[0] in _AFTER_DEMANDED or rest[0].endswith("nya")  # "mana orang teknisnya"
        if tokens[k] not in ("is", "are", "the", "your", "my", "ini", "itu"):
            return False
    return False


def _addressed(tokens: list[str], i: int) -> bool:
    """Whether tokens[i] is "admin" ("min") said to the bot, not asked
    for: "lewat mana min?"; "mana adminnya?" asks."""
    return tokens[i : i + 1] == ["admin"] and tokens[i + 1 : i + 2] != ["nya"]


def may_ask_by_shape(text: str, tokens: list[str], people: frozenset[str]) -> bool:
    """The quick test, for a turn or a sentence (`text` and its normalised
    words): every shape needs a person word or a call."""
    if not people.isdisjoint(tokens) or "bos" in tokens or _CALL_STEMS.search(text.casefold()):
        return True
    if "whoever" in tokens or ("yang" in tokens and not NO_PERSON_WORD.isdisjoint(tokens)):
        return True
    titled = not TITLED.isdisjoint(tokens) or not _TITLED_OWNED.isdisjoint(tokens)  # "mbaknya"
    if titled and ("yang" in tokens or not TO.isdisjoint(tokens)):
        return True
    if not _ADDRESSING.isdisjoint(tokens) and not _FROM_BEFORE.isdisjoint(tokens) and not TO.isdisjoint(tokens):
        return True  # "lanjut sm kak Rio yg td"
    if tokens[:1] and tokens[0] in _ASKS_IF and not _TALKING.isdisjoint(tokens):
        return True  # "is there a crew member I can talk to"
    if not _CREW.isdisjoint(tokens) and not _YOUR.isdisjoint(tokens):
        return True  # "one of ur guys"
    if not _NUMBER_OF.isdisjoint(tokens) and any(word.removesuffix("s") in people for word in tokens):
        return True  # "your manager's number"
    return any(_bare(word) in people for word in tokens)


def not_now(tokens: list[str]) -> bool:
    """Whether a sentence supposes or tells of before rather than asks: "If I
    wanted to speak to someone, would that cost extra?", "kirain org
    beneran", "Would a real person give me a different answer?", "kemarin
    udh minta disambung ke agen"; not the politeness of "kalau bisa
    sambungkan ke CS" or "would you connect me to an agent", nor the one
    from before asked for again ("admin yg kemarin aja"). Nor does one
    that tells what the customer thought ("saya kira tadi manusia yg
    bales") or will do themselves, asking nothing ("sy tanya langsung ke
    tokonya aja": going elsewhere; not "saya mau tanya ke CS aja"). A
    wish asked about is no supposing: "kalo mau konsultasi sama apotekernya
    bisa ga?"."""
    if _NOT_NOW_WORDS.isdisjoint(tokens):
        return False
    if _MYSELF.intersection(tokens) and _ASKING.isdisjoint(tokens):
        for i, word in enumerate(tokens[:-1]):
            verb = tokens[i + 2] if tokens[i + 1] == "langsung" and i + 2 < len(tokens) else tokens[i + 1]
            if word in _I and _stem(verb) in _HANDING:
                return True
    for i, word in enumerate(tokens):
        following = tokens[i + 1 : i + 2]
        if word == "kira" and tokens[i - 1 : i] and tokens[i - 1] in _I:
            return True
        # what the customer will do later: "nanti sy minta atasan kasih akses", "nanti minta teknisinya"
        if word == "nanti" and following and (following[0] in _I or following[0] in _ASKING_LATER):
            return True
        if word in _BEFORE and (i == 0 or tokens[i - 1] not in _AGAIN_AS_BEFORE):
            return True
        if (
            word in _SUPPOSING
            and (word in _ALWAYS_SUPPOSING or not _POLITE_IF.intersection(tokens[i + 1 : i + 4]))
            # "kalo mau konsultasi sama apotekernya langsung bisa ga?": wanting, then asking whether one can, asks;
            # "kalau saya minta ngomong sama orang itu bisa ga?" after "pengen tau aja" supposes
            and not (tokens[i + 1 : i + 2] and tokens[i + 1] in WANTING and _ABLE.intersection(tokens[i + 2 :]))
        ):
            return True
        if word == "would" and following and following[0] not in _POLITE_WOULD:
            return True
        if word in ("was", "were") and _ABOUT_TO.intersection(tokens[i + 1 : i + 3]):
            return True  # "I was fully ready to ask for a real person": what they nearly did
    return False


def _calls_me(tokens: list[str], i: int) -> bool:
    """Whether the verb of calling at tokens[i] asks to call the customer:
    the customer right after it (or after "aja", "back"), nothing but
    "back" or a word of time after them, and framed as a request ("please",
    "bisa", "tolong", "aja", or the verb first): "telpon aja gw", "could you
    call me back"; not "why are you calling me", "my friends call me John",
    "can you call me a taxi"."""
    j = i + 1
    while j < len(tokens) and tokens[j] in _JUST:
        j += 1
    if j >= len(tokens) or tokens[j] not in _ME or not all(t in _AFTER_ME for t in tokens[j + 1 : j + 3]):
        return False
    if not _NEGATORS.isdisjoint(tokens[:i]) or tokens[i - 1 : i] in (["will"], ["akan"]):
        return False  # "please don't call me anymore", "someone will call me tomorrow, right?"
    return i == 0 or not _FRAMING.isdisjoint(tokens[:j] + tokens[j + 1 :])


def _call_wanted(after: list[str]) -> bool:
    """Whether the words after a word of wanting name a call: "a call", "a phone call", "a callback"."""
    return any(t in _CALL_NOUNS and (t == "callback" or after[k - 1] in _ARTICLES) for k, t in enumerate(after) if k)


def _a_meeting(tokens: list[str], i: int, people: frozenset[str], fillers: frozenset[str]) -> bool:
    """Whether the call wanted after tokens[i] is with someone who is no
    person of the business: "schedule a call with Dana on Friday" books a
    meeting; "book a call with an agent" asks for one."""
    call = next((k for k in range(i + 1, len(tokens)) if tokens[k] in _CALL_NOUNS), None)
    if call is None or tokens[call + 1 : call + 2] != ["with"]:
        return False
    return not _person_within(tokens, call + 2, people, fillers)


def _alone(tokens: list[str], people: frozenset[str], fillers: frozenset[str]) -> bool:
    """The sentence is a person word and nothing but politeness, urgency or a
    sigh ("ugh, human please", "A person."), not the word alone ("orang" may
    be a misspelt "orange"); with other filler ("is orang", "Admin, ..."),
    only if it says please or now."""
    persons = [i for i in range(len(tokens)) if _person_at(tokens, i, people)]
    if not persons or all(i and tokens[i - 1] in _HONORIFICS for i in persons):
        return False  # "kak admin tolong dong, …": the bot addressed as a person, nobody asked for
    if len(tokens) > len(persons) and all(
        i in persons or t in _ALONE or t in ("a", "an") for i, t in enumerate(tokens)
    ):
        return bool(_PLEASE.intersection(tokens)) or all(tokens[i].removesuffix("nya") in _UNNAMED for i in persons)
    return all(i in persons or t in _ALONE or t in fillers for i, t in enumerate(tokens)) and bool(
        _PLEASE.intersection(tokens)
    )


def _whoever_knows(tokens: list[str], start: int) -> bool:
    """Whether tokens[start:] name someone by what they know or handle, with
    no person word: "oper ke yang lebih mengerti", "alihkan ke yang
    berwenang", "ngomong ama yg jaga"; "whoever" is always someone: "speak
    to whoever manages this"."""
    if start >= len(tokens) or tokens[start] not in _WHOEVER:
        return False
    following = tokens[start + 1 : start + 3]
    return tokens[start] == "whoever" or not KNOWING.isdisjoint(following) or not _ON_DUTY.isdisjoint(following)


def _after_i_can(after: list[str]) -> list[str] | None:
    """The words after the first "I can" or "we could" that opens within
    `_REACH_WORDS` words of `after` ("(anybody) at the front desk I could
    actually chat with" -> "actually chat with"), or None."""
    for k, word in enumerate(after[:_REACH_WORDS]):
        if word in ("i", "we") and after[k + 1 : k + 2] and after[k + 1] in _ABLE:
            return after[k + 2 :]
    return None


def _i_can_reach(after: list[str]) -> bool:
    """Whether the words after a person say the customer can reach them:
    "(a manager) I can speak to", "(someone) we could call", "(anybody) at
    the front desk I could actually chat with"."""
    rest = _after_i_can(after)
    return rest is not None and any(_stem(verb) in _HANDING for verb in rest[:2])  # "could actually chat"


def _talk_to_it(after: list[str]) -> bool:
    """Whether the words after "is there a" say the customer can talk with
    what follows: "(a crew member) I can talk to", "(anyone) we could speak
    with"; whatever one can talk to is a person. Not "(a topic) I can chat
    about" nor "(a way) I can talk to you"."""
    rest = _after_i_can(after)
    if rest and rest[0] == "actually":
        rest = rest[1:]
    if not rest or rest[0] not in _TALKING:
        return False
    told = rest[1:3]
    return not told or (told[0] in TO and told[1:] != ["you"])


def _on_duty(after: list[str]) -> bool:
    """Whether the words after a person say they are on duty ("yang jaga",
    "at all working there"), not working on something ("working on my
    order", "kerja untuk saya")."""
    for k, word in enumerate(after):
        if word in _ON_DUTY:
            following = after[k + 1 : k + 2]
            return not following or following[0] not in _ON_SOMETHING
    return False


def _asks_if_there(tokens: list[str], i: int) -> bool:
    """Whether the sentence asks if the person at tokens[i] is there: it
    opens with "is there", "adakah", "apakah", or has "ada" before the
    person and "tidak" ("ga") after ("ini ada mas yg jaga ga sih"); "ada
    orang yang kerja di rumah" tells, it does not ask."""
    first = tokens[0]
    return first in _ASKS_IF or ("ada" in tokens[:i] and "tidak" in tokens[i + 1 :])


# Someone unnamed, alone, is asked for ("Someone else.", "orang aja"); "anyone there?" only asks who is there.
_UNNAMED = frozenset("someone somebody human person orang manusia".split())
# Someone named by what they know or handle, after "to": "ke yang lebih mengerti", "to whoever knows".
_WHOEVER = frozenset("yang whoever".split())
KNOWING = frozenset(
    "mengerti paham memahami tahu tau ngurus ngurusin mengurus mengurusi menangani berwenang handles knows "
    "understands mikir berpikir".split()
)
# On duty, after a person asked about: "ada orang yg jaga?", "anyone working there?".
_ON_DUTY = frozenset("jaga kerja bekerja bertugas piket standby online working work works duty".split())
# The words a request with no person word needs (handoff's quick test).
NO_PERSON_WORD = KNOWING | _ON_DUTY | {"whoever", "punya"}  # "yang punya toko": the owner
_ANY = frozenset("a an any some".split())  # "is there a …", "are there any …"
_TALKING = frozenset("talk speak chat explain".split())  # what one does only with a person
_ASKS_IF = frozenset("is are any adakah apakah".split())
_REACH_WORDS = 5  # words between a person and "I can": "anybody at the front desk I could actually chat with"
_ON_SOMETHING = frozenset("on for untuk pada buat".split())
# Before "a person who can": asking whether one is there, wanting or being handed one ("ada cs yang bisa bantu?").
_THERE = frozenset("ada adakah there any got".split())
_WHERE = frozenset("mana where wheres".split())
_AT_THE_OFFICE = frozenset("di bagian kantor dari".split())
_LOOKING = frozenset(  # stems: "can a human look at this", "can a supervisor approve this manually"
    "look check review handl help see sort fix cek periksa lihat bantu tangan urus approve verify authorize authorise "
    "override".split()
)
# Titles that, after "to" or "with", name someone in particular ("ke mbak lala tadi"); not "kak", which addresses.
TITLED = frozenset("mbak mas pak bu bapak ibu".split())
_ADDRESSING = frozenset("kak kakak bang abang".split())  # how the bot is addressed, and people too
_TITLED_OWNED = frozenset(title + ending for title in TITLED for ending in _POSSESSIVE_ENDINGS)  # "mbaknya", "bapakna"
_HONORIFICS = TITLED | _ADDRESSING | frozenset("sis gan bro".split())  # how the bot is addressed
_FROM_BEFORE = frozenset("tadi kemarin".split())  # "kak Rio yg td": someone in particular, met before
_NOT_WHERE = frozenset("dari di ke yang from".split())
# After a person demanded: whose, or a particle: "Mana supervisor kelen?", "mana cs nya woy", "where's the manager now".
_AFTER_DEMANDED = frozenset(
    "kalian kelen kamu anda lu nya itu tadi woy sih dong ya lah nih at now then here".split()
)  # "dari mana", "yang mana": not a person demanded
# Between "is there a person" and "who can": "ada cs ga sih yg bisa …", "anybody at your end who can".
_BEFORE_WHO = frozenset(
    "ga gak nggak ngga enggak engga gk tidak sih ya kah nih dong at your end there here over".split()
)
_BETWEEN_WORDS = 3
_LOOK_WORDS = 8  # words between someone asked about and "can look": "anyone with a pulse over there who can look"
# What the one who owns it owns: "yang punya toko", "yg punya olshop".
_OWNED = frozenset("toko usaha warung olshop bisnis resto restoran kafe cafe kedai salon bengkel kos".split())
# A person asked to come: a verb of coming after the person, a word of asking or sending before it.
_COMING = frozenset("datang dateng datengin kesini kemari visit come".split())
_VISITING = _COMING | frozenset("survei survey cek periksa".split())
_ASKING_FOR = frozenset("bisa tolong minta mohon kirim kirimin can could please send need butuh perlu".split())


def turns_bot_down(sentences: Iterable[list[str]]) -> bool:
    """Whether a turn turns the bot down: "bukan bot", "not the bot", "jgn
    bot mulu", "selain bot ini", "lain jeung bot", "bkn yg otomatis", "Not
    you." (a negation, then a word for the bot, at most one word between)."""
    for tokens in sentences:
        if not_now(tokens):
            continue
        for i, word in enumerate(tokens):
            if word not in _NOT:
                continue
            following = tokens[i + 1 : i + 3]
            if following[:1] and following[0] in _MACHINE or _MACHINE.intersection(following[1:]):
                return True
            if following in (["you"], ["kamu"]):  # "Not you.", ending its sentence; not "don't you need to know"
                return True
    return False


# The words a shape may start at, besides a person (`_person_at`).
_SHAPE_STARTS = (
    _HANDING
    | _CALLING
    | _SERVING
    | _GETTING
    | WANTING
    | _BOOKING
    | _NUMBER_OF
    | _ABLE
    | TITLED
    | _WHERE
    | _THERE
    | _ANY
) | {"like", "no"}
