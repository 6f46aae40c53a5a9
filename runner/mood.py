"""How a customer's turn leaves: giving up, or angry, read by shape as well
as by the phrase lists.

The lists (runner/phrases, `giving_up` and `frustration`) hold words; a
customer who gives up or is angry says so in more wordings than any list
holds, but in a few shapes:

- **giving up**, by going elsewhere or doing it another way ("I'll call the
  hotline instead", "ok I'll try google", "No, I guess I'm walking :(",
  "we'll just stay home", "saya coba cara lain aja", "nanti gw urus
  sendiri", "Saya ke RS langsung saja"), by dropping the need
  ("forget about the refund then", "Leave it.", "lupakan aja", "let it be"),
  or with a shrug ("🤷", "wis embuh"); and the lists' phrases written as
  chat shortens them ("ga jd", "sdh lah", "tdk usah"), read through the
  flow language's normaliser;
- **anger**, as sarcasm (praise beside an eye-roll, a clap or a smirk,
  "mantap jiwa 🙃", "love it 👏"; praise with a shouted word, "thanks a LOT",
  "SANGAT membantu"; help or praise in scare quotes, 'makasih banyak
  "bantuannya"'; thanks for nothing), as a threat to leave or to complain
  elsewhere ("you've lost a customer", "never using you again", "tidak akan
  pakai lagi", "ini terakhir kali", "ganti provider lain", "1-star review",
  "sy uninstall aja aplikasinya",
  "reporting this to the FCA", "masuk berita"), or a censored swear ("f***").

Calm words are not read here: "I'll try again later", "I'll try another
time", "nanti saya coba lagi", "I'll wait for the email" stay calm
acceptance.
"""

from __future__ import annotations

import re
from functools import lru_cache

from alur.flows.nlu.lexicon import Lexicon, slang
from alur.runner.phrases import PhraseList, words

# The customer's own people, who may see to it instead: "anak saya", "cucu sy".
_FAMILY = r"(?:anak|suami|istri|adik|kakak|keluarga|teman|cucu)"
_KIN = _FAMILY + r" (?:saya|sy|aku|gw|gue)"
_I_WILL = (
    r"(?:i'?ll|i will|i'?m going to|i'?m gonna|gonna|let me|i guess i'?ll|guess i'?ll|i'?ll just|i can just"
    r"|we'?ll|we will|we'?re going to)"
)
# Going elsewhere or doing it another way: "I'll call the hotline instead", "saya coba cara lain aja", "saya bayar
# di loket aja".
_ELSEWHERE = re.compile(
    r"\b" + _I_WILL + r"\b[^.!?\n]{0,40}?\b(instead|myself|elsewhere|somewhere else|directly|in person|manually"
    r"|another|other|google|reddit|without)\b(?!\s+(?:time|day|week|hour|moment)s?\b)"
    r"|\b(?:coba|cari|pakai|pake|pindah|ganti|urus|pergi|beli|belanja|order|pesan|mending)\b[^.!?\n]{0,25}?"
    r"\b(lain|sebelah|sendiri|manual)\b"
    r"|\b(?:datang|dateng|datengin|ke)\b[^.!?\n]{0,25}?\blangsung\b[^.!?\n]{0,10}?\b(saja|aja)\b"
    r"|\b(?:di|ke) (?:loket|kantor|cabang|counter|gerai|outlet|kasir|minimarket|indomaret|alfamart|agen)(?:nya)?\b"
    r"[^.!?\n]{0,30}?\b(saja|aja|ajalah|sajalah|aje|ajah)\b"
    # asking someone else instead: "yaudah sy tny ustadz aja", "tanya ke tetangga aja"
    r"|\b(?:tanya|tny|nanya|tanyain|tanyakan) (?:ke |sama |sm |ama )?(?:[^\W\d_]+ ){1,2}?(aja|saja|aje)\b"
    r"|\b(ikhlasin|ikhlaskan|relakan|i'?ll live without it)\b"
    # someone else will see to it: "nanti anak saya saja yang urus", "I'll have my son deal with it"
    r"|\b(?:nanti " + _KIN + r" (?:aja |saja )?|" + _KIN + r" (?:aja|saja) )(?:yang|yg) "
    r"(urus|ngurus|ngurusin|mengurus|urusin)\b"
    r"|\bnanti " + _KIN + r" (?:aja|saja)\W*$"
    r"|\b(?:have|let) my (?:son|daughter|wife|husband|kids?|family|friend) (deal with|handle|sort) (?:it|this)\b"
    # or waiting for them: "nanti tunggu anak saya pulang saja", "I'll wait for my son to come home"
    r"|\btunggu " + _KIN + r"\b"
    r"|\b(wait) (?:for|till|until) my (?:son|daughter|wife|husband|kids?|family|friend|grandson|granddaughter)\b"
    # turning to the other party: "ill email the landlord", "I'm calling the restaurant and asking for the manager"
    r"|\b(?:" + _I_WILL + r"|i'?m|i am|we'?re|we are)\s+(?:just\s+)?(?:e-?mail(?:ing)?|call(?:ing)?|ring(?:ing)?"
    r"|phon(?:e|ing)|text(?:ing)?|messag(?:e|ing)|ask(?:ing)?|contact(?:ing)?|visit(?:ing)?|go(?:ing)? (?:to|down to)"
    r"|head(?:ing)? (?:to|down to))\s+(?:the|my|their|your)\s+(?:\w+\s+){0,2}?"
    r"(landlord|restaurant|clinic|hotel|shop|store|bank|branch|office|seller|owner|driver|airline|doctor|pharmacy"
    r"|hospital|school|venue|dealer|front desk|reception)\b"
    r"|\b(?:(?:i guess|guess) (?:i'?m|i am|i'?ll|i will|we'?re|we are|we'?ll|we will)|(?:i'?ll|we'?ll) just)"
    r" (?:just )?(walk(?:ing)?|driv(?:e|ing)|tak(?:e|ing) the bus|stay(?:ing)? home|go(?:ing)? home)\b",
    re.IGNORECASE,
)
# Dropping the need: "forget about the refund then", "Leave it.", "lupakan aja", "let it be".
_DROPPED = re.compile(
    r"\b(?:forget|leave|skip|drop)\s+(?:about\s+)?(?:it|that|this|the\s+\w+)\b(?!\s+(?:at|in|on|with|for|to)\b)"
    r"|\b(lupakan|lupain|let it be|doesn'?t matter|does not matter|not (?:even )?worth|ga usah deh|gausah deh)\b",
    re.IGNORECASE,
)
# The customer solved it themselves: "never mind, I found it", "nvm udah ketemu", "udah bisa kok".
_SOLVED = re.compile(
    r"\b(?:found it|figured it out|worked it out|got it working|it works now|works now|sorted it|it'?s sorted"
    r"|that worked|it worked|(?:just|finally) (?:showed up|arrived|came through|came in)"
    r"|(?:udah|sudah|sdh|udh) (?:ketemu|nemu|bisa|beres|kebuka|masuk|berhasil|terunduh|kedownload|ke-download|balik|kembali)"
    r"(?: (?:kok|kak|ya|di))?"
    r"|ketemu kok|bisa kok)\b",
    re.IGNORECASE,
)
# A shrug: the emoji, Javanese "embuh", Tagalog "bahala na"; not "oh well", said as often of small talk.
_SHRUG = re.compile(r"\U0001f937|\b(embuh|bahala na)\b", re.IGNORECASE)

