#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: the main build (warnings as errors), the ASan+UBSan build
# of the parsers, and a short libFuzzer smoke run of every fuzz target. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/setup.sh

echo "== main build (ci preset)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$jobs"
ctest --preset ci -j"$jobs"

echo "== sanitizer build (asan preset: parsers without LibTorch)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs"
# The slow label (long kill harnesses) runs once, in the main build above.
ctest --preset asan -j"$jobs" --label-exclude slow

echo "== fuzz smoke run"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$jobs"
scripts/fuzz-smoke.sh build/fuzz/fuzz "${OFFSITE_FUZZ_SECONDS:-10}"
