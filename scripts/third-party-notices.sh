#!/usr/bin/env bash
# Writes THIRD_PARTY_NOTICES: Offsite Studio's own licence line, then every third-party component a package
# carries with its full licence text, taken from where the component came from:
#   - libraries from the torch wheel and its nvidia-* wheels: the licence files listed in the wheel's RECORD
#     (PyTorch's LICENSE + NOTICE, NVIDIA's License.txt), GCC's runtime exception for the wheel's libgomp;
#   - libraries copied from Debian packages (the relocatable bundle): the package's /usr/share/doc/PKG/copyright,
#     and at the end the full texts in /usr/share/common-licenses/ those files refer to (a bundle leaves Debian).
# Usage:
#   third-party-notices.sh OUT --site SITE_PACKAGES --libdir DIR [--system-libs FILE] [--debian-packages "P..."]
#     --libdir DIR           the installed private library folder (LibTorch, NVIDIA): each file is attributed
#     --system-libs FILE     paths (on this Debian host) of libraries copied in from Debian packages, one a line
#     --debian-packages LIST Debian packages whose copyright to include as they are (Windows: same upstreams)
#     --wheels LIST          wheels (dist names, e.g. torch) whose licence files to include without a library list
#     --note TEXT            a paragraph printed under the list (e.g. where the Windows builds come from)
# Called by cmake/OffsiteInstall.cmake at install time and by scripts/make-linux-bundle.sh. Debian only (dpkg).
set -euo pipefail

out="${1:?usage: $0 OUT --site DIR --libdir DIR [--system-libs FILE] [--debian-packages LIST]}"
shift
site=""
libdir=""
system_libs=""
debian_packages=""
wheels=""
note=""
while [ $# -gt 0 ]; do
  case "$1" in
    --site) site="$2"; shift 2 ;;
    --libdir) libdir="$2"; shift 2 ;;
    --system-libs) system_libs="$2"; shift 2 ;;
    --debian-packages) debian_packages="$2"; shift 2 ;;
    --wheels) wheels="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
  esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
body="$tmp/body"
: >"$body"
: >"$tmp/summary"
: >"$tmp/common"
declare -A seen_text=()

rule() { printf '\n%s\n%s\n%s\n\n' "================================================================================" "$1" \
  "================================================================================" >>"$body"; }
# text_once NAME FILE...: the files' text, or a pointer to the section that already had the same text.
text_once() {
  local name="$1"; shift
  local sum; sum=$(cat "$@" | sha256sum | cut -c1-16)
  if [ -n "${seen_text[$sum]:-}" ]; then
    echo "(The licence text is the same as for ${seen_text[$sum]} above.)" >>"$body"
  else
    seen_text[$sum]="$name"
    for f in "$@"; do cat "$f" >>"$body"; echo >>"$body"; done
  fi
  grep -ohE '/usr/share/common-licenses/[A-Za-z0-9.+_-]+' "$@" 2>/dev/null | sed 's/[.]$//' >>"$tmp/common" || true
}

# --- libraries from the wheels ---------------------------------------------------------------------------------
declare -A wheel_libs=()
if [ -n "$libdir" ] || [ -n "$wheels" ]; then
  [ -d "$site" ] || { echo "$0: --site $site is not a folder" >&2; exit 1; }
