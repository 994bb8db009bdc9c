#!/usr/bin/env bash
# The Debian package on a clean Debian 12: installs PATH.deb with apt into a fresh debootstrap root (apt may bring
# only Debian's packages), then, inside the root and in a network namespace with no interfaces, every command
# under strace (no IPv4/IPv6 socket may be opened, no connect() but to local AF_UNIX sockets):
#   offsite --version / --help, the man page, a short headless training run on a tiny generated model
#   (owner split + train), a package signed and checked in the root (keygen, owner pack, `offsite verify`),
#   `offsite verify` on the demo package when scripts/demo-offsite-tuning.sh has made it, and
#   offsite-studio --smoke-test offscreen.
# No NVIDIA driver is in the root, so a CUDA-flavour package here also shows the CPU fallback (--device auto
# runs, --device cuda says no GPU is usable).
#   scripts/test-deb-clean-root.sh [PATH.deb]   (default: the newest build/release*/packages/*.deb)
#   OFFSITE_DEMO_PACKAGE=FILE.otpkg (next to owner.pub)   the demo package to verify (default: the demo's cache)
# Needs root. The debootstrap root is cached in ~/.cache/offsite-studio (first run: a few minutes of download).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/clean-root-lib.sh

deb="${1:-$(ls -t build/release*/packages/*.deb 2>/dev/null | head -n 1)}"
[ -f "$deb" ] || { echo "$0: no .deb given and none in build/release*/packages: run scripts/package-deb.sh" >&2; exit 1; }
clean_root_require
python="${OFFSITE_PYTHON:-$(ls "$CACHE"/venv-*/bin/python 2>/dev/null | head -n 1)}"
[ -x "$python" ] || { echo "$0: the Python environment of scripts/setup.sh is missing (makes the tiny model)" >&2; exit 1; }

start=$(date +%s)
work=$(mktemp -d /var/tmp/offsite-clean-root.XXXXXX)
root="$work/root"
trap 'clean_root_remove "$root" || true; rm -rf "$work"' EXIT
step() { echo "== [$(( $(date +%s) - start )) s] $*"; }

step "clean Debian 12 root in $root"
clean_root_make "$root"
clean_root_run "$root" dpkg-query -W -f='${Package}\n' | sort >"$work/before.txt"

step "apt install $(basename "$deb")"
ln "$deb" "$root/tmp/" 2>/dev/null || cp "$deb" "$root/tmp/"  # a hard link saves GBs when on the same disk
clean_root_run "$root" apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 \
  || { tail -n 30 "$work/apt.log"; exit 1; }
grep -E "^(Need to get|After this operation)" "$work/apt.log" || true
clean_root_run "$root" dpkg-query -W -f='${Package}\n' | sort >"$work/after.txt"
pkg=$(dpkg-deb -f "$deb" Package)
new=$(comm -13 "$work/before.txt" "$work/after.txt" | grep -vx "$pkg" || true)
echo "apt brought $(echo "$new" | grep -c . || true) packages besides $pkg"
# Every one of them must come from the Debian archive configured in the root.
for p in $new; do
  clean_root_run "$root" apt-cache policy "$p" | grep -qE "https?://[^ ]*debian" \
    || { echo "FAIL: $p does not come from the Debian archive" >&2; exit 1; }
done
echo "all from the Debian archive"

step "files"
for f in /usr/bin/offsite /usr/bin/offsite-studio /usr/share/man/man1/offsite.1.gz \
         /usr/share/applications/studio.offsite.OffsiteStudio.desktop \
         /usr/share/metainfo/studio.offsite.OffsiteStudio.metainfo.xml \
         /usr/share/mime/packages/studio.offsite.OffsiteStudio.xml \
         /usr/share/icons/hicolor/scalable/apps/studio.offsite.OffsiteStudio.svg "/usr/share/doc/$pkg/copyright" \
         "/usr/share/doc/$pkg/THIRD_PARTY_NOTICES"; do
  [ -e "$root$f" ] || { echo "FAIL: $f is not installed" >&2; exit 1; }
done
if clean_root_run "$root" sh -c 'ldd /usr/bin/offsite /usr/bin/offsite-studio' | grep "not found"; then
  echo "FAIL: unresolved libraries" >&2; exit 1
fi
echo "installed files present; every library resolves"
qm=$(find "$root/usr/share/offsite-studio/translations" -name '*.qm' 2>/dev/null | wc -l)
[ "$qm" -gt 0 ] || { echo "FAIL: no translations (.qm) installed" >&2; exit 1; }
echo "$qm translation files"

