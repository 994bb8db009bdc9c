#!/bin/sh
# Workspace-mode training on a prompt -> completion data set takes the loss on the completion only, exactly as
# file mode does: the same JSONL trained with `offsite train --data FILE --task prompt-completion` and, imported,
# with `offsite train --workspace DIR --dataset 1 --task prompt-completion` gives the same losses (compared as
# printed, every step). Then --truncate left: with a block too short for the prompts, file mode is refused with a
# message naming the option, and both modes train on the cut examples with the same losses.
# Usage: train_workspace_examples.sh OFFSITE MAKE_TINY_LLAMA DATA.jsonl WORK_DIR
set -eu
O=$1
MAKE=$2
DATA=$3
W=$4
fail() { echo "train_workspace_examples FAILED: $*" >&2; exit 1; }
rm -rf "$W"
mkdir -p "$W"
"$MAKE" "$W/model"
"$O" dataset import "$DATA" --task prompt_completion --workspace "$W/ws" > /dev/null
common="--model $W/model --task prompt-completion --validation-fraction 0 --steps 5 --batch 2 --trainable all --threads 1 --lr 1e-3 --json"
losses() { sed -n 's/.*"loss":\([^,}]*\).*/\1/p'; }

"$O" train --data "$DATA" $common --block-size 32 --out "$W/file.safetensors" | losses > "$W/file.txt"
"$O" train --workspace "$W/ws" --dataset 1 $common --block-size 32 --out "$W/ws.safetensors" | losses > "$W/ws.txt"
[ "$(wc -l < "$W/file.txt")" = 5 ] || fail "file mode printed $(wc -l < "$W/file.txt") losses"
cmp -s "$W/file.txt" "$W/ws.txt" || fail "losses differ: file $(tr '\n' ' ' < "$W/file.txt") workspace $(tr '\n' ' ' < "$W/ws.txt")"
# Without completion-only loss (the whole text of every row) the losses are different.
"$O" train --workspace "$W/ws" --dataset 1 $common --task text --block-size 32 --out "$W/text.safetensors" | losses > "$W/text.txt"
if cmp -s "$W/file.txt" "$W/text.txt"; then fail "--task text gave the completion-only losses"; fi

if "$O" train --data "$DATA" $common --block-size 12 --out "$W/short.safetensors" > /dev/null 2> "$W/refused.txt"; then
    fail "a prompt longer than the block was accepted"
fi
grep -q -- "--truncate left" "$W/refused.txt" || fail "the refusal does not name --truncate: $(cat "$W/refused.txt")"
"$O" train --data "$DATA" $common --block-size 12 --truncate left --out "$W/cut.safetensors" | losses > "$W/cut-file.txt"
"$O" train --workspace "$W/ws" --dataset 1 $common --block-size 12 --truncate left --out "$W/cut-ws.safetensors" | losses > "$W/cut-ws.txt"
[ "$(wc -l < "$W/cut-file.txt")" = 5 ] || fail "truncated file mode printed $(wc -l < "$W/cut-file.txt") losses"
cmp -s "$W/cut-file.txt" "$W/cut-ws.txt" || fail "truncated losses differ"
echo "same losses in both modes: $(tr '\n' ' ' < "$W/file.txt")"
