#!/usr/bin/env bash
# A relocatable Linux bundle for other distributions: one folder (and a .tar.gz of it) with the app, the command
# line, LibTorch, Qt 6 and its plugins, started by one launcher script:
#   scripts/make-linux-bundle.sh [--cpu] [--reuse] [--no-archive]
#   -> build/<preset>/bundle/offsite-studio-<version>-linux-x86_64[-cpu]/ and …tar.gz next to it
#   ./offsite-studio-…/offsite-studio [MODEL]      the desktop app
#   ./offsite-studio-…/offsite COMMAND …           the command line (both are links to the one launcher)
# The host provides only glibc, libstdc++/libgcc (GCC >= 12), and the display-side libraries that must match its
# drivers: libGL/libGLX/libOpenGL/libEGL, libX11/libX11-xcb/libxcb, fontconfig, freetype, zlib (on Debian/Ubuntu:
# libgl1 libegl1 libopengl0 libx11-6 libx11-xcb1 libxcb1 libfontconfig1 libfreetype6). Everything else is inside.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=release
reuse=0
archive=1
for arg in "$@"; do
  case "$arg" in
    --cpu) preset=release-cpu ;;
    --reuse) reuse=1 ;;
    --no-archive) archive=0 ;;
    *) echo "usage: $0 [--cpu] [--reuse] [--no-archive]" >&2; exit 2 ;;
  esac
done
build="build/$preset"
if [ "$reuse" = 0 ] || [ ! -f "$build/CMakeCache.txt" ]; then
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$(nproc)"
fi
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
name="offsite-studio-$version-linux-x86_64"
[ "$preset" = release-cpu ] && name="$name-cpu"
out="$build/bundle/$name"
rm -rf "$out" "$out.tar.gz"
mkdir -p "$out"
out=$(cd "$out" && pwd)

