#!/usr/bin/env python3
"""A split folder written by `offsite owner split` is an ordinary Hugging Face model: transformers loads it with
no missing or unexpected weights, and its logits equal those of the original model with only the recorded blocks
kept (source_blocks of split.json). Usage: check_split_in_transformers.py ORIGINAL_DIR SPLIT_DIR"""
import json
import sys

import torch
import transformers


def main():
    original_dir, split_dir = sys.argv[1:3]
    torch.manual_seed(0)
    split = json.load(open(f"{split_dir}/split.json"))
    emulated, info = transformers.AutoModelForCausalLM.from_pretrained(
        split_dir, torch_dtype=torch.float32, output_loading_info=True)
    problems = {k: v for k, v in info.items() if v}
    assert not problems, f"loading the split folder reported {problems}"
    full = transformers.AutoModelForCausalLM.from_pretrained(original_dir, torch_dtype=torch.float32)
    layers = full.model.layers
    full.model.layers = torch.nn.ModuleList([layers[i] for i in split["source_blocks"]])
    for i, layer in enumerate(full.model.layers):
        layer.self_attn.layer_idx = i
    full.config.num_hidden_layers = len(full.model.layers)
    ids = torch.randint(0, full.config.vocab_size, (2, 17))
    with torch.no_grad():
        diff = (emulated(ids).logits - full(ids).logits).abs().max().item()
    print(f"split {split['split']} blocks {split['source_blocks']}: max abs logit difference {diff:.3g}")
    assert diff <= 1e-5, diff


if __name__ == "__main__":
    main()
