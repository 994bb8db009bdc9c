#!/usr/bin/env python3
"""Writes the parity fixtures our C++ runtime is tested against: tiny random-weight Hugging Face models of each
supported architecture, saved with save_pretrained (so tensor names are exactly the ecosystem's), plus the
expected logits, loss and the gradient of every parameter for a fixed padded batch.

Run with the project's Python environment (scripts/setup.sh):
    ~/.cache/offsite-studio/venv-*/bin/python tests/data/parity/make_parity_fixtures.py
The output is committed; re-running it reproduces the same bytes for the pinned torch/transformers.
"""
import json
import os
import shutil
import sys

import torch
import transformers
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
SEQ = 11
VOCAB = 96


def configs():
    common = dict(vocab_size=VOCAB, bos_token_id=1, eos_token_id=2, pad_token_id=0)
    yield "gpt2", transformers.GPT2Config(
        n_embd=32, n_layer=3, n_head=4, n_positions=64, activation_function="gelu_new",
        resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0, **common)
    yield "opt", transformers.OPTConfig(
        hidden_size=32, num_hidden_layers=3, num_attention_heads=4, ffn_dim=48, max_position_embeddings=64,
        word_embed_proj_dim=32, dropout=0.0, attention_dropout=0.0, activation_dropout=0.0,
        layerdrop=0.0, **common)
    # Grouped-query attention, tied embeddings and a large rope_theta: the SmolLM2 shape in miniature.
    yield "llama_gqa_tied", transformers.LlamaConfig(
        hidden_size=48, intermediate_size=80, num_hidden_layers=3, num_attention_heads=6, num_key_value_heads=2,
        max_position_embeddings=64, rms_norm_eps=1e-5, rope_theta=100000.0, tie_word_embeddings=True, **common)
    yield "llama_untied", transformers.LlamaConfig(
        hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=4,
        max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=False, **common)


def batch():
    g = torch.Generator().manual_seed(7)
    ids = torch.randint(3, VOCAB, (2, SEQ), generator=g)
    mask = torch.ones(2, SEQ, dtype=torch.long)
    # Right padding on the second row, as our trainer pads.
    mask[1, 7:] = 0
    ids[1, 7:] = 0
    labels = ids.clone()
    labels[mask == 0] = -100
    labels[0, :3] = -100  # a prompt whose tokens carry no loss
    return ids, mask, labels


def main():
    torch.manual_seed(1234)
    torch.use_deterministic_algorithms(True)
    ids, mask, labels = batch()
    for name, cfg in configs():
        out = os.path.join(HERE, name)
        shutil.rmtree(out, ignore_errors=True)
        torch.manual_seed(1234)
        model_cls = {"gpt2": transformers.GPT2LMHeadModel, "opt": transformers.OPTForCausalLM}.get(
            cfg.model_type, transformers.LlamaForCausalLM)
        cfg._attn_implementation = "eager"
        model = model_cls(cfg).float()
        # Non-trivial norms and biases so their gradients and effects are tested, not just the defaults.
        with torch.no_grad():
            for pname, p in model.named_parameters():
                if p.dim() == 1:
                    p.add_(0.1 * torch.randn_like(p))
        model.train()  # dropout is 0, so train and eval agree; gradients are what we compare
        model.save_pretrained(out, safe_serialization=True)
        result = model(input_ids=ids, attention_mask=mask, labels=labels)
        result.loss.backward()
        expected = {
            "input_ids": ids.to(torch.int64).contiguous(),
            "attention_mask": mask.to(torch.int64).contiguous(),
            "labels": labels.to(torch.int64).contiguous(),
            "logits": result.logits.detach().float().contiguous(),
            "loss": result.loss.detach().float().reshape(1).contiguous(),
        }
        seen = set()
        for pname, p in model.named_parameters():
            if id(p) in seen:
                continue  # a tied weight appears once, with its accumulated gradient
            seen.add(id(p))
            expected["grad." + pname] = p.grad.detach().float().contiguous()
        save_file(expected, os.path.join(out, "expected.safetensors"),
                  metadata={"torch": torch.__version__, "transformers": transformers.__version__})
        # generation_config.json is noise for our purposes
        gen = os.path.join(out, "generation_config.json")
        if os.path.exists(gen):
            os.remove(gen)
        print(f"{name}: loss {result.loss.item():.6f}, {sum(p.numel() for p in model.parameters())} params")


if __name__ == "__main__":
    sys.exit(main())
