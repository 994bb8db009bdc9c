#!/usr/bin/env python3
"""Writes the safetensors test fixtures in this folder.

broken_*.safetensors are malformed files, each breaking one rule; the C++ tests expect a distinctive
message for each. The byte strings marked "reference" are the negative cases of the reference
implementation's own unit tests (huggingface/safetensors, safetensors/src/tensor.rs), kept byte for byte.
Everything except the two Python-written files uses only the standard library.

reference_py*.safetensors are written by the Python `safetensors` package (with torch) so the tests can
check that we read its files exactly and that our writer produces the same bytes; broken_torch_*.safetensors
are real torch.save outputs renamed. These are skipped, keeping the committed copies, when torch is absent.

Run: python3 tests/data/safetensors/make_broken.py   (from any directory)
"""

import io
import json
import os
import pickle
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

TEST_HEADER = b'{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}'
ZEROS16 = b"\x00" * 16


def st(header, data=b""):
    """A safetensors file: 8-byte little-endian header length, the header, the data."""
    if isinstance(header, str):
        header = header.encode("utf-8")
    return struct.pack("<Q", len(header)) + header + data


def st_json(tensors, data, pad=True):
    """A file with a compact JSON header, space-padded to a multiple of 8 like the reference writer."""
    header = json.dumps(tensors, separators=(",", ":")).encode("utf-8")
    if pad:
        header += b" " * ((8 - len(header) % 8) % 8)
    return st(header, data)


def write(name, content):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(content)


def broken_files():
    files = {
        # --- reference negative cases (byte for byte) ---
        "broken_header_too_large": b"<\x00\x00\x00\x00\xff\xff\xff" + TEST_HEADER + ZEROS16,
        "broken_header_too_small": b"",
        "broken_invalid_header_length": b"<\x00\x00\x00\x00\x00\x00\x00",
        "broken_non_utf8": b"\x01\x00\x00\x00\x00\x00\x00\x00\xff",
        "broken_not_json": b"\x01\x00\x00\x00\x00\x00\x00\x00{",
        "broken_invalid_info": b"<\x00\x00\x00\x00\x00\x00\x00"
        b'{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0, 4]}}',
        "broken_shape_overflow": b"O\x00\x00\x00\x00\x00\x00\x00"
        b'{"test":{"dtype":"I32","shape":[2,18446744073709551614],"data_offsets":[0,16]}}' + ZEROS16,
        "broken_shape_overflow_bytes": b"N\x00\x00\x00\x00\x00\x00\x00"
        b'{"test":{"dtype":"I32","shape":[2,9223372036854775807],"data_offsets":[0,16]}}' + ZEROS16,
        "broken_polyglot": b"<\x00\x00\x00\x00\x00\x00\x00" + TEST_HEADER + ZEROS16
        + b"extra_bogus_data_for_polyglot_file",
        "broken_missing_2_bytes": b"<\x00\x00\x00\x00\x00\x00\x00" + TEST_HEADER + b"\x00" * 14,
        # Ten names for the same 16 bytes (the reference's "json attack").
        "broken_json_attack": st_json(
            {f"weight_{i}": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]} for i in range(10)},
            ZEROS16, pad=False),
        # --- our additions ---
        "broken_duplicate_key": st(
            b'{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]},'
            b'"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}', ZEROS16),
        "broken_alias": st_json({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                                 "b": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, ZEROS16),
        "broken_gap": st_json({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                               "b": {"dtype": "F32", "shape": [4], "data_offsets": [20, 36]}}, b"\x00" * 36),
        "broken_gap_at_start": st_json({"a": {"dtype": "F32", "shape": [4], "data_offsets": [4, 20]}},
                                       b"\x00" * 20),
        "broken_overlap": st_json({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                                   "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}}, b"\x00" * 24),
        "broken_unknown_dtype": st_json({"t": {"dtype": "X99", "shape": [4], "data_offsets": [0, 16]}}, ZEROS16),
        "broken_negative_offset": st(
            b'{"t":{"dtype":"F32","shape":[4],"data_offsets":[-16,0]}}', ZEROS16),
        "broken_float_offset": st(
            b'{"t":{"dtype":"F32","shape":[4],"data_offsets":[0,16.0]}}', ZEROS16),
        "broken_negative_shape": st(
            b'{"t":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}}', ZEROS16),
        "broken_header_length_2_63": struct.pack("<Q", 1 << 63) + TEST_HEADER + ZEROS16,
        "broken_metadata_not_string": st_json({"__metadata__": {"format": 1}}, b""),
        "broken_leading_space": st(b' {"t":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}', ZEROS16),
        "broken_unknown_field": st_json({"t": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16],
                                               "offset": 0}}, ZEROS16),
        "broken_end_before_begin": st(b'{"t":{"dtype":"F32","shape":[0],"data_offsets":[16,0]}}', ZEROS16),
        "broken_header_not_object": st(b"[]"),
        # Content sniffing: a pickle and a zip archive named .safetensors.
        "broken_pickle": pickle.dumps({"weight": [0.0, 1.0]}, protocol=2),
        "broken_zip": zip_checkpoint(),
    }
    return files


