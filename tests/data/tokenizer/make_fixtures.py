#!/usr/bin/env python3
"""Tokenizer parity fixtures: a seeded multilingual corpus, small byte-level BPE tokenizers trained with the
Hugging Face `tokenizers` library (0.22.1) in the styles Offsite Studio reads, and the reference ids and
decodes for every corpus line. The C++ tokenizer must reproduce these exactly (tests/tokenizer).

Run from anywhere with the pinned environment:
    $HOME/.cache/offsite-studio/venv-py311-torch2.9.1/bin/python tests/data/tokenizer/make_fixtures.py

Outputs (next to this script):
    corpus.jsonl                 {"text": ...} per line, >= 10,000 lines
    <style>/tokenizer.json       gpt2, llama3, smollm2, opt (OPT-like: prefix space, "</s> $A" template),
                                 mixed (the rarer options; expectations for the first 2500 lines only)
    expected_<style>.jsonl       a header {"style", "tokenizers", "lines", "decode_prefix", "decode_suffix",
                                 "decode_skip_prefix", "decode_skip_suffix"}, then per corpus line
                                 {"ids": [...]} (encode with add_special_tokens=True), plus "decode" only
                                 when HF decode(ids) differs from decode_prefix + line + decode_suffix (what
                                 decode adds around "x": the template's special tokens and the ByteLevel
                                 prefix space), and "decode_skip" only when decode(ids,
                                 skip_special_tokens=True) differs from decode_skip_prefix + line +
                                 decode_skip_suffix. Omitting the common case keeps the fixtures small.

Random code points are drawn only from characters assigned in Unicode 14.0 (Python 3.11's unicodedata),
the version shared by PCRE2 10.42 and the Oniguruma inside `tokenizers`, so that the fixtures test our code
rather than differences between Unicode releases.
"""

import json
import random
import sys
import unicodedata
from pathlib import Path

import tokenizers
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, pre_tokenizers, processors, trainers

HERE = Path(__file__).resolve().parent
CORPUS_LINES = 10_500
TRAIN_LINES = 12_000
VOCAB_SIZE = 2000
MIXED_LINES = 2500  # the "mixed" style covers rarer options; a prefix of the corpus keeps its file small

LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}"
                  r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")

ENGLISH = ("the of and to in is was for on that with as by at from his her they which this have are be had "
           "not were but one all their there been when who will more would no if out so said what up its "
           "about into than them can only other new some could time these two may then do first any my now "
           "such like our over man me even most made after also did many before must through back years "
           "where much your way well down should because each just those people how too little state good "
           "very make world still own see men work long get here between both life being under never day "
           "same another know while last might us great old year off come since against go came right used "
           "take three tokenizer model weights training checkpoint gradient dataset offline hospital patient "
           "privacy encrypted package emulator Hello World Python OpenAI HuggingFace Llama SmolLM GPT London "
           "Paris Tokyo Monday January").split()
LATIN = ("café naïve résumé déjà vu façade über Straße Müller Größe señor niño año jalapeño coração ação "
         "português Ærø Øresund Åland český žluťoučký kůň Łódź źdźbło Ştefan İstanbul ığdır Việt Nam tiếng "
         "Nguyễn œuvre fjörður Þingvellir ðæt").split()
CYRILLIC = "привет мир Москва пример токенизатор данные обучение Київ Ґрунт ўлица Ёлка щёлк съешь".split()
GREEK = "Καλημέρα κόσμε ΑΒΓΔ λόγος ψυχή Ωμέγα ΐΰ".split()
ARABIC = "مرحبا بالعالم اللغة العربية كتاب مدرسة السلام عليكم ١٢٣ ٤٥٦".split()
HEBREW = "שלום עולם בְּרֵאשִׁית תורה".split()
DEVANAGARI = "नमस्ते दुनिया हिन्दी भाषा क्षत्रिय ज्ञान १२३४ श्री".split()
THAI = "สวัสดีครับ ภาษาไทย ๑๒๓".split()
CJK = ("你好世界 中文分词 机器学习 模型 數據 東京 日本語 ひらがな カタカナ テスト 漢字 한국어 안녕하세요 "
       "서울 〇一二三 𠀀𠮷 㐀").split()
