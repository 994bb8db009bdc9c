#!/usr/bin/env python3
"""Checks a Hugging Face folder made by our GGUF converter (core/gguf) with the reference libraries.

    # 1. convert (the slow test keeps its output when OFFSITE_SMOLLM2_OUT is set)
    OFFSITE_SMOLLM2_GGUF=/path/SmolLM2-135M-Instruct.Q4_1.gguf OFFSITE_SMOLLM2_OUT=/tmp/smollm2-hf \
        build/tests/gguf/test_gguf_smollm2
    # 2. check, with the project's venv
    $HOME/.cache/offsite-studio/venv-py311-torch2.9.1/bin/python scripts/check_converted_smollm2.py /tmp/smollm2-hf \
        --gguf /path/SmolLM2-135M-Instruct.Q4_1.gguf

What it proves:
  * transformers' LlamaForCausalLM and AutoTokenizer load the folder, and tokenizers.Tokenizer loads
    tokenizer.json;
  * greedy generation from a plain prompt and through the chat template is fluent English that names Paris
    (wrong q/k un-permutation scrambles the rotary embedding and produces gibberish);
  * with --gguf: every weight equals transformers' own GGUF import of the same file (which dequantizes with the
    gguf package and reverse-permutes q/k), logits agree, and both tokenizers encode sample texts identically.
Exits non-zero when a check fails.
"""
import argparse
import math
import os
import sys

import torch
import transformers
from tokenizers import Tokenizer
from transformers import AutoTokenizer, LlamaForCausalLM

SAMPLES = [
    "The capital of France is",
    "Hello world! 12345 tokens, naïve café — 東京 🙂",
    "  leading spaces\tand\ttabs\n\nnew lines   ",
    "<|im_start|>user\nHi there<|im_end|>\n",
    "def f(x):\n    return x**2  # 2024-11-29",
]


def generate(model, tokenizer, input_ids, n):
    with torch.no_grad():
        out = model.generate(input_ids, max_new_tokens=n, do_sample=False, pad_token_id=tokenizer.pad_token_id)
    return tokenizer.decode(out[0, input_ids.shape[1]:], skip_special_tokens=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--gguf", help="the GGUF the folder was converted from, to compare with transformers' import")
    args = parser.parse_args()
    failures = []
    torch.manual_seed(0)

    raw = Tokenizer.from_file(os.path.join(args.folder, "tokenizer.json"))
    tok = AutoTokenizer.from_pretrained(args.folder)
    print(f"transformers {transformers.__version__}, torch {torch.__version__}")
    print(f"tokenizer: {type(tok).__name__}, vocab {raw.get_vocab_size()}, "
          f"bos {tok.bos_token!r} eos {tok.eos_token!r} pad {tok.pad_token!r}")
    for text in SAMPLES:
        a = raw.encode(text).ids
        b = tok(text)["input_ids"]
        if a != b:
            failures.append(f"tokenizers and AutoTokenizer disagree on {text!r}")
        if raw.decode(a, skip_special_tokens=False) != text:
            failures.append(f"decode(encode(x)) != x for {text!r}")

    model = LlamaForCausalLM.from_pretrained(args.folder, torch_dtype=torch.float32)
    model.eval()
    prompt = "The capital of France is"
    ids = tok(prompt, return_tensors="pt").input_ids
    plain = generate(model, tok, ids, 30)
    print(f"\n[plain] {prompt}{plain}")
    if "Paris" not in plain:
        failures.append("the plain generation does not mention Paris")

    messages = [{"role": "user", "content": "What is the capital of France? Answer in one sentence."}]
    chat_ids = tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
    chat = generate(model, tok, chat_ids, 40)
    print(f"\n[chat] {messages[0]['content']}\n-> {chat}")
    if "Paris" not in chat:
        failures.append("the chat answer does not mention Paris")

    if args.gguf:
        from transformers.modeling_gguf_pytorch_utils import load_gguf_checkpoint

        gdir, gname = os.path.split(os.path.abspath(args.gguf))
        # transformers' own GGUF import (from_pretrained(gguf_file=...) would also need accelerate).
        ref = LlamaForCausalLM(model.config)
        parsed = load_gguf_checkpoint(args.gguf, return_tensors=True, model_to_load=ref)
        for key, value in parsed["config"].items():
            ours_value = getattr(model.config, key, None)
            if key in ("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
                       "num_key_value_heads", "max_position_embeddings", "rope_theta", "rms_norm_eps",
                       "bos_token_id", "eos_token_id", "pad_token_id") and not (
                    ours_value == value or (isinstance(value, float) and math.isclose(ours_value, value, rel_tol=1e-6))):
                failures.append(f"config {key}: ours {ours_value!r}, transformers' GGUF import {value!r}")
        result = ref.load_state_dict({k: torch.as_tensor(v) for k, v in parsed["tensors"].items()}, strict=False)
        if result.missing_keys != ["lm_head.weight"] and result.missing_keys:
            failures.append(f"transformers' GGUF import lacks {result.missing_keys}")
        ref.tie_weights()
        ref.eval()
        ours = model.state_dict()
        theirs = ref.state_dict()
        worst = 0.0
        for name, value in theirs.items():
            if name not in ours:
                failures.append(f"{name} missing from the converted folder")
                continue
            diff = (ours[name] - value).abs().max().item()
            worst = max(worst, diff)
        print(f"\nweights vs transformers' GGUF import: {len(theirs)} tensors, max |diff| = {worst:g}")
        if worst != 0.0:
            failures.append(f"weights differ from transformers' GGUF import (max {worst:g})")
        with torch.no_grad():
            la = model(ids).logits
            lb = ref(ids).logits
        logit_diff = (la - lb).abs().max().item()
        print(f"logits vs transformers' GGUF import: max |diff| = {logit_diff:g}")
        if logit_diff > 1e-4:
            failures.append(f"logits differ from transformers' GGUF import by {logit_diff:g}")
        # transformers' GGUF tokenizer import always prepends BOS, although the GGUF says add_bos_token = false
        # (llama.cpp does not add one for SmolLM2, and neither does the original SmolLM2 tokenizer.json).
        ref_tok = AutoTokenizer.from_pretrained(gdir, gguf_file=gname)
        for text in SAMPLES:
            a = tok(text)["input_ids"]
            b = ref_tok(text)["input_ids"]
            if b[:1] == [tok.bos_token_id] and a[:1] != [tok.bos_token_id] or b[:2] == [tok.bos_token_id] * 2:
                b = b[1:]
            print(f"tokens {'same' if a == b else 'DIFFER'} (after the reference's extra BOS): {text!r} -> "
                  f"{a[:10]}{'...' if len(a) > 10 else ''}")
            if a != b:
                failures.append(f"token ids differ from transformers' GGUF tokenizer for {text!r}: {a} vs {b}")

    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
