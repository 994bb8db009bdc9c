#!/usr/bin/env python3
"""The PyTorch reference run for LoRA: the tiny Llama of tests/data/parity/llama_gqa_tied with LoRA (rank 4,
alpha 8, no dropout, no bias) on every block's q/k/v/o and gate/up/down projections, applied the way PEFT does
(base(x) + B(A(x)) * alpha/rank, unmerged). A is initialised as PEFT's kaiming_uniform_(a=sqrt(5)), i.e.
uniform(-1/sqrt(in), 1/sqrt(in)), drawn from torch.Generator().manual_seed(SEED) block by block in Hugging Face
module order, which is what our trainer draws from its generator with the same seed; B is zero. The token blocks,
batching, AdamW (weight decay 0.01), schedule and clipping are those of make_training_reference.py, with lr 1e-2.
Writes the loss and gradient norm of every step and, after the last step, the merged weights W + scale * B A of
two linears and their LoRA tensors. Run with the project's Python environment; the output is committed."""
import math
import os

import torch
import transformers
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "parity", "llama_gqa_tied")
BLOCK, MICRO, ACCUM, STEPS, LR, WD, WARMUP, CLIP = 8, 2, 2, 10, 1e-2, 0.01, 3, 1.0
RANK, ALPHA, SEED = 4, 8.0, 7
TARGETS = ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
           "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"]


class LoraLinear(torch.nn.Module):
    def __init__(self, base, generator):
        super().__init__()
        self.base = base
        bound = 1.0 / math.sqrt(base.in_features)
        self.lora_A = torch.nn.Parameter(torch.empty(RANK, base.in_features).uniform_(-bound, bound, generator=generator))
        self.lora_B = torch.nn.Parameter(torch.zeros(base.out_features, RANK))
        self.scale = ALPHA / RANK

    def forward(self, x):
        return self.base(x) + (x @ self.lora_A.t()) @ self.lora_B.t() * self.scale


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    tokens = torch.randint(3, 96, (200,), generator=torch.Generator().manual_seed(11))
    blocks = tokens[: (len(tokens) // BLOCK) * BLOCK].view(-1, BLOCK)
    model = transformers.LlamaForCausalLM.from_pretrained(MODEL, dtype=torch.float32, attn_implementation="eager")
    for p in model.parameters():
        p.requires_grad_(False)
    g = torch.Generator().manual_seed(SEED)
    loras = {}
    for i, layer in enumerate(model.model.layers):
        for target in TARGETS:
            parent_name, child = target.split(".")
            parent = getattr(layer, parent_name)
            wrapped = LoraLinear(getattr(parent, child), g)
            setattr(parent, child, wrapped)
            loras[f"model.layers.{i}.{target}"] = wrapped
    model.train()
    trainable = [t for l in loras.values() for t in (l.lora_A, l.lora_B)]
    opt = torch.optim.AdamW([{"params": trainable, "weight_decay": WD}], lr=LR, foreach=False)
    sched = transformers.get_linear_schedule_with_warmup(opt, WARMUP, STEPS)
    cursor, losses, norms = 0, [], []
    for step in range(STEPS):
        opt.zero_grad()
        micro = []
        for _ in range(ACCUM):
            rows = []
            for _ in range(MICRO):
                rows.append(blocks[cursor % len(blocks)])
                cursor += 1
            micro.append(torch.stack(rows))
        step_tokens = ACCUM * MICRO * (BLOCK - 1)
        total = 0.0
        for ids in micro:
            logits = model(ids).logits
            loss = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)).float(),
                                                     ids[:, 1:].reshape(-1), reduction="sum") / step_tokens
            loss.backward()
            total += loss.item()
        norms.append(torch.nn.utils.clip_grad_norm_(trainable, CLIP).item())
        opt.step()
        sched.step()
        losses.append(total)
    out = {"losses": torch.tensor(losses, dtype=torch.float64), "grad_norms": torch.tensor(norms, dtype=torch.float64)}
    for name in ["model.layers.0.self_attn.q_proj", "model.layers.2.mlp.down_proj"]:
        l = loras[name]
        with torch.no_grad():
            out["merged." + name + ".weight"] = (l.base.weight + l.scale * l.lora_B @ l.lora_A).contiguous()
        out["base_model.model." + name + ".lora_A.weight"] = l.lora_A.detach().contiguous()
        out["base_model.model." + name + ".lora_B.weight"] = l.lora_B.detach().contiguous()
    save_file(out, os.path.join(HERE, "lora_run.safetensors"),
              metadata={"torch": torch.__version__, "transformers": transformers.__version__})
    print("losses", [round(x, 6) for x in losses])


if __name__ == "__main__":
    main()