EMOJI = ["😀", "🎉", "👍", "👍🏽", "👩🏿‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "🇯🇵", "1️⃣", "❤️", "🤷‍♀️",
         "🧑🏻‍🤝‍🧑🏾", "✈️", "©", "™", "🫠", "🦀", "⭐", "☃"]
CONTRACTIONS = ["don't", "DON'T", "I'm", "I'M", "you're", "YOU'RE", "we've", "WE'VE", "We'Ve", "it's",
                "IT'S", "It'S", "she'll", "SHE'LL", "he'd", "HE'D", "can't", "CAN'T", "'s", "'S", "'t",
                "'re", "'Re", "'VE", "'ll", "'LL", "'d", "'D", "'m", "'M", "it'ſ", "o'clock", "rock'n'roll",
                "''", "'''", "’s", "’"]
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|begin_of_text|>", "<|end_of_text|>",
            "<|eot_id|>", "<|start_header_id|>", "<|end_header_id|>", "<mask>", "</s>", "<s>", "<pad>",
            "<|rstrip|>", "[WORD]", "Offsite Studio", "ZZtop", "<|endof", "endoftext|>", "<|im_", "<|"]
SPACES = [" ", "  ", "   ", "\t", "\t\t", "\n", "\n\n", "\r\n", " \n", "\n ", " \t ", "\u00a0", "\u3000",
          "\u2028", "\u2029", "\u0085", "\u200b", "\u2009", "\u202f", "\u1680", "\u000b", "\u000c",
          "        ", "\n\n\n    "]
ODD = ["e\u0301", "a\u0308\u0323", "\u200f", "\u200e", "\u202e", "\u00a0", "\u2028", "\ue000", "\uf8ff",
       "\U000f0000", "\U0010fffd", "\ufeff", "\ufffd", "\ufe0f", "\u0000", "\u0007", "\u001f", "\u007f",
       "\u00ad", "\u034f", "\u2060", "\u200d", "\u200c", "ﬁ", "ﬀ", "Ⅻ", "½", "²", "①", "ǅ", "İ", "ẞ",
       "\u0345", "K", "Å", "Ω", "\U0001d400", "\U0001d7d8", "\u0e3f", "\u20ac", "\uffff", "\ufdd0"]
CODE = [
    "def main(argv):\n    return 0\n",
    "for (int i = 0; i < n; ++i) {\n\tsum += a[i];\n}",
    "if x == 1:\n        print('one')\n    else:\n        pass",
    "{\"key\": [1, 2.5, -3e10, null, true], \"nested\": {\"a\": \"b\"}}",
    "#include <vector>\nint main() { std::vector<int> v{1,2,3}; }",
    "SELECT id, name FROM users WHERE age >= 21 ORDER BY name;",
    "x = lambda a, b: a**2 + b//3  # comment",
    "    \n    \n\tindented\n",
    "git commit -m \"fix: handle\\r\\n\" && ls -la ~/.cache",
    "const re = /\\s+(?!\\S)/gu; // regex",
    "<div class=\"a\">Hello&nbsp;world</div>",
    "fn main() { println!(\"{}\", 1_000_000u64); }",
]


def load_assigned_code_points():
    """Assigned Unicode 14.0 code points, excluding surrogates (not encodable as UTF-8)."""
    everything = []
    bmp = []
    for cp in range(0x110000):
        category = unicodedata.category(chr(cp))
        if category in ("Cn", "Cs"):
            continue
        everything.append(cp)
        if cp < 0x10000:
            bmp.append(cp)
    return everything, bmp


