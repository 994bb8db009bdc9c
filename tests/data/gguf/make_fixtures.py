#!/usr/bin/env python3
"""Writes the GGUF test fixtures in this folder. Run with the project's venv Python (gguf 0.17.1, numpy,
safetensors):

    $HOME/.cache/offsite-studio/venv-py311-torch2.9.1/bin/python tests/data/gguf/make_fixtures.py

Outputs (all committed):
  tiny.gguf            metadata of every value type and tensors of type F32, F16, BF16, Q4_0, Q4_1, Q8_0
  tiny_expected.json   the metadata values and every tensor dequantized by gguf.quants.dequantize (the oracle)
  tiny_llama.gguf      a 1-block Llama (d=64, 4 heads, 2 kv heads, vocab 40) whose q/k weights were permuted the
                       way llama.cpp's convert_hf_to_gguf.py does, plus byte-level BPE tokenizer metadata
  tiny_llama_expected.safetensors
                       the original (unpermuted) Hugging Face weights of that model, F32
  broken/*.gguf        hand-made damaged files; the C++ test lists the message each must produce

With --smollm2 PATH/TO/SmolLM2-135M-Instruct.Q4_1.gguf it instead writes smollm2_reference.json: for every
tensor its Hugging Face name, shape and a checksum of the float32 values the Python gguf package dequantizes
(q/k rows un-permuted with transformers' GGUF loader formula), for the slow C++ test.
"""
import argparse
import json
import os
import struct

import numpy as np
import gguf
from gguf import GGMLQuantizationType as Q
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))


