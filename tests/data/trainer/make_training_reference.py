#!/usr/bin/env python3
"""The PyTorch reference run our trainer is compared with: the tiny Llama of tests/data/parity/llama_gqa_tied,
every block trainable (embeddings, final norm and tied head frozen), token blocks of 8 taken in order, micro-batch 2
with 2 accumulation steps, AdamW (weight decay 0.01 on matrices only), linear schedule with 3 warm-up steps,
gradient clipping at 1.0, 10 optimizer steps. Writes the token stream and the loss and gradient norm of every step.
Run with the project's Python environment; the output is committed."""
import os

import torch
import transformers
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "parity", "llama_gqa_tied")
BLOCK, MICRO, ACCUM, STEPS, LR, WD, WARMUP, CLIP = 8, 2, 2, 10, 1e-3, 0.01, 3, 1.0


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    tokens = torch.randint(3, 96, (200,), generator=torch.Generator().manual_seed(11))
    blocks = tokens[: (len(tokens) // BLOCK) * BLOCK].view(-1, BLOCK)
    model = transformers.LlamaForCausalLM.from_pretrained(MODEL, torch_dtype=torch.float32,
                                                          attn_implementation="eager")
    model.train()
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        trains = ".layers." in name
        p.requires_grad_(trains)
        if trains:
            (decay if p.dim() >= 2 else no_decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": WD}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=LR, foreach=False)
    sched = transformers.get_linear_schedule_with_warmup(opt, WARMUP, STEPS)
    trainable = decay + no_decay
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
    save_file({"tokens": tokens.to(torch.int64), "losses": torch.tensor(losses, dtype=torch.float64),
               "grad_norms": torch.tensor(norms, dtype=torch.float64)},
              os.path.join(HERE, "reference_run.safetensors"),
              metadata={"torch": torch.__version__, "transformers": transformers.__version__})
    print("losses", [round(x, 6) for x in losses])


if __name__ == "__main__":
    main()
