# Shared by scripts/test-deb-clean-root.sh and scripts/test-bundle-clean-root.sh (sourced, not run): a throwaway
# Debian 12 root made by debootstrap (minbase) from a cached tarball, and a way to run commands inside it.
#   OFFSITE_CACHE          cache folder (default ~/.cache/offsite-studio): debian12-minbase.tar, apt-archives/
#   OFFSITE_DEBIAN_MIRROR  Debian mirror (default: the host's first deb.debian.org-style entry, else deb.debian.org)
CACHE="${OFFSITE_CACHE:-$HOME/.cache/offsite-studio}"
ROOT_TAR="$CACHE/debian12-minbase.tar"
APT_ARCHIVES="$CACHE/apt-archives"

clean_root_require() {
  [ "$(id -u)" -eq 0 ] || { echo "$0: run as root (debootstrap, chroot and mount need it)" >&2; exit 1; }
  for tool in debootstrap unshare chroot strace; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
  done
}

clean_root_mirror() {
  if [ -n "${OFFSITE_DEBIAN_MIRROR:-}" ]; then echo "$OFFSITE_DEBIAN_MIRROR"; return; fi
  local m
  m=$(grep -hoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
      | head -n 1 | tr -d ' ' || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# clean_root_make DIR: DIR becomes a fresh Debian 12 minbase root with apt lists (from the tarball if cached).
clean_root_make() {
  local dir="$1"
  mkdir -p "$dir" "$APT_ARCHIVES/partial"
  if [ ! -f "$ROOT_TAR" ]; then
    local mirror; mirror=$(clean_root_mirror)
    echo "clean-root: debootstrap bookworm (minbase) from $mirror (once; cached in $ROOT_TAR)"
    debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1 \
      || { tail -n 20 "$dir.debootstrap.log" >&2; exit 1; }
    echo "deb $mirror bookworm main" >"$dir/etc/apt/sources.list"
    cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    clean_root_run "$dir" apt-get update -qq
    clean_root_run "$dir" apt-get clean
    tar -C "$dir" -cf "$ROOT_TAR.tmp" . && mv "$ROOT_TAR.tmp" "$ROOT_TAR"
  else
    tar -C "$dir" -xf "$ROOT_TAR"
    cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
  fi
}

# clean_root_run DIR CMD...: CMD inside DIR (own mount namespace: /proc, /sys, /dev, and the shared apt cache).
clean_root_run() {
  local dir="$1"; shift
  unshare --mount --fork -- /bin/sh -c '
    d="$1"; a="$2"; shift 2
    mount -t proc proc "$d/proc" && mount -t sysfs sysfs "$d/sys" && mount --rbind /dev "$d/dev" &&
    mount --bind "$a" "$d/var/cache/apt/archives" && exec chroot "$d" /usr/bin/env -i \
      PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' \
    sh "$dir" "$APT_ARCHIVES" "$@"
}

# clean_root_run_offline DIR CMD...: the same in a network namespace with no interfaces (only a downed loopback),
# under strace: every socket() and connect() of CMD and its children is logged to $CLEAN_ROOT_TRACE_DIR (set by
# clean_root_trace_start) for clean_root_check_no_inet.
clean_root_run_offline() {
  local dir="$1"; shift
  local trace=()
  if [ -n "${CLEAN_ROOT_TRACE_DIR:-}" ]; then
    # A file per command (callers run this in $(...), so a counter would not survive).
    local base; base=$(mktemp "$CLEAN_ROOT_TRACE_DIR/cmd.XXXXXX")
    trace=(strace -f -qq -e trace=socket,connect,sendto,sendmsg -s 64 -o "$base.trace")
    echo "$*" >"$base.cmd"
  fi
  "${trace[@]}" unshare --net --mount --fork -- /bin/sh -c '
    d="$1"; shift
    mount -t proc proc "$d/proc" && mount -t sysfs sysfs "$d/sys" && mount --rbind /dev "$d/dev" &&
    exec chroot "$d" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"' \
    sh "$dir" "$@"
}

clean_root_trace_start() { CLEAN_ROOT_TRACE_DIR="$1"; mkdir -p "$1"; }

# clean_root_check_no_inet: no traced command opened an IPv4/IPv6 socket or connected anywhere but a local
# (AF_UNIX) socket, e.g. the X server or D-Bus. The namespace has no network anyway; this shows nothing even tries.
clean_root_check_no_inet() {
  local n=0 bad=0 f
  for f in "$CLEAN_ROOT_TRACE_DIR"/*.trace; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    if grep -E '(socket|connect|sendto|sendmsg)\(.*(AF_INET|AF_INET6|AF_PACKET)' "$f" >/dev/null; then
      echo "FAIL: network use by: $(cat "${f%.trace}.cmd")" >&2
      grep -E 'AF_INET|AF_INET6|AF_PACKET' "$f" | head -n 5 >&2
      bad=1
    fi
  done
  [ "$n" -gt 0 ] || { echo "FAIL: no strace logs in $CLEAN_ROOT_TRACE_DIR" >&2; exit 1; }
  [ "$bad" = 0 ] || exit 1
  local calls; calls=$(cat "$CLEAN_ROOT_TRACE_DIR"/*.trace | grep -cE ' (socket|connect)\(' || true)
  local unix; unix=$(cat "$CLEAN_ROOT_TRACE_DIR"/*.trace | grep -cE ' (socket|connect)\(.*AF_UNIX' || true)
  echo "strace over $n offline commands: $calls socket()/connect() calls, $unix of them AF_UNIX (local), none IPv4/IPv6"
}

# clean_root_check_offline: a new network namespace has no interface but the loopback.
clean_root_check_offline() {
  local ifs
  ifs=$(unshare --net -- awk 'NR > 2 { sub(":", "", $1); print $1 }' /proc/net/dev | tr '\n' ' ')
  [ "$ifs" = "lo " ] || { echo "clean-root: the network namespace has interfaces: $ifs" >&2; exit 1; }
  echo "network namespace: no interface but the loopback (which a new namespace leaves down)"
}

clean_root_remove() {
  local dir="$1"
  # The mounts lived in namespaces that are gone; nothing is mounted under DIR any more.
  if grep -q " $dir/" /proc/mounts; then echo "clean-root: $dir still has mounts; leaving it" >&2; return 1; fi
  rm -rf "$dir" "$dir.debootstrap.log"
}
