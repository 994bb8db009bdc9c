#!/bin/sh
# `--device` of `offsite train` and `offsite owner distill`, with every GPU hidden (CUDA_VISIBLE_DEVICES=-1, so the
# test means the same on a machine with one): auto trains on the CPU and says so in the summary line, in every
# --json line and in the workspace run; cuda is refused before anything is written (no adapter file, no run row,
# no distilled folder) with a message saying what to use instead; an unknown device is refused.
# Usage: train_device.sh OFFSITE MAKE_TINY_LLAMA TEXT WORK_DIR
set -eu
O=$1
MAKE=$2
TEXT=$3
W=$4
CUDA_VISIBLE_DEVICES=-1
export CUDA_VISIBLE_DEVICES
fail() { echo "train_device FAILED: $*" >&2; exit 1; }
rm -rf "$W"
mkdir -p "$W"
"$MAKE" "$W/model" 4 64
"$O" owner split "$W/model" "$W/split" --split 1-2-1 > /dev/null
common="--model $W/split --data $TEXT --steps 2 --block-size 16 --batch 2 --threads 1"

"$O" train $common --out "$W/auto.safetensors" > "$W/auto.txt"
grep -q "trained 2 steps on [0-9]* tokens (device cpu): loss" "$W/auto.txt" || fail "auto: $(cat "$W/auto.txt")"
"$O" train $common --device cpu --json --out "$W/cpu.safetensors" > "$W/cpu.jsonl"
[ "$(grep -c '"device":"cpu"' "$W/cpu.jsonl")" = 2 ] || fail "--json lines: $(cat "$W/cpu.jsonl")"
grep -q '"memory_peak_bytes":[1-9]' "$W/cpu.jsonl" || fail "no peak memory in $(cat "$W/cpu.jsonl")"

if "$O" train $common --device cuda --out "$W/cuda.safetensors" > "$W/cuda.txt" 2>&1; then fail "--device cuda trained"; fi
grep -q "device cuda was asked for, but this build of offsite found no usable NVIDIA GPU or driver" "$W/cuda.txt" ||
    fail "message: $(cat "$W/cuda.txt")"
grep -q "use --device cpu or auto" "$W/cuda.txt" || fail "message: $(cat "$W/cuda.txt")"
[ ! -e "$W/cuda.safetensors" ] || fail "--device cuda wrote its output"
if "$O" train $common --device tpu --out "$W/tpu.safetensors" > "$W/tpu.txt" 2>&1; then fail "--device tpu trained"; fi
grep -q -- "--device must be auto, cpu or cuda" "$W/tpu.txt" || fail "message: $(cat "$W/tpu.txt")"

if "$O" owner distill --full "$W/model" --split "$W/split" --train "$TEXT" --output "$W/distilled" --steps 1 \
    --block-size 16 --device cuda > "$W/distill.txt" 2>&1; then fail "distill --device cuda ran"; fi
grep -q "use --device cpu or auto" "$W/distill.txt" || fail "distill message: $(cat "$W/distill.txt")"
[ ! -e "$W/distilled" ] || fail "distill --device cuda wrote its output"
"$O" owner distill --full "$W/model" --split "$W/split" --train "$TEXT" --output "$W/distilled" --steps 1 \
    --block-size 16 --batch 2 --threads 1 --device cpu --json > "$W/distill.jsonl"
grep -q '"done":true.*"device":"cpu"' "$W/distill.jsonl" || fail "distill summary: $(tail -n 1 "$W/distill.jsonl")"

"$O" dataset import "$TEXT" --workspace "$W/ws" > /dev/null
ws="--workspace $W/ws --dataset 1 --model $W/model --steps 2 --block-size 16 --batch 2 --trainable all --threads 1"
if "$O" train $ws --device cuda > "$W/ws-cuda.txt" 2>&1; then fail "workspace --device cuda trained"; fi
grep -q "use --device cpu or auto" "$W/ws-cuda.txt" || fail "workspace message: $(cat "$W/ws-cuda.txt")"
"$O" runs list --workspace "$W/ws" | grep -q "no runs yet" || fail "a run row was written: $("$O" runs list --workspace "$W/ws")"
"$O" train $ws > "$W/ws.txt"
grep -q "run 1 completed: trained 2 steps; adapter .*; device cpu" "$W/ws.txt" || fail "workspace run: $(cat "$W/ws.txt")"
"$O" runs show 1 --workspace "$W/ws" | grep -q '"device":"auto"' || fail "the run's configuration lacks the device"
echo "train_device: OK"
