"""Whether a customer's turn asks for a human agent.

The phrase lists are data files of this package, Indonesian and English,
always both, whatever the flow's locale, because customers mix them:

- `handoff_id.txt`, `handoff_en.txt`: phrases that ask for a human wherever
  they stand ("manusia", "orang asli", "real person", "talk to someone");
- `handoff_asked.txt`: words that name a human agent but are just as often
  a way to address the bot ("min, pesanan saya belum sampai", "Halo CS,
  ...") or a mention ("operator seluler saya"). They count only when asked
  for: after a cue word of `handoff_cues.txt` ("mau ke admin", "talk to an
  agent"), with "-nya" ("adminnya mana?"), asked where they are ("admin
  mana sih", "where is the agent"), or alone with nothing but filler and
  words of urgency ("CS dong!", "agent pls", "agent now");
- `handoff_negations.txt`: "tidak perlu", "don't need", ... earlier in the
  same sentence cancel a phrase, until a word of wanting or contrast ("mau",
  "tapi", "want", "but") starts a new thought; `handoff_about_bot.txt`
  ("are you a", "kamu manusia", "you sound like") do the same: a question or
  remark about the bot's nature is not a request.

Someone unnamed ("orang", "someone", "anyone", Sundanese "jalmi") followed
in the sentence by a verb of contacting, whatever its affixes ("telpon",
"dihubungi", "disambungkan", "call", "speak") is asked for too: "ada orang
yg bisa aku telpon?", "can someone call me?"; so is someone after a verb of
contacting and "with" or "to", in any register: "sambungin lagi ke orangnye
tadi" (Betawi), "iso ngomong karo wong e?" (Javanese). "saya telpon orang
rumah" is the customer calling their own people, "saya sudah bicara dengan
orang bank" is said of before.

Beyond the lists, the shapes that asking for a person takes (a verb of
handing over, then "to" and a person; wanting a person; "a person who can";
served by a person; a call to the customer; a person, not the bot; the
person alone) are read by `person_asked.py`, whose docstring lists them.
No sentence that supposes or tells of before asks ("If I wanted to speak to
someone, would that cost extra?", "kirain org beneran").

A preposition cue ("to", "ke", "with", "sama") asks for the agent word after
it only at the start of the sentence ("ke CS dong") or after a word of
wanting, contact or complaint ("mau komplain ke atasan", "talk to a
manager"): "he was promoted to manager" mentions one.

Phrases match whole normalised words, so "cs" never fires inside "focus"
and "gk mau ngomong sama CS" reads as "tidak mau bicara sama cs".

A project adds its own always-phrases through its lexicon
(`Lexicon.extended(handoff_phrases=...)`); `is_handoff_request(text)` uses
the built-in lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from alur.flows.nlu.lexicon import Lexicon, LexiconError, read_lines
from alur.flows.nlu.person_asked import (
    OWN,
    ROLES,
    TITLED,
    TO,
    asks_by_shape,
    may_ask_by_shape,
    not_now,
    stem,
    turns_bot_down,
)

_SENTENCE = re.compile(r"[.,;:!?\n()\[\]]+")
_GREETINGS = frozenset("halo hallo helo hai hi hello hey pagi siang sore malam selamat permisi assalamualaikum".split())
# After a negation, these start a new thought: "tidak mau bot, mau manusia".
_RESETS = frozenset("mau ingin minta butuh tapi melainkan want need but instead rather".split())
# What someone else said: only contrast ends its reach ("drivernya bilang mau lapor ke atasannya dulu" is the driver's
# wish; "dia bilang gitu, tapi saya mau ke CS" is the customer's).
_REPORTED = frozenset("bilang katanya kata said told".split())
_CONTRAST = frozenset("tapi melainkan but instead rather".split())
# Words of urgency that may stand beside an agent word asked for alone: "agent now", "CS sekarang".
_URGENT = frozenset("now asap immediately right away sekarang segera cepat langsung buruan".split())
# Asking where, who or whether the agent is: "admin mana sih", "adminnya ada ga?", "who is your manager?".
_WHERE = frozenset("mana kemana where who whos siapa ada adakah".split())
# "tidak": the question tag of "adminnya ada ga?"; "tadi": the one from before ("admin yg tadi mana?");
# "asli": the real one ("admin yg asli mana?")
_WHERE_FILLER = frozenset("di ke tidak tadi yang asli beneran earlier before real disini sini disana sana".split())
# Impatience that may stand beside asking where the agent is: "CS mana sih, lama banget".
_IMPATIENT = frozenset("lama lambat banget belum blm kok slow long still yet".split())
# Cues that are only prepositions: they ask for an agent only after a word of wanting (see _asked_for).
_PREPOSITIONS = frozenset("ke sama dengan to with via lewat".split())
# Asking and complaining are wanting to reach someone: "bisa ke agent?", "mau komplain ke atasan kamu".
_ASKING = frozenset(
    "komplain complain complaint pengaduan aduan ngadu mengadu lapor laporkan adukan report tolong mohon please bisa boleh "
    "can could".split()
)
# Someone unnamed (any register): with a verb of contacting in the same sentence they are the
# person asked for: "ada orang yang bisa saya telpon?", "can someone call me?", "aya jalmi nu
# tiasa dihubungi?", "got anyone I can talk to", "is there a human I could speak with?".
SOMEONE = frozenset(
    "someone somebody anyone anybody human person orang manusia jalmi jelema tiyang wong petugas tao".split()
)
_SOMEONE_NYA = frozenset(word + suffix for word in SOMEONE for suffix in ("nya", "na"))  # "orangnya", "petugasna"
_SOMEONE_NYE = frozenset(word + "nye" for word in SOMEONE)  # Betawi "orangnye"
# Said of contacting someone before, not asking now: "saya sudah bicara dengan orang bank".
_DONE_BEFORE = frozenset("sudah udah udh dah pernah already".split())
_PROMISE = frozenset("will akan".split())
_BEFORE_A_NOUN = frozenset("my our his her and".split())  # "my phone", "email and phone": a thing, not a call
# Between a verb of contacting and "with"/"to": "sambungin lagi ke", "bicara langsung dengan".
_AGAIN = frozenset("lagi balik kembali langsung again back directly".split())
# Verbs of contacting, by stem; "di-" passives and "-in"/"-kan"/"-i" endings are read by `stem`.
_CONTACT = frozenset(
    "call callback phone ring talk speak contact reach telepon telpon hubung sambung bicara ngomong ngobrol omong".split()
)
Phrase = tuple[str, ...]


def _phrases(entries: Iterable[tuple[str, str]], words: Callable[[str], list[str]]) -> list[Phrase]:
    phrases = []
    for where, line in entries:
        phrase = tuple(words(line))
        if not phrase:
            raise LexiconError(f"{where}: {line!r} has no words")
        phrases.append(phrase)
    return phrases


def _builtin(name: str) -> list[tuple[str, str]]:
    return [(f"{name}:{number}", line) for number, line in read_lines(name)]


def _by_first_word(phrases: list[Phrase]) -> dict[str, list[Phrase]]:
    """First word -> phrases starting with it, longest first."""
    index: dict[str, list[Phrase]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return index


def _match_at(tokens: list[str], i: int, index: dict[str, list[Phrase]]) -> int:
    """Length of the longest phrase of `index` starting at tokens[i], or 0."""
    for phrase in index.get(tokens[i], ()):
        if tuple(tokens[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _anyone_to_contact(tokens: list[str]) -> bool:
    """ "ada yang bisa saya telpon?": "anyone" said as "ada yang", then,
    within a few words, a verb of contacting."""
    for i in range(len(tokens) - 2):
        if tokens[i] == "ada" and tokens[i + 1] == "yang" and tokens[i + 2] in ("bisa", "dapat"):
            if any(stem(t) in _CONTACT for t in tokens[i + 3 : i + 6]):
                return True
    return False


_THANKS = frozenset("thank thanks kasih makasih".split())
# How Indonesian customers address whoever answers, bot or person: "admin tolong dong, …", "CS, pesanan saya …".
_ADDRESS_WORDS = frozenset("admin cs kakak".split())
# Verbs of putting through, by stem, said alone: "CS mitra mana sih, sambungin", "agent. connect me now".
_PUT_THROUGH = frozenset("sambung connect transfer oper alih escalate eskalasi".split())
_ALONE_WITH = frozenset(
    "me saya aku gw gue please pls tolong dong aja saja now sekarang segera buruan cepat lagi again back".split()
)


def _connect_alone(tokens: list[str]) -> bool:
    """Whether a sentence is a verb of putting through and nothing but
    "me", politeness or urgency ("sambungin", "connect me please"): with a
    person named elsewhere in the turn, a request."""
    return bool(tokens) and stem(tokens[0]) in _PUT_THROUGH and all(t in _ALONE_WITH for t in tokens[1:])


def _own_at(tokens: list[str], k: int) -> bool:
    """Whether tokens[k], after an agent word, makes it the customer's own:
    "atasan saya", "bos aku"."""
    return k < len(tokens) and tokens[k] in OWN


def _instead_of_the_bot(words: list[str]) -> bool:
    """Whether `words` are "instead of" the bot ("instead of you", "instead
    of the bot", "instead of this" ending the sentence): turning the bot
    down, no negation of what was asked."""
    if words[:2] != ["instead", "of"]:
        return False
    rest = [word for word in words[2:] if word not in ("a", "the", "this")]
    return rest[:1] in (["you"], ["bot"], ["chatbot"], ["robot"], ["machine"]) or words[2:] == ["this"]


class HandoffDetector:
    """The handoff judgment with one lexicon's phrases, slang and filler words."""

    def __init__(self, lexicon: Lexicon):
        words = self._words = lexicon.words
        self.always = _by_first_word(_phrases(lexicon.handoff_phrases, words))
        self.asked = _by_first_word(_phrases(_builtin("handoff_asked.txt"), words))
        self.cues = frozenset(w for phrase in _phrases(_builtin("handoff_cues.txt"), words) for w in phrase)
        self.negations = _by_first_word(
            _phrases(_builtin("handoff_negations.txt") + _builtin("handoff_about_bot.txt"), words)
        )
        self.fillers = lexicon.stopwords
        # one-word agent names, someone unnamed and roles: the person words of person_asked's shapes
        self.people = frozenset(p[0] for p in _phrases(_builtin("handoff_asked.txt"), words) if len(p) == 1)
        self.people |= SOMEONE | ROLES

    def _split_nya(self, tokens: list[str]) -> list[str]:
        """ "adminnya" -> "admin nya", so that the definite "-nya" can be seen."""
        out = []
        for token in tokens:
            if token.endswith("nya") and (token[:-3] in self.asked or (token[:-3],) in self.always.get(token[:-3], ())):
                out += [token[:-3], "nya"]
            elif token in _SOMEONE_NYE:
                out.append(token[:-1] + "a")  # Betawi: "orangnye" is "orangnya"
            else:
                out.append(token)
        return out

    def is_request(self, text: str) -> bool:
        """Whether `text` asks for a human agent (see the module docstring)."""
        always, asked, negations, fillers = self.always, self.asked, self.negations, self.fillers
        sentences = [self._split_nya(self._words(part)) for part in _SENTENCE.split(text)]
        greeted = any(t in _GREETINGS for tokens in sentences for t in tokens)
        # an agent word of the customer's own ("atasan saya yg admin"): no agent word alone asks
        owned = any(t in self.asked and _own_at(tokens, k + 1) for tokens in sentences for k, t in enumerate(tokens))
        # the turn's words that are neither filler nor greeting nor urgency nor an agent word
        content = [
            t
            for tokens in sentences
            for t in tokens
            if t not in fillers and t not in _GREETINGS and t not in _URGENT and t not in asked
        ]
        named_person = False  # a person word in a sentence not negated: with the bot turned down, a request
        shaped = may_ask_by_shape(text, [t for tokens in sentences for t in tokens], self.people)
        addressed = self._addresses_first(sentences)
        for position, tokens in enumerate(sentences):
            if not_now(tokens):
                continue
            negated = reported = False
            first_negation = len(tokens)  # where the sentence's first negation starts
            i = 0
            while i < len(tokens):
                length = _match_at(tokens, i, negations)
                if (
                    length
                    and not (
                        (tokens[i] == "sudah" and tokens[i - 1 : i] == ["ya"])  # "yaudah" is "ok then"
                        or _instead_of_the_bot(tokens[i : i + length + 2])  # "… I can talk to instead of you"
                    )
                ):
                    first_negation = min(first_negation, i)
                    negated, reported, i = True, tokens[i] in _REPORTED, i + length
                    continue
                if tokens[i] in (_CONTRAST if reported else _RESETS):
                    negated = reported = False
                length = _match_at(tokens, i, always)
                if length and not negated:
                    return True
                if not length:
                    length = _match_at(tokens, i, asked)
                    if length and not negated and self._asked_for(tokens, i, length, content, greeted or owned):
                        return True
                i += max(length, 1)
            # a shape before the sentence's first negation still asks: "tolong saya disambungkan sama orang
            # gaskeunnya langsung saja, saya sudah tua tidak paham begini"
            asking = tokens[:first_negation] if negated else tokens
            if self._someone_to_contact(asking):
                return True
            if shaped and not (addressed and position == 0) and asks_by_shape(asking, self.people, fillers):
                return True
            named_person = named_person or (shaped and not negated and not self.people.isdisjoint(tokens))
        if self._called_last(sentences):
            return True
        titled = any(not TITLED.isdisjoint(tokens) for tokens in sentences)  # "mas Rizky yg tadi mana? sambungin lagi"
        if (named_person or titled) and any(_connect_alone(tokens) for tokens in sentences):
            return True
        return named_person and turns_bot_down(sentences)

    def _addresses_first(self, sentences: list[list[str]]) -> bool:
        """Whether the turn opens by addressing the admin ("admin tolong
        dong, nama di tiket kapal sy kebalik"): an address word and
        politeness, then the need in a sentence of its own."""
        said = [tokens for tokens in sentences if tokens]
        if len(said) < 2 or said[0][0] not in _ADDRESS_WORDS:
            return False
        return any(t not in self.fillers and t not in _URGENT for tokens in said[1:] for t in tokens)

    def _called_last(self, sentences: list[list[str]]) -> bool:
        """Whether the turn ends, after something else, on an agent word
        alone ("24 hours?? I'm standing at the airport. operator!!"); at the
        start it only addresses ("Admin, tolong cek")."""
        said = [tokens for tokens in sentences if tokens]
        if len(said) < 2 or not_now(said[-1]) or any(_THANKS.intersection(tokens) for tokens in said):
            return False  # "makasih ya. admin": thanks to whoever answered
        last = said[-1]
        length = _match_at(last, 0, self.asked)
        if _own_at(last, length):
            return False  # "atasan saya yg admin": the customer's own
        return bool(length) and all(t in _URGENT or t in self.fillers for t in last[length:])

    def _asked_for(self, tokens: list[str], i: int, length: int, content: list[str], not_alone: bool) -> bool:
        """Whether the agent word at tokens[i:i+length] is asked for, rather than
        a form of address or a mention."""
        fillers = self.fillers
        if _own_at(tokens, i + length):
            return False  # the customer's own: "atasan saya yg admin", "bos aku"
        said = tokens[i + length : i + length + 2]
        if said[:1] in (["nya"], ["na"]):
            said = said[1:]
        if said and said[0] in _REPORTED:
            return False  # what the agent said: "td sy telpon CS nya blg refund 14 hari"
        for position in range(i - 1, -1, -1):
            before = tokens[position]
            if before in self.cues or stem(before) in _CONTACT:
                return before not in _PREPOSITIONS or position == 0 or self._wanted_before(tokens[:position])
            if before not in fillers:
                break
        after = tokens[i + length :]
        if after[:1] in (["nya"], ["na"]) and all(
            t in fillers or t in _URGENT or t in _WHERE or t in _WHERE_FILLER for t in after[1:]
        ):
            return True  # "CS nya dong", "adminnya mana?"; not "CS nya bilang refund 3 hari"
        phrase_words = set(tokens[i : i + length])
        not_yet = "ada" in tokens and "belum" in tokens[: tokens.index("ada")]  # "blm ada min": not yet
        if (
            _WHERE.intersection(tokens)
            and not not_yet
            and all(
                t in phrase_words
                or t in _WHERE
                or t in _WHERE_FILLER
                or t in fillers
                or t in _GREETINGS
                or t in _IMPATIENT
                or t == "nya"
                for t in tokens
            )
        ):
            return True  # the sentence only asks where the agent is: "admin mana sih?", "CS mana, lama banget"
        return not not_alone and all(t in phrase_words for t in content)

    @staticmethod
    def _someone_to_contact(tokens: list[str]) -> bool:
        """Someone unnamed, then a verb of contacting: "ada orang yg bisa aku telpon?",
        "can someone call me?"; not "saya telpon orang rumah dulu" (the customer calls).
        Or a verb of contacting, then "with" or "to" someone: "sambungin lagi ke
        orangnya", "iso ngomong karo wong e?"; not "saya sudah bicara dengan orang
        bank" (done before) nor "mau ngomong sama orang tua dulu" (the customer's own)."""
        if _anyone_to_contact(tokens):
            return True
        people = [i for i, t in enumerate(tokens) if t in SOMEONE or t in _SOMEONE_NYA]
        if not people:
            return False
        if any(
            stem(t) in _CONTACT and tokens[j - 1] not in _PROMISE and tokens[j - 1] not in _BEFORE_A_NOUN
            for j, t in enumerate(tokens)
            if j > people[0]
        ):
            return True  # not a promise recalled ("someone from your team will call me tomorrow, right?"), nor a thing
            # ("someone changed my email and phone")
        for i in people:
            before = i - 1
            if before < 1 or tokens[before] not in TO or tokens[i + 1 : i + 2] and tokens[i + 1] in OWN:
                continue
            verb = before - 1
            while verb > 0 and tokens[verb] in _AGAIN:
                verb -= 1
            if stem(tokens[verb]) in _CONTACT and not _DONE_BEFORE.intersection(tokens[:verb]):
                return True
        return False

    def _wanted_before(self, tokens: list[str]) -> bool:
        """Whether a word of wanting, contact or complaint comes before a
        preposition cue in its sentence: "mau komplain ke", "talk to"."""
        return any(
            (t in self.cues and t not in _PREPOSITIONS) or stem(t) in _CONTACT or t in _RESETS or t in _ASKING
            for t in tokens
        )


def is_handoff_request(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether `text` asks for a human agent (see the module docstring), by
    the built-in lists unless a project's `lexicon` is given."""
    return (lexicon or Lexicon.builtin()).handoff.is_request(text)