def zip_checkpoint():
    """A zip shaped like torch.save's output (archive/data.pkl), built with the standard library."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", pickle.dumps({"weight": 1}, protocol=2))
        z.writestr("archive/version", "3\n")
    return buf.getvalue()


def valid_files():
    return {
        # Reference: zero-size tensors are valid and own no bytes.
        "zero_size": b"<\x00\x00\x00\x00\x00\x00\x00"
        b'{"test":{"dtype":"I32","shape":[2,0],"data_offsets":[0, 0]}}',
        # Reference: the header may be padded with JSON whitespace (here N = 6, not a multiple of 8).
        "whitespace_padded": b"\x06\x00\x00\x00\x00\x00\x00\x00{}\x0d\x20\x09\x0a",
        # A header of exactly 64 bytes (the tests use it with a 64-byte and a 63-byte limit).
        "header_64_bytes": st(b'{"t":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}'.ljust(64, b" "), b"\x01\x02"),
    }


def sharded_folders():
    """Sharded models: a good one and one folder per index/shard disagreement."""
    def shard(tensors):
        layout, data = {}, b""
        for name, (dtype, shape, payload) in tensors.items():
            layout[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(payload)]}
            data += payload
        return st_json(layout, data)

    a = shard({"embed.weight": ("F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)),
               "layer.0.bias": ("F32", [2], struct.pack("<2f", 5, 6))})
    b = shard({"layer.1.weight": ("I64", [3], struct.pack("<3q", -1, 0, 7)),
               "head.weight": ("F16", [2], struct.pack("<2H", 0x3C00, 0xC000))})
    s1, s2 = "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"
    good_map = {"embed.weight": s1, "layer.0.bias": s1, "layer.1.weight": s2, "head.weight": s2}

    def index(weight_map):
        return json.dumps({"metadata": {"total_size": 44}, "weight_map": weight_map}, indent=2).encode()

    b_with_dup = shard({"layer.1.weight": ("I64", [3], struct.pack("<3q", -1, 0, 7)),
                        "head.weight": ("F16", [2], struct.pack("<2H", 0x3C00, 0xC000)),
                        "embed.weight": ("F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4))})
    return {
        "sharded": {s1: a, s2: b, "model.safetensors.index.json": index(good_map)},
        "sharded_escape": {s1: a, s2: b, "model.safetensors.index.json":
                           index({**good_map, "head.weight": "../sharded/" + s2})},
        "sharded_missing": {s1: a, s2: b, "model.safetensors.index.json":
                            index({**good_map, "extra.weight": s2})},
        "sharded_unlisted": {s1: a, s2: b, "model.safetensors.index.json":
                             index({k: v for k, v in good_map.items() if k != "head.weight"})},
        "sharded_two_shards": {s1: a, s2: b_with_dup, "model.safetensors.index.json": index(good_map)},
        "sharded_pickle_shard": {s1: a, "pytorch_model-00002.bin": b, "model.safetensors.index.json":
                                 index({**good_map, "layer.1.weight": "pytorch_model-00002.bin",
                                        "head.weight": "pytorch_model-00002.bin"})},
    }


def python_reference_files():
    try:
        import torch
        from safetensors.torch import save_file
    except ImportError:
        print("torch/safetensors not available: keeping the committed reference_py*.safetensors")
        return
    tensors = {
        "f32": torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.5,
        "f16": torch.tensor([1.0, -2.0, 0.5, 65504.0], dtype=torch.float16),
        "bf16": torch.tensor([[1.0, -1.5], [3.0, 0.0]], dtype=torch.bfloat16),
        "i64": torch.tensor([-1, 0, 1 << 40], dtype=torch.int64),
        "empty": torch.zeros((0, 3), dtype=torch.float32),
    }
    save_file(tensors, os.path.join(HERE, "reference_py.safetensors"),
              metadata={"format": "pt", "note": "h\u00e9llo"})
    save_file(tensors, os.path.join(HERE, "reference_py_plain.safetensors"))
    # Real torch.save outputs named like safetensors: the zip format and the legacy pickle format.
    with open(os.path.join(HERE, "broken_torch_zip.safetensors"), "wb") as f:
        torch.save({"weight": torch.zeros(2)}, f)
    with open(os.path.join(HERE, "broken_torch_legacy.safetensors"), "wb") as f:
        torch.save({"weight": torch.zeros(2)}, f, _use_new_zipfile_serialization=False)


def main():
    for name, content in {**broken_files(), **valid_files()}.items():
        write(name + ".safetensors", content)
    for folder, files in sharded_folders().items():
        os.makedirs(os.path.join(HERE, folder), exist_ok=True)
        for name, content in files.items():
            write(os.path.join(folder, name), content)
    python_reference_files()


if __name__ == "__main__":
    main()
