#!/usr/bin/env bash
# The trainer on a GPU, in one short run for a session that is lent a GPU machine (one H200, about 15 minutes of
# device time in all, PyTorch preinstalled, no Qt, no network). It
#   1. configures the `headless` preset against the preinstalled PyTorch's LibTorch (no Qt),
#   2. builds only `offsite`, the trainer tests and the tiny-model maker,
#   3. runs the trainer tests (their CUDA tests run instead of skipping when a GPU is usable),
#   4. trains a tiny Llama (tests/jobs/make_tiny_llama.cpp, split 2-4-2) with `offsite train --json` on
#      --device cuda (float32), --device cuda --bf16 and --device cpu, and prints per run the loss difference
#      from the CPU run, steps/s and peak memory.
# Every stage has a timeout; the first failure stops the script with what failed.
#
#   scripts/device-check.sh                       everything (on the GPU machine)
#   scripts/device-check.sh --cpu-only            steps 1-4 without the CUDA runs (any machine)
#   scripts/device-check.sh --build-dir build/ci  reuse a configured build instead of steps 1-2 (e.g. --cpu-only
#                                                 on a developer machine, to check the script itself)
# Environment: PYTHON (default python3, the one with the preinstalled torch), JOBS (default nproc), STEPS (20).
set -euo pipefail
cd "$(dirname "$0")/.."

cpu_only=0
build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu-only) cpu_only=1 ;;
    --build-dir) build="$2"; shift ;;
    *) echo "usage: $0 [--cpu-only] [--build-dir DIR]" >&2; exit 2 ;;
  esac
  shift
done
PYTHON=${PYTHON:-python3}
JOBS=${JOBS:-$(nproc)}
STEPS=${STEPS:-20}
export OMP_WAIT_POLICY=PASSIVE
started=$(date +%s)
stage() { echo "== [$(( $(date +%s) - started )) s] $*"; }
fail() { echo "device-check: FAILED: $*" >&2; exit 1; }

if [ -z "$build" ]; then
  stage "LibTorch of the preinstalled PyTorch"
  prefix=$("$PYTHON" -c 'import torch; print(torch.utils.cmake_prefix_path)') ||
    fail "$PYTHON cannot import torch; set PYTHON to the Python that has PyTorch"
  torch_root=$(dirname "$(dirname "$prefix")")  # <torch>/share/cmake -> <torch> (holds include/ and lib/)
  "$PYTHON" -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda, "GPU usable:", torch.cuda.is_available())'
  build=build/headless
  stage "configure (headless preset, tests on, benchmarks off)"
  timeout 180 cmake --preset headless -DOFFSITE_TORCH_ROOT="$torch_root" -DOFFSITE_PYTHON="$(command -v "$PYTHON")" \
    -DOFFSITE_BUILD_BENCH=OFF >/tmp/device-check-configure.log 2>&1 ||
    { tail -n 30 /tmp/device-check-configure.log >&2; fail "configure (needs cmake >= 3.25, ninja, pkg-config, libsodium, sqlite3, GoogleTest)"; }
  stage "build offsite, test_trainer, jobs_make_tiny_llama (-j$JOBS)"
  timeout "${BUILD_TIMEOUT:-480}" cmake --build "$build" --target offsite test_trainer jobs_make_tiny_llama -j"$JOBS" \
    >/tmp/device-check-build.log 2>&1 || { tail -n 30 /tmp/device-check-build.log >&2; fail "build"; }
fi
offsite="$build/app/cli/offsite"
[ -x "$offsite" ] || fail "$offsite is missing; build the offsite target"

stage "trainer tests"
timeout 300 env OMP_NUM_THREADS=4 "$build/tests/trainer/test_trainer" --gtest_brief=1 ||
  fail "test_trainer (see the failures above)"
timeout 60 "$build/tests/trainer/test_trainer" --gtest_filter='TrainerDevice.*' 2>&1 | grep -E '^\[ +(OK|SKIPPED|FAILED) +\]|Skipped' || true

work=$(mktemp -d /tmp/offsite-device-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
stage "tiny model: 8-block Llama (hidden 48), split 2-4-2; text: the notes repeated"
timeout 60 "$build/tests/jobs/jobs_make_tiny_llama" "$work/model" 8 256 || fail "making the tiny model"
timeout 60 "$offsite" owner split "$work/model" "$work/split" --split 2-4-2 >/dev/null || fail "offsite owner split"
for _ in $(seq 200); do cat tests/data/text/offsite_notes.txt; done >"$work/text.txt"

run() {  # NAME ARGS...: one training run, its JSON lines in $work/NAME.jsonl and its wall time in $work/NAME.seconds
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  timeout 120 "$offsite" train --model "$work/split" --data "$work/text.txt" --steps "$STEPS" --block-size 128 \
    --batch 8 --lr 1e-3 --seed 7 --sequential --eval-every "$STEPS" --threads 4 --json \
    --out "$work/$name.safetensors" "$@" >"$work/$name.jsonl" 2>"$work/$name.err" ||
    { cat "$work/$name.err" >&2; fail "offsite train $*"; }
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.3f\n", $2 - $1}' >"$work/$name.seconds"
}
stage "offsite train --device cpu ($STEPS steps)"
run cpu --device cpu
names="cpu"
if [ "$cpu_only" = 0 ]; then
  stage "offsite train --device cuda"
  run cuda --device cuda
  stage "offsite train --device cuda --bf16"
  run cuda-bf16 --device cuda --bf16
  names="cpu cuda cuda-bf16"
fi

stage "results (loss difference from the CPU run, steps/s over the whole command, peak memory)"
"$PYTHON" - "$work" $names <<'PY'
import json, sys
work, names = sys.argv[1], sys.argv[2:]
def load(name):
    rows = [json.loads(l) for l in open(f"{work}/{name}.jsonl") if l.strip()]
    seconds = float(open(f"{work}/{name}.seconds").read())
    return rows, seconds
cpu, _ = load("cpu")
print(f"{'run':<10} {'device':<6} {'steps':>5} {'final loss':>11} {'max |dloss|':>12} {'steps/s':>8} {'tok/s':>9} {'peak memory':>12}")
for name in names:
    rows, seconds = load(name)
    diff = max(abs(a["loss"] - b["loss"]) for a, b in zip(rows, cpu))
    peak = max(r.get("memory_peak_bytes", 0) for r in rows)
    tok = sum(r["tokens_per_s"] for r in rows[1:]) / max(1, len(rows) - 1)  # the first step warms up
    kind = "allocated" if rows[0]["device"] == "cuda" else "RSS"
    print(f"{name:<10} {rows[0]['device']:<6} {len(rows):>5} {rows[-1]['loss']:>11.5f} {diff:>12.2e} "
          f"{len(rows) / seconds:>8.2f} {tok:>9.0f} {peak / 2**20:>8.1f} MiB ({kind})")
    if name == "cuda" and diff > 1e-3:
        sys.exit(f"device-check: FAILED: CUDA float32 losses differ from the CPU's by {diff:.2e} (> 1e-3)")
PY
stage "done"
