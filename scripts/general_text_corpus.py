#!/usr/bin/env python3
"""General English text for distilling an emulator: Debian's `fortunes` quotations and Jane Austen's six novels.

    scripts/general_text_corpus.py OUT_DIR
    scripts/general_text_corpus.py --fortunes-only OUT_DIR

Writes OUT_DIR/train.txt and OUT_DIR/validation.txt (every 50th passage, after a seeded shuffle, is held out).
Passages are separated by a blank line. `--fortunes-only` is the corpus of scripts/distill_smollm2.sh: the
quotations alone, in file order, every 10th one held out. The Austen text comes from Debian's r-cran-janeaustenr through Rscript
(apt-get install r-cran-janeaustenr); without it the corpus is the quotations alone, and this says so.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

FORTUNES = "/usr/share/games/fortunes"
FORTUNE_FILES = ["art", "computers", "cookie", "definitions", "education", "food", "fortunes", "goedel",
                 "humorists", "kids", "law", "linux", "literature", "love", "magic", "medicine", "miscellaneous",
                 "news", "people", "pets", "platitudes", "politics", "riddles", "science", "songs-poems", "sports",
                 "wisdom", "work"]


def fortunes():
    if not os.path.isdir(FORTUNES):
        sys.exit(f"{FORTUNES} is missing: install Debian's fortunes package (scripts/setup.sh does)")
    entries = []
    for name in FORTUNE_FILES:
        path = os.path.join(FORTUNES, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                entries += [e.strip() for e in f.read().split("\n%\n") if e.strip()]
    return entries


def austen():
    if shutil.which("Rscript") is None:
        print("no Rscript: the corpus has no Austen novels (apt-get install r-cran-janeaustenr)", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "austen.txt")
        result = subprocess.run(["Rscript", "-e", f'library(janeaustenr); writeLines(austen_books()$text, "{out}")'],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print("r-cran-janeaustenr is not installed: the corpus has no Austen novels", file=sys.stderr)
            return []
        with open(out, encoding="utf-8") as f:
            text = f.read()
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def main():
    args = sys.argv[1:]
    fortunes_only = args[:1] == ["--fortunes-only"]
    if fortunes_only:
        args = args[1:]
    if len(args) != 1:
        sys.exit(__doc__)
    out = args[0]
    os.makedirs(out, exist_ok=True)
    if fortunes_only:
        entries, every = fortunes(), 10
    else:
        entries, every = fortunes() + austen(), 50
        random.Random(1).shuffle(entries)
    train = [e for i, e in enumerate(entries) if i % every != every - 1]
    valid = [e for i, e in enumerate(entries) if i % every == every - 1]
    for name, part in (("train.txt", train), ("validation.txt", valid)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("\n\n".join(part) + "\n")
    print(f"corpus: {len(entries)} passages, {len(train)} for training, {len(valid)} held out")


if __name__ == "__main__":
    main()
