#!/usr/bin/env bash
# Runs every libFuzzer target in BIN_DIR for SECONDS each on a copy of its committed seed corpus (the corpus in
# the checkout is not modified). Fails if any target finds a crash, leak or sanitizer report.
set -euo pipefail
bin_dir=${1:?usage: fuzz-smoke.sh BIN_DIR [SECONDS]}
seconds=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
count=0
failed=0
# Every target fuzz/CMakeLists.txt declares must have been built (a target silently missing is not a pass).
for declared in $(sed -n 's/^offsite_add_fuzzer(NAME \([a-z_0-9]*\).*/\1/p' "$root/fuzz/CMakeLists.txt"); do
  if [ ! -x "$bin_dir/fuzz_$declared" ]; then
    echo "fuzz $declared: NOT BUILT (declared in fuzz/CMakeLists.txt)"; status=1; failed=$((failed + 1))
  fi
done
for fuzzer in "$bin_dir"/fuzz_*; do
  [ -x "$fuzzer" ] || continue
  name=$(basename "$fuzzer"); name=${name#fuzz_}
  mkdir -p "$work/$name"
  [ -d "$root/fuzz/corpus/$name" ] && cp -r "$root/fuzz/corpus/$name/." "$work/$name/"
  if "$fuzzer" "$work/$name" -max_total_time="$seconds" -rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1 \
       >"$work/$name.log" 2>&1; then
    echo "fuzz $name: ok ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$name.log" | awk '{print $2}') runs)"
    count=$((count + 1))
  else
    echo "fuzz $name: FAILED"; tail -40 "$work/$name.log"; status=1; failed=$((failed + 1))
  fi
done
[ $((count + failed)) -gt 0 ] || { echo "fuzz-smoke: no fuzz targets found in $bin_dir" >&2; exit 1; }
echo "fuzz: $count passed, $failed failed"
exit $status
