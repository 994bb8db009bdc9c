#!/usr/bin/env python3
"""Turns the fine-food review extract (resources/demo/fine_foods) into the engine's task files.

    fine_foods_tasks.py OUT_DIR [--max-chars N] [--max-review-chars N] [--train-rows N] [--test-rows N]

Writes OUT_DIR/train.jsonl ({"prompt", "completion"}: the review as a question, the label word as the answer)
and OUT_DIR/test_mc.jsonl ({"context", "choices", "gold"}: the same question scored as a two-way multiple choice,
lm-evaluation-harness style). The label is "yes" when the reviewer gave five stars ("great"), else "no".
The demo (scripts/demo-offsite-tuning.sh) takes a small, quick slice: only reviews of at most --max-review-chars
characters, and --train-rows training and --test-rows test rows with as many "yes" as "no" answers (so always
answering "yes" learns nothing and guessing scores 50%).
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
    text = cleaned(review)
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0] + " ..."
    return f"Review: {text}\nDid the reviewer give the product five stars? Answer:"


def cleaned(review: str) -> str:
    return " ".join(review.replace("<br />", " ").split())


def read_rows(path: pathlib.Path, max_review_chars: int):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if max_review_chars and len(cleaned(row["review"])) > max_review_chars:
                continue
            yield row["review"], 0 if row["score"] == "great" else 1


def balanced(rows, limit: int):
    """The first limit/2 rows of each answer, in file order (interleaved so a prefix stays balanced)."""
    per_label = [[], []]
    for review, gold in rows:
        if len(per_label[gold]) < limit // 2:
            per_label[gold].append((review, gold))
    out = []
    for pair in zip(*per_label):
        out.extend(pair)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--max-chars", type=int, default=1000, help="cut longer reviews at a word")
    parser.add_argument("--max-review-chars", type=int, default=0, help="skip longer reviews (0: keep all)")
    parser.add_argument("--train-rows", type=int, default=0, help="balanced training rows (0: all, as they are)")
    parser.add_argument("--test-rows", type=int, default=0, help="balanced test rows (0: all, as they are)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    train = list(read_rows(SOURCE / "train.csv", args.max_review_chars))
    if args.train_rows:
        train = balanced(train, args.train_rows)
    test = list(read_rows(SOURCE / "test.csv", args.max_review_chars))
    if args.test_rows:
        test = balanced(test, args.test_rows)
    with open(args.out / "train.jsonl", "w", encoding="utf-8") as out:
        for review, gold in train:
            out.write(json.dumps({"prompt": question(review, args.max_chars), "completion": CHOICES[gold]}) + "\n")
    with open(args.out / "test_mc.jsonl", "w", encoding="utf-8") as out:
        for review, gold in test:
            out.write(json.dumps({"context": question(review, args.max_chars), "choices": CHOICES,
                                  "gold": gold}) + "\n")


if __name__ == "__main__":
    main()
