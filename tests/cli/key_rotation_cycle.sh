#!/bin/sh
# A publisher key change through the command line (PKG-8): the data owner pinned the old key; the owner makes a
# new key, `owner rotate-key` signs the change with both, `owner pack --key-change` carries it; the import
# records it; the old key's packages are then refused and the new key's accepted. minisign -V checks each
# signature of the change when installed.
# Usage: key_rotation_cycle.sh OFFSITE_BINARY TEST_DATA_DIR WORK_DIR
set -eu
O=$1
DATA=$2
W=$3
fail() { echo "key rotation cycle FAILED: $*" >&2; exit 1; }
rm -rf "$W"
mkdir -p "$W"
cd "$W"
printf 'owner passphrase\n' > pass
"$O" keygen --role owner --out old --passphrase-file pass > /dev/null
"$O" keygen --role owner --out new --passphrase-file pass > /dev/null
"$O" owner split "$DATA/parity/gpt2" split --split 0-2-1 > /dev/null
printf 'Licence: for the key rotation test only\n' > LICENCE
pack() {  # OUT KEY VERSION [extra args]
    out=$1 key=$2 version=$3
    shift 3
    "$O" owner pack split "$out" --key "$key" --passphrase-file pass --publisher example.org --model-id tiny-gpt2 \
        --licence LICENCE --version "$version" "$@" > /dev/null
}
pack v1.otpkg old.offsitekey 1
"$O" import v1.otpkg --publisher-key old.pub --trust-key --workspace ws > /dev/null

# A new key without a signed key change is refused, and the message says what to do.
pack bare.otpkg new.offsitekey 2
if "$O" import bare.otpkg --publisher-key new.pub --workspace ws > /dev/null 2> bare.txt; then fail "a new key was accepted without a key change"; fi
grep -q 'offsite owner rotate-key' bare.txt || fail "no advice: $(cat bare.txt)"

if "$O" owner rotate-key --old old.offsitekey --new new.offsitekey --publisher example.org --out change \
    --passphrase-file pass > /dev/null 2>&1; then fail "rotate-key ran without --version"; fi
"$O" owner rotate-key --old old.offsitekey --new new.offsitekey --publisher example.org --version 2 --out change \
    --passphrase-file pass > rotate.txt
grep -q 'to key' rotate.txt || fail "rotate-key: $(cat rotate.txt)"
if command -v minisign > /dev/null 2>&1; then
    for pub in old new; do
        id=$(sed -n 's/.*minisign public key \([0-9A-F]*\).*/\1/p' "$pub.pub")
        minisign -V -q -m change/publisher-keys.v2.json -x "change/publisher-keys.v2.json.$id.minisig" -p "$pub.pub" ||
            fail "minisign -V refused the $pub key's signature of the key change"
    done
fi

pack v2.otpkg new.offsitekey 2 --key-change change/publisher-keys.v2.json
# The new key pair also brings a new export key: that change needs --confirm (PKG-9).
"$O" import v2.otpkg --workspace ws --confirm > v2.txt || fail "import with the key change: $(cat v2.txt)"
grep -q 'changed its keys to version 2' v2.txt || fail "no key change reported: $(cat v2.txt)"

pack v3-old.otpkg old.offsitekey 3
if "$O" import v3-old.otpkg --workspace ws > /dev/null 2> old.txt; then fail "the dropped key still signs"; fi
grep -q 'was dropped by publisher "example.org" in a signed key change' old.txt || fail "old key: $(cat old.txt)"
pack v3.otpkg new.offsitekey 3
"$O" import v3.otpkg --workspace ws > /dev/null || fail "the new key's next package was refused"
echo "key rotation cycle: OK"
