"""Match keys for words: what two spellings of one word have in common.

Intent matching compares keys, not words, so that "pesanannya", "pesanan"
and "dipesan"... line up with a flow's examples without a dictionary:

- doubled letters collapse ("cancell" -> "cancel", "maaf" -> "maf"), which
  also absorbs two-letter stretching ("siapp") and English double
  consonants ("cancelled" / "canceled");
- a light stemmer strips common suffixes: -nya -lah -kah -ku -mu, then
  -kan -an -in -i; English -s -ed -ing and a final -e.

Prefixes are different: "di-" starts "dikirim" but also "discount", "mel-"
starts "melihat" and "melon". So `unprefixed` offers the prefix-less keys
(di- ter- ber-; chat's ke- for ter-/di- "keblokir" -> "blokir", nge- and
ng- before a vowel "ngecek" -> "cek", "ngurus" -> "urus"; and me-/pe- where
the root's first sound is certain: "membatalkan" -> "batal", "pembayaran"
-> "bayar", "menyampaikan" -> "sampai") and the matcher only uses them when the whole word is not a word
of the flow's examples. Where me-/pe- may have swallowed the root's first
letter ("mengirim" <- "kirim", but "mengambil" <- "ambil") nothing is
offered: guessing without a dictionary joins unrelated words, and a false
match costs more than a missed one.

For a word the examples do not have, the matcher also tries what
customers do to an example's word: a regional possessive ("saldone",
"jadwalna": `regional_stems`), vowels left out ("gnti": `skeleton`,
`drops_vowels_of`) and two neighbouring letters swapped ("cancle": `swaps`).

Both sides of a comparison go through the same functions, so a stem only
has to be consistent, not correct.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_DOUBLES = re.compile(r"([^\W\d_])\1+")
# (affix, shortest stem it may leave)
_PARTICLES = (("nya", 4), ("lah", 4), ("kah", 4), ("ku", 4), ("mu", 4))
_SUFFIXES = (("kan", 4), ("an", 4), ("in", 4), ("ing", 3), ("ed", 3), ("i", 4), ("s", 4))
_PREFIXES = (("di", 3), ("ter", 4), ("ber", 4), ("ke", 4), ("nge", 3), ("ng", 4))
# me-/pe- before a letter they never swallow: (start, letters to drop, letters to put back)
_NASAL = (
    ("mengh", 4, ""),
    ("mengg", 4, ""),
    ("pengh", 4, ""),
    ("pengg", 4, ""),
    ("memb", 3, ""),
    ("pemb", 3, ""),
    ("mend", 3, ""),
    ("menc", 3, ""),
    ("menj", 3, ""),
    ("pend", 3, ""),
    ("penc", 3, ""),
    ("penj", 3, ""),
    ("menya", 4, "s"),
    ("menyi", 4, "s"),
    ("menyu", 4, "s"),
    ("menye", 4, "s"),
    ("penya", 4, "s"),
    ("penyi", 4, "s"),
    ("penyu", 4, "s"),
    ("penye", 4, "s"),
    ("mel", 2, ""),
    ("mer", 2, ""),
    ("mew", 2, ""),
)


def _strip_suffix(word: str, affixes: tuple[tuple[str, int], ...]) -> str:
    for affix, shortest in affixes:
        if word.endswith(affix) and len(word) - len(affix) >= shortest:
            return word[: -len(affix)]
    return word


_PARTICLE_ENDS = tuple(affix for affix, _ in _PARTICLES)
_SUFFIX_ENDS = tuple(affix for affix, _ in _SUFFIXES)


def key(word: str) -> str:
    """The match key of one normalised word: suffixes off, doubles collapsed.
    Most words end in no affix: one `endswith` of all of them rules that out."""
    if not word.isalpha():
        return word
    if word.endswith(_PARTICLE_ENDS):
        word = _strip_suffix(word, _PARTICLES)
    word = _DOUBLES.sub(r"\1", word)
    for _ in range(2):  # "sampaikan" -> "sampai" -> "sampa", like "sampai"
        if not word.endswith(_SUFFIX_ENDS):
            break
        word = _strip_suffix(word, _SUFFIXES)
    return _strip_suffix(word, (("e", 4),))  # "change", "changed", "changing"


def unprefixed(word: str) -> list[str]:
    """Keys of the word with a prefix taken off, most likely first:
    "dikirim" -> ["kirim"], "membatalkan" -> ["batal"], "diterima" ->
    ["terima"]. Only worth trying when the whole word is unknown: "discount"
    is not "di-" + "scount"."""
    if not word.isalpha():
        return []
    word = _strip_suffix(word, _PARTICLES)
    for start, drop, put_back in _NASAL:
        if word.startswith(start) and len(word) - drop + len(put_back) >= 4:
            return [key(put_back + word[drop:])]
    found = []
    for affix, shortest in _PREFIXES:
        if word.startswith(affix) and len(word) - len(affix) >= shortest:
            rest = word[len(affix) :]
            found.append(key(rest))
            found += [k for k in unprefixed(rest) if k not in found]
    return found


_VOWELS = frozenset("aeiou")
# Possessive endings of regional speech and chat, after the shortest stem
# they may leave: Javanese -ne ("saldone", "kartune") and -e after a
# consonant ("tagihane"), Sundanese -na ("jadwalna"), chat's -ny for -nya.
_REGIONAL_ENDINGS = (("ne", 4), ("na", 4), ("ny", 3), ("e", 5))


def regional_stems(word: str) -> list[str]:
    """Keys of the word without a regional possessive ending, each ending
    that fits: "saldone" -> ["saldo", "saldon"]. Only worth trying when the whole word is unknown:
    "machine" and "bahasa" end so too."""
    if not word.isalpha():
        return []
    return [
        key(word[: -len(ending)])
        for ending, shortest in _REGIONAL_ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= shortest and (ending != "e" or word[-2] not in _VOWELS)
    ]


def skeleton(word: str) -> str:
    """The word's consonants in order: what is left when a customer drops
    the vowels ("gnti" for "ganti", "tghn" for "tagihan", "lstrk" for
    "listrik"). Empty for a word with a digit or fewer than two consonants:
    too little is left to tell words apart."""
    if not word.isalpha():
        return ""
    consonants = "".join(letter for letter in word if letter not in _VOWELS)
    return consonants if len(consonants) >= 2 else ""


def drops_vowels_of(short: str, full: str) -> bool:
    """Whether `short` is `full` with some of its vowels left out (never its
    first letter): "bayr" of "bayar" and "psng" of "pasang", but not "yr" of
    "bayar" nor "bsr" of "bayar"."""
    if len(short) >= len(full) or short[:1] != full[:1]:
        return False
    rest = iter(full)
    return all(letter in rest for letter in short) and skeleton(short) == skeleton(full)


def swaps(word: str) -> Iterator[str]:
    """The word with two neighbouring letters swapped, each pair in turn:
    the typo of fast thumbs ("cancle" for "cancel", "trakcing")."""
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
