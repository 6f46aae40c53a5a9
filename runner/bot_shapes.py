"""How a bot's message reads by its shape, in English and Indonesian: did
not understand, failed, refused with news, handed over, booked a callback,
did the task, or wraps up.

The phrase lists (`alur.runner.phrases`) hold the words one team of writers
uses; other bots say the same things in other words, but in the same shapes:
a negation before a verb of understanding, an apology before a negated
ability ("Sorry, we don't deliver to…", "tidak berlaku untuk…"), a past
participle of completion ("has been refunded", "sudah kami proses"). Audit
reads a shape where no listed phrase is found (`BotFacts.learn`).

Each shape first checks that the text holds one of its key words (the
`words` of the text, worked out once per text), so the expression runs on
few texts; `BotFacts.learn` runs once per distinct bot text.

A refusal, a failure, a success or a promise counts only in a statement:
"Can't find your order? Type…" asks, "Do not share your OTP" / "jangan
bagikan" instructs, "If your card is blocked, …" supposes, and none of them
refuses anything.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

# A sentence that instructs rather than tells: "Do not share your OTP", "Jangan bagikan kode", "Mohon tidak
# mengirim pesan berulang", "Please don't close this window"; or that only supposes: "If Customs needs an
# invoice they will email you", "Kalau kartu diblokir, …".
_INSTRUCTION = re.compile(
    r"[\s\"'“*•-]*(?:please |pls |mohon |harap |kindly )?(?:do not|don'?t|never|jangan|tidak perlu|gak perlu|ga perlu"
    r"|(?:mohon|harap) (?:untuk )?tidak|if|in case|jika|kalau|kalo|bila|apabila)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")


class Shape:
    """One shape, as parts: each the key words one of which it needs, and
    its expression, run only on a text holding one of those words (the
    parts of a broad shape each have their own, rarer key words, so that few
    texts pay for the expressions). With `statements_only`, a match inside
    a question, an instruction or a supposition does not count."""

    __slots__ = ("parts", "keys", "statements_only")

    def __init__(self, *parts: tuple[str, str], statements_only: bool = True):
        self.parts = tuple(
            (frozenset(keys.encode().split()), re.compile(pattern, re.IGNORECASE)) for keys, pattern in parts
        )
        self.keys = frozenset().union(*(keys for keys, _ in self.parts))
        self.statements_only = statements_only

    def find(self, text: str, text_words: AbstractSet[bytes]) -> str | None:
        """The first match in `text` (lower-cased) that counts, or None;
        `text_words` is `set(words(text.casefold()))`: a set, so that each
        part's key test costs its few key words, not the text's many."""
        if self.keys.isdisjoint(text_words):
            return None
        if "’" in text:
            text = text.replace("’", "'")
        for keys, pattern in self.parts:
            if keys.isdisjoint(text_words):
                continue
            for found in pattern.finditer(text):
                if not self.statements_only or _stated(text, found.start()):
                    return found.group().casefold()
        return None


def stated_phrase(text: str, phrase: str | None) -> str | None:
    """`phrase` (a phrase list's find in `text`) when it stands in a
    statement, else None: "If I cannot help you any further please
    disconnect." supposes a failure, it reports none."""
    if phrase is None:
        return None
    at = text.casefold().find(phrase)
    return phrase if at < 0 or _stated(text, at) else None


def _stated(text: str, at: int) -> bool:
    """Whether the sentence of `text` around position `at` is a statement:
    it neither ends with "?" nor starts with an instruction not to do
    something or with a supposition ("if", "kalau")."""
    start = max(text.rfind(mark, 0, at) for mark in ".!?\n") + 1
    end = _SENTENCE_END.search(text, at)
    if end is not None and end.group() == "?":
        return False
    return _INSTRUCTION.match(text, start) is None


_NEGATED = (
    r"(?:didn'?t|did not|don'?t|do not|couldn'?t|could not|can'?t|cannot|not sure|unable to|dunno|belum|blm"
    r"|tidak|tdk|gak|ga|nggak|kurang)"
)
# The bot did not understand the customer's message: a negation, then (at most two words on) a verb of
# understanding ("I didn't get you", "pesan Akang belum kami pahami", "Saya kurang yakin maksud Kakak", "not sure
# what 'asdfgh' means"), the bot owning up that it is learning ("masih training", "I'm just a bot"), or that it
# cannot read this kind of message ("I can only understand text", "can't read voice notes", "belum bisa aku
# proses", "belum bisa bales pesan itu").
NOT_UNDERSTOOD = Shape(
    (
        "understand recognise recognize means paham pahami memahami mengerti ngerti menangkap nangkep yakin learning "
        "belajar training trained bot didnt didn dunno voice read proses bales balas",
        r"\b" + _NEGATED + r"\s+(?:\w+\s+){0,2}?"
        r"(?:understand|follow|recogni[sz]e|work out what|get (?:you|that|what)|know what you|what \S+ means"
        r"|paham\w*|pahami|memahami|mengerti|ngerti|menangkap|nangkep|yakin maksud)\b"
        r"|\b(?:still learning|masih (?:belajar|training)|not trained (?:on|for)|i'?m just a bot)\b"
        r"|\bcan only (?:understand|read|reply to) \w+\b"
        r"|\bcan'?t (?:read|open|play|listen to) (?:voice|audio|images?|photos?|pictures?|stickers?|videos?|attachments?)"
        r"|\b(?:belum|tidak|tdk|gak|ga) bisa (?:membaca|baca|memutar|mendengar|dengar|membuka|buka) (?:gambar|foto"
        r"|pesan suara|voice|vn|stiker|video|file|lampiran)"
        r"|\bbelum bisa (?:aku|saya|kami|mimin|kita) (?:proses|jawab|pahami)\b"
        r"|\bbelum bisa (?:bales|balas|membalas|jawab|menjawab) (?:pesan|pertanyaan|chat)\b",
    ),
    statements_only=False,
)
# The customer's input turned down as not one the bot takes, a re-prompt: "Invalid input", "Unrecognised
# command", "that's not one of the choices", "pilihan yang Anda masukkan tidak tersedia", "tidak sesuai format",
# "NIK harus 16 digit". Neither news of something unavailable nor, in audit, the bot failing to understand:
# labelled conversations count a bot asking again for a policy number in the right format as a loop, not as a
# reason to escalate.
INPUT_REJECTED = Shape(
    (
        "invalid unrecognised unrecognized valid sesuai choices options pilihan match digit digits dikenali format",
        r"\b(?:invalid|unrecogni[sz]ed|not (?:a )?valid|tidak valid|tdk valid|gak valid|tidak dikenali)\b"
        r"|n'?t (?:a )?valid\b"
        r"|\bnot (?:one of )?(?:the|our|my) (?:choices|options)\b|\bdoesn'?t match any\b"
        r"|\b(?:tidak|tdk|belum|gak|ga) sesuai (?:\w+ )?(?:format|pilihan|ketentuan)\b"
        r"|\bformat\b(?: \S+){0,4} (?:tidak|tdk|kurang) (?:sesuai|tepat|benar)\b|\b(?:salah format|format salah)\b"
        r"|\bpilihan (?:\w+ ){0,3}?(?:tidak|tdk|belum) (?:tersedia|ada|valid|dikenali)\b"
        r"|\b(?:harus|must be|should be) \d+ (?:digit|digits|angka|characters|karakter)\b",
    ),
    statements_only=False,
)

# The bot failing at an action: "we couldn't process your payment", "Update failed.", "e-wallet linking
# failed", "we hit a snag", "permintaan Anda tidak terkirim", "koneksi terputus", "ada masalah waktu proses
# pesananmu", "tidak dapat diproses saat ini", "gagal dikirim", "Transfer … gagal." Not failing to understand
# ("couldn't work out what you meant"), which NOT_UNDERSTOOD reads, nor "kalau ada kendala, chat lagi" (if
# there is a problem), nor "Tidak ada transaksi gagal".
FAILED_ACTION = Shape(
    (
        "couldnt couldn werent weren wasnt wasn unable failed snag terkirim tersimpan terproses terputus "
        "masalah salah kendala diproses gagal",
        r"\b(?:couldn'?t|could not|weren'?t able to|wasn'?t able to|were unable to|was unable to|failed to)"
        r"\s+(?!understand|work out|get (?:you|that|what)|read|recogni[sz]e|find what)\w+"
        r"|\b(?:update|payment|transfer|linking|booking|registration|upload|transaction|request|order|top ?up|lookup"
        r"|look-up|check|verification|validation|search|submission|activation|cancellation|refund)\s+failed\b"
        r"|\Afailed\b|\bhit a snag\b"
        r"|\b(?:tidak|tdk|gak|ga) (?:terkirim|tersimpan|terproses)\b|\bterputus\b"
        r"|\b(?:tidak|tdk|gak|ga) (?:dapat|bisa) diproses\b"
        r"|(?<!ada )\bgagal(?: di\w+| ter\w+\b|[.!])"
        r"|(?<!kalau )(?<!kalo )(?<!jika )(?<!bila )\bada (?:yang )?(?:masalah|salah|kendala)\b",  # not "kalau ada kendala"
    ),
)

# News the customer may accept, in a statement: a negated availability or ability ("X isn't available for…",
# "can't be used…", "we don't deliver to…", "no technicians available", "tidak dapat dilakukan", "belum bisa
# upgrade", "tidak berlaku"), a thing ended, used up or closed ("expired", "sudah berakhir", "udah kosong",
# "sudah tercapai", "closed now", "sedang dalam perbaikan"), or a block or rejection ("has been blocked",
# "ditolak", "dibekukan"); being sent to try another ("Try another meeting time", "pilih jadwal lain") or told it
# does not fit ("The venue is too small for your party"); "Unfortunately" before a negation, "I'm afraid" or
# "sorry" before "I/we can't". Not a task done at the customer's request ("frozen as requested"), nor a chat
# closed or a session ended (wrap-ups).
UNAVAILABLE = Shape(
    (
        "available offered supported eligible possible covered accepted allowed permitted open",
        r"\b(?:isn'?t|is not|aren'?t|are not|not|no longer) (?:currently |yet |available |eligible )?"
        r"(?:available|offered|supported|eligible|possible|covered|accepted|allowed|permitted|open)\b",
    ),
    (  # not the reassurance "You won't be charged until then"
        "cant cannot wont t",
        r"\b(?:can'?t|cannot|can not) be \w+(?:ed|en)\b"
        r"|\bwon'?t be (?!charged|billed|affected|deducted|debited|penali[sz]ed|lost|deleted)\w+(?:ed|en)\b",
    ),
    (
        "dont cant cannot unable able longer t",
        r"\bwe (?:don'?t|do not|can'?t|cannot|are unable to|aren'?t able to|no longer) (?:currently )?"
        r"(?:deliver|ship|fly|offer|accept|support|provide|serve|service|cover|operate|open|allow|change|issue|refund"
        r"|take|do|sell|stock|carry|have)\b",
    ),
    (
        "declined rejected blocked locked suspended disabled frozen",
        r"\b(?:is|are|was|were|has been|have been|got) (?:temporarily )?(?:declined|rejected)\b"
        r"|\b(?:is|are|was|were|has been|have been|got) temporarily (?:blocked|locked|suspended|disabled|frozen)\b"
        r"|\b(?:is|are|was|were|has been|have been|got) (?:blocked|locked|suspended|disabled|frozen)"
        r"(?= (?:after|due to|because|for \d|for now|until|for (?:your )?security))",
    ),
    (
        "available left stock sold booked",
        r"\bno (?:\w+ ){0,3}?(?:available|left|in stock)\b|\b(?:sold out|out of stock|fully booked)\b",
    ),
    (  # "There is none, that is the highest possible rating", "there is no cheaper flight that day"; not "there
        # are no other charges" (a fact, not a need refused)
        "none higher better cheaper closer bigger larger earlier",
        r"\bthere (?:is|are|'s) none\b"
        r"|\bthere (?:is|are|'s) no (?:higher|better|cheaper|closer|bigger|larger|earlier)\b"
        r"|\bthere (?:isn'?t|aren'?t) (?:any )?(?:higher|better|cheaper|closer|bigger|larger|earlier)\b",
    ),
    (  # "Maaf, tidak ada driver tersedia di sekitar Anda", "tidak ada kamar yang tersedia"
        "tersedia",
        r"\b(?:tidak|tdk|gak|ga|nggak|ngga) ada (?:\w+ ){1,3}?(?:yang |yg )?tersedia\b",
    ),
    (  # "Maaf Kak, tidak ada yang lebih murah di tanggal itu"; not "tidak ada transaksi lain" (a fact)
        "lebih",
        r"\b(?:tidak|tdk|gak|ga|nggak|ngga) ada (?:yang |yg )?(?:\w+ )?lebih (?:murah|tinggi|bagus|dekat|awal|cepat|besar)\b",
    ),
    (  # "Dr. Morrow is not able to make Monday @ 10 am": a time refused
        "able",
        r"\b(?:isn'?t|is not|aren'?t|are not|wasn'?t|was not|won'?t be|will not be) able to "
        r"(?:make|attend|meet|accommodate|fit|see)\b",
    ),
    ("expired ended", r"(?<!chat )(?<!session )(?<!conversation )\b(?:has |have |had )?(?:expired|ended on)\b"),
    ("closed", r"\b(?:we'?re|we are|is|are) (?:currently |now )?closed\b(?! (?:this|the) chat)"),
    ("eligible qualify meet", r"\b(?:not|isn'?t|aren'?t|don'?t|doesn'?t) (?:eligible|qualify|meet the)\b"),
    (
        "unfortunately",
        r"\bunfortunately\b(?:\b(?:dr|mrs?|ms|st|prof)\.|[^.!?\n]){0,60}?"  # "Unfortunately Dr. Morrow is not …"
        r"\b(?:not|no|can'?t|cannot|don'?t|won'?t|isn'?t|aren'?t|unable)\b",
    ),
    (
        "afraid sorry",
        r"\b(?:i'?m afraid|i am afraid|(?:i'?m |we'?re )?sorry)\b[^.!?\n]{0,20}?\b(?:i|we) (?:can'?t|cannot|can not"
        r"|am unable to|are unable to|won'?t be able to)\b",
    ),
    (
        "dapat bisa",
        r"\b(?:tidak|tdk|gak|ga|nggak|belum|blm) (?:dapat|bisa) (?:di\w+|me\w+|\w+kan|\w+in|upgrade|beli|pakai|karena)\b",
    ),
    (
        "berlaku memenuhi mencukupi tersedia melayani menerima menyediakan mendukung kecover ter cover support",
        # not a purpose: "Balas BERHENTI untuk tidak menerima SMS info"
        r"(?<!untuk )\b(?:tidak|tdk|gak|ga|nggak|belum) (?:berlaku|memenuhi|mencukupi|tersedia|melayani|menerima"
        r"|menyediakan|mendukung|kecover|ter-?cover|support)\b",
    ),
    (
        "berakhir habis kosong tutup tercapai penuh expired batas stok stoknya",
        r"\b(?:sudah|udah|telah|sdh|dah) (?:berakhir|habis|kosong|tutup|tercapai|penuh|expired)\b"
        r"|\b(?:mencapai|melebihi) batas\b|\bstok(?:nya)? (?:habis|kosong)\b",
    ),
    (
        "ditolak dibekukan diblokir dinonaktifkan",
        r"\bditolak\b|\b(?:dibekukan|diblokir|dinonaktifkan) (?:sementara|karena|akibat|setelah|hingga|sampai)\b",
    ),
    (
        "penerbangan jadwal stok kamar slot kursi tiket",
        r"\btidak ada (?:\w+ ){0,2}?(?:penerbangan|jadwal|stok|kamar|slot|kursi|tiket)\b",
    ),
    (
        "another different other lain small big large full late early",
        r"\b(?:try|choose|pick|select) (?:a |an )?(?:another|different|other)\b|\b(?:coba|pilih|cari) (?:\w+ )?lain\b"
        r"|\bis too (?:small|big|large|full|late|early) for\b",
    ),
    (
        "perbaikan pemeliharaan maintenance libur tutup",
        r"\bsedang (?:dalam )?(?:perbaikan|pemeliharaan|maintenance)\b|\b(?:lagi|sedang) (?:libur|tutup)\b",
    ),
)

# The task done, with the customer's object: a participle of completion ("has been booked", "has now been
# dispatched", "Password updated.", "Payment successful!", "Transfer complete:", "frozen as requested"), the
# bot saying it did it ("We've unlocked your account", "I've now corrected the name"), or in Indonesian
# "sudah terverifikasi", "udah kita proses", "sudah kami buka", "aku udah batalin", "Kami sudah mengembalikan",
# "LUNAS".
_DONE = (
    r"(?:booked|cancell?ed|canceled|sent|re-?sent|submitted|refunded|processed|paid|linked|updated|reset|activated"
    r"|confirmed|reversed|dispatched|shipped|delivered|unlocked|unblocked|corrected|changed|credited|transferred"
    r"|approved|completed|renewed|registered|verified|re-?issued|issued|applied|saved|upgraded|redeemed|reactivated"
    r"|restored|topped up|added|removed|rescheduled|scheduled|released|lifted|reinstated|unfrozen|opened)"
)
SUCCESS = Shape(
    (
        "booked cancelled canceled sent resent submitted refunded processed paid linked updated reset activated opened "
        "confirmed reversed dispatched shipped delivered unlocked unblocked corrected changed credited transferred "
        "approved completed renewed registered verified reissued issued applied saved upgraded redeemed reactivated "
        "restored topped added removed rescheduled scheduled released lifted reinstated unfrozen weve ive ve",
        r"\b(?:has|have) (?:now |just |successfully |also )?(?:been (?:\w+ )?)?" + _DONE + r"\b"
        r"|\b(?:was|were) (?:now |just |successfully |also )?" + _DONE + r" (?:today|just now|successfully)\b"
        r"|\b(?:we'?ve|i'?ve|we have|i have) (?:now |just |successfully |also )?(?:un\w+ed|re-?(?:sent|issued|activated|booked|scheduled|stored|funded|opened|set)|"
        + _DONE
        + r")\b",
    ),
    ("scheduled confirmed", r"\b(?:is|are) (?:now )?(?:scheduled|confirmed)(?! for you)\b"),
    (  # "We declined the transaction and locked your card": what the customer asked for, against fraud
        "declined locked blocked froze frozen stopped",
        r"\b(?:we|i)(?:'ve| have)? (?:now |just |already )?(?:declined|locked|blocked|froze|frozen|stopped) "
        r"(?:the|your) (?:\w+ )?(?:transaction|card|payment|charge)s?\b",
    ),
    (
        "diterima received dikonfirmasi",
        r"\b(?:pembayaran|payment|dana|transfer|setoran|deposit)(?:nya|mu)? (?:anda |kamu |kakak |your )?"
        r"(?:sudah |telah |udah |has been |was |is )?(?:diterima|received|dikonfirmasi)\b",
    ),
    (
        "successful successfully complete done requested berhasil",
        r"(?:^|[.!] )(?:[\w-]+ ){1,3}(?:successful|complete)(?=\s*[.!:,]|\s*$)"
        r"|\bas requested\b|\bconsider it done\b|\b(?:successfully|berhasil) \w+"
        r"|^\W*(?:all )?done(?=\s*[!.,:])",  # "Done! Your appointment is now Wed", "Done, $5 credit added"
    ),
    (
        "sudah udah telah sdh lunas",
        r"\b(?:sudah|udah|telah|sdh) (?:berhasil )?(?:kami|kita|aku|saya|mimin) (?!catat|terima|teruskan|jadwalkan)\w+"
        r"|\b(?:kami|aku|saya|kita|mimin) (?:sudah|udah|telah|sdh) (?:me\w+|\w+in|\w+kan)\b"
        r"|\b(?:sudah|udah|telah|sdh) (?:ter(?:verifikasi|kirim|proses|daftar|bayar|aktivasi|konfirmasi|aktif)"
        r"|di(?:proses|kirim|batalkan|kembalikan|refund|aktifkan|perbarui|konfirmasi|bayar|setujui|verifikasi|ubah"
        r"|ganti|terbitkan|jadwalkan ulang))\b"
        r"|\blunas\b",
    ),
)

# A person promised, in a statement. In this chat ("transfer"): "connecting you to", "I'll pass you over to a
# human", "your chat has been escalated", "routing you to the next available advisor", "Agent Sarah has
# joined the chat", "looking for an available agent", "sedang menghubungkan ke operator", "Mimin sambungin ke
# tim CS", "chat ini saya alihkan ke", "Anda terhubung ke agen", "petugas akan membalas pesan Anda di sini".
TRANSFER = Shape(
    (
        "connecting transferring routing passing handing patching putting forwarding",
        r"\b(?:connecting|transferring|routing|passing|handing|patching|putting|forwarding) (?:you|this|your)\b",
    ),
    (
        "transfer pass hand connect route put forward bring get",
        r"\b(?:i'?ll|i will|let me|we'?ll|we will) (?:now )?(?:transfer|pass|hand|connect|route|put|forward|bring in|get)"
        r" (?:you|this|your \w+|someone|a (?:real |live )?(?:person|human|agent))\b",
    ),
    (
        "transferred escalated passed handed routed forwarded assigned handled joined",
        r"\b(?:is|are|has been|have been|being|now being) (?:being )?(?:transferred|escalated|passed|handed|routed"
        r"|forwarded|assigned|handled by)\b|\bescalated to\b|\b(?:has|have) joined the (?:chat|conversation)\b",
    ),
    ("over with join", r"\bwill (?:take over|be with you|join (?:you|the chat))\b"),
    (
        "agent advisor human person representative",
        r"\b(?:looking for|finding|find|waiting for) (?:you )?an? (?:available )?(?:agent|advisor|human|person|representative)\b",
    ),
    ("line queue", r"\bin (?:line|the queue) to (?:speak|talk|chat)\b"),
    (
        "menghubungkan hubungkan sambungkan sambungin alihkan mengalihkan dialihkan diarahkan oper teruskan "
        "meneruskan diteruskan terhubung",
        r"\b(?:menghubungkan|hubungkan|sambungkan|sambungin|alihkan|mengalihkan|dialihkan|diarahkan|oper|teruskan"
        r"|meneruskan|diteruskan|(?:anda|kamu|kakak|kak) (?:sudah |telah |sedang )?terhubung) (?:\S+ ){0,3}?(?:ke|dengan|kepada)\b",
    ),
    (
        "mencari nyari carikan cariin",
        r"\b(?:mencari|nyari|carikan|cariin) (?:\w+ )?(?:agen|cs|petugas|operator|admin)\b",
    ),
    (
        "melanjutkan lanjut lanjutkan sini urutan antrian",
        r"\b(?:akan|bakal) (?:melanjutkan|lanjut|lanjutkan) (?:\w+ ){0,2}?(?:percakapan|chat|obrolan)\b"
        r"|\blanjut bantu di (?:chat|sini)\b"
        r"|\b(?:akan|bakal) (?:membalas|balas|melayani|dilayani) (?:\w+ ){0,3}?(?:di sini|di chat ini|sesuai urutan)\b"
        r"|\bdilayani sesuai urutan\b|\bantrian anda\b",
    ),
)

# A person promised, in a statement, later and elsewhere ("callback"): "Someone from our team will follow up
# by email", "Our rep will text you", "We'll let you know by email", "Expect an email from our Claims Team",
# "Tim kami akan menghubungi Anda", "tim kami bakal follow up lewat email", "nanti admin yang chat duluan",
# "Nanti kami kabari lagi", "kami akan membalas pada jam kerja berikutnya".
CALLBACK = Shape(
    (
        "contact call email text reach follow get let notify message expect menghubungi hubungi kabari mengabari "
        "membalas telepon menelepon chat callback",
        r"\b(?:will|'ll|shall) (?:\w+ ){0,2}?(?:contact you|call you|email you(?! (?:a|an|the|your)\b)|text you"
        r"|reach out|follow up|get back to you|let you know|notify you|message you)\b"
        r"|\bexpect (?:an? )?(?:email|call|message|text) from\b|\bdaftar callback\b|\btunggu telepon\b"
        r"|\b(?:akan|bakal|nanti) (?:\w+ ){0,2}?(?:menghubungi|hubungi|kabari|mengabari|follow up|menelepon|telepon)\b"
        r"|\bnanti \w+ (?:yang )?chat duluan\b"
        r"|\b(?:akan|bakal) (?:membalas|balas) (?:pada|di|dalam) (?:jam|hari|waktu)\b",
    ),
    (
        "jadwalkan menjadwalkan dijadwalkan scheduled arranged booked",
        r"\b(?:sudah|udah|telah) (?:kami |saya |aku )?(?:jadwalkan|menjadwalkan|dijadwalkan) (?:\w+ )?(?:telepon|telpon"
        r"|panggilan|kunjungan|callback)\b"
        r"|\b(?:i'?ve|we'?ve|i have|we have) (?:now )?(?:scheduled|arranged|booked) (?:a |an )?(?:call|callback|call-back"
        r"|visit)\b",
    ),
)

# Wrapping up, in its shape: the chat or session ends or will ("Session ended due to inactivity", "This chat
# has been closed", "we'll close this chat", "Sesi habis", "chat ini akan kami tutup", "Dengan ini percakapan
# kami akhiri"), a rating or survey asked for, or a farewell ("we hope to serve you again", "Jangan ragu
# hubungi kami lagi"). These say nothing more, so a longer turn may hold one and still only wrap up.
CLOSING = Shape(
    (
        "ended closed timed expired close berakhir ditutup habis tutup akhiri end",
        r"\b(?:chat|session|conversation|percakapan|sesi|obrolan)\b(?: \S+){0,3} (?:ended|closed|timed out|has expired"
        r"|will (?:now )?close|berakhir|ditutup|habis|kami (?:tutup|akhiri)|akan (?:kami )?(?:tutup|akhiri|ditutup))\b"
        r"|(?<!not )(?<!n't )(?<!jangan )\b(?:close|end|tutup|akhiri) (?:dulu )?(?:this|the|percakapan|chat|sesi|obrolan)\b"
        r"(?: (?:chat|ini))?",
    ),
    (
        "rate survey survei nilai experience pengalaman",
        r"\b(?:rate (?:us|your|our)|beri (?:nilai|rating)|nilai pengalaman|survey|survei)\b|\bhow was your experience\b"
        r"|\bbagaimana pengalaman\b|\bhow would you rate\b",
    ),
    (
        "hope jumpa ragu free",
        r"\bhope to (?:serve|see|hear from) you again\b|\bsampai jumpa\b"
        r"|\bjangan ragu (?:untuk )?(?:hubungi|menghubungi|chat)\b|\bfeel free to (?:message|contact|reach|chat)\b",
    ),
    statements_only=False,
)

# An offer of more help ("Is there another order you'd like me to check?", "If you have no further questions",
# "Apakah masih ada yang ingin ditanyakan", "Ada hal lain yang perlu kami bantu"): a wrap-up only in a short
# turn, since a longer one ("Your booking is confirmed… Anything else?") did something first.
MORE_HELP = Shape(
    (
        "else another further nothing lain lagi masih",
        r"\b(?:anything else|another order|no further questions|nothing else)\b"
        r"|\b(?:masih ada|ada (?:hal )?lain|ada lagi) (?:yang|yg) (?:ingin|mau|perlu|bisa)\b",
    ),
    statements_only=False,
)

# An apology and nothing else: "I am sorry.", "Sorry about that!", "I apologize for the inconvenience.", "Mohon
# maaf atas ketidaknyamanannya ya kak 🙏". It does nothing about what the customer said, so it answers nothing.
_APOLOGY_ONLY = re.compile(
    r"\W*(?:(?:i'?m|i am|i|we'?re|we are|we|so|very|really|truly|terribly|deeply|again)\s+)*"
    r"(?:sorry|apologi[sz]e|apologies|my apologies|our apologies|(?:mohon |minta )?maaf(?:kan)?(?: kami| saya)?)"
    r"(?:[\s,]+(?:about that|for that|for (?:the|any|this) (?:inconvenience|trouble|confusion)|to hear that"
    r"|atas ketidaknyamanan(?:nya)?|(?:ya|yah)(?: kak| kakak| bapak| ibu| pak| bu)?|kak|kakak|pak|bapak|bu|ibu"
    r"|sekali|banget))*"
    r"[^\w?]*",
    re.IGNORECASE,
)


def apologises_only(text: str) -> bool:
    """Whether a bot's `text` is an apology and nothing else ("I am sorry.")."""
    return len(text) <= 80 and _APOLOGY_ONLY.fullmatch(text.strip().replace("’", "'")) is not None