fi
if [ -n "$libdir" ]; then
  [ -d "$libdir" ] || { echo "$0: --libdir $libdir is not a folder" >&2; exit 1; }
  for lib in $(cd "$libdir" && find . -maxdepth 1 \( -type f -o -type l \) -name '*.so*' -printf '%f\n' | sort); do
    record=$(grep -lE "/lib/${lib//./\\.}," "$site"/*.dist-info/RECORD 2>/dev/null | head -n 1 || true)
    if [ -z "$record" ]; then
      echo "$0: $lib in $libdir does not come from a wheel in $site" >&2; exit 1
    fi
    dist=$(basename "$(dirname "$record")")
    wheel_libs[$dist]="${wheel_libs[$dist]:-} $lib"
  done
fi
for w in $wheels; do
  dist=$(cd "$site" && ls -d "$w"-*.dist-info 2>/dev/null | head -n 1 || true)
  [ -n "$dist" ] || { echo "$0: no wheel $w in $site" >&2; exit 1; }
  wheel_libs[$dist]="${wheel_libs[$dist]:-}"
done
for dist in $(printf '%s\n' "${!wheel_libs[@]}" | sort); do
  name=${dist%.dist-info}
  libs=${wheel_libs[$dist]# }
  gomp=""
  if [[ "$name" == torch-* ]]; then
    # The wheel's libgomp is GCC's, not PyTorch's: it gets its own section.
    for l in $libs; do [[ "$l" == libgomp* ]] && gomp="$l"; done
    libs=$(tr ' ' '\n' <<<"$libs" | grep -v '^libgomp' | tr '\n' ' ' | sed 's/ $//' || true)
  fi
  licences=()
  while IFS= read -r rel; do licences+=("$site/$rel"); done < <(cut -d, -f1 "$site/$dist/RECORD" \
    | grep -iE '(^|/)(licen[cs]e|notice|copying)[^/]*$' | grep -v '/METADATA$' | sort)
  [ "${#licences[@]}" -gt 0 ] || { echo "$0: no licence file in $dist" >&2; exit 1; }
  if [[ "$name" == torch-* ]]; then
    label="LibTorch ${name#torch-} (PyTorch), BSD-3-Clause (and the licences of the parts built into it, listed below)"
  else
    label="NVIDIA ${name%%-[0-9]*} ${name##*-}, NVIDIA Software License Agreement"
  fi
  echo "- $label${libs:+: $libs}" >>"$tmp/summary"
  rule "$label"
  [ -z "$libs" ] || { echo "Files: $libs" >>"$body"; echo >>"$body"; }
  text_once "$label" "${licences[@]}"
  if [ -n "$gomp" ]; then
    label="GNU OpenMP runtime (libgomp, from GCC, shipped in the torch wheel), GPL-3.0-or-later WITH GCC-exception-3.1"
    echo "- $label: $gomp" >>"$tmp/summary"
    rule "$label"
    echo "Files: $gomp" >>"$body"; echo >>"$body"
    [ -f /usr/share/doc/libgomp1/copyright ] || { echo "$0: /usr/share/doc/libgomp1/copyright is missing" >&2; exit 1; }
    text_once "$label" /usr/share/doc/libgomp1/copyright
    echo /usr/share/common-licenses/GPL-3 >>"$tmp/common"
  fi
done

# --- libraries from Debian packages ------------------------------------------------------------------------------
declare -A deb_libs=()
if [ -n "$system_libs" ]; then
  while IFS= read -r path; do
    [ -n "$path" ] || continue
    real=$(readlink -f "$path")
    pkg=""
    # Debian 12 has merged /usr: dpkg may know the file under /lib or under /usr/lib.
    for candidate in "$path" "$real" "${path#/usr}" "${real#/usr}" "/usr$path" "/usr$real"; do
      pkg=$(dpkg-query -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1 || true)
      [ -n "$pkg" ] && break
    done
    [ -n "$pkg" ] || { echo "$0: no Debian package owns $path" >&2; exit 1; }
    deb_libs[$pkg]="${deb_libs[$pkg]:-} $(basename "$path")"
  done <"$system_libs"
fi
for pkg in $debian_packages; do deb_libs[$pkg]="${deb_libs[$pkg]:-}"; done
for pkg in $(printf '%s\n' "${!deb_libs[@]}" | sort); do
  src=$(dpkg-query -W -f='${source:Package} ${Version}' "$pkg")
  copyright="/usr/share/doc/$pkg/copyright"
  [ -f "$copyright" ] || { echo "$0: $copyright is missing" >&2; exit 1; }
  licence=$(grep -m1 -E '^License: ' "$copyright" | sed 's/^License: //' || true)
  label="$pkg (Debian source package ${src%% *}, version ${src#* })${licence:+, $licence}"
  libs=${deb_libs[$pkg]# }
  echo "- $label${libs:+: $libs}" >>"$tmp/summary"
  rule "$label"
  [ -z "$libs" ] || { echo "Files: $libs" >>"$body"; echo >>"$body"; }
  text_once "$pkg" "$copyright"
done

# --- the full texts the Debian copyright files only point to -----------------------------------------------------
for f in $(sort -u "$tmp/common"); do
  [ -f "$f" ] || continue
  rule "Full text of $(basename "$f") (referred to above as $f)"
  cat "$f" >>"$body"
done

mkdir -p "$(dirname "$out")"
{
  echo "Offsite Studio: third-party notices"
  echo
  echo "Offsite Studio is licensed under the Apache License, Version 2.0 (the file LICENSE that comes with it;"
  echo "on Debian also /usr/share/common-licenses/Apache-2.0)."
  echo "This copy of it also contains the third-party components below, each under its own licence,"
  echo "whose full text follows the list."
  echo
  cat "$tmp/summary"
  if [ -n "$note" ]; then echo; echo "$note" | fold -s -w 100; fi
  cat "$body"
} >"$out.tmp"
mv "$out.tmp" "$out"
