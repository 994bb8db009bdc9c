#!/usr/bin/env python3
"""Runs the forward+backward benchmark of a GPT-2-small-shaped model in our core and in PyTorch + transformers,
side by side in one run with the same threads, alternating the two so drift hits both alike. Prints each
measurement and the ratios (ours / peer) as JSON lines.

    python bench/run_transformer_bench.py --binary build/dev/bench/bench_transformer [--rounds 2] [--seq 256]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return json.loads(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--steps", type=int, default=3)
    a = p.parse_args()
    common = ["--threads", str(a.threads), "--seq", str(a.seq), "--batch", str(a.batch), "--steps", str(a.steps)]
    results = {"offsite": [], "hf-sdpa": []}
    for _ in range(a.rounds):
        ours = run([a.binary] + common)
        peer = run([sys.executable, os.path.join(HERE, "peer_transformer.py")] + common)
        for r in (ours, peer):
            print(json.dumps(r), flush=True)
            results[r["impl"]].append(r)
    speed = statistics.median(r["tokens_per_s"] for r in results["offsite"]) / statistics.median(
        r["tokens_per_s"] for r in results["hf-sdpa"])
    memory = statistics.median(r["peak_rss_mib"] for r in results["offsite"]) / statistics.median(
        r["peak_rss_mib"] for r in results["hf-sdpa"])
    print(json.dumps({"benchmark": "gpt2-small forward+backward", "tokens_per_s_ratio": round(speed, 3),
                      "peak_rss_ratio": round(memory, 3), "threads": a.threads, "seq": a.seq, "batch": a.batch}))


if __name__ == "__main__":
    main()