# A tiny Llama (4 blocks, 32 wide) with the SmolLM2-style test tokenizer, made on the host (no Python in the root).
step "tiny model"
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

expect() {  # expect REGEX CMD...: run CMD offline in the root; its output must match REGEX
  local regex="$1"; shift
  local out rc=0
  out=$(clean_root_run_offline "$root" "$@" 2>&1) || rc=$?
  if [ "$rc" -ne 0 ] || ! grep -qE "$regex" <<<"$out"; then
    echo "FAIL (exit $rc): $*" >&2; echo "$out" | tail -n 20 >&2; exit 1
  fi
  echo "ok: $* -> $(grep -m1 -E "$regex" <<<"$out")"
}
expect_fail() {  # expect_fail REGEX CMD...: CMD must fail with a message matching REGEX
  local regex="$1"; shift
  local out rc=0
  out=$(clean_root_run_offline "$root" "$@" 2>&1) || rc=$?
  if [ "$rc" -eq 0 ] || ! grep -qE "$regex" <<<"$out"; then
    echo "FAIL (exit $rc, a failure was expected): $*" >&2; echo "$out" | tail -n 20 >&2; exit 1
  fi
  echo "ok (fails as it should): $* -> $(grep -m1 -E "$regex" <<<"$out")"
}

step "inside the root, no network, every command under strace"
clean_root_check_offline
clean_root_trace_start "$work/strace"
expect '^offsite [0-9]+\.[0-9]+\.[0-9]+' offsite --version
expect 'Commands:' offsite --help
expect 'split 1-2-1 of a 4-block model' offsite owner split /tmp/t/model /tmp/t/split --split 1-2-1
expect 'trained 3 steps .*best validation loss' env OMP_NUM_THREADS=1 offsite train --model /tmp/t/split \
  --data /tmp/t/notes.txt --steps 3 --block-size 32 --batch 2 --threads 1 --validation-fraction 0.3 \
  --out /tmp/t/adapter.safetensors
expect 'tensors in 1 file' offsite inspect /tmp/t/adapter.safetensors --summary

step "CPU fallback: no NVIDIA driver in the root"
if ls "$root"/usr/lib/*/offsite-studio/libtorch_cuda.so >/dev/null 2>&1; then
  echo "this package carries libtorch_cuda (CUDA flavour)"
fi
if ls "$root"/usr/lib/*/libcuda.so* "$root"/lib/*/libcuda.so* >/dev/null 2>&1; then
  echo "FAIL: the root has an NVIDIA driver library (libcuda.so); the CPU fallback cannot be shown" >&2; exit 1
fi
echo "no libcuda.so (NVIDIA driver) in the root"
expect '' env OMP_NUM_THREADS=1 offsite generate --model /tmp/t/model --device auto --max-new-tokens 3 --threads 1 Hello
expect_fail 'no NVIDIA GPU is usable' offsite generate --model /tmp/t/model --device cuda --max-new-tokens 3 Hello

step "signed package: made and verified in the root"
printf 'clean-root passphrase\n' >"$root/tmp/t/pass"
printf 'Tiny test model, for the clean-root test only.\n' >"$root/tmp/t/LICENCE.txt"
expect 'owner' offsite keygen --role owner --out /tmp/t/owner --passphrase-file /tmp/t/pass
expect 'signed by key' offsite owner pack /tmp/t/split /tmp/t/tiny.otpkg --key /tmp/t/owner.offsitekey \
  --passphrase-file /tmp/t/pass --publisher clean-root.test --model-id tiny-llama --licence /tmp/t/LICENCE.txt
expect '^VERIFIED: tiny-llama' offsite verify /tmp/t/tiny.otpkg --publisher-key /tmp/t/owner.pub
demo="${OFFSITE_DEMO_PACKAGE:-$CACHE/demo/model-owner/demo-model.otpkg}"
if [ -f "$demo" ] && [ -f "$(dirname "$demo")/owner.pub" ]; then
  cp "$demo" "$root/tmp/t/demo.otpkg"
  cp "$(dirname "$demo")/owner.pub" "$root/tmp/t/demo-owner.pub"
  expect '^VERIFIED: ' offsite verify /tmp/t/demo.otpkg --publisher-key /tmp/t/demo-owner.pub
  rm -f "$root/tmp/t/demo.otpkg"
else
  echo "skip: no demo package at $demo (scripts/demo-offsite-tuning.sh makes it); the tiny package above was verified"
fi

step "desktop app"
expect '' env QT_QPA_PLATFORM=offscreen offsite-studio --smoke-test

step "no network use"
clean_root_check_no_inet

step "passed in $(( $(date +%s) - start )) s"
