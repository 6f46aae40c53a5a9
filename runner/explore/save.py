"""`alur explore --save DIR`: each trap as a test conversation to keep.

One `*.test.yaml` file per trap (contract §2), named after the flow, the
state, the persona and the finding, so that a team can keep the ones they
care about in CI and see each one go green when the flow is fixed:

    alur explore flows/billing.flow.yaml --save tests/explore
    alur replay flows/billing.flow.yaml tests/explore/*.test.yaml

The conversation is the trap's shortest conversation, with the action
outcomes it took (so it replays identically), and its last turn expects what
the designer should want (`alur.runner.explore.wanted`): until the flow is
fixed, replay reports the expectation and the detector's finding; after, it
passes. The texts are the ones explore typed (its own plausible values, never
a customer's data), written as YAML 1.2 double-quoted strings; each file is
written atomically (`atomic_output`, as reports are).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from alur.flows.files import unreadable_reason
from alur.runner.errors import InputError
from alur.runner.explore import Trap
from alur.runner.reports.output import atomic_output
from alur.runner.safe_text import shown

SUFFIX = ".test.yaml"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def trap_file_name(flow: str, trap: Trap) -> str:
    """The file name of a trap's test: flow.state.persona.kind.test.yaml."""
    finding = trap.findings[0] if trap.findings else None
    kind = finding.kind if finding is not None else "error"
    state = (finding.state if finding is not None else None) or trap.state
    parts = (flow, state, trap.persona, kind.replace("_", "-"))
    return ".".join(_UNSAFE.sub("-", part).strip("-") or "x" for part in parts) + SUFFIX


def check_save_folder(directory: Path | str) -> Path:
    """`directory` as a Path, or InputError if it cannot become the folder
    the tests are saved in (it, or a folder it would be made in, is a file).
    Called before exploring, so that a typo does not cost the whole search."""
    folder = Path(directory)
    for place in (folder, *folder.parents):
        if place.is_dir():
            return folder
        if place.exists():
            what = "is a file" if place == folder else f"{place} is a file, not a folder"
            raise InputError(f"--save {directory}: {what}; give a folder to save the test conversations in")
    return folder


def save_traps(traps: Iterable[Trap], flow: str, flow_path: str, directory: Path | str, seed: int = 0) -> list[Path]:
    """Write each trap (those with findings; engine errors are not tests) into
    `directory`, creating it; sets each trap's `saved`. Returns the paths.
    `seed` is the engine's `--seed` explore ran with: replay needs the same."""
    folder = check_save_folder(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a link to nowhere, or made as a file since the check
        raise InputError(
            f"--save {directory}: exists and is not a folder; give a folder to save the test conversations in"
        ) from None
    except OSError as error:
        raise InputError(f"--save {directory}: cannot create the folder: {unreadable_reason(error)}") from None
    written = []
    for trap in traps:
        if not trap.findings:
            continue
        path = folder / trap_file_name(flow, trap)
        with atomic_output(path, "the test") as out:
            out.write(trap_yaml(trap, flow, flow_path, str(path), seed))
        trap.saved = str(path)
        written.append(path)
    return written


def trap_yaml(trap: Trap, flow: str, flow_path: str, saved_as: str, seed: int = 0) -> str:
    """The test file of one trap, to be saved as `saved_as`."""
    finding = trap.findings[0]
    lines = [
        f"# Found by `alur explore {flow_path}`: {trap.persona} at state {trap.state}.",
        f"# {finding.kind} at turn {finding.turn}, state {finding.state}: {_comment(finding.message)}",
    ]
    if trap.expect:
        lines.append("# The last turn expects what the flow should do; this test fails until the flow is fixed.")
    else:
        lines.append(f"# Replay reports the {finding.kind.replace('_', ' ')} until the flow is fixed.")
    lines += [
        f"# Check: alur replay {flow_path} {saved_as}" + (f" --seed {seed}" if seed else ""),
        f"flow: {_q(flow)}",
        "conversations:",
        f"  - id: {_q(trap.id)}",
        f"    description: {_q(f'{trap.persona}: {finding.kind} in state {finding.state}')}",
    ]
    if trap.actions:
        actions = ", ".join(
            f"{_q(name)}: [{', '.join(_q(o) for o in outcomes)}]" for name, outcomes in trap.actions.items()
        )
        lines.append(f"    actions: {{{actions}}}")
    lines.append("    turns:")
    last = len(trap.turns) - 1
    for index, text in enumerate(trap.turns):
        lines.append(f"      - user: {_q(text)}")
        if index == last and trap.expect:
            expect = ", ".join(f"{key}: {json.dumps(value)}" for key, value in trap.expect.items())
            lines.append(f"        expect: {{{expect}}}")
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A YAML 1.2 double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """`text` as a one-line YAML comment a person reads: masked, control characters escaped."""
    return " ".join(shown(text, lines=True).split())
