#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job on the bundled demo: Offsite-Tuning end to end, both
# parties, on the SmolLM2-135M-Instruct foundation model (converted once from the GGUF that set-up installs) and the
# bundled fine-food reviews (scripts/demo-offsite-tuning.sh). With a display (DISPLAY or WAYLAND_DISPLAY) the data
# owner's part opens in the desktop app on the demo package and data set; --headless keeps it on the command line.
# Other options are passed to scripts/demo-offsite-tuning.sh (see its --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset dev >/dev/null
targets=(offsite)
headless=no
for arg in "$@"; do
    [ "$arg" = --headless ] && headless=yes
done
if [ "$headless" = no ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    targets+=(offsite-studio)
fi
cmake --build --preset dev -j"$(nproc)" --target "${targets[@]}"
exec scripts/demo-offsite-tuning.sh --offsite build/dev/app/cli/offsite "$@"