_PRAISE = (
    r"(?:great|fantastic|brilliant|wonderful|amazing|awesome|perfect|lovely|love it|cool|helpful|nice|useful|best"
    r"|bagus|keren|mantap|mantul|hebat|luar biasa|membantu|ngebantu|thanks|thank you|thx|makasih|terima kasih)"
)
_PRAISED = re.compile(r"\b" + _PRAISE + r"\b", re.IGNORECASE)
# Marks that turn praise into its opposite: an upside-down smile, an eye-roll, a clap, a smirk, "(not)", "/s",
# a trailing "…, not." ("best service ever, not.").
_SARCASTIC_MARKS = re.compile(
    "[\U0001f643\U0001f644\U0001f44f\U0001f60f\U0001f612]|\\(not\\)|(?<!\\w)/s\\b|(?:,|\\.\\.+)\\s*not(?:[.!]+|\\s*$)",
    re.IGNORECASE,
)
# A shouted word beside praise: "thanks a LOT", "SANGAT membantu", "SO helpful".
_SHOUTED_PRAISE = re.compile(
    r"\b(?:LOT|SO|SANGAT|BANGET|BGT|REALLY|VERY|SUPER)\b\W*"
    + _PRAISE
    + r"|"
    + _PRAISE
    + r"\W+(?:a\s+)?(?:LOT|BANGET|BGT)\b"
)
# Scare quotes: help or praise in quotes, 'makasih banyak "bantuannya"'; not a place quoted in sincere thanks.
_QUOTED = re.compile(
    r"[\"“”‘’']\s*(?:\w+\s+){0,2}?(?:bantuan\w*|help\w*|membantu|pelayanan\w*|layanan\w*|solusi\w*|solution\w*"
    r"|support\w*|service|" + _PRAISE + r")\s*[\"“”‘’']",
    re.IGNORECASE,
)
_FOR_NOTHING = re.compile(r"\bfor (?:absolutely )?nothing\b", re.IGNORECASE)
# Threats to leave or to complain elsewhere.
_PROVIDERS = r"(?:provider|bank|operator|e-?wallet|aplikasi|app|maskapai|toko|kurir|layanan|asuransi|ekspedisi|isp)"
_THREAT = re.compile(
    r"\b(?:you'?ve|you have|just) lost (?:a|my|your|one) (?:customer|client|business)"
    r"|\blost my business\b|\b(?:taking|take|took) (?:my|our) (?:business|money|custom) (?:elsewhere|somewhere else)\b"
    r"|\bnever (?:use|using|buy|buying|fly|flying|order|ordering|shop|shopping|come|coming)\b[^.!?\n]{0,25}\bagain\b"
    r"|\b(?:won'?t|will not|not) (?:be )?(?:using|use|buying|ordering|flying|coming back|shopping)\b[^.!?\n]{0,25}\bagain\b"
    r"|\b(?:tidak|ga|gak|nggak|gk) (?:akan |bakal |mau )?(?:pakai|pake|menggunakan|beli|order|naik|belanja|pesan|pesen"
    r"|mesen|langganan) [^.!?\n]{0,20}lagi\b"
    r"|\b(?:ini )?terakhir kali\b"
    # going over the bot's head as a parting shot: "I'm ringing your manager first thing tomorrow. Bye"
    r"|\b(?:i'?m|i am|i'?ll|i will|gonna) (?:be )?(?:ringing|calling|call|ring|phoning|phone|contacting|contact"
    r"|taking this (?:up )?(?:with|to)|take this (?:up )?(?:with|to)|writing to|escalating this to) "
    r"(?:your|the) (?:manager|supervisor|boss|head office|corporate(?: office)?|management|ceo|customer service"
    r"|customer care|call cent(?:er|re)|hotline|helpline)\b"
    r"|\b(?:i'?m|i am|i'?ll|i will|gonna) escalat(?:e|ing) (?:this|it)\b"  # "I'm escalating this to our account manager"
    r"|\b(?:saya|sy|aku|gw|gue) (?:telpon|telepon|hubungi|laporin|laporkan|adukan) (?:ke )?(?:atasan|bos|manajer|pimpinan)"
    r" (?:kamu|anda|mu|kalian)\b"
    # leaving the app: "sy uninstall aja aplikasinya", "I'm deleting the app"; not "sudah saya uninstall dan
    # install ulang", "how do I uninstall it?"
    r"|\b(?:uninstall|uninstal|hapus)\w* (?:aja|saja|ajalah|deh)\b"
    r"|\b(?:i'?ll|i'?m|i am|gonna|going to) (?:just )?(?:uninstall|delet(?:e|ing))\w* (?:the |this |your )?(?:app|it)\b"
    r"|\b(?:pindah|ganti|pake|pakai) (?:ke )?" + _PROVIDERS + r" (?:lain|sebelah)\b"
    r"|\b(?:pindah|ganti) (?:ke )?" + _PROVIDERS + r" (?:aja|saja|deh)\b"  # "tahun depan saya pindah asuransi aja"
    r"|\bswitch(?:ing)? to (?:another|a different|your competitor)"
    r"|\b(?:1|one)[- ]star\b"
    r"|\bchargeback\b|\bdisput(?:e|ing) (?:it|this|the (?:charge|payment|transaction))\b|\bombudsman\b|\bconsumer (?:forum|court|council)\b"
    r"|\breport(?:ing)? (?:this|you|it) to\b"
    r"|\b(?:lapor|laporin|laporkan|adukan) (?:ke )?(?:ojk|ylki|bpsk|polisi|kominfo)\b"
    r"|\bmasuk berita\b|\bviral(?:kan|in)?\b"
    r"|\b(?:leave|write|post|give) (?:you |them |a |an |my )?(?:bad |negative |terrible )?(?:review|rating)\b"
    r"[^.!?\n]{0,40}?\b(?:then|instead|app ?store|play ?store|google)\b"
    r"|\b(?:kasih|beri|kasi) (?:bintang|rating|ulasan) (?:1|satu|jelek)\b|\b(?:review|ulasan|rating) jelek\b",
    re.IGNORECASE,
)
# A turn of praise and nothing else, no thanks: "wow. great service.", "Brilliant. Really helpful.", "mantap
# sekali pelayanannya". After the bot did not take up an objection, that is sarcasm.
_PRAISE_ONLY = re.compile(
    r"(?:\W*(?:(?:wow|oh|ok|okay|right|well|yeah|sure|wah|wih)\W+)?(?:(?:really|so|very|truly|just|such|super|sangat|amat)\s+)?"
    r"(?:a\s+)?(?:great|brilliant|wonderful|amazing|awesome|perfect|fantastic|lovely|helpful|useful|nice|excellent|cool"
    r"|superb|mantap|mantul|hebat|keren|bagus|membantu|luar biasa)\b"
    r"(?:\s+(?:service|help|job|work|bot|pelayanan|pelayanannya|banget|sekali|bgt|ya|kak|deh|then|indeed|jiwa)\b)*\W*)+",
    re.IGNORECASE,
)
_CENSORED = re.compile(r"(?<!\w)[a-z]\*{2,}[a-z]*", re.IGNORECASE)
# Complaint words that turn a thumbs-up or a hug into sarcasm: "5 hari paket ga gerak. mantap jiwa 👍".
_THUMB = re.compile("[\U0001f44d\U0001f917]")
_COMPLAINT = re.compile(r"\b(?:ga|gak|tidak|nggak|not|never|no|copas|cuma|doang)\b", re.IGNORECASE)
# "No" answering "anything else?", then thanks or nothing more: "no that's all, thanks 👍", "ga kak makasih 👍".
_NO_MORE = re.compile(
    r"^\W*(?:no|nope|nah|ga|gak|nggak|enggak|tidak)\b[\s,.!]*(?:kak\b[\s,.!]*)?"
    r"(?=(?:that'?s all|thanks|thank you|thx|nothing|makasih|terima kasih|cukup|udah|sudah|itu aja)\b)",
    re.IGNORECASE,
)


