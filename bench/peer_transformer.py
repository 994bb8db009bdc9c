"""The peer of bench_transformer.cpp: the same GPT-2-shaped model in PyTorch + Hugging Face transformers (the
stack of the reference Offsite-Tuning code), forward + backward on random tokens. Prints one JSON line."""
import argparse
import json
import resource
import time

import torch
import transformers

p = argparse.ArgumentParser()
for name, default in [("layers", 12), ("hidden", 768), ("heads", 12), ("vocab", 50257), ("seq", 256), ("batch", 1),
                      ("steps", 3), ("warmup", 1), ("threads", 0)]:
    p.add_argument("--" + name, type=int, default=default)
p.add_argument("--attn", default="sdpa", choices=["sdpa", "eager"])
a = p.parse_args()
if a.threads > 0:
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
torch.manual_seed(0)
cfg = transformers.GPT2Config(n_embd=a.hidden, n_layer=a.layers, n_head=a.heads, vocab_size=a.vocab,
                              n_positions=max(1024, a.seq), resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
cfg._attn_implementation = a.attn
model = transformers.GPT2LMHeadModel(cfg)
model.train()
ids = torch.randint(a.vocab, (a.batch, a.seq))
seconds = 0.0
for step in range(a.warmup + a.steps):
    start = time.perf_counter()
    model.zero_grad(set_to_none=True)
    loss = model(input_ids=ids, labels=ids).loss
    loss.backward()
    value = loss.item()
    if step >= a.warmup:
        seconds += time.perf_counter() - start
print(json.dumps({"impl": "hf-" + a.attn, "tokens_per_s": round(a.batch * a.seq * a.steps / seconds, 2),
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "loss": round(value, 5), "threads": torch.get_num_threads(), "batch": a.batch, "seq": a.seq,
                  "layers": a.layers, "hidden": a.hidden}))
