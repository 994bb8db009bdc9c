#!/bin/sh
# After cli.train_workspace_interrupt (run 1 completed, run 2 paused, one tokenized cache that both use):
# `workspace clean` keeps the cache while run 2 can still resume; `runs cancel 2` cancels it (audit entry by the
# user) and a resume is refused; then the cache is no longer needed, --dry-run lists it and `workspace clean`
# removes it; a completed run cannot be cancelled; the workspace checks intact.
# Usage: cancel_and_clean.sh OFFSITE_BINARY FOLDER
set -u
O=$1
W=$2/ws
"$O" workspace clean --workspace "$W" --dry-run
"$O" runs cancel 2 --workspace "$W"
echo "cancel=$?"
"$O" train --workspace "$W" --resume-run 2
echo "resume=$?"
"$O" runs cancel 1 --workspace "$W"
echo "cancel-completed=$?"
"$O" runs show 2 --workspace "$W" | head -2
"$O" workspace clean --workspace "$W" --dry-run
"$O" workspace clean --workspace "$W" --json
echo "clean=$?"
"$O" workspace clean --workspace "$W"
"$O" workspace check --workspace "$W"