def tiny_gguf():
    path = os.path.join(HERE, "tiny.gguf")
    w = gguf.GGUFWriter(path, arch="tiny")
    w.add_uint8("test.u8", 200)
    w.add_int8("test.i8", -100)
    w.add_uint16("test.u16", 60000)
    w.add_int16("test.i16", -30000)
    w.add_uint32("test.u32", 4000000000)
    w.add_int32("test.i32", -2000000000)
    w.add_float32("test.f32", 0.125)
    w.add_bool("test.bool", True)
    w.add_string("test.string", "héllo GGUF")
    w.add_uint64("test.u64", 2**63 + 5)
    w.add_int64("test.i64", -(2**40))
    w.add_float64("test.f64", 3.141592653589793)
    w.add_array("test.array_i32", [1, -2, 3])
    w.add_array("test.array_str", ["a", "bc", ""])
    w.add_key_value("test.array_f32", [0.5, -1.5], gguf.GGUFValueType.ARRAY, gguf.GGUFValueType.FLOAT32)

    rng = np.random.default_rng(1234)
    expected = {"metadata": {
        "general.architecture": "tiny", "test.u8": 200, "test.i8": -100, "test.u16": 60000, "test.i16": -30000,
        "test.u32": 4000000000, "test.i32": -2000000000, "test.f32": 0.125, "test.bool": True,
        "test.string": "héllo GGUF", "test.u64": 2**63 + 5, "test.i64": -(2**40), "test.f64": 3.141592653589793,
        "test.array_i32": [1, -2, 3], "test.array_str": ["a", "bc", ""], "test.array_f32": [0.5, -1.5]},
        "tensors": []}

    # HF shape (rows, cols); GGUF lists it reversed.
    specs = [("t_f32", Q.F32, (3, 4)), ("t_f16", Q.F16, (2, 5)), ("t_bf16", Q.BF16, (2, 4)),
             ("t_q4_0", Q.Q4_0, (2, 64)), ("t_q4_1", Q.Q4_1, (3, 64)), ("t_q8_0", Q.Q8_0, (2, 32)),
             ("t_q4_1_3d", Q.Q4_1, (2, 2, 32))]
    for name, qtype, shape in specs:
        values = rng.normal(0.0, 1.0, size=shape).astype(np.float32)
        if qtype == Q.F32:
            data = values
            w.add_tensor(name, data)
        elif qtype == Q.F16:
            values[0, 0] = 6.0e-8  # a subnormal half
            values[0, 1] = -0.0
            data = values.astype(np.float16)
            w.add_tensor(name, data)
        else:
            data = gguf.quants.quantize(values, qtype)
            w.add_tensor(name, data, raw_dtype=qtype)
        raw = np.frombuffer(data.tobytes(), dtype=np.uint8)
        deq = gguf.quants.dequantize(raw, qtype).reshape(-1).astype(np.float32)
        expected["tensors"].append({"name": name, "type": qtype.name, "shape": list(shape),
                                    "values": [float(x) for x in deq]})
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    with open(os.path.join(HERE, "tiny_expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


def llama_cpp_permute(weights, n_head, n_head_kv):
    # convert_hf_to_gguf.py, LlamaModel.permute
    if n_head_kv is not None and n_head != n_head_kv:
        n_head = n_head_kv
    return (weights.reshape(n_head, 2, weights.shape[0] // n_head // 2, *weights.shape[1:])
            .swapaxes(1, 2).reshape(weights.shape))


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def tiny_llama():
    d, n_head, n_kv, inter, layers = 64, 4, 2, 128, 1
    head_dim = d // n_head
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    byte_chars = [bytes_to_unicode()[b] for b in b" abcdefghijklmnopqrstuvwxyz0123456789.,!?"]
    merges = ["h e", "Ġ t", "Ġt he", "l l", "he ll"]
    tokens = specials + byte_chars + [m.replace(" ", "") for m in merges]
    vocab = len(tokens)
    token_types = [3] * len(specials) + [1] * (vocab - len(specials))

    rng = np.random.default_rng(99)
    hf = {"model.embed_tokens.weight": rng.normal(0, 0.5, (vocab, d)),
          "model.norm.weight": 1 + rng.normal(0, 0.1, (d,)),
          "lm_head.weight": rng.normal(0, 0.5, (vocab, d))}
    for i in range(layers):
        p = f"model.layers.{i}."
        hf[p + "input_layernorm.weight"] = 1 + rng.normal(0, 0.1, (d,))
        hf[p + "post_attention_layernorm.weight"] = 1 + rng.normal(0, 0.1, (d,))
        hf[p + "self_attn.q_proj.weight"] = rng.normal(0, 0.2, (n_head * head_dim, d))
        hf[p + "self_attn.k_proj.weight"] = rng.normal(0, 0.2, (n_kv * head_dim, d))
        hf[p + "self_attn.v_proj.weight"] = rng.normal(0, 0.2, (n_kv * head_dim, d))
        hf[p + "self_attn.o_proj.weight"] = rng.normal(0, 0.2, (d, n_head * head_dim))
        hf[p + "mlp.gate_proj.weight"] = rng.normal(0, 0.2, (inter, d))
        hf[p + "mlp.up_proj.weight"] = rng.normal(0, 0.2, (inter, d))
        hf[p + "mlp.down_proj.weight"] = rng.normal(0, 0.2, (d, inter))
    hf = {k: v.astype(np.float32) for k, v in hf.items()}
    save_file(hf, os.path.join(HERE, "tiny_llama_expected.safetensors"))

    names = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight",
             "lm_head.weight": "output.weight"}
    sub = {"input_layernorm": "attn_norm", "post_attention_layernorm": "ffn_norm", "self_attn.q_proj": "attn_q",
           "self_attn.k_proj": "attn_k", "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output",
           "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down"}
    w = gguf.GGUFWriter(os.path.join(HERE, "tiny_llama.gguf"), arch="llama")
    w.add_block_count(layers)
    w.add_context_length(256)
    w.add_embedding_length(d)
    w.add_feed_forward_length(inter)
    w.add_head_count(n_head)
    w.add_head_count_kv(n_kv)
    w.add_rope_freq_base(10000.0)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_vocab_size(vocab)
    w.add_rope_dimension_count(head_dim)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("smollm")
    w.add_token_list(tokens)
    w.add_token_types(token_types)
    w.add_token_merges(merges)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)
    w.add_unk_token_id(0)
    w.add_pad_token_id(2)
    w.add_add_bos_token(False)
    w.add_chat_template("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + "
                        "message['content'] + '<|im_end|>\n'}}{% endfor %}")
    for name, value in hf.items():
        if name.startswith("model.layers."):
            parts = name.split(".")
            i, rest = parts[2], ".".join(parts[3:-1])
            gname = f"blk.{i}.{sub[rest]}.weight"
            if rest == "self_attn.q_proj":
                value = llama_cpp_permute(value, n_head, n_head)
            elif rest == "self_attn.k_proj":
                value = llama_cpp_permute(value, n_head, n_kv)
        else:
            gname = names[name]
        w.add_tensor(gname, np.ascontiguousarray(value))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def gstr(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack("<Q", len(b)) + b


def header(version=3, n_tensors=0, n_kv=0):
    return b"GGUF" + struct.pack("<IQQ", version, n_tensors, n_kv)


def kv_u32(key, value):
    return gstr(key) + struct.pack("<II", 4, value)


def tensor_info(name, dims, type_id, offset):
    return gstr(name) + struct.pack("<I", len(dims)) + struct.pack(f"<{len(dims)}Q", *dims) + struct.pack("<IQ", type_id, offset)


def pad(data, align=32):
    return data + b"\0" * ((-len(data)) % align)


def broken():
    out = os.path.join(HERE, "broken")
    os.makedirs(out, exist_ok=True)
    one_f32 = tensor_info("w", [4], 0, 0)
    cases = {
        "bad_magic.gguf": b"GGML" + struct.pack("<IQQ", 3, 0, 0),
        "version1.gguf": b"GGUF" + struct.pack("<III", 1, 0, 0),
        "big_endian.gguf": b"GGUF" + struct.pack(">IQQ", 3, 0, 0),
        "truncated_header.gguf": b"GGUF" + struct.pack("<I", 3) + b"\x01\x00\x00\x00",
        "empty.gguf": b"",
        "absurd_tensor_count.gguf": header(n_tensors=2**62) + b"\0" * 64,
        "tensor_count_exceeds_file.gguf": header(n_tensors=1000) + b"\0" * 64,
        "absurd_kv_count.gguf": header(n_kv=2**60) + b"\0" * 64,
        "absurd_string_length.gguf": header(n_kv=1) + struct.pack("<Q", 2**64 - 1) + b"key" + b"\0" * 29,
        "absurd_array_length.gguf": header(n_kv=1) + gstr("arr") + struct.pack("<IIQ", 9, 5, 2**40),
        "nested_array.gguf": header(n_kv=1) + gstr("arr") + struct.pack("<IIQ", 9, 9, 1),
        "unknown_value_type.gguf": header(n_kv=1) + gstr("k") + struct.pack("<II", 77, 0),
        "bad_bool.gguf": header(n_kv=1) + gstr("flag") + struct.pack("<IB", 7, 2),
        "duplicate_key.gguf": header(n_kv=2) + kv_u32("a.b", 1) + kv_u32("a.b", 2),
        "bad_alignment.gguf": header(n_kv=1) + kv_u32("general.alignment", 24),
        "truncated_metadata.gguf": header(n_kv=2) + kv_u32("a", 1) + gstr("bbbb") + struct.pack("<I", 4) + b"\1\0",
        "unknown_tensor_type.gguf": pad(header(n_tensors=1) + tensor_info("w", [4], 99, 0)) + b"\0" * 16,
        "too_many_dims.gguf": pad(header(n_tensors=1) + tensor_info("w", [1, 1, 1, 1, 4], 0, 0)) + b"\0" * 16,
        "dims_overflow.gguf": pad(header(n_tensors=1) + tensor_info("w", [2**32, 2**32, 16], 0, 0)) + b"\0" * 16,
        "block_mismatch.gguf": pad(header(n_tensors=1) + tensor_info("w", [33], 3, 0)) + b"\0" * 64,
        "misaligned_offset.gguf": pad(header(n_tensors=2) + one_f32 + tensor_info("v", [4], 0, 16)) + b"\0" * 64,
        "duplicate_tensor.gguf": pad(header(n_tensors=2) + one_f32 + tensor_info("w", [4], 0, 32)) + b"\0" * 64,
        "tensor_data_out_of_range.gguf": pad(header(n_tensors=1) + tensor_info("w", [1000], 0, 0)) + b"\0" * 16,
        "tensor_offset_overflow.gguf": pad(header(n_tensors=1) + tensor_info("w", [4], 0, 2**64 - 32)) + b"\0" * 16,
    }
    for name, data in cases.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


def checksum(values):
    """sum over i of bits(values[i]) * (i + 1), modulo 2**64; any change of one value changes it."""
    words = np.ascontiguousarray(values, dtype=np.float32).reshape(-1).view(np.uint32).astype(np.uint64)
    weights = np.arange(1, words.size + 1, dtype=np.uint64)
    return int(np.sum(words * weights, dtype=np.uint64))


def reverse_permute(weights, n_head, n_kv_head):
    # transformers.modeling_gguf_pytorch_utils.LlamaTensorProcessor._reverse_permute_weights
    if n_kv_head is not None and n_head != n_kv_head:
        n_head = n_kv_head
    dim = weights.shape[0] // n_head // 2
    w = weights.reshape(n_head, dim, 2, *weights.shape[1:])
    return w.swapaxes(2, 1).reshape(weights.shape)


def smollm2_reference(path):
    reader = gguf.GGUFReader(path)
    field = lambda k: reader.fields[k].contents()
    n_head, n_kv = field("llama.attention.head_count"), field("llama.attention.head_count_kv")
    names = {"token_embd": "model.embed_tokens", "output_norm": "model.norm", "output": "lm_head"}
    sub = {"attn_norm": "input_layernorm", "ffn_norm": "post_attention_layernorm", "attn_q": "self_attn.q_proj",
           "attn_k": "self_attn.k_proj", "attn_v": "self_attn.v_proj", "attn_output": "self_attn.o_proj",
           "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj", "ffn_down": "mlp.down_proj"}
    out = []
    for t in reader.tensors:
        shape = [int(x) for x in reversed(t.shape)]
        values = gguf.quants.dequantize(t.data, t.tensor_type).reshape(shape).astype(np.float32)
        parts = t.name.split(".")
        if parts[0] == "blk":
            hf = f"model.layers.{parts[1]}.{sub[parts[2]]}.weight"
            if parts[2] == "attn_q":
                values = reverse_permute(values, n_head, n_head)
            elif parts[2] == "attn_k":
                values = reverse_permute(values, n_head, n_kv)
        else:
            hf = names[parts[0]] + ".weight"
        out.append({"gguf": t.name, "name": hf, "type": t.tensor_type.name, "shape": shape,
                    "checksum": str(checksum(values)), "sum": float(np.sum(values, dtype=np.float64))})
    with open(os.path.join(HERE, "smollm2_reference.json"), "w", encoding="utf-8") as f:
        json.dump({"file": os.path.basename(path), "size": os.path.getsize(path), "tensors": out}, f, indent=0)
        f.write("\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--smollm2", help="write smollm2_reference.json from this GGUF instead")
    args = parser.parse_args()
    if args.smollm2:
        smollm2_reference(args.smollm2)
    else:
        tiny_gguf()
        tiny_llama()
        broken()