# Words one of which every giving-up shape holds (the quick test before the expressions; a shrug is no ASCII).
_SHAPE_WORDS = frozenset(
    b"instead myself elsewhere else directly person manually another other google reddit without lain sebelah "
    b"sendiri manual langsung ikhlasin ikhlaskan relakan live forget leave skip drop lupakan lupain let matter "
    b"worth usah gausah embuh bahala guess loket kantor cabang counter gerai outlet kasir minimarket indomaret "
    b"alfamart home walk walking drive driving bus urus ngurus ngurusin mengurus urusin have agen agennya tanya tny "
    b"nanya tanyain tanyakan tunggu wait landlord restaurant clinic hotel shop store bank branch office seller owner "
    b"driver airline doctor pharmacy hospital school venue dealer desk reception cucu anak suami istri".split()
)


@lru_cache(maxsize=8)
def _slang_into(phrases: PhraseList) -> frozenset[bytes]:
    """The typed words the normaliser expands into a key word of `phrases`
    ("jd" -> "jadi", "sdh" -> "sudah"), as `phrases.words` folds them: only
    a text holding one is worth normalising."""
    expansions, _ = slang()
    return frozenset(
        typed.encode()
        for typed, expanded in expansions.items()
        if typed.isascii() and phrases.may_occur_in([word.encode() for word in expanded])
    )


