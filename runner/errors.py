"""Exit codes and the error every command raises for input it cannot use."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of every `alur` command (contract §3)."""

    OK = 0
    FINDINGS = 1  # errors in a flow, or findings in conversations
    UNUSABLE = 2  # input that cannot be read or run at all
    INTERNAL = 3  # a bug in alur itself
    INTERRUPTED = 130


class InputError(Exception):
    """Input the command cannot use. The message names the file (and line and
    column where known) and says what is wrong; the CLI prints it and exits 2."""


class WorkerLost(Exception):
    """A worker process of a parallel run ended abruptly: killed from outside
    (by the system when memory ran out, or by a signal someone sent), not by
    anything in the input or in alur. Nothing was written, so a re-run is
    safe; the CLI exits with `exit_code`, 128 + the signal's number as a
    shell reports a killed process (137 for SIGKILL, the out-of-memory
    killer's signal)."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code
