#!/bin/sh
# The trust cycle through the command line, as the two parties run it:
#   keygen (owner, data owner) -> owner split (committed tiny GPT-2) -> owner pack -> verify -> import (first
#   trust, then pinned) -> export (the package's adapter stands in for a tuned one) -> owner open -> same bytes.
# With the stock tools when installed: minisign -V on the manifest and export signatures, age -d on the export.
# Usage: trust_cycle.sh OFFSITE_BINARY TEST_DATA_DIR WORK_DIR
set -eu
O=$1
DATA=$2
W=$3
fail() { echo "trust cycle FAILED: $*" >&2; exit 1; }
rm -rf "$W"
mkdir -p "$W"
cd "$W"
printf 'owner passphrase\n' > owner.pass
printf 'data owner passphrase\n' > alice.pass

"$O" keygen --role owner --out owner --passphrase-file owner.pass --write-age-identity owner.agekey > keygen.txt
grep -q 'fingerprint' keygen.txt || fail "keygen printed no fingerprint"
"$O" keygen --role data-owner --out alice --passphrase-file alice.pass > /dev/null
if "$O" keygen --role owner --out owner --passphrase-file owner.pass > /dev/null 2>&1; then fail "keygen overwrote a key"; fi

"$O" owner split "$DATA/parity/gpt2" split --split 0-2-1 > /dev/null
printf 'Licence: for the trust cycle test only\n' > LICENCE
"$O" owner pack split model.otpkg --key owner.offsitekey --passphrase-file owner.pass --publisher example.org \
    --model-id tiny-gpt2 --licence LICENCE > pack.txt
if "$O" owner pack split other.otpkg --key owner.offsitekey --passphrase-file alice.pass --publisher example.org \
    --model-id tiny-gpt2 --licence LICENCE > /dev/null 2> wrongpass.txt; then fail "pack accepted a wrong passphrase"; fi
grep -q 'wrong passphrase' wrongpass.txt || fail "no wrong-passphrase message"

"$O" verify model.otpkg --publisher-key owner.pub > verify.txt
grep -q '^VERIFIED: tiny-gpt2 version 1 from publisher "example.org"' verify.txt || fail "verify: $(cat verify.txt)"
if "$O" verify model.otpkg --publisher-key alice.pub > wrongkey.txt; then fail "verify accepted the wrong key"; fi
grep -q '^NOT VERIFIED: .*unknown key id' wrongkey.txt || fail "verify wrong key: $(cat wrongkey.txt)"
"$O" verify model.otpkg --publisher-key owner.pub --json | grep -q '"verified":true' || fail "verify --json"
if command -v minisign > /dev/null 2>&1; then
    mkdir manifest && (cd manifest && tar xf ../model.otpkg manifest.json manifest.json.minisig)
    minisign -V -q -m manifest/manifest.json -p owner.pub || fail "minisign -V refused the manifest signature"
fi

set +e
"$O" import model.otpkg --workspace ws --publisher-key owner.pub > first.txt
rc=$?
set -e
[ "$rc" = 3 ] || fail "first import should stop for first trust (exit 3), got $rc"
grep -q "$(sed -n 's/^ *fingerprint *//p' keygen.txt | head -1)" first.txt || fail "first trust shows another fingerprint"
"$O" import model.otpkg --workspace ws --publisher-key owner.pub --trust-key --json > imported.json
id=$(sed -n 's/.*"package_id":\([0-9]*\).*/\1/p' imported.json)
folder=$(sed -n 's/.*"model_folder":"\([^"]*\)".*/\1/p' imported.json)
[ -n "$id" ] && [ -f "$folder/adapter.safetensors" ] || fail "import: $(cat imported.json)"
if "$O" import model.otpkg --workspace ws > again.txt 2>&1; then fail "the same package imported twice"; fi
grep -q 'already imported' again.txt || fail "re-import: $(cat again.txt)"
"$O" verify model.otpkg --workspace ws | grep -q '^VERIFIED' || fail "verify against the workspace"

printf '{"lr": 0.0002, "steps": 3}\n' > hp.json
"$O" export "$folder/adapter.safetensors" --package-id "$id" --workspace ws --run-id run-1 --hyperparameters hp.json \
    --dataset-fingerprints 0123abcd --key alice.offsitekey --list > listing.txt
grep -q 'No training data is included' listing.txt || fail "export --list"
[ ! -e adapter.age ] || fail "--list wrote a file"
"$O" export "$folder/adapter.safetensors" --package-id "$id" --workspace ws --run-id run-1 --hyperparameters hp.json \
    --dataset-fingerprints 0123abcd --key alice.offsitekey --passphrase-file alice.pass --out adapter.age > exported.txt
[ -f adapter.age ] && [ -f adapter.age.minisig ] || fail "export wrote no files"
if command -v minisign > /dev/null 2>&1; then
    minisign -V -q -m adapter.age -p alice.pub || fail "minisign -V refused the export signature"
fi
if command -v age > /dev/null 2>&1; then
    age -d -i owner.agekey -o plain.tar adapter.age || fail "age -d refused the export"
    mkdir plain && (cd plain && tar xf ../plain.tar)
    cmp plain/adapter.safetensors split/adapter.safetensors || fail "age -d gave another adapter"
fi

"$O" owner open adapter.age --signer alice.pub --key owner.offsitekey --passphrase-file owner.pass \
    --package model.otpkg --out back.safetensors > open.txt
cmp back.safetensors split/adapter.safetensors || fail "the adapter came back different"

# A tampered export is refused and writes nothing.
cp adapter.age tampered.age
cp adapter.age.minisig tampered.age.minisig
# Change byte 200 (in the ciphertext) to another value. Writing a fixed byte would leave the file unchanged
# whenever the random ciphertext already has that value there (1 run in 256), and the open would then succeed.
if [ "$(od -An -c -j200 -N1 tampered.age | tr -d ' ')" = A ]; then byte=B; else byte=A; fi
printf '%s' "$byte" | dd of=tampered.age bs=1 seek=200 conv=notrunc 2> /dev/null
if cmp -s adapter.age tampered.age; then fail "the tampered copy is unchanged"; fi
if "$O" owner open tampered.age --signer alice.pub --key owner.offsitekey --passphrase-file owner.pass \
    --package model.otpkg --out tampered.safetensors > /dev/null 2> tampered.txt; then fail "tampered export opened"; fi
grep -q "data owner's signature check" tampered.txt || fail "tampered: $(cat tampered.txt)"
[ ! -e tampered.safetensors ] || fail "a refused open wrote the adapter"
# With --workspace and the number of one of its runs as --run-id, the export is recorded as that run's receipt
# (the workspace fixture has run 1); any other run id is written but not recorded.
grep -q 'not recorded in the workspace' exported.txt || fail "export run-1 recorded: $(cat exported.txt)"
mkdir ws2 && cp "$DATA/../workspace/fixtures/schema_v1.sqlite" ws2/workspace.sqlite
"$O" export "$folder/adapter.safetensors" --package-folder "$folder" --workspace ws2 --run-id 1 \
    --key alice.offsitekey --passphrase-file alice.pass --out recorded.age > recorded.txt
grep -q 'recorded in workspace ws2 as export 2 of run 1' recorded.txt || fail "export not recorded: $(cat recorded.txt)"
"$O" workspace check --workspace ws2 > /dev/null || fail "the workspace with the recorded export does not check"
echo "trust cycle: OK"
