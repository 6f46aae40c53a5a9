"""WhatsApp's own wording in chat exports, in the languages phones export in.

WhatsApp writes placeholders ("<Médias omis>", "imagen omitida"), deleted-
and edited-message markers and notices (encryption, security code, missed
calls) in the language of the phone that exported the chat. They are data,
not code: whatsapp_notices.tsv lists them, one row per language and kind,
with its sources; this module turns the rows into the few patterns the
importer asks about.

Text is compared folded (`fold`): NFC, case-folded, zero-width non-joiners
removed (Persian keeps or drops them), runs of spaces made one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA = "whatsapp_notices.tsv"
# iOS placeholder kinds as they appear in a turn's "media"
MEDIA_KINDS = ("image", "video", "audio", "sticker", "gif", "contact", "document")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """How exports and the data file are compared."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).replace("\u200c", "")
    return _SPACES.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class Wording:
    notice: re.Pattern[str]  # a WhatsApp notice: matches the start of a folded text
    deleted: re.Pattern[str]  # a deleted message: the whole folded text
    edited: re.Pattern[str]  # the edited marker at the end of a (raw) text
    media: re.Pattern[str]  # a media placeholder: the whole folded first line
    kinds: dict[str, str]  # folded placeholder word → media kind, for the `kind` group

    def is_notice(self, text: str) -> bool:
        return self.notice.match(fold(text)) is not None

    def is_deleted(self, text: str) -> bool:
        return self.deleted.fullmatch(fold(text)) is not None

    def without_edited(self, text: str) -> str:
        return self.edited.sub("", text) if text.endswith(">") else text

    def media_of(self, line: str) -> str | None:
        """The media kind a placeholder line stands for ("image", "media",
        "location", …), or None for a line someone wrote."""
        match = self.media.fullmatch(fold(line))
        if match is None:
            return None
        for group in ("kind", "android", "attached", "location", "live", "poll"):
            if match[group]:
                return self.kinds.get(match[group], "media") if group == "kind" else _GROUP_KINDS[group]
        return "media"


_GROUP_KINDS = {"android": "media", "attached": "media", "location": "location", "live": "location", "poll": "poll"}


def rows() -> list[tuple[str, str, str]]:
    """(kind, language, text) for every row of the data file."""
    text = resources.files(__package__).joinpath(DATA).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, language, wording = line.split("\t")
            out.append((kind, language, wording))
    return out


@cache
def wording() -> Wording:
    by_kind: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for kind, _, text in rows():
        folded = fold(text).rstrip(".")
        by_kind[kind].append(folded)
        if kind in MEDIA_KINDS:
            kinds[folded] = kind

    def alternatives(kind: str) -> str:
        # longest first, so that "panggilan suara grup tak terjawab" is tried before its start
        return "|".join(_pattern(text) for text in sorted(set(by_kind[kind]), key=len, reverse=True))

    media = "|".join(
        [
            rf"<\s?(?P<android>{alternatives('media')})\s?>",
            # "image omitted"; a document: "Invoice.pdf • 2 pages document omitted"
            rf"(?:\S+\.\w{{2,5}}\b.*\s)?<?(?P<kind>{'|'.join(alternatives(k) for k in MEDIA_KINDS)})\.?>?",
            # exports made with media: "<attached: 00000012-PHOTO-….jpg>", "IMG-….jpg (file attached)"
            rf"(?:.*\s)?<(?P<attached>{alternatives('attached')}): .+>",
            rf".+\.\w{{2,5}} \((?:{alternatives('file_attached')})\)",
            rf"(?P<location>{alternatives('location')}) ?: ?https?://\S+",
            rf"(?P<live>{alternatives('live_location')})\.?",
            rf"(?P<poll>{alternatives('poll')}) ?:",
        ]
    )
    return Wording(
        notice=re.compile(rf"(?:{alternatives('notice')})(?!\w)"),
        deleted=re.compile(rf"(?:{alternatives('deleted')})\.?"),
        edited=re.compile(rf"\s*<(?i:{alternatives('edited')})\.?>\s*$"),
        media=re.compile(media),
        kinds=kinds,
    )


def _pattern(text: str) -> str:
    """One row's (folded) text as a regular expression: `{}` a name (no
    colon in it, so that "Budi: I changed the subject" stays Budi's
    message), a final `$` the end of the text."""
    anchored = text.endswith("$")
    parts = [re.escape(part) for part in text.rstrip("$").split("{}")]
    return "[^:]+?".join(parts) + (r"\.?$" if anchored else "")
