#!/usr/bin/env python3
"""Threshold-free view of a yes/no multiple-choice result: for each model folder, the log-odds
log P(" yes") - log P(" no") of the next token after each item's context (Hugging Face transformers, fp32, one thread),
its mean, the area under the ROC curve against the gold answer (0.5 is chance), the accuracy at threshold 0 and the
best accuracy any single threshold could give.

    scripts/log_odds_auc.py ITEMS.jsonl MODEL_DIR [MODEL_DIR...]

ITEMS.jsonl: one {"context", "choices": [" yes", " no"], "gold"} per line, as `offsite eval --multiple-choice` reads
(scripts/fine_foods_tasks.py writes it). Used for docs/results/offsite_tuning_smollm2.md.
"""
import json
import sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def auc(scores, labels):
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    torch.set_num_threads(1)
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    for name in sys.argv[2:]:
        tok = AutoTokenizer.from_pretrained(name)
        first, second = (tok(choice)["input_ids"][0] for choice in rows[0]["choices"])
        model = AutoModelForCausalLM.from_pretrained(name, dtype=torch.float32).eval()
        odds = []
        with torch.no_grad():
            for row in rows:
                ids = tok(row["context"])["input_ids"]
                logp = model(torch.tensor([ids])).logits[0, -1].log_softmax(-1)
                odds.append((logp[first] - logp[second]).item())
        labels = [row["gold"] == 0 for row in rows]
        at_zero = sum((x > 0) == l for x, l in zip(odds, labels)) / len(rows)
        best = max(sum((x > t) == l for x, l in zip(odds, labels)) for t in sorted(odds) + [max(odds) + 1]) / len(rows)
        print(json.dumps({"model": name, "items": len(rows), "mean_log_odds": sum(odds) / len(odds),
                          "auc": auc(odds, labels), "acc_at_0": at_zero, "best_threshold_acc": best}), flush=True)


if __name__ == "__main__":
    main()
