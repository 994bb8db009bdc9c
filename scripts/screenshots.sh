#!/usr/bin/env bash
# Screenshots of the main window and every wizard page for docs/GUI.md and the README. They are taken by the
# end-to-end GUI test while it drives the real wizard (tests/ui/wizard_test.cpp), on the offscreen platform
# by default or under Xvfb with --xvfb (same pixels a user's X11 desktop would show, fonts included).
#   scripts/screenshots.sh [--xvfb] [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
platform=offscreen
if [[ "${1:-}" == "--xvfb" ]]; then platform=xcb; shift; fi
build="${1:-build/ci}"
out="docs/screenshots"
mkdir -p "$out"
cmake --build "$build" --target test_ui_wizard
run=("$build/tests/ui/test_ui_wizard" --gtest_filter='FineTuningWizard.*')
if [[ "$platform" == xcb ]]; then
  OFFSITE_SCREENSHOTS="$PWD/$out" QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x900x24" "${run[@]}"
else
  OFFSITE_SCREENSHOTS="$PWD/$out" QT_QPA_PLATFORM=offscreen "${run[@]}"
fi
ls -1 "$out"
