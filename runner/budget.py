"""A time budget per conversation, so that no one conversation stalls a run.

Audit and replay take time in proportion to a conversation's turns, and
turns are capped (`TURNS`), but a conversation can still be slow in ways no
cap foresees. `ConversationClock` stops one that takes longer than
`CONVERSATION_SECONDS`: the conversation is skipped with that reason and the
run goes on with the next.

It works by an interval timer whose signal handler raises in the middle of
whatever the conversation is doing, so that nothing inside audit or replay
has to check the time. A signal handler can only run in a process's main
thread (a worker process runs its shards there), and interval timers are
POSIX: elsewhere (a thread pool on a cluster, Windows) the clock does
nothing, and the turn cap is the bound. The timer ticks a few times per
budget rather than being re-armed for every conversation, which would cost
two system calls per conversation of a corpus of millions.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import TypeVar

from alur.flows.limits import CONVERSATION_SECONDS
from alur.runner.transcripts import TranscriptError

T = TypeVar("T")
R = TypeVar("R")

_TICKS_PER_BUDGET = 4


class OverBudget(TranscriptError):
    """A conversation took longer than its time budget; it is skipped."""


class ConversationClock:
    """`with ConversationClock() as clock:` around a run over conversations,
    then `clock.run(work, conversation)` for each, which raises `OverBudget`
    when `work` takes longer than the budget (give or take a quarter of it)."""

    def __init__(self) -> None:
        self.seconds = float(CONVERSATION_SECONDS.value())
        self._started: float | None = None
        self._armed = False
        self._previous: object = None

    def __enter__(self) -> ConversationClock:
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGALRM, self._tick)
            tick = max(0.01, self.seconds / _TICKS_PER_BUDGET)
            signal.setitimer(signal.ITIMER_REAL, tick, tick)
            self._armed = True
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)  # type: ignore[arg-type]
            self._armed = False

    def run(self, work: Callable[[T], R], conversation: T) -> R:
        """`work(conversation)`, within the budget."""
        self._started = time.monotonic()
        try:
            return work(conversation)
        finally:
            self._started = None

    def _tick(self, signum: int, frame: FrameType | None) -> None:
        started = self._started
        if (
            started is not None and time.monotonic() - started > self.seconds
        ):  # raised again at each tick, should a broad `except` swallow it
            raise OverBudget(
                f"the conversation took longer than the limit of {CONVERSATION_SECONDS.says(self.seconds)}, so it was stopped and skipped"
            )