@lru_cache(maxsize=4096)  # a leaving turn is read by several rules
def solved(text: str) -> bool:
    """Whether a customer's text says their need is met, by what they were
    told or by themselves ("oke sudah bisa", "it works now", "found it");
    not when it also says it was not done ("it is NOT frozen. another charge
    just came through")."""
    return _SOLVED.search(text) is not None and not denies_done(text)


def gives_up(text: str, giving_up: PhraseList) -> str | None:
    """The giving up in a customer's `text` (see the module docstring): a
    phrase of the `giving_up` list as written or as the normaliser reads it,
    else a shape. The evidence, or None."""
    if solved(text):
        return None  # "oh nvm udah ketemu di aplikasi": the need met, by themselves
    keyword = text.strip(" .!").casefold()
    if keyword in _OPTING_OUT:
        return keyword  # "STOP" after "Sorry, I didn't get that." x3: opting out of the bot
    if _EXASPERATED.fullmatch(text):
        return text.strip().casefold()  # "wow" alone after "I'm sorry, I don't understand." x3
    found = giving_up.search(text)
    if found:
        return found
    typed = words(text)
    if not _slang_into(giving_up).isdisjoint(typed):  # "ga jd", "sdh lah": the list's phrases as chat shortens them
        found = giving_up.search(Lexicon.builtin().normalise(text))
        if found:
            return f"{found} (as {_shorten(text)})"
    if _SHAPE_WORDS.isdisjoint(typed) and text.isascii():
        return None
    for shape in (_ELSEWHERE, _DROPPED, _SHRUG):
        match = shape.search(text)
        if match:
            return match.group().lower()
    return None


