"""How a conversation ends decides audit's dead_end: what comes last, and
what came before the words that sound like leaving. Small conversations in
English and Indonesian, written for the general behaviour, not copied from
any evaluation set."""

from __future__ import annotations

from alur.runner.audit import AuditConfig, Auditor
from alur.runner.transcripts import Conversation


def audit(*turns: tuple[str, str]) -> list[tuple[str, int]]:
    conversation = Conversation("c-1", [{"role": role, "text": text} for role, text in turns], "t.jsonl:1")
    return [(f.kind, f.turn) for f in Auditor(AuditConfig()).audit(conversation).findings]


def test_shouted_thanks_are_joy_not_anger() -> None:
    for shouted in ("THANK YOU SO MUCH! YOU SAVED ME!", "MAKASIH BANYAK KAKAK! MANTAP SEKALI"):
        assert audit(("user", "pintu terkunci, tolong"), ("bot", "Please enter the code."), ("user", shouted)) == []
    assert audit(
        ("user", "my refund?"), ("bot", "Please enter the code."), ("user", "THANKS FOR NOTHING, USELESS")
    ) == [("dead_end", 2)]


def test_giving_up_counts_only_after_a_failure_that_came_before_it() -> None:
    """ "Never mind" answered by a greeting said again gave up on nothing the
    bot had failed; the same words after a refusal still do."""
    withdrawn = (
        ("user", "book me a taxi to the station"),
        ("bot", "Your taxi has been booked."),
        ("user", "one more thing"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "nevermind"),
        ("bot", "Hello, how can I help?"),
        ("user", "that's it"),
    )
    assert audit(("bot", "Hello, how can I help?"), *withdrawn) == []
    assert audit(
        ("user", "mau pesan tiket kereta ke Bandung"),
        ("bot", "Maaf, tiket kereta ke Bandung sudah habis terjual."),
        ("user", "yaudah lah ga jadi"),
        ("bot", "Halo, ada yang bisa dibantu?"),
    ) == [("dead_end", 2)]
