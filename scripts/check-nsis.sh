#!/usr/bin/env bash
# Compiles the Windows installer's NSIS script (installers/windows/OffsiteNsis.cmake) with Debian's makensis
# against a staged dummy layout: catches script errors without Windows. What it cannot check: see
# installers/windows/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v makensis >/dev/null || { echo "$0: makensis is missing (apt-get install nsis)" >&2; exit 1; }
build=build/nsis-check
rm -rf "$build"
cmake -S installers/windows/check -B "$build" >/dev/null
(cd "$build" && cpack -G NSIS --verbose >cpack.log 2>&1) || { tail -n 40 "$build/cpack.log"; exit 1; }
grep -q "WriteRegStr SHCTX .Software.Classes..otpkg. .. .OffsiteStudio.Package." "$build"/_CPack_Packages/*/NSIS/project.nsi \
  || { echo "$0: the .otpkg association is not in project.nsi" >&2; exit 1; }
grep -q 'MUI_PAGE_LICENSE ".*/LICENSE"' "$build"/_CPack_Packages/*/NSIS/project.nsi \
  || { echo "$0: the installer has no licence page" >&2; exit 1; }
grep -q 'Delete "$INSTDIR\\THIRD_PARTY_NOTICES.txt"' "$build"/_CPack_Packages/*/NSIS/project.nsi \
  || { echo "$0: THIRD_PARTY_NOTICES.txt is not installed" >&2; exit 1; }
scripts/windows-notices.sh "$build/THIRD_PARTY_NOTICES.txt"
cmp -s "$build/THIRD_PARTY_NOTICES.txt" installers/windows/THIRD_PARTY_NOTICES.txt \
  || { echo "$0: installers/windows/THIRD_PARTY_NOTICES.txt is out of date: run scripts/windows-notices.sh" >&2; exit 1; }
echo "licence page, THIRD_PARTY_NOTICES.txt (current), .otpkg association: present"
ls -l "$build"/packages/*.exe