# The whole turn a sound of exasperation, an "ok" or "bye" at most after it: "wow", "wow. ok. bye", "smh", "hadeh".
_EXASPERATED = re.compile(
    r"\W*(?:wow+|smh|sigh+|hadeh+|haduh+|ya ?ampun|astaga|zzz+|ckck+)(?:\W+(?:ok|okay|oke|bye|fine|deh|lah))*\W*",
    re.IGNORECASE,
)
# The whole turn an SMS keyword of opting out: "STOP", "unsubscribe", "unreg".
_OPTING_OUT = frozenset("stop unsubscribe unreg berhenti".split())
# The quick test (`may_sound_angry`): a threat needs one of `_THREAT_WORDS`, or two words of one of
# `_THREAT_PAIRS` ("lost" and "customer"); sarcasm one of `_PRAISE_WORDS` and a mark that turns it:
# anything not ASCII (an emoji, curly quotes), a straight quote, "(not)", "/s", "nothing", a shouted word.
_THREAT_WORDS = frozenset(
    b"terakhir sebelah switch switching chargeback dispute disputing ombudsman consumer lapor laporin laporkan adukan berita "
    b"uninstall uninstal uninstalling hapus delete deleting ringing calling phoning contacting telpon telepon hubungi "
    b"viral viralkan viralin taking take writing escalating escalate".split()
)
_THREAT_PAIRS = tuple(
    (frozenset(first.split()), frozenset(second.split()))
    for first, second in (
        (b"lost", b"customer client business"),
        (b"again", b"never wont won not"),
        (b"lagi", b"pakai pake menggunakan beli order naik belanja pesan pesen mesen langganan"),
        (b"star", b"1 one"),
        (b"report reporting", b"this you it"),
        (
            b"lain aja saja deh",
            b"provider bank operator ewallet wallet aplikasi app maskapai toko kurir layanan asuransi",
        ),
        (b"review rating ulasan", b"then instead store google jelek 1 satu"),
    )
)
_THREAT_KEYS = _THREAT_WORDS.union(*(first for first, _ in _THREAT_PAIRS))
_PRAISE_WORDS = frozenset(
    b"great fantastic brilliant wonderful amazing awesome perfect lovely love cool helpful nice useful best bagus keren "
    b"mantap mantul hebat luar membantu ngebantu thanks thank thx makasih terima".split()
)
_TURNING = ('"', "(not)", "/s", ", not", "..not", ".. not")
_INTENSIFIERS = frozenset(b"lot so sangat banget bgt really very super".split())  # shouted beside praise


def may_sound_angry(text: str, text_words: list[bytes]) -> bool:
    """False when `text` (a conversation's customer turns joined) surely holds
    no anger by shape; `text_words` are its words as `phrases.words` folds them."""
    if "*" in text and _CENSORED.search(text):
        return True
    keys = _THREAT_KEYS.intersection(text_words)
    if keys and (
        not _THREAT_WORDS.isdisjoint(keys)
        or any(not first.isdisjoint(keys) and not second.isdisjoint(text_words) for first, second in _THREAT_PAIRS)
    ):
        return True
    if _PRAISE_WORDS.isdisjoint(text_words):
        return False
    if not text.isascii() or any(mark in text for mark in _TURNING):
        return True
    if b"nothing" in text_words and _FOR_NOTHING.search(text):
        return True
    return not _INTENSIFIERS.isdisjoint(text_words) and _SHOUTED_PRAISE.search(text) is not None


def threatens(text: str) -> bool:
    """Whether a customer's `text` threatens to leave or to complain
    elsewhere ("you've lost a customer", "sy uninstall aja aplikasinya",
    "I'm disputing the charge"): thanks beside it calm nothing."""
    return _THREAT.search(text) is not None


@lru_cache(maxsize=4096)  # a leaving turn is read by several rules
def sounds_angry(text: str) -> str | None:
    """Anger said by shape rather than by a word of the frustration list:
    sarcasm, a threat to leave or to complain elsewhere, a censored swear.
    The evidence, or None."""
    if not may_sound_angry(text, words(text)):
        return None
    threat = _THREAT.search(text) or _CENSORED.search(text)
    if threat:
        return threat.group().lower()
    if _FOR_NOTHING.search(text) and _PRAISED.search(text):
        return _shorten(text) + " (thanks for nothing)"
    praise = _PRAISED.search(text)
    if praise is None:
        return None
    if _SARCASTIC_MARKS.search(text) or _SHOUTED_PRAISE.search(text) or _QUOTED.search(text):
        return f"{praise.group().lower()} (sarcastic)"
    if not text.isascii() and _THUMB.search(text) and _COMPLAINT.search(_NO_MORE.sub("", text)):
        return f"{praise.group().lower()} (sarcastic)"
    return None


# Anger said without words: an eye-roll or a red face, "?!", "???".
_ANGRY_EMOJI = re.compile(
    "[\U0001f644\U0001f621\U0001f92c\U0001f624\U0001f620\U0001f4a2\U0001f44e\U0001f612\U0001f926\U0001f611\U0001f629\U0001f62b\U0001f595\U0001f643]"
)
_ANGRY_MARKS = re.compile(r"\?!|!\?|\?{3,}")
_SHOUTED = re.compile(r"\b[A-Z]{4,}\b")
_SHOUTED_RUN = re.compile(r"\b[A-Z]{4,}(?:[^\w\n]+[A-Z]{3,}\b){2,} *!")  # "SAYA SUDAH BAYAR!!!", not "PAKET DATA JUMBO"
_FOUR_CAPITALS = re.compile("[A-Z]{4}")  # the quick test for _SHOUTED
_LETTERS = re.compile(r"[^\W\d_]{3,}")


