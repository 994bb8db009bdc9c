#!/usr/bin/env bash
# The relocatable bundle on a clean Debian 12 without development packages: unpacks BUNDLE.tar.gz into a fresh
# debootstrap minbase root to which only the display-side runtime libraries the bundle leaves to the host are
# added (libgl1 libegl1 libopengl0 libx11-6 libx11-xcb1 libxcb1 libfontconfig1 libfreetype6; no -dev package, no Qt,
# no LibTorch), then, offline: offsite --version, a short training run on a tiny model, offsite-studio --smoke-test
# with the offscreen and the xcb platform plugins (xcb against Xvfb when the root can have it: it is the only extra
# package, and only for that check).
#   scripts/test-bundle-clean-root.sh [BUNDLE.tar.gz]   (default: the newest build/release*/bundle/*.tar.gz)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/clean-root-lib.sh

tarball="${1:-$(ls -t build/release*/bundle/*.tar.gz 2>/dev/null | head -n 1)}"
[ -f "$tarball" ] || { echo "$0: no bundle given and none built: run scripts/make-linux-bundle.sh" >&2; exit 1; }
clean_root_require
python="${OFFSITE_PYTHON:-$(ls "$CACHE"/venv-*/bin/python 2>/dev/null | head -n 1)}"
[ -x "$python" ] || { echo "$0: the Python environment of scripts/setup.sh is missing (makes the tiny model)" >&2; exit 1; }
host_packages=(libgl1 libegl1 libopengl0 libx11-6 libx11-xcb1 libxcb1 libfontconfig1 libfreetype6)

start=$(date +%s)
work=$(mktemp -d /var/tmp/offsite-bundle-root.XXXXXX)
root="$work/root"
trap 'clean_root_remove "$root" || true; rm -rf "$work"' EXIT
step() { echo "== [$(( $(date +%s) - start )) s] $*"; }

step "clean Debian 12 root + ${host_packages[*]}"
clean_root_make "$root"
clean_root_run "$root" apt-get install -y -q --no-install-recommends "${host_packages[@]}" >"$work/apt.log" 2>&1 \
  || { tail -n 30 "$work/apt.log"; exit 1; }
if clean_root_run "$root" dpkg-query -W -f='${Package}\n' | grep -E -- '-dev$|^qt6-|^libqt6|^libtorch'; then
  echo "FAIL: the root has development, Qt or LibTorch packages" >&2; exit 1
fi

step "unpack $(basename "$tarball") into /opt"
mkdir -p "$root/opt"
tar -C "$root/opt" -xzf "$tarball"
bundle="/opt/$(basename "$tarball" .tar.gz)"  # make-linux-bundle.sh names the archive after its folder
mkdir -p "$root/tmp/t"
"$python" - "$root/tmp/t/model" <<'PYEOF'
import sys, shutil, torch, transformers
torch.manual_seed(0)
cfg = transformers.LlamaConfig(vocab_size=2005, hidden_size=32, intermediate_size=64, num_hidden_layers=4,
                               num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128,
                               tie_word_embeddings=True, bos_token_id=1, eos_token_id=2)
transformers.LlamaForCausalLM(cfg).save_pretrained(sys.argv[1], safe_serialization=True)
shutil.copy("tests/data/tokenizer/smollm2/tokenizer.json", sys.argv[1])
PYEOF
cp tests/data/text/offsite_notes.txt "$root/tmp/t/notes.txt"

expect() {
  local regex="$1"; shift
  local out rc=0
  out=$(clean_root_run_offline "$root" "$@" 2>&1) || rc=$?
  if [ "$rc" -ne 0 ] || ! grep -qE "$regex" <<<"$out"; then
    echo "FAIL (exit $rc): $*" >&2; echo "$out" | tail -n 20 >&2; exit 1
  fi
  echo "ok: $* -> $(grep -m1 -E "$regex" <<<"$out")"
}

for f in LICENSE THIRD_PARTY_NOTICES HOST-REQUIREMENTS.txt; do
  [ -s "$root$bundle/$f" ] || { echo "FAIL: the bundle has no $f" >&2; exit 1; }
done
echo "LICENSE, THIRD_PARTY_NOTICES ($(sed '/^=====/q' "$root$bundle/THIRD_PARTY_NOTICES" | grep -c '^- ') components) present"

step "inside the root, no network, every command under strace"
clean_root_check_offline
clean_root_trace_start "$work/strace"
expect '^offsite [0-9]+\.[0-9]+\.[0-9]+' "$bundle/offsite" --version
expect 'split 1-2-1 of a 4-block model' "$bundle/offsite" owner split /tmp/t/model /tmp/t/split --split 1-2-1
expect 'trained 3 steps .*best validation loss' env OMP_NUM_THREADS=1 "$bundle/offsite" train --model /tmp/t/split \
  --data /tmp/t/notes.txt --steps 3 --block-size 32 --batch 2 --threads 1 --validation-fraction 0.3 \
  --out /tmp/t/adapter.safetensors
expect '' env QT_QPA_PLATFORM=offscreen "$bundle/offsite-studio" --smoke-test
# Launched through a link elsewhere on PATH, as a user would install it.
expect '^offsite [0-9]' sh -c "ln -sf $bundle/offsite /usr/local/bin/offsite && /usr/local/bin/offsite --version"
clean_root_check_no_inet
unset CLEAN_ROOT_TRACE_DIR  # Xvfb below is the test's, not the bundle's

step "xcb platform plugin against Xvfb (xvfb added to the root for this check only)"
clean_root_run "$root" apt-get install -y -q --no-install-recommends xvfb xauth >"$work/apt-xvfb.log" 2>&1 \
  || { tail -n 30 "$work/apt-xvfb.log"; exit 1; }
expect '' xvfb-run -a env QT_QPA_PLATFORM=xcb "$bundle/offsite-studio" --smoke-test

step "passed in $(( $(date +%s) - start )) s"