class TextMaker:
    def __init__(self, seed, assigned, bmp):
        self.rng = random.Random(seed)
        self.assigned = assigned
        self.bmp = bmp

    def word(self):
        r = self.rng.random()
        pools = [(0.42, ENGLISH), (0.50, LATIN), (0.56, CYRILLIC), (0.59, GREEK), (0.63, ARABIC),
                 (0.65, HEBREW), (0.69, DEVANAGARI), (0.71, THAI), (0.78, CJK), (0.83, EMOJI),
                 (0.90, CONTRACTIONS), (1.0, None)]
        for limit, pool in pools:
            if r < limit:
                if pool is None:
                    return self.number()
                w = self.rng.choice(pool)
                return w.upper() if self.rng.random() < 0.05 else w
        return "x"

    def number(self):
        kind = self.rng.randrange(6)
        if kind == 0:
            return str(self.rng.randrange(10))
        if kind == 1:
            return str(self.rng.randrange(10 ** self.rng.randrange(2, 25)))
        if kind == 2:
            return f"{self.rng.uniform(-1e6, 1e6):.{self.rng.randrange(1, 6)}f}"
        if kind == 3:
            return f"{self.rng.randrange(10**6, 10**9):,}"
        if kind == 4:
            area, exchange = self.rng.randrange(100, 999), self.rng.randrange(100, 999)
            return f"+1 ({area}) {exchange}-{self.rng.randrange(1000, 9999)}"
        return "2026-11-29T04:13:10Z"

    def separator(self):
        r = self.rng.random()
        if r < 0.75:
            return " "
        if r < 0.85:
            return self.rng.choice([", ", ". ", "! ", "? ", ": ", "; ", " - ", " — ", "...", "/", "(", ") "])
        return self.rng.choice(SPACES)

    def sentence(self, max_words=12):
        n = self.rng.randrange(1, max_words)
        out = []
        for i in range(n):
            if i:
                out.append(self.separator())
            out.append(self.word())
        return "".join(out)

    def random_mix(self):
        pool = self.assigned if self.rng.random() < 0.5 else self.bmp
        n = self.rng.randrange(1, 16)
        chars = []
        for _ in range(n):
            r = self.rng.random()
            if r < 0.6:
                chars.append(chr(self.rng.choice(pool)))
            elif r < 0.75:
                chars.append(self.rng.choice(SPACES))
            elif r < 0.9:
                chars.append(self.rng.choice(ODD))
            else:
                chars.append(self.word())
        return "".join(chars)

    def with_specials(self):
        parts = []
        for _ in range(self.rng.randrange(1, 6)):
            r = self.rng.random()
            if r < 0.4:
                parts.append(self.rng.choice(SPECIALS))
            elif r < 0.6:
                parts.append(self.rng.choice(SPACES))
            else:
                parts.append(self.sentence(5))
            if self.rng.random() < 0.5:
                parts.append(self.rng.choice(["", " ", "  ", "\n", "\u00a0", "\t "]))
        return "".join(parts)

    def line(self):
        r = self.rng.random()
        if r < 0.40:
            return self.sentence()
        if r < 0.52:
            return self.random_mix()
        if r < 0.64:
            return self.with_specials()
        if r < 0.72:
            if self.rng.random() < 0.5:
                return self.rng.choice(CODE)
            return self.rng.choice(CODE) + self.sentence(4)
        if r < 0.80:
            return "".join(self.rng.choice(SPACES) + self.word() for _ in range(self.rng.randrange(1, 6)))
        if r < 0.88:
            return " ".join(self.number() for _ in range(self.rng.randrange(1, 4)))
        if r < 0.95:
            pool = CONTRACTIONS + ODD + EMOJI
            return "".join(self.rng.choice(pool) for _ in range(self.rng.randrange(1, 8)))
        # Multi-line paragraphs.
        return "\n".join(self.sentence() for _ in range(self.rng.randrange(2, 5)))