# Waiting as told: "yaudah deh ditunggu", "saya tunggu aja", Javanese "tak enteni", "I'll wait for the email".
_WAITING = (
    r"(?:(?:saya|aku|sy|gw|gue|tak) tunggu|ditunggu|tak enteni|dienteni|i'?ll wait|we'?ll wait|i will wait)"
    r"(?! (?:for |till |until )?(?:my |" + _FAMILY + "))"  # not for the family
)
_WAITS = re.compile(r"\b(?:" + _WAITING + r")\b")
# Words of acceptance: "ya udah deh gpp", "oh well, no worries".
_ACCEPTING = re.compile(
    r"\b(gapapa|gpp|ga ?papa|nggak apa|tidak apa|no worries|no problem|that'?s (?:ok|okay|fine)|it'?s (?:ok|okay|fine)"
    r"|at least (?:it'?s|it is|it|they|you|i got)|(?:yang|yg) penting (?:udah|sudah|udh|sdh|dah)"  # "whatever, at least it's coming"
    r"|but i understand|i understand (?:now|the reason|why)|(?:saya|aku|sy) (?:mengerti|paham|maklum)"  # "disappointing, but I understand"
    r"|" + _WAITING + r")\b"
)


def waits(text: str) -> bool:
    """Whether a customer's text says they will wait as told ("yaudah deh
    ditunggu", "I'll wait"): they took the bot's remedy or timeline, so
    leaving on it gives up on nothing, explained failure or not."""
    return _WAITS.search(text.casefold()) is not None


def accepts(text: str) -> bool:
    """Whether a customer's text accepts what they were told calmly: "ya
    udah deh gpp", "oh well, no worries", "ya sudahlah saya tunggu aja";
    with thanks, this makes giving up after news calm acceptance rather
    than abandonment."""
    return _ACCEPTING.search(text.casefold()) is not None


# Thanks: "forget it then. thanks anyways", "ya udah makasih kak".
# Thanks, with chat spellings and in the regions' words: Javanese "matur nuwun", "suwun", Sundanese "hatur nuhun",
# Tagalog "salamat".
THANKS = re.compile(
    r"\b(thanks?|thank you|thank u|thx|thnx|thanx|thks|ty|tqvm|cheers|makasih|makasi|mksh|makaci|terima ?kasih|trims"
    r"|tq|tks|tengkyu|(?:matur ?)?nuwun|suwun|(?:hatur ?)?nuhun|salamat)\b"
)
# "Ah well. Thanks anyway", "ya udah makasih deh": thanks for help that did not come.
_THANKED_ANYWAY = re.compile(r"\W*(?:anyway|anyways|though|for trying|for nothing|deh)\b")


@lru_cache(maxsize=4096)  # each leaving turn is asked about several times, by several rules
def thanks(text: str, resigned: bool = True) -> bool:
    """Whether a customer's text thanks; with `resigned` False, only sincere
    thanks count: not a resigned "thanks anyway" or "thanks for nothing",
    nor thanks beside an eye-roll ("mantap jiwa, makasih ya bot 🙃")."""
    if not resigned and not text.isascii() and _ANGRY_EMOJI.search(text):
        return False
    folded_text = text.casefold()
    return any(
        resigned or not _THANKED_ANYWAY.match(folded_text, found.end()) for found in THANKS.finditer(folded_text)
    )


def angry_tone(text: str) -> str | None:
    """Anger in how a customer turn is written rather than in its words: an
    angry emoji ("🙄", "😡", "🤦", a sarcastic "🙃"), "?!" or "???", or shouting (two or more
    words of four capital letters or more, at least half the words, or three
    capitalised words in a row exclaimed, "SAYA SUDAH BAYAR!!! jangan teror
    saya", so that "BCA" or "PLEASE" alone is no shout, nor a product's name,
    "mau paket DATA JUMBO SAKTI"). Shouted thanks are joy, not anger
    ("THANK YOU! YOU SAVED US!"), unless resigned ("THANKS FOR NOTHING").
    The evidence, or None."""
    emoji = _ANGRY_EMOJI.search(text)
    if emoji:
        return emoji.group()
    marks = _ANGRY_MARKS.search(text)
    if marks:
        return marks.group()
    shouted = _SHOUTED.findall(text)
    loud = len(shouted) >= 2 and (2 * len(shouted) >= len(_LETTERS.findall(text)) or _SHOUTED_RUN.search(text))
    if loud and not thanks(text, resigned=False):
        return " ".join(shouted[:3]).lower() + " (shouted)"
    return None