echo "== install tree"
cmake --install "$build" --prefix "$out" >/dev/null
libdir=$(cd "$out" && { ls -d lib/*/offsite-studio lib/offsite-studio 2>/dev/null || true; } | head -n 1)
[ -n "$libdir" ] || { echo "$0: the install tree has no lib/…/offsite-studio" >&2; exit 1; }
# What came from the wheels (for THIRD_PARTY_NOTICES); everything copied below comes from Debian packages.
notes=$(mktemp -d)
trap 'rm -rf "$notes"' EXIT
mkdir "$notes/wheel-libs"
(cd "$out/$libdir" && for f in *.so*; do : >"$notes/wheel-libs/$f"; done)
: >"$notes/system-files"

echo "== Qt plugins"
qt_plugins=$(qtpaths6 --query QT_INSTALL_PLUGINS 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/qt6/plugins)
mkdir -p "$out/$libdir/qt6/plugins"
for category in xcbglintegrations platforminputcontexts imageformats iconengines styles platformthemes wayland-shell-integration; do
  [ -d "$qt_plugins/$category" ] || continue
  cp -a "$qt_plugins/$category" "$out/$libdir/qt6/plugins/"
  find "$qt_plugins/$category" -type f >>"$notes/system-files"
done
# Desktop platforms only: X11 (xcb), Wayland when the build machine has it, and the display-less ones. Not vnc (a
# network server) nor eglfs/linuxfb/vkkhrdisplay (full-screen embedded), which would also pull in QtNetwork.
mkdir -p "$out/$libdir/qt6/plugins/platforms"
for plugin in libqxcb.so libqwayland-generic.so libqwayland-egl.so libqoffscreen.so libqminimal.so; do
  if [ -f "$qt_plugins/platforms/$plugin" ]; then
    cp -a "$qt_plugins/platforms/$plugin" "$out/$libdir/qt6/plugins/platforms/"
    echo "$qt_plugins/platforms/$plugin" >>"$notes/system-files"
  fi
done
ls "$out/$libdir/qt6/plugins"
qt_translations=$(qtpaths6 --query QT_INSTALL_TRANSLATIONS 2>/dev/null || echo /usr/share/qt6/translations)
mkdir -p "$out/share/qt6/translations"
cp "$qt_translations"/qtbase_*.qm "$out/share/qt6/translations/" 2>/dev/null || true
ls "$qt_translations"/qtbase_*.qm 2>/dev/null | head -n 1 >>"$notes/system-files" || true

echo "== libraries"
# Provided by the host (see the header); everything else the binaries and plugins need is copied in.
host_libs='^(ld-linux.*|lib(c|m|dl|rt|pthread|util|resolv|anl|nsl|stdc\+\+|gcc_s)\.so.*|lib(GL|GLX|OpenGL|EGL|GLdispatch|gbm|drm)\.so.*|lib(X11|X11-xcb|xcb|Xau|Xdmcp|bsd|md|fontconfig|freetype|expat|z)\.so\.[0-9]+)$'
elf_files() { find "$out/bin" "$out/$libdir" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
  'for f; do head -c 4 "$f" | grep -q "ELF" && echo "$f"; done' sh {} +; }
for round in 1 2 3; do
  copied=0
  while read -r soname path; do
    [ -e "$out/$libdir/$soname" ] && continue
    echo "$soname" | grep -qE "$host_libs" && continue
    cp -L "$path" "$out/$libdir/$soname"; copied=$((copied + 1))
    echo "$path" >>"$notes/system-files"
  done < <(elf_files | while read -r f; do
             LD_LIBRARY_PATH="$out/$libdir" ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }'
           done | sort -u)
  echo "round $round: copied $copied libraries"
  [ "$copied" = 0 ] && break
done
missing=$(elf_files | while read -r f; do LD_LIBRARY_PATH="$out/$libdir" ldd "$f" 2>/dev/null | grep "not found"; done \
          | sort -u || true)
[ -z "$missing" ] || { echo "$0: unresolved: $missing" >&2; exit 1; }
if [ -e "$out/$libdir/libQt6Network.so.6" ]; then
  echo "$0: something in the bundle needs QtNetwork; the app has no network code, so find out what" >&2; exit 1
fi

# Debug symbols stay in the build (and the -dbgsym package); the bundle carries stripped copies.
elf_files | xargs strip --strip-unneeded --remove-section=.comment --remove-section=.note

echo "== licences"
# LICENSE (Apache-2.0) and THIRD_PARTY_NOTICES at the top of the bundle: the wheel's libraries as in the packages,
# plus every library, plugin and translation copied from a Debian package above, with that package's copyright.
site=$(sed -n 's/^OFFSITE_TORCH_ROOT:PATH=//p' "$build/CMakeCache.txt")/..
cp LICENSE "$out/LICENSE"
scripts/third-party-notices.sh "$out/THIRD_PARTY_NOTICES" --site "$site" --libdir "$notes/wheel-libs" \
  --system-libs "$notes/system-files"
rm -f "$out"/share/doc/*/THIRD_PARTY_NOTICES
echo "$(sed '/^=====/q' "$out/THIRD_PARTY_NOTICES" | grep -c '^- ') components in THIRD_PARTY_NOTICES"

# Qt finds its plugins and translations from qt.conf next to the executables (relative to the bundle).
cat >"$out/bin/qt.conf" <<QTCONF
[Paths]
Prefix = ..
Plugins = $libdir/qt6/plugins
Translations = share/qt6/translations
QTCONF

cat >"$out/offsite-launcher" <<'LAUNCHER'
#!/bin/sh
# Offsite Studio bundle launcher. Run as ./offsite-studio (desktop app) or ./offsite (command line): both are links
# to this script, which may itself be linked from anywhere (it finds the bundle through the link).
here=$(dirname "$(readlink -f "$0")")
name=$(basename "$0")
case "$name" in
  offsite|offsite-studio) ;;
  *) case "${1:-}" in offsite|offsite-studio) name=$1; shift ;; *) name=offsite-studio ;; esac ;;
esac
LIBDIR_PLACEHOLDER
export LD_LIBRARY_PATH="$here/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export QT_PLUGIN_PATH="$here/$libdir/qt6/plugins"
exec "$here/bin/$name" "$@"
LAUNCHER
sed -i "s|^LIBDIR_PLACEHOLDER\$|libdir=$libdir|" "$out/offsite-launcher"
chmod 755 "$out/offsite-launcher"
ln -s offsite-launcher "$out/offsite-studio"
ln -s offsite-launcher "$out/offsite"

glibc=$(elf_files | xargs objdump -T 2>/dev/null | grep -oE 'GLIBC_[0-9.]+' | sort -uV | tail -n 1)
glibcxx=$(elf_files | xargs objdump -T 2>/dev/null | grep -oE 'GLIBCXX_[0-9.]+' | sort -uV | tail -n 1)
echo "host needs: glibc with $glibc, libstdc++ with $glibcxx" | tee "$out/HOST-REQUIREMENTS.txt"

"$out/offsite" --version
if [ "$archive" = 1 ]; then
  echo "== archive"
  tar -C "$(dirname "$out")" -cf - "$name" | gzip -6 >"$out.tar.gz"
fi
echo "== sizes"
du -sh "$out"
[ "$archive" = 0 ] || ls -l "$out.tar.gz"
