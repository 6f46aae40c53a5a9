"""Which offered button (or choice) a customer's reply picks.

On SMS and in WhatsApp text fallbacks the buttons arrive as a numbered
list, and customers answer "2", "2.", "no 2", "nomor 2", "pilih yang
kedua", "option two". Elsewhere they tap the button, which sends its title,
or type the title in their own case and spacing ("cek  PESANAN").
"""

from __future__ import annotations

from collections.abc import Sequence

from alur.flows.nlu.lexicon import Lexicon

# Words that may come before the number: "no 2", "pilih yang 2", "option 2".
_LEADS = frozenset("no nomor nmr number num nr opsi option pilihan pilih choice choose pick angka yang the ke".split())
# Words that may follow it: "2 aja", "2 ya kak", "the 2nd one".
_TAILS = frozenset("saja aja ya dong deh kak please one yang itu nya".split())
_NUMBER_WORDS = {
    word: number
    for number, spellings in enumerate(
        (
            "satu pertama one first 1st",
            "dua kedua two second 2nd",
            "tiga ketiga three third 3rd",
            "empat keempat four fourth 4th",
            "lima kelima five fifth 5th",
            "enam keenam six sixth 6th",
            "tujuh ketujuh seven seventh 7th",
            "delapan kedelapan eight eighth 8th",
            "sembilan kesembilan nine ninth 9th",
            "sepuluh kesepuluh ten tenth 10th",
        ),
        start=1,
    )
    for word in spellings.split()
}


def match_button(text: str, titles: Sequence[str], lexicon: Lexicon | None = None) -> int | None:
    """The 0-based index of the button `text` picks, or None.

    A title typed in any case, spacing or punctuation wins; then a reply that
    is a number from 1 to len(titles), alone or with the usual words around
    it ("no 2", "yang kedua aja"); then a title said with filler around it
    ("cek pesanan dong"). A number beyond the list picks the one title that
    holds that number ("6" from "1 bulan", "3 bulan", "6 bulan"), else nothing.
    Text is read with `lexicon` (alur's built-in lists by default).
    """
    lexicon = lexicon or Lexicon.builtin()
    words = lexicon.words
    said = words(text)
    if not said:
        return None
    spoken = [words(title) for title in titles]
    for index, title in enumerate(spoken):
        if title == said:
            return index
    number = _number_reply(said)
    if number is not None:
        if 1 <= number <= len(titles):
            return number - 1
        # "6" when the buttons are "1 bulan", "3 bulan", "6 bulan"
        holding = [i for i, title in enumerate(spoken) if str(number) in title]
        return holding[0] if len(holding) == 1 else None
    fillers = lexicon.stopwords
    content = [w for w in said if w not in fillers]
    if content:
        for index, title in enumerate(spoken):
            if [w for w in title if w not in fillers] == content:
                return index
    return None


def menu_number(text: str, lexicon: Lexicon | None = None) -> int | None:
    """The number a reply like "2", "no 2", "(3)", "yang kedua aja" picks from
    a numbered menu, or None: what `match_button` reads, for those (audit)
    who judge replies without the menu's buttons."""
    return _number_reply((lexicon or Lexicon.builtin()).words(text))


def _number_reply(said: list[str]) -> int | None:
    """The number a reply like "2", "no 2", "yang kedua aja" gives, or None."""
    start, end = 0, len(said)
    while start < end and said[start] in _LEADS:
        start += 1
    while end > start and said[end - 1] in _TAILS:
        end -= 1
    if end - start != 1:
        return None
    word = said[start]
    if word.isdigit() and len(word) <= 3:
        return int(word)
    return _NUMBER_WORDS.get(word)
