#!/usr/bin/env bash
# Drive the real `alur design` in tmux, at 80x24, as a conversation designer
# would: open a flow with a mistake in it, fix what the checker shows, talk
# the flow to a human handoff, step a recorded conversation to its loop and
# jump to the looping state, save, and find the file as written (comments
# and all, nothing else beside it: no .bak, no temporary file), then quit.
#
#   scripts/tmux_designer.sh            # uses .venv/bin/alur
#   ALUR=alur KEEP=1 scripts/tmux_designer.sh   # another alur; keep the work folder
#
# Every step waits for what a person would wait to see on the screen; on a
# miss it prints the screen and exits 1. Needs tmux.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ALUR="${ALUR:-$ROOT/.venv/bin/alur}"
SESSION="alur-designer-$$"
WORK="$(mktemp -d)"
FLOW="$WORK/otp_login.flow.yaml"
TRANSCRIPT="$ROOT/examples/transcripts/otp_login.jsonl"

command -v tmux >/dev/null || { echo "tmux is not installed (apt-get install -y tmux)" >&2; exit 2; }

cleanup() {
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    [ -n "${KEEP:-}" ] && echo "work folder kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

screen() { tmux capture-pane -p -t "$SESSION"; }

# expect TEXT [SECONDS]: wait until TEXT is on the screen
expect() {
    local text="$1" limit="${2:-10}" waited=0
    until screen | grep -qF -- "$text"; do
        sleep 0.2
        waited=$((waited + 1))
        if [ "$waited" -ge $((limit * 5)) ]; then
            echo "FAIL: waited ${limit}s for: $text" >&2
            screen >&2
            exit 1
        fi
    done
}

keys() { tmux send-keys -t "$SESSION" "$@"; }
type_text() { tmux send-keys -t "$SESSION" -l "$1"; }
step() { echo "-- $*"; }

# A copy of an example with a typo a designer might make.
cp "$ROOT/examples/otp_login.flow.yaml" "$WORK/original.yaml"
sed 's/    next: send_code/    next: send_cod/' "$WORK/original.yaml" > "$FLOW"
grep -q "next: send_cod$" "$FLOW" || { echo "the example changed: no 'next: send_code' to break" >&2; exit 2; }

step "open the flow"
tmux new-session -d -s "$SESSION" -x 80 -y 24 "cd '$WORK' && XDG_CACHE_HOME='$WORK/cache' '$ALUR' design otp_login.flow.yaml; echo EXITED \$?; sleep 30"
expect "otp_login.flow.yaml" 15
expect "1 error" 15

step "fix the problem the checker shows"
keys F6
expect "undefined-state"
keys Enter            # the editor moves to the line and takes the keys
sleep 1               # (a person looks before typing)
keys End BSpace
sleep 0.3
type_text "de"
expect "✓ no problems" 15

step "talk the flow to a human handoff"
keys F5
expect "Type as the customer"
type_text "halo"; keys Enter
type_text "mau ngomong sama CS aja"; keys Enter
expect "handed over to a human agent"
expect "chat: handoff"

step "step a recorded conversation to its loop"
keys C-t
expect "Open transcript"
type_text "$TRANSCRIPT"; keys Enter
expect "pick a conversation" 15
type_text "bad"; keys Enter
expect "finding(s)" 15
for _ in 1 2 3 4 5 6; do keys n; sleep 0.2; done
expect "⚑ loop"
keys f                # jump to the looping state in the editor
expect "loop in"

step "save and find the file as written"
keys Escape C-s
expect "saved" 10
sleep 0.5
if ! diff -u "$WORK/original.yaml" "$FLOW"; then
    echo "FAIL: the saved file is not the file as written" >&2
    exit 1
fi
if ls -a "$WORK" | grep -q '\.tmp$\|\.bak$'; then
    echo "FAIL: a file was left beside the flow:" >&2; ls -a "$WORK" >&2; exit 1
fi

step "quit"
keys C-q
expect "EXITED 0" 10
echo "ok: fixed, simulated to handoff, stepped to the loop, saved intact, quit"
