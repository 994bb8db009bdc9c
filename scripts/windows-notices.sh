#!/usr/bin/env bash
# Regenerates installers/windows/THIRD_PARTY_NOTICES.txt (committed: the Windows build has no dpkg to read the
# texts from). The same upstream components as the Windows installer carries, with the licence texts Debian and
# the torch wheel record. Run after changing what the Windows build links; scripts/check-nsis.sh checks it is current.
#   scripts/windows-notices.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-installers/windows/THIRD_PARTY_NOTICES.txt}"
python="${OFFSITE_PYTHON:-$(ls "${OFFSITE_CACHE:-$HOME/.cache/offsite-studio}"/venv-*/bin/python 2>/dev/null | head -n 1)}"
site=$("$python" -c 'import os, torch; print(os.path.dirname(os.path.dirname(torch.__file__)))')
scripts/third-party-notices.sh "$out" --site "$site" --wheels torch \
  --debian-packages "libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6svg6 libsodium23 libsqlite3-0 libpcre2-8-0" \
  --note "On Windows these components come from the LibTorch archive for Windows (torch.dll, torch_cpu.dll, \
c10.dll and the DLLs they need), Qt's own Windows build (deployed by windeployqt) and vcpkg (libsodium, SQLite, \
PCRE2); the texts above are their upstream licences as Debian and the PyTorch wheel record them. Qt Charts is \
licensed under the GPL-3.0 (not the LGPL). Also installed, under their own terms: the Microsoft Visual C++ \
runtime (msvcp140.dll, vcruntime140*.dll) and the OpenMP runtime of the LibTorch archive (libiomp5md.dll)."