def may_have_angry_tone(text: str) -> bool:
    """False when `text` (all of a conversation's customer turns joined)
    surely holds no angry tone (`angry_tone`): one cheap test for all."""
    return (
        "?!" in text
        or "!?" in text
        or "???" in text
        or (not text.isascii() and _ANGRY_EMOJI.search(text) is not None)
        or _FOUR_CAPITALS.search(text) is not None
    )


# A short, resigned last word: "yaudah deh", "ok deh", "hmm. ya sudah.", "yaudah nanti aja", "oh ok then", "fine".
_RESIGNED = re.compile(
    # opened by a sigh or a laugh: "hmm yaudah", "wkwk ok"; "ya gitu deh": that's how it is
    r"^\W*(?:h+m+|hm+|ah+|oh+|eh+|yah+|wow+|(?:wk)+w?|(?:ha){2,}|(?:he){2,})?\W*(?:ya+\s*(?:udah|sudah|dah|udh)|yaudah|yauda"
    r"|yasudah|yasuda|yaudh|yodah|udah|sudah|ok+|oke+|okay|okey|okelah|ya gitu"
    r"|yo ?w[ei]s|ya ?w[ei]s|ywdh|ywd"  # Javanese "yowes", "ya wis"; "ywdh"
    r"|had[eu]+h|hadoh|haduh|huf+t?|sigh|\*sigh\*"  # a sigh
    r"|y+|k+"  # a curt "y", "k"
    r"|fine|alright|right|oh well)"
    r"(?:\W+(?:deh|dah|lah|aja|saja|sih|kak|min|then|i guess|nanti aja|nanti saja|nanti|nnti|ntar|entar|lain kali|whatever))*\W*$",
    re.IGNORECASE,
)
_TRAILS_OFF = re.compile(r"\s*(?:\.{3,}|…+)\s*$")  # "...": nothing more to say
# Pushing back on an answer: it did not work, was done already, is not what was asked ("udah update juga.
# tetep ga ada", "bukan mau beli", "I already did that", "but it still says", "kan saya udah bilang").
_OBJECTS = re.compile(
    r"\b(?:udah|sudah|udh|sdh|tetep|tetap|masih|bukan|tapi|kan saya|padahal|already|still|but|not what|that'?s not"
    r"|doesn'?t|didn'?t|isn'?t|won'?t|not working|no such|there is no|there'?s no|where is|where'?s|where are)\b",
    re.IGNORECASE,
)


# Saying that what the bot reports done did not happen: "sudah dicek inbox dan spam, kosong", "belum masuk", "ga masuk2",
# "still nothing", "I never got it", "it didn't arrive", "that's what it said 25 minutes ago. where is the driver",
# "that's not what i asked", "bukan itu yang saya tanya", "it is NOT processed", "saya tidak pernah punya email".
_NOT_DONE = re.compile(
    r"\b(?:belum|belom|blm|masih|msh|tetap|tetep|kosong|nihil"
    r"|(?:ga|gak|gk|nggak|ngga|enggak|tidak|tdk|nda|ndak|kaga|kagak|ora) ?(?:ada+|ade|masuk|sampai|sampe|nyampe|muncul|dapat|dapet|terima"
    r"|datang|dateng|bisa|gerak)(?:2)?"
    r"|no (?:driver|courier|one|sign of)|not in (?:my |the )?(?:inbox|spam|email|mail|account|app|wallet)|teu (?:aya|acan)|can aya"
    r"|(?:is|was|has|it'?s|it is) not (?:been )?(?:processed|credited|refunded|updated|fixed|resolved|done|sent|paid|frozen|blocked|locked"
    r"|cancell?ed|delivered|booked|changed|activated|unlocked|approved)"
    r"|(?:hasn'?t|has not|haven'?t|have not)(?=\s*[,.!?]|\s*$)|(?:tidak|tdk|ga|gak|nggak|ngga) (?:pernah )?punya"
    r"|(?:don'?t|do not|never) (?:have|had) (?:an? )?(?:email|e-mail|account|app)|no \w+ (?:came|arrived|received)"
    r"|(?:i|we) (?:don'?t|do not) have it|(?:isn'?t|is not|are not|aren'?t) here"
    r"|(?:not|isn'?t|nothing(?: is)?) (?:showing|shown|appearing)"
    r"|still|nothing|never (?:came|arrived|got|received)|(?:didn'?t|did not|haven'?t|have not|hasn'?t|has not) "
    r"(?:get|got|receive|received|arrive|arrived|come|came|work|worked|show|showed|moved|budged)"
    r"|not (?:received|arrived|there|working|moving)"
    r"|(?:nobody|no one) (?:came|showed|turned up)|where(?: is|'s) (?:the|my)|that'?s what (?:it|you) said"
    r"|mana (?:paket|driver|kurir|pesanan|refund|dana|uang|barang)\w*"
    r"|(?:that'?s|this is|it'?s|is) not what i (?:asked|meant|need|wanted)|not what i asked"
    r"|bukan itu yang (?:saya|sy|aku|gw|gue) (?:tanya|maksud|minta)\w*"
    # what was given failing: "that's the link that gives error 500", "error 500. again."
    r"|error \d{3}|(?:gives|giving|shows|showing|got|getting) (?:an? |the same )?error"
    # not the one asked about: "That's not the one", "NOT that one", "bukan yang itu"
    r"|(?:that'?s |it'?s )?not (?:the one|that one)|bukan yang itu"
    # what was done not working: "It won't open with that code", "the link doesn't work"
    r"|(?:won'?t|will not|doesn'?t|does not) (?:open|work|load)"
    # what the customer said, said again: "I said cancel", "kan saya udah bilang"
    r"|i (?:just |already )?said|kan (?:saya|sy|aku|gw|gue) (?:udah |sudah |dah )?(?:bilang|blg)"
    # the time promised gone by: "it's been 12 business days", "udah 2 minggu"
    r"|it'?s been (?:\d+|two|three|four|five|six|seven|ten) (?:business |working )?(?:days|weeks|months)"
    r"|(?:udah|sudah|udh|sdh) (?:\d+|dua|tiga|empat|lima|seminggu|sebulan) ?(?:hari|minggu|bulan)?)\b",
    re.IGNORECASE,
)


