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
# iOS placeholder kinds as they appear in a turn's "media" (document last: its name may come first)
MEDIA_KINDS = ("image", "video", "audio", "sticker", "gif", "contact", "document")


def fold(text: str) -> str:
    """How exports and the data file are compared."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).replace("\u200c", "")
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Wording:
    """The patterns, all applied to folded text (`fold`)."""

    notice: re.Pattern[str]  # a notice that starts with WhatsApp's words ("messages and calls are…")
    named_notice: re.Pattern[str]  # the words after the name in "budi changed their phone number"
    group_event: re.Pattern[str]  # the words after the name in "budi changed the subject to…"
    deleted: re.Pattern[str]  # a deleted message: the whole text
    edited: re.Pattern[str]  # the edited marker at the end of a text (searched in unfolded text)
    media: re.Pattern[str]  # a media placeholder: the whole first line
    kinds: dict[str, str]  # placeholder → media kind, for the `kind` group

    def is_notice(self, folded: str) -> bool:
        return self.notice.match(folded) is not None or _after_name(self.named_notice, folded)

    def is_event_line(self, folded: str) -> bool:
        """A line with no sender written that is a notice about someone, a
        group event included ('budi changed the subject to "promo: 50%"')."""
        return _after_name(self.group_event, folded) or _after_name(self.named_notice, folded)

    def without_edited(self, text: str) -> str:
        return self.edited.sub("", text) if text.endswith(">") else text

    def media_of(self, folded_line: str) -> str | None:
        """The media kind a placeholder line stands for ("image", "media",
        "location", …), or None for a line someone wrote."""
        match = self.media.fullmatch(folded_line)
        if match is None:
            return None
        if match["kind"]:
            return self.kinds[match["kind"]]
        if match["document"]:
            return "document"
        if match["file"] or match["file2"]:
            return _kind_of_file(match["file"] or match["file2"])
        if match["location"] or match["live"]:
            return "location"
        for kind in ("poll", "view_once"):
            if match[kind]:
                return kind
        return "media"


def _after_name(pattern: re.Pattern[str], folded: str) -> bool:
    """A name (no colon in it, so that "budi: ..." stays Budi's message), then
    WhatsApp's words."""
    found = pattern.search(folded)
    return found is not None and found.start() > 0 and ":" not in folded[: found.start()]


# Exports made with media name the file: its extension tells the kind.
_EXTENSION_KINDS = {
    "jpg": "image", "jpeg": "image", "png": "image", "heic": "image",
    "webp": "sticker", "gif": "gif",
    "mp4": "video", "mov": "video", "3gp": "video",
    "opus": "audio", "ogg": "audio", "m4a": "audio", "mp3": "audio", "aac": "audio",
    "vcf": "contact",
}  # fmt: skip


def _kind_of_file(name: str) -> str:
    return _EXTENSION_KINDS.get(name.rpartition(".")[2], "document")


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
            rf"<\s?(?:{alternatives('media')})\s?>",
            # "image omitted", "Scan 2024.jpg image omitted"
            rf"(?:.*\.\w{{2,5}}\b.*\s)?<?(?P<kind>{'|'.join(alternatives(k) for k in MEDIA_KINDS[:-1])})\.?>?",
            # a document after its name: "Invoice.pdf • 2 pages document omitted", "Untitled • 9 pages …"
            rf"(?:.*\s)?<?(?P<document>{alternatives('document')})\.?>?",
            # exports made with media: "<attached: 00000012-PHOTO-….jpg>", "IMG-….jpg (file attached)"
            rf"(?:.*\s)?<(?:{alternatives('attached')}): (?P<file>.+\.\w{{2,5}})>",
            rf"(?P<file2>.+\.\w{{2,5}}) \((?:{alternatives('file_attached')})\)",
            rf"(?P<location>{alternatives('location')}) ?: ?https?://\S+",
            rf"(?P<live>{alternatives('live_location')})\.?",
            rf"(?P<poll>{alternatives('poll')}) ?:",
            rf"(?P<view_once>{alternatives('view_once')})",
        ]
    )
    notices = by_kind["notice"]
    by_kind["notice"] = [text for text in notices if not text.startswith("{}")]
    by_kind["named_notice"] = [text.removeprefix("{}") for text in notices if text.startswith("{}")]
    by_kind["group_event"] = [text.removeprefix("{}") for text in by_kind["group_event"]]
    return Wording(
        notice=re.compile(rf"(?:{alternatives('notice')})(?!\w)"),
        named_notice=re.compile(rf"(?:{alternatives('named_notice')})(?!\w)"),
        group_event=re.compile(rf"(?:{alternatives('group_event')})(?!\w)"),
        deleted=re.compile(rf"(?:{alternatives('deleted')})\.?"),
        edited=re.compile(rf"\s*<(?i:{alternatives('edited')})\.?>\s*$"),
        media=re.compile(media),
        kinds=kinds,
    )


def _pattern(text: str) -> str:
    """One row's (folded) text as a regular expression: `{}` a name, a
    final `$` the end of the text or a comma, full stop or bullet before
    more of WhatsApp's words ("missed voice call, tap to call back")."""
    anchored = text.endswith("$")
    parts = [re.escape(part) for part in text.rstrip("$").split("{}")]
    return ".+?".join(parts) + (r"(?:[.,•].*)?$" if anchored else "")
