#!/usr/bin/env python3
"""Runs one offsite-tuning step benchmark in our core and in the Hugging Face peer side by side (alternating, same
threads) and prints each measurement and the ratios (ours / peer) as JSON lines.

    python bench/run_offsite_step_bench.py --binary build/dev/bench/bench_offsite_step [--rounds 2] [--seq 256]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])


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
    ours, peer = [], []
    for _ in range(a.rounds):
        ours.append(run([a.binary] + common))
        peer.append(run([sys.executable, os.path.join(HERE, "peer_offsite_step.py")] + common))
        print(json.dumps(ours[-1]), flush=True)
        print(json.dumps(peer[-1]), flush=True)
    median = lambda rows, key: statistics.median(r[key] for r in rows)
    print(json.dumps({"benchmark": "gpt2-small 2-8-2 offsite-tuning step (CPU)",
                      "tokens_per_s_ratio": round(median(ours, "tokens_per_s") / median(peer, "tokens_per_s"), 3),
                      "peak_rss_ratio": round(median(ours, "peak_rss_mib") / median(peer, "peak_rss_mib"), 3),
                      "threads": a.threads, "seq": a.seq, "batch": a.batch,
                      "goal": "tokens/s >= 1.5x, peak RSS <= 0.7x (performance.md)"}))


if __name__ == "__main__":
    main()
