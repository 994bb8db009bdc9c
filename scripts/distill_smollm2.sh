#!/usr/bin/env bash
# Distils the emulator of SmolLM2-135M (split 2-8-2) on real general text and reports the emulator's validation
# perplexity before and after, next to the full model's, on held-out text. The corpus is Debian's `fortunes`
# (scripts/setup.sh installs it): every fortune of the listed files, in file order; every 10th one is held out for
# validation, the rest is the training text. CPU only, deterministic for a given thread count.
#   scripts/distill_smollm2.sh [WORK_DIR]        (defaults: STEPS=100 THREADS=2; override in the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:-build/distill-smollm2}"
STEPS="${STEPS:-100}"
THREADS="${THREADS:-2}"
OFFSITE="${OFFSITE:-build/ci/app/cli/offsite}"
CACHE="${OFFSITE_CACHE:-$HOME/.cache/offsite-studio}"
MODEL="${MODEL:-$CACHE/models/smollm2-135m-instruct}"
FORTUNES=/usr/share/games/fortunes

[ -x "$OFFSITE" ] || { echo "build the command line first: cmake --build --preset ci --target offsite" >&2; exit 1; }
[ -d "$FORTUNES" ] || { echo "install Debian's fortunes package (scripts/setup.sh does)" >&2; exit 1; }
if [ ! -f "$MODEL/config.json" ]; then
  "$OFFSITE" demo --max-new-tokens 1 >/dev/null  # converts the set-up's SmolLM2 GGUF into $MODEL
fi
mkdir -p "$WORK"

python3 scripts/general_text_corpus.py --fortunes-only "$WORK"

rm -rf "$WORK/split-2-8-2" "$WORK/distilled-2-8-2"
"$OFFSITE" owner split "$MODEL" "$WORK/split-2-8-2" --split 2-8-2
OMP_NUM_THREADS="$THREADS" OMP_WAIT_POLICY=PASSIVE "$OFFSITE" owner distill --full "$MODEL" --split "$WORK/split-2-8-2" \
  --train "$WORK/train.txt" --validation "$WORK/validation.txt" --output "$WORK/distilled-2-8-2" \
  --steps "$STEPS" --block-size 128 --batch 4 --lr 3e-4 --schedule cosine --warmup 10 --eval-every 25 \
  --max-validation-blocks 16 --seed 42 --threads "$THREADS" --json | tee "$WORK/distill.jsonl"
echo "distilled split: $WORK/distilled-2-8-2 (how it was made: distill.json)"
PY="$CACHE/venv-py311-torch2.9.1/bin/python"
if [ -x "$PY" ]; then  # the same numbers from transformers, on the same held-out blocks
  OMP_NUM_THREADS="$THREADS" "$PY" scripts/check_distill_perplexity.py "$MODEL" "$WORK" 128 16 2>/dev/null
fi
