#!/usr/bin/env python3
"""Regenerates the .otpkg seeds in fuzz/corpus/package_reader/ (also the interop fixture of
tests/package/package_test.cpp, PackageInterop): made with tools other than ours on purpose, so that they prove
the format is what docs/PACKAGE_FORMAT.md says. The weights are written by the reference `safetensors` library,
the manifest (package format 2, with the tensor layout) by Python's json, the signature by the stock `minisign`
CLI (a fresh key each run, no passphrase; the secret key is thrown away) and the container by Python's tarfile.

Seeds:
  valid.otpkg            a valid package: llama split 1-2-1, adapter blocks 0 and 3, emulator blocks 1 and 2
  layout_mismatch.otpkg  validly signed, but the manifest's layout of one adapter tensor says [4, 2], the file [2, 4]
  symlink.otpkg          valid.otpkg plus a symbolic link entry
  unsigned.otpkg         valid.otpkg without manifest.json.minisig
  seed-publisher.pub     the minisign public key that signed them

Usage: python3 fuzz/make_package_seeds.py   (needs minisign, numpy and safetensors; the setup venv has both)
"""
import base64
import hashlib
import io
import json
import os
import struct
import subprocess
import tarfile
import tempfile

import numpy as np
from safetensors.numpy import save

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "package_reader")
CREATED, EXPIRES = 1750000000, 1900000000
RECIPIENT = "age1sjdf0ll3u2t7k84hgcsk4c5z9epgstav7m9q7ejwf4y6sfwv5clqyut07v"


def blocks(*indices):
    out = {}
    for b in indices:
        out[f"model.layers.{b}.mlp.up_proj.weight"] = np.full((2, 4), 0.5, dtype=np.float32)
        out[f"model.layers.{b}.input_layernorm.weight"] = np.ones(4, dtype=np.float32)
    return out


def layout(data):
    """The tensor layout as our manifest records it: the header's tensors in data order."""
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    header.pop("__metadata__", None)
    items = sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0])
    return [{"name": k, "dtype": v["dtype"], "shape": v["shape"], "data_offsets": v["data_offsets"]} for k, v in items]


def tar_bytes(entries):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            if data is None:  # a symbolic link
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, "/tmp", 0o644
                tar.addfile(info)
                continue
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def main():
    payloads = {
        "adapter.safetensors": save(blocks(0, 3)),
        "config.json": b'{"model_type": "llama"}\n',
        "emulator.safetensors": save({**blocks(1, 2), "model.norm.weight": np.ones(4, dtype=np.float32)}),
        "split.json": b'{"split": "1-2-1"}\n',
    }
    roles = {"adapter.safetensors": "adapter", "config.json": "config", "emulator.safetensors": "emulator",
             "split.json": "split"}
    with tempfile.TemporaryDirectory() as work:
        key, pub = os.path.join(work, "seed.key"), os.path.join(work, "seed.pub")
        subprocess.run(["minisign", "-G", "-W", "-s", key, "-p", pub], check=True, stdout=subprocess.DEVNULL)
        pub_text = open(pub).read()
        key_bytes = base64.b64decode(pub_text.splitlines()[1])
        key_id = "%016X" % struct.unpack("<Q", key_bytes[2:10])[0]

        def manifest(files):
            doc = {
                "format": "offsite-package", "spec_version": 2,
                "publisher": {"id": "seed-publisher", "key_id": key_id},
                "model_id": "seed-model", "package_version": 1, "created_at": CREATED, "expires_at": EXPIRES,
                "min_app_version": "0.1.0", "architecture": "llama", "split": "1-2-1", "files": files,
                "export_recipient": {"age": RECIPIENT}, "licence": "seed",
            }
            return (json.dumps(doc, indent=2) + "\n").encode()

        def sign(data):
            path = os.path.join(work, "manifest.json")
            open(path, "wb").write(data)
            comment = f"offsite-package\tmodel_id:seed-model\tpackage_version:1\tcreated_at:{CREATED}"
            subprocess.run(["minisign", "-S", "-s", key, "-m", path, "-t", comment], check=True,
                           stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
            return open(path + ".minisig", "rb").read()

        files = []
        for name, data in payloads.items():
            entry = {"path": name, "role": roles[name], "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            if name.endswith(".safetensors"):
                entry["tensors"] = layout(data)
            files.append(entry)
        valid = manifest(files)
        signature = sign(valid)
        body = list(payloads.items())
        outputs = {
            "valid.otpkg": tar_bytes([("manifest.json", valid), ("manifest.json.minisig", signature)] + body),
            "symlink.otpkg": tar_bytes([("manifest.json", valid), ("manifest.json.minisig", signature)] + body
                                       + [("s", None)]),
            "unsigned.otpkg": tar_bytes([("manifest.json", valid)] + body),
        }
        wrong = json.loads(json.dumps(files))
        wrong[0]["tensors"][1]["shape"] = [4, 2]  # adapter: model.layers.0.mlp.up_proj.weight
        assert wrong[0]["tensors"][1]["name"] == "model.layers.0.mlp.up_proj.weight"
        mismatch = manifest(wrong)
        outputs["layout_mismatch.otpkg"] = tar_bytes(
            [("manifest.json", mismatch), ("manifest.json.minisig", sign(mismatch))] + body)
        for name, data in outputs.items():
            open(os.path.join(OUT, name), "wb").write(data)
        open(os.path.join(OUT, "seed-publisher.pub"), "w").write(pub_text)
    print("wrote", ", ".join(sorted(outputs)), "and seed-publisher.pub to", OUT)


if __name__ == "__main__":
    main()
