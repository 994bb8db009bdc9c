#!/bin/sh
# A 2-of-3 publisher key change through the command line (PKG-8): the data owner pinned key 1; `owner rotate-key`
# moves the publisher to keys 1, 2, 3 with threshold 2; the next change needs two of them: one signed by key 2
# alone (to keys 2 and 4) is refused by `rotate-key --previous` and by the import; one signed by keys 2 and 3 (to
# keys 2 and 3) is accepted, and key 1's packages are then refused.
# Usage: key_rotation_threshold.sh OFFSITE_BINARY TEST_DATA_DIR WORK_DIR
set -eu
O=$1
DATA=$2
W=$3
fail() { echo "key rotation threshold FAILED: $*" >&2; exit 1; }
rm -rf "$W"
mkdir -p "$W"
cd "$W"
printf 'owner passphrase\n' > pass
for k in k1 k2 k3 k4; do "$O" keygen --role owner --out $k --passphrase-file pass > /dev/null; done
"$O" owner split "$DATA/parity/gpt2" split --split 0-2-1 > /dev/null
printf 'Licence: for the key rotation test only\n' > LICENCE
pack() {  # OUT KEY VERSION [extra args]
    out=$1 key=$2 version=$3
    shift 3
    "$O" owner pack split "$out" --key "$key" --passphrase-file pass --publisher example.org --model-id tiny-gpt2 \
        --licence LICENCE --version "$version" "$@" > /dev/null
}
pack v1.otpkg k1.offsitekey 1
"$O" import v1.otpkg --publisher-key k1.pub --trust-key --workspace ws > /dev/null

# Version 2: keys 1, 2 and 3, two of which must sign the next change.
if "$O" owner rotate-key --old k1.offsitekey --new k1.offsitekey --new k2.offsitekey --threshold 3 \
    --publisher example.org --version 2 --out bad --passphrase-file pass > /dev/null 2> threshold.txt; then
    fail "a threshold above the number of new keys was accepted"
fi
grep -q 'needs at least that many --new keys' threshold.txt || fail "threshold: $(cat threshold.txt)"
"$O" owner rotate-key --old k1.offsitekey --new k1.offsitekey --new k2.offsitekey --new k3.offsitekey --threshold 2 \
    --publisher example.org --version 2 --out change2 --passphrase-file pass > rotate2.txt
grep -q '2 of 3 keys must sign the next change' rotate2.txt || fail "rotate-key v2: $(cat rotate2.txt)"
[ "$(ls change2/*.minisig | wc -l)" -eq 3 ] || fail "key 1 is old and new: it must sign once ($(ls change2))"
pack v2.otpkg k2.offsitekey 2 --key-change change2/publisher-keys.v2.json
# Key 2's key pair also brings a new export key: that change needs --confirm (PKG-9).
"$O" import v2.otpkg --workspace ws --confirm > v2.txt || fail "import v2: $(cat v2.txt)"
grep -q 'changed its keys to version 2' v2.txt || fail "no key change reported: $(cat v2.txt)"

# Version 3 (keys 2 and 4, threshold 2) signed by one current key only (2; key 4 is not a current key): too few.
if "$O" owner rotate-key --old k2.offsitekey --new k2.offsitekey --new k4.offsitekey --threshold 2 \
    --publisher example.org --version 3 --out weak --previous change2/publisher-keys.v2.json --passphrase-file pass \
    > /dev/null 2> weak.txt; then
    fail "rotate-key --previous accepted a change signed by 1 of the 2 needed current keys"
fi
grep -q 'it must be signed by 2 of publisher "example.org"' weak.txt || fail "rotate-key weak: $(cat weak.txt)"
[ ! -e weak ] || fail "rotate-key wrote a change it refused"
# Without --previous the owner tool writes it, and the data owner's import refuses it.
"$O" owner rotate-key --old k2.offsitekey --new k2.offsitekey --new k4.offsitekey --threshold 2 \
    --publisher example.org --version 3 --out weak --passphrase-file pass > /dev/null
pack v3-weak.otpkg k4.offsitekey 3 --key-change change2/publisher-keys.v2.json,weak/publisher-keys.v3.json
if "$O" import v3-weak.otpkg --workspace ws --confirm > /dev/null 2> weak-import.txt; then
    fail "the import accepted a key change signed by 1 of 2"
fi
grep -q 'publisher-keys.v3.json: key change check failed: it must be signed by 2 of publisher "example.org"' \
    weak-import.txt || fail "weak import: $(cat weak-import.txt)"
grep -q 'and 1 distinct current keys signed it' weak-import.txt || fail "weak import count: $(cat weak-import.txt)"

# Signed by two current keys (2 and 3): accepted; key 1 was dropped.
"$O" owner rotate-key --old k2.offsitekey --old k3.offsitekey --new k2.offsitekey --new k3.offsitekey --threshold 2 \
    --publisher example.org --version 3 --out change3 --previous change2/publisher-keys.v2.json \
    --passphrase-file pass > /dev/null
pack v3.otpkg k3.offsitekey 3 --key-change change2/publisher-keys.v2.json,change3/publisher-keys.v3.json
"$O" import v3.otpkg --workspace ws --confirm > v3.txt || fail "import v3: $(cat v3.txt)"
grep -q 'changed its keys to version 3' v3.txt || fail "no key change to 3 reported: $(cat v3.txt)"
pack v4-k1.otpkg k1.offsitekey 4
if "$O" import v4-k1.otpkg --workspace ws --confirm > /dev/null 2> k1.txt; then fail "dropped key 1 still signs"; fi
grep -q 'was dropped by publisher "example.org" in a signed key change' k1.txt || fail "key 1: $(cat k1.txt)"
echo "key rotation threshold: OK"
