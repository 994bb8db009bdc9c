#!/usr/bin/env python3
"""Independent check of scripts/distill_smollm2.sh with Hugging Face transformers: the perplexity of the full model,
the split's emulated model and the distilled one on the same held-out blocks our distillation validated on (the
first BLOCKS blocks of BLOCK tokens of validation.txt). Usage: check_distill_perplexity.py FULL_DIR WORK_DIR
[BLOCK BLOCKS]"""
import math
import sys

import torch
import transformers


def perplexity(folder, blocks):
    model = transformers.AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
    total = 0.0
    with torch.no_grad():
        for i in range(0, len(blocks), 4):
            batch = blocks[i:i + 4]
            logits = model(batch).logits
            total += torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)),
                                                       batch[:, 1:].reshape(-1), reduction="sum").item()
    return math.exp(total / (blocks.size(0) * (blocks.size(1) - 1)))


def main():
    full, work = sys.argv[1], sys.argv[2]
    block = int(sys.argv[3]) if len(sys.argv) > 3 else 128
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 16
    tok = transformers.AutoTokenizer.from_pretrained(work + "/split-2-8-2")
    with open(work + "/validation.txt", encoding="utf-8") as f:
        ids = tok(f.read(), add_special_tokens=False)["input_ids"]
    blocks = torch.tensor(ids[: count * block]).view(count, block)
    for name, folder in (("full model", full), ("emulator before", work + "/split-2-8-2"),
                         ("emulator after", work + "/distilled-2-8-2")):
        print(f"transformers: {name}: validation perplexity {perplexity(folder, blocks):.3f}")


if __name__ == "__main__":
    main()