def fixed_lines():
    """Hand-picked edge cases, always first in the corpus."""
    return ["", " ", "  ", "\n", "\t", "a", "Hello world", " Hello world", "Hello  world ", "hello\n\nworld",
            "<|endoftext|>", " <|endoftext|> ", "<|endoftext|><|endoftext|>", "a<|endoftext|>b",
            "<|begin_of_text|>Hi", "<|im_start|>user\nHi<|im_end|>\n", "<mask>", "x   <mask>  y",
            "x\u00a0\u3000<mask>", "<|rstrip|>   z", "a [WORD] b", "a[WORD]b", "[WORD]", "é [WORD]",
            "Offsite Studio", "Offsite  Studio", "xOffsite Studioy", "ZZtop ZZtopZZtop", "<|endof",
            "I'VE we'Re it's IT'S it'ſ", "1234567890", "3.14159", "\u0085x\u0085", "a\u2028b", "\r\n\r\n",
            "    leading", "trailing    ", "mixed \t\n end", "👨‍👩‍👧‍👦👍🏽", "é" * 300, "a" * 1000,
            " " * 500, "1" * 50]


def build_corpus(assigned, bmp):
    maker = TextMaker(20261129, assigned, bmp)
    lines = fixed_lines()
    while len(lines) < CORPUS_LINES:
        lines.append(maker.line())
    return lines


def training_text(assigned, bmp):
    maker = TextMaker(7, assigned, bmp)
    return [maker.line() for _ in range(TRAIN_LINES)]


def train(model, pre_tokenizer, specials, text, full_alphabet=True):
    tok = Tokenizer(model)
    tok.pre_tokenizer = pre_tokenizer
    tok.decoder = decoders.ByteLevel()
    if full_alphabet:
        trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, special_tokens=specials, show_progress=False,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    else:
        # Leaves bytes out of the vocabulary so that unk_token and fuse_unk are exercised.
        trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, special_tokens=specials, show_progress=False,
                                      limit_alphabet=150)
    tok.train_from_iterator(text, trainer)
    return tok


def make_gpt2(text):
    tok = train(models.BPE(), pre_tokenizers.ByteLevel(add_prefix_space=False), ["<|endoftext|>"], text)
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    # Flags beyond the defaults: RoBERTa-style <mask> (lstrip), rstrip, single_word, and two non-special
    # added tokens (one matched on normalized text, one not).
    tok.add_special_tokens([AddedToken("<mask>", lstrip=True, normalized=False),
                            AddedToken("<|rstrip|>", rstrip=True, normalized=False)])
    tok.add_tokens([AddedToken("[WORD]", single_word=True, normalized=True),
                    AddedToken("Offsite Studio", normalized=True),
                    AddedToken("ZZtop", normalized=False)])
    data = json.loads(tok.to_str())
    # Older tokenizer.json files (GPT-2, OPT) store merges as "a b" strings.
    data["model"]["merges"] = [" ".join(pair) for pair in data["model"]["merges"]]
    return data


def make_opt(text):
    tok = train(models.BPE(), pre_tokenizers.ByteLevel(add_prefix_space=True),
                ["<s>", "<pad>", "</s>", "<unk>"], text)
    tok.post_processor = processors.TemplateProcessing(
        single="</s> $A", pair="</s> $A $B", special_tokens=[("</s>", tok.token_to_id("</s>"))])
    data = json.loads(tok.to_str())
    data["model"]["merges"] = [" ".join(pair) for pair in data["model"]["merges"]]
    return data


def make_llama3(text):
    specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>",
                "<|eot_id|>", "<|reserved_special_token_0|>"]
    pre = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok = train(models.BPE(ignore_merges=True), pre, specials, text)
    bos = "<|begin_of_text|>"
    tok.post_processor = processors.Sequence([
        processors.ByteLevel(trim_offsets=False),
        processors.TemplateProcessing(single=f"{bos} $A", pair=f"{bos} $A {bos}:1 $B:1",
                                      special_tokens=[(bos, tok.token_to_id(bos))]),
    ])
    data = json.loads(tok.to_str())
    data["model"]["ignore_merges"] = True
    return data


def make_smollm2(text):
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<repo_name>", "<file_sep>"]
    pre = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tok = train(models.BPE(), pre, specials, text)
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    return json.loads(tok.to_str())


