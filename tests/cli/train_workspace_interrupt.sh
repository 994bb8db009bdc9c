#!/bin/sh
# Ctrl-C pauses a workspace run with a checkpoint (exit 130); --resume-run continues it, and Ctrl-C pauses it again.
# SIGINT is sent once the run has printed its first step (--json prints one line per optimizer step, from the
# worker that starts after the handler is installed), so the test neither waits a fixed time nor races the start.
# Usage: train_workspace_interrupt.sh OFFSITE_BINARY FOLDER (FOLDER holds ws/ and model/ from cli.train_workspace_setup)
set -u
O=$1
T=$2

# Runs "$@" in the background with stdout in $T/interrupt.out, interrupts it after its first step line, prints
# what it wrote and its exit status as "NAME=STATUS".
interrupt_after_first_step() {
    name=$1
    shift
    rm -f "$T/interrupt.out"
    "$@" > "$T/interrupt.out" &
    pid=$!
    waited=0
    until grep -q '"step":' "$T/interrupt.out" 2> /dev/null; do
        if ! kill -0 "$pid" 2> /dev/null; then echo "$name: the run ended before its first step"; break; fi
        waited=$((waited + 1))
        if [ "$waited" -gt 3000 ]; then echo "$name: no step after 300 s"; break; fi
        sleep 0.1
    done
    kill -INT "$pid" 2> /dev/null
    wait "$pid"
    status=$?
    grep -v '"step":' "$T/interrupt.out"
    echo "$name=$status"
}

interrupt_after_first_step first "$O" train --workspace "$T/ws" --dataset 1 --model "$T/model" --steps 1000000 \
    --block-size 16 --batch 2 --trainable all --threads 1 --name long --json
"$O" runs show 2 --workspace "$T/ws"
interrupt_after_first_step second "$O" train --workspace "$T/ws" --resume-run 2 --json
"$O" runs list --workspace "$T/ws"
