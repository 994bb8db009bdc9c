"""The Hugging Face peer of bench_offsite_step.cpp: the reference Offsite-Tuning stack (transformers + PyTorch)
running the same step: GPT-2-small shape, layers 0,1 and the top 2 trainable (2-8-2 keeps all 8 middle blocks of
12), embeddings/head frozen, AdamW, clip 1.0. Prints one JSON line (median tokens/s after warm-up, peak RSS)."""
import argparse
import json
import resource
import statistics
import time

import torch
import transformers

p = argparse.ArgumentParser()
for name, default in [("layers", 12), ("hidden", 768), ("heads", 12), ("vocab", 50257), ("seq", 256), ("batch", 1),
                      ("steps", 3), ("warmup", 1), ("threads", 0)]:
    p.add_argument("--" + name, type=int, default=default)
a = p.parse_args()
if a.threads > 0:
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
torch.manual_seed(0)
cfg = transformers.GPT2Config(n_embd=a.hidden, n_layer=a.layers, n_head=a.heads, vocab_size=a.vocab,
                              n_positions=max(1024, a.seq), resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
cfg._attn_implementation = "sdpa"
model = transformers.GPT2LMHeadModel(cfg)
adapter = {0, 1, a.layers - 2, a.layers - 1}
params = []
for name, param in model.named_parameters():
    parts = name.split(".")
    trains = len(parts) > 2 and parts[1] == "h" and int(parts[2]) in adapter
    param.requires_grad_(trains)
    if trains:
        params.append(param)
opt = torch.optim.AdamW(params, lr=1e-4)
model.train()
ids = (torch.arange(a.seq * a.batch) * 7919 % a.vocab).view(a.batch, a.seq)
rates = []
for step in range(a.warmup + a.steps):
    start = time.perf_counter()
    opt.zero_grad(set_to_none=True)
    loss = model(input_ids=ids, labels=ids).loss
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    value = loss.item()
    if step >= a.warmup:
        rates.append(a.batch * a.seq / (time.perf_counter() - start))
print(json.dumps({"impl": "hf", "tokens_per_s": round(statistics.median(rates), 2),
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "loss": round(value, 5), "trainable": sum(p.numel() for p in params),
                  "threads": torch.get_num_threads(), "batch": a.batch, "seq": a.seq}))
