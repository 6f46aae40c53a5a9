"""A colleague's edit and the designer's own are merged; a clash is kept, both sides."""

from __future__ import annotations

from alur.designer.merge import Conflict, Pick, merge3

BASE = "".join(f"line {n}\n" for n in range(1, 11))


def edit(text: str, line: int, new: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[line - 1] = new
    return "".join(lines)


def test_edits_to_different_lines_are_both_kept():
    mine = edit(BASE, 2, "line 2 mine\n")
    theirs = edit(BASE, 8, "line 8 theirs\n") + "line 11 theirs\n"
    merged = merge3(BASE, mine, theirs)
    assert merged.conflicts == []
    assert merged.text() == edit(edit(BASE, 2, "line 2 mine\n"), 8, "line 8 theirs\n") + "line 11 theirs\n"


def test_the_same_change_on_both_sides_is_taken_once():
    both = edit(BASE, 5, "line 5 fixed\n")
    merged = merge3(BASE, both, both)
    assert merged.conflicts == [] and merged.text() == both


def test_a_clash_keeps_both_versions_and_each_pick_gives_what_it_says():
    mine = edit(edit(BASE, 5, "line 5 mine\n"), 1, "line 1 mine\n")
    theirs = edit(BASE, 5, "line 5 theirs\n")
    merged = merge3(BASE, mine, theirs)
    [conflict] = merged.conflicts
    assert conflict == Conflict(("line 5\n",), ("line 5 mine\n",), ("line 5 theirs\n",), 5)
    assert merged.text(Pick.MINE) == mine
    assert merged.text([Pick.THEIRS]) == edit(theirs, 1, "line 1 mine\n")
    assert "line 5 mine\nline 5 theirs\n" in merged.text(Pick.BOTH)


def test_a_deletion_against_an_edit_elsewhere_and_a_missing_final_newline():
    mine = BASE.replace("line 3\n", "")
    theirs = BASE.rstrip("\n").replace("line 10", "line ten")
    merged = merge3(BASE, mine, theirs)
    assert merged.conflicts == []
    assert merged.text() == mine.rstrip("\n").replace("line 10", "line ten")


def test_both_keeps_the_lines_apart_when_mine_has_no_final_newline():
    merged = merge3("a\n", "a mine", "a theirs")
    assert merged.text(Pick.BOTH) == "a mine\na theirs"
