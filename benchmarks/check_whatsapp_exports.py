"""How `alur import whatsapp` reads real exports: a folder of them, any language.

    .venv/bin/python benchmarks/check_whatsapp_exports.py FOLDER [FOLDER…]

Reads every .txt under the folders (public chat exports, e.g. the test data
of a WhatsApp-export parser: nothing of them is kept here) with everyone
read as the customer, and prints, in total and for each file with a
problem:

- files not read at all (not recognised as a WhatsApp export);
- turns, of them `system`, with `media`, `deleted`;
- lines skipped (each is listed by the importer with its reason) and notes
  about lines pasted from another export's layout;
- placeholders left in a customer's text: a first line that is WhatsApp's
  wording for media or a deletion in some language ("<…>" alone on the line,
  "… omitted", "… weggelassen", "null"…), a sign a wording is missing from
  runner/importers/whatsapp_notices.tsv.

No text of the exports is printed, only counts and the importer's reasons.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers import whatsapp
from alur.runner.importers.base import Note


class _EveryoneIsACustomer(whatsapp._Roles):
    """The exports' senders are unknown here: no --bot check."""

    def check(self, label: str) -> Iterator[Note]:
        return iter(())


# what a placeholder left as text looks like, in the languages of the parsers' test data
_LEFT_OVER = re.compile(
    r"^<[^<>]{3,60}>$|omitted$|weggelassen$|omis$|omitid[ao]$|absente$|dahil edilmedi$|отсутствует$|^null$"
)


def main() -> int:
    folders = [Path(arg) for arg in sys.argv[1:]]
    if not folders:
        print(__doc__)
        return 2
    whatsapp._Roles = _EveryoneIsACustomer  # type: ignore[misc]
    total: Counter[str] = Counter()
    for path in sorted(p for folder in folders for p in folder.rglob("*.txt")):
        try:
            items = list(whatsapp.read(path, whatsapp.Options(bot=("-",))))
        except InputError as error:
            total["files not read"] += 1
            print(f"{path.name}: not read: {str(error).split(': ', 1)[1][:80]}")
            continue
        turns = [t for item in items if isinstance(item, dict) for t in item["turns"]]
        skipped = sum(isinstance(item, SkippedInput) for item in items)
        pasted = sum(isinstance(item, Note) and "another export" in item.message for item in items)
        left = sum(t["role"] == "user" and bool(_LEFT_OVER.search(t["text"].partition("\n")[0].strip())) for t in turns)
        total.update(
            {
                "files read": 1, "turns": len(turns), "system": sum(t["role"] == "system" for t in turns),
                "media": sum("media" in t for t in turns), "deleted": sum(bool(t.get("deleted")) for t in turns),
                "lines skipped": skipped, "pasted-line notes": pasted, "placeholders left in text": left,
            }
        )  # fmt: skip
        if skipped or left:
            print(f"{path.name}: {len(turns)} turns, {skipped} lines skipped, {left} placeholders left in text")
    print(", ".join(f"{key} {value}" for key, value in total.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
