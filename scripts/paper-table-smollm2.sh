#!/usr/bin/env bash
# The paper's five rows (full zero-shot, emulator zero-shot, full fine-tune, OT emulator, OT plug-in) on
# SmolLM2-135M-Instruct and the bundled fine-food reviews, through the `offsite` command line, plus the extra
# rows of docs/results/offsite_tuning_smollm2.md (milder emulators, the adapter trained on the full model).
#
#   scripts/paper-table-smollm2.sh OFFSITE_BINARY OUT_DIR [SPLIT...]     (default splits: 2-8-2 2-13-2 2-20-2)
#
# One CPU thread per process, so the numbers do not depend on the machine's load; about 4 hours on one core.
# Every result is a JSON file OUT_DIR/eval-<row>.json; OUT_DIR/table.md is the summary.
set -euo pipefail
offsite=$(realpath "$1"); out=$2; shift 2
splits=("$@"); [ ${#splits[@]} -gt 0 ] || splits=(2-8-2 2-13-2 2-20-2)
root=$(cd "$(dirname "$0")/.." && pwd)
model=${OFFSITE_SMOLLM2:-$HOME/.cache/offsite-studio/models/smollm2-135m-instruct}
[ -f "$model/config.json" ] || { echo "no converted SmolLM2 in $model: run scripts/run-demo.sh once" >&2; exit 1; }
export OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1
mkdir -p "$out" && cd "$out"

# 1100 training reviews (the last 99 validate), the first 400 test reviews as a two-way multiple choice.
python3 "$root/scripts/fine_foods_tasks.py" data --max-chars 300
head -1100 data/train.jsonl > data/train1100.jsonl
head -400 data/test_mc.jsonl > data/test400.jsonl
common=(--task prompt-completion --data data/train1100.jsonl --validation-fraction 0.0909 --steps 125 --batch 8
        --block-size 256 --schedule cosine --warmup 10 --eval-every 25 --threads 1 --seed 42 --json)

evaluate() {  # ROW MODEL_DIR
  /usr/bin/time -f "$1: evaluated in %e s" "$offsite" eval --model "$2" --multiple-choice data/test400.jsonl \
    --threads 1 --json > "eval-$1.json"
  echo "$1: $(cat "eval-$1.json")"
}
train() {  # ROW SPLIT_DIR LR [options...]
  local row=$1 split=$2 lr=$3; shift 3
  /usr/bin/time -f "$row: trained in %e s, peak RSS %M KB" "$offsite" train --model "$split" "${common[@]}" \
    --lr "$lr" --out "$row-adapter.safetensors" --out-model "$row-model" "$@" > "train-$row.jsonl"
}

evaluate full-zero-shot "$model"
"$offsite" owner split "$model" split-full --split 2-26-2 > /dev/null
train full-ft split-full 2e-5 --trainable all            # every block, as the paper's baseline (lr 2e-5)
evaluate full-ft full-ft-model
train adapter-on-full split-full 3e-4                    # the adapter blocks only, on the real middle
evaluate adapter-on-full adapter-on-full-model
for split in "${splits[@]}"; do
  "$offsite" owner split "$model" "split-$split" --split "$split" > /dev/null
  evaluate "emulator-$split-zero-shot" "split-$split"
  for lr in 1e-4 3e-4; do
    row="ot-$split-lr$lr"
    train "$row" "split-$split" "$lr"
    evaluate "$row-emulator" "$row-model"
    "$offsite" owner plugin "$model" "split-$split" "$row-adapter.safetensors" "$row-plugin" > /dev/null
    evaluate "$row-plugin" "$row-plugin"
  done
done
# The distilled 2-8-2 emulator: 400 steps of `owner distill` on general text (quotations and Austen's novels,
# scripts/general_text_corpus.py), then 400 more from there at half the rate; the OT rows on each.
python3 "$root/scripts/general_text_corpus.py" corpus
[ -d split-2-8-2 ] || "$offsite" owner split "$model" split-2-8-2 --split 2-8-2 > /dev/null
distill() {  # FROM TO LR SEED WARMUP EVAL_EVERY
  /usr/bin/time -f "$2: distilled in %e s, peak RSS %M KB" "$offsite" owner distill --full "$model" --split "$1" \
    --train corpus/train.txt --validation corpus/validation.txt --output "$2" --steps 400 --block-size 128 \
    --batch 4 --lr "$3" --schedule cosine --warmup "$5" --eval-every "$6" --max-validation-blocks 16 --seed "$4" \
    --threads 1 --json > "$2.jsonl"
}
distill split-2-8-2 distilled400-2-8-2 3e-4 42 20 50
distill distilled400-2-8-2 distilled800-2-8-2 1.5e-4 43 0 100
for split in distilled400-2-8-2 distilled800-2-8-2; do
  evaluate "emulator-$split-zero-shot" "$split"
  row="ot-$split-lr1e-4"
  train "$row" "$split" 1e-4
  evaluate "$row-emulator" "$row-model"
  "$offsite" owner plugin "$model" "$split" "$row-adapter.safetensors" "$row-plugin" > /dev/null
  evaluate "$row-plugin" "$row-plugin"
done
{ echo "| row | acc | acc_norm |"; echo "|---|---|---|"
  for f in eval-*.json; do r=${f#eval-}; r=${r%.json}
    python3 -c "import json,sys; d=json.load(open('$f')); print(f\"| $r | {d['acc']:.4f} | {d['acc_norm']:.4f} |\")"
  done; } > table.md
cat table.md
