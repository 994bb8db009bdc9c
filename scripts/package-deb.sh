#!/usr/bin/env bash
# Builds the Debian 12 packages from a fresh build folder and checks them:
#   scripts/package-deb.sh           build/release:     offsite-studio (CUDA LibTorch, falls back to the CPU)
#   scripts/package-deb.sh --cpu     build/release-cpu: offsite-studio-cpu (LibTorch's CPU libraries only)
#   --reuse                          keep the build folder (ccache makes a fresh one cheap; the link is not)
# Output: build/<preset>/packages/<name>_<version>-1_amd64.deb and <name>-dbgsym_<version>-1_amd64.ddeb (debug
# symbols; install with `apt install ./…ddeb` next to the package). Then: scripts/test-deb-clean-root.sh PATH.deb
set -euo pipefail
cd "$(dirname "$0")/.."

preset=release
reuse=0
for arg in "$@"; do
  case "$arg" in
    --cpu) preset=release-cpu ;;
    --reuse) reuse=1 ;;
    *) echo "usage: $0 [--cpu] [--reuse]" >&2; exit 2 ;;
  esac
done
build="build/$preset"
jobs=$(nproc)

for tool in dpkg-shlibdeps appstreamcli desktop-file-validate; do
  command -v "$tool" >/dev/null || { echo "package-deb: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

echo "== metadata checks"
appstreamcli validate --no-net installers/linux/studio.offsite.OffsiteStudio.metainfo.xml
desktop-file-validate installers/linux/studio.offsite.OffsiteStudio.desktop

echo "== build ($build)"
if [ "$reuse" = 0 ]; then rm -rf "$build"; fi
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$jobs"

echo "== cpack"
rm -rf "$build/packages" "$build/_CPack_Packages"
start=$(date +%s)
(cd "$build" && cpack -G DEB)
echo "cpack took $(( $(date +%s) - start )) s"

deb=$(ls "$build"/packages/*.deb)
echo "== contents"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{print $3, $6}' | sort -k2 | grep -v '/$' | head -n 80

# lintian on the multi-GB CUDA flavour ran over 30 minutes without finishing on a shared 2-core machine: it runs on
# the CPU flavour, or on either with OFFSITE_LINTIAN=1.
if [ "$preset" = release ] && [ "${OFFSITE_LINTIAN:-0}" != 1 ]; then
  echo "== lintian skipped for the CUDA flavour (OFFSITE_LINTIAN=1 to run it)"
elif command -v lintian >/dev/null; then
  echo "== lintian (findings are listed, not fatal)"
  lintian --no-tag-display-limit --suppress-tags-from-file /dev/null "$deb" || true
else
  echo "== lintian not installed (apt-get install lintian) - skipped"
fi

echo "== sizes"
ls -l "$build"/packages/
for f in "$build"/packages/*; do
  printf '%-70s %8s MiB (installed: %s MiB)\n' "$(basename "$f")" "$(( $(stat -c %s "$f") / 1048576 ))" \
    "$(( $(dpkg-deb -f "$f" Installed-Size) / 1024 ))"
done
