#!/usr/bin/env python3
"""Turns the fine-food review extract (resources/demo/fine_foods) into the engine's task files.

    fine_foods_tasks.py OUT_DIR [--max-chars N]

Writes OUT_DIR/train.jsonl ({"prompt", "completion"}: the review as a question, the label word as the answer)
and OUT_DIR/test_mc.jsonl ({"context", "choices", "gold"}: the same question scored as a two-way multiple choice,
lm-evaluation-harness style). The label is "yes" when the reviewer gave five stars ("great"), else "no".
Standard library only.
"""
import argparse
import csv
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "demo" / "fine_foods"
CHOICES = [" yes", " no"]


def question(review: str, max_chars: int) -> str:
    text = " ".join(review.replace("<br />", " ").split())
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0] + " ..."
    return f"Review: {text}\nDid the reviewer give the product five stars? Answer:"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--max-chars", type=int, default=1000)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with open(SOURCE / "train.csv", newline="", encoding="utf-8") as f, \
         open(args.out / "train.jsonl", "w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            gold = 0 if row["score"] == "great" else 1
            out.write(json.dumps({"prompt": question(row["review"], args.max_chars),
                                  "completion": CHOICES[gold]}) + "\n")
    with open(SOURCE / "test.csv", newline="", encoding="utf-8") as f, \
         open(args.out / "test_mc.jsonl", "w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            gold = 0 if row["score"] == "great" else 1
            out.write(json.dumps({"context": question(row["review"], args.max_chars), "choices": CHOICES,
                                  "gold": gold}) + "\n")


if __name__ == "__main__":
    main()