def after_praise(text: str) -> str | None:
    """What follows the praise opening a customer's `text` ("Brilliant,
    really helpful. Cheers." -> "Cheers.", "wow. great service." -> ""), or
    None when it opens with none. Praise and nothing else, with no thanks,
    said right after the bot failed to take up an objection, is sarcasm."""
    found = _PRAISE_ONLY.match(text)
    return None if found is None else text[found.end() :]


def denies_done(text: str) -> bool:
    """Whether a customer's `text` says that what the bot reported done did
    not happen for them ("sudah dicek inbox dan spam, kosong", "still
    nothing", "I never got it")."""
    return _NOT_DONE.search(text) is not None


def resigned(text: str) -> bool:
    """Whether a customer's `text` is only a short, resigned acceptance
    ("yaudah deh", "ok deh", "hmm. ya sudah.", "oh ok then", "yowes lah",
    a sigh, "..."): no thanks, no question. After the bot did not take up
    an objection, that is giving up quietly."""
    return len(text.split()) <= 6 and (_RESIGNED.match(text) is not None or _TRAILS_OFF.match(text) is not None)


def objects(text: str) -> bool:
    """Whether a customer's `text` pushes back on what they were told: it
    did not work, was done already, is not what they asked, or asks again."""
    return "?" in text or _OBJECTS.search(text) is not None


# Whom a sentence's upset is about: the customer themself ("I feel dumb", "saya bodoh banget"), or a
# third person with no "you", "this" or bot in it ("he's a show-off, that'll be annoying").
_SELF_JUDGED = re.compile(
    r"\b(?:i|i'?m|i am|i feel|i felt|me|myself|saya|aku|gw|gue)\s+(?:\w+\s+){0,2}?"
    r"(?:dumb|stupid|silly|an idiot|idiot|bodoh|bego|goblok|oon|dodol|tolol)\b",
    re.IGNORECASE,
)
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|he'?s|she'?s|they'?re|him|his|her|their|dia|mereka|beliau)\b", re.IGNORECASE
)
_AT_THE_BOT = re.compile(
    r"\b(?:you|your|you'?re|u|ur|this|bot|app|service|kamu|kau|anda|lu|lo|elu|kalian|ini|botnya|aplikasi|layanan)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def aimed_elsewhere(sentence: str, phrase: str) -> bool:
    """Whether the upset `phrase` in `sentence` is about the customer
    themself ("Oh ok well I feel dumb.") or about a third person named
    before it with no word for the bot or its service ("he's a big
    show-off so that'll be annoying"): no anger at the bot."""
    folded = sentence.casefold()
    at = folded.find(phrase)
    if at < 0:
        return False
    before = folded[:at]
    if _SELF_JUDGED.search(folded[: at + len(phrase)]):
        return True
    return _THIRD_PERSON.search(before) is not None and _AT_THE_BOT.search(before) is None


def upset_sentences(text: str) -> list[str]:
    """The sentences of a customer's `text`, for reading upset sentence by sentence."""
    return [found.group() for found in _SENTENCE.finditer(text)]


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
