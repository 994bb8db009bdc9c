#!/usr/bin/env python3
"""The PyTorch reference run for prompt -> completion training: the tiny Llama of tests/data/parity/llama_gqa_tied,
every block trainable (embeddings, final norm and tied head frozen), 12 ragged examples (prompt 1-6 tokens,
completion 1-5 tokens) taken in order, micro-batch 2 with 2 accumulation steps. Each micro-batch is
tokens(prompt) ++ tokens(completion), right padded to its longest row (pad id 0, attention mask 0), labels ignored
(-100) on the prompt and the padding; every micro-batch's summed loss is divided by the number of completion tokens
of the whole optimizer step. AdamW (weight decay 0.01 on matrices only), linear schedule with 3 warm-up steps,
gradient clipping at 1.0, 10 optimizer steps. Writes the examples and the loss and gradient norm of every step.
Run with the project's Python environment; the output is committed."""
import os

import torch
import transformers
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "parity", "llama_gqa_tied")
EXAMPLES, MICRO, ACCUM, STEPS, LR, WD, WARMUP, CLIP = 12, 2, 2, 10, 1e-3, 0.01, 3, 1.0


def make_examples():
    g = torch.Generator().manual_seed(23)
    out = []
    for _ in range(EXAMPLES):
        p = int(torch.randint(1, 7, (1,), generator=g))
        c = int(torch.randint(1, 6, (1,), generator=g))
        out.append((torch.randint(3, 96, (p,), generator=g), torch.randint(3, 96, (c,), generator=g)))
    return out


def batch(rows):
    longest = max(len(p) + len(c) for p, c in rows)
    ids = torch.zeros(len(rows), longest, dtype=torch.int64)
    mask = torch.zeros(len(rows), longest, dtype=torch.int64)
    labels = torch.full((len(rows), longest), -100, dtype=torch.int64)
    for r, (p, c) in enumerate(rows):
        n = len(p) + len(c)
        ids[r, :n] = torch.cat([p, c])
        mask[r, :n] = 1
        labels[r, len(p):n] = c
    return ids, mask, labels


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    examples = make_examples()
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
                rows.append(examples[cursor % len(examples)])
                cursor += 1
            micro.append(batch(rows))
        step_tokens = sum(int((labels[:, 1:] != -100).sum()) for _, _, labels in micro)
        total = 0.0
        for ids, mask, labels in micro:
            logits = model(ids, attention_mask=mask).logits
            loss = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)).float(),
                                                     labels[:, 1:].reshape(-1), ignore_index=-100,
                                                     reduction="sum") / step_tokens
            loss.backward()
            total += loss.item()
        norms.append(torch.nn.utils.clip_grad_norm_(trainable, CLIP).item())
        opt.step()
        sched.step()
        losses.append(total)
    save_file({"prompt_ids": torch.cat([p for p, _ in examples]).to(torch.int64),
               "prompt_lengths": torch.tensor([len(p) for p, _ in examples], dtype=torch.int64),
               "completion_ids": torch.cat([c for _, c in examples]).to(torch.int64),
               "completion_lengths": torch.tensor([len(c) for _, c in examples], dtype=torch.int64),
               "losses": torch.tensor(losses, dtype=torch.float64),
               "grad_norms": torch.tensor(norms, dtype=torch.float64)},
              os.path.join(HERE, "completion_run.safetensors"),
              metadata={"torch": torch.__version__, "transformers": transformers.__version__})
    print("losses", [round(x, 6) for x in losses])


if __name__ == "__main__":
    main()