def make_mixed(text):
    """Everything else the C++ side claims to support, on one tokenizer: every Split behaviour, a String
    pattern, invert, contiguous Digits, nested Sequences, a prefix space, unk_token with fuse_unk, a template
    with a trailing special token, a Sequence decoder, and lstrip+rstrip / single_word special tokens."""
    pre = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"\s+"), behavior="merged_with_next"),
        pre_tokenizers.Split("-", behavior="merged_with_previous"),
        pre_tokenizers.Split(Regex(r"[.,;!?]"), behavior="removed"),
        pre_tokenizers.Split(Regex(r"\p{Lu}+"), behavior="contiguous", invert=True),
        pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=False)]),
        pre_tokenizers.ByteLevel(add_prefix_space=True, use_regex=True),
    ])
    tok = train(models.BPE(unk_token="<unk>", fuse_unk=True), pre, ["<unk>", "<s>", "</s>"], text,
                full_alphabet=False)
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> $B </s>",
        special_tokens=[("<s>", tok.token_to_id("<s>")), ("</s>", tok.token_to_id("</s>"))])
    tok.decoder = decoders.Sequence([decoders.ByteLevel()])
    tok.add_special_tokens([AddedToken("<mask>", lstrip=True, rstrip=True, normalized=False),
                            AddedToken("ZZtop", single_word=True, normalized=False)])
    data = json.loads(tok.to_str())
    # The Python API flattens nested Sequences; tokenizer.json files may still nest them.
    steps = data["pre_tokenizer"]["pretokenizers"]
    steps[4] = {"type": "Sequence", "pretokenizers": [steps[4]]}
    return data


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def main():
    if tokenizers.__version__ != "0.22.1":
        sys.exit(f"expected tokenizers 0.22.1, found {tokenizers.__version__}")
    if unicodedata.unidata_version != "14.0.0":
        sys.exit(f"expected Unicode 14.0.0 tables (Python 3.11), found {unicodedata.unidata_version}")
    assigned, bmp = load_assigned_code_points()
    corpus = build_corpus(assigned, bmp)
    write_jsonl(HERE / "corpus.jsonl", ({"text": line} for line in corpus))
    text = training_text(assigned, bmp)

    styles = {"gpt2": make_gpt2, "opt": make_opt, "llama3": make_llama3, "smollm2": make_smollm2,
              "mixed": make_mixed}
    for style, make in styles.items():
        lines = corpus[:MIXED_LINES] if style == "mixed" else corpus
        data = make(text)
        out_dir = HERE / style
        out_dir.mkdir(exist_ok=True)
        serialized = json.dumps(data, ensure_ascii=False, indent=1)
        (out_dir / "tokenizer.json").write_text(serialized + "\n", encoding="utf-8")
        # Reload from the saved file so the expectations describe exactly what is committed.
        tok = Tokenizer.from_file(str(out_dir / "tokenizer.json"))
        # What decode adds around a line: the template's special tokens and the prefix space, seen around a
        # probe digit that no special token contains.
        probe = tok.decode(tok.encode("7", add_special_tokens=True).ids, skip_special_tokens=False)
        prefix, suffix = probe.split("7")
        skip_probe = tok.decode(tok.encode("7", add_special_tokens=True).ids, skip_special_tokens=True)
        skip_prefix, skip_suffix = skip_probe.split("7")
        rows = [{"style": style, "tokenizers": tokenizers.__version__, "lines": len(lines),
                 "decode_prefix": prefix, "decode_suffix": suffix,
                 "decode_skip_prefix": skip_prefix, "decode_skip_suffix": skip_suffix}]
        for enc, line in zip(tok.encode_batch(lines, add_special_tokens=True), lines):
            row = {"ids": enc.ids}
            decoded = tok.decode(enc.ids, skip_special_tokens=False)
            if decoded != prefix + line + suffix:
                row["decode"] = decoded
            skipped = tok.decode(enc.ids, skip_special_tokens=True)
            if skipped != skip_prefix + line + skip_suffix:
                row["decode_skip"] = skipped
            rows.append(row)
        write_jsonl(HERE / f"expected_{style}.jsonl", rows)
        print(f"{style}: vocab {tok.get_vocab_size()}, {sum(len(r['ids']) for r in rows[1:])} ids")


if __name__ == "__main__":
    main()
