#!/usr/bin/env python3
"""Reference values for the SmolLM2 end-to-end test, computed with Hugging Face transformers and tokenizers on
the folder our `offsite convert-gguf` produced from the GGUF that set-up installs:
  - the ids HF tokenizers gives for every line of the tokenizer parity corpus (tests/data/tokenizer/corpus.jsonl),
  - fp32 logits of LlamaForCausalLM for a few prompts,
  - the greedy continuation of a chat prompt.
Usage: make_reference.py MODEL_DIR CORPUS_JSONL OUT.safetensors
"""
import json
import sys

import torch
import transformers
from safetensors.torch import save_file
from tokenizers import Tokenizer

PROMPTS = [
    "The capital of France is",
    "def fibonacci(n):\n    if n < 2:\n        return n",
    "Offsite-tuning lets a data owner adapt a model it never sees in full: 1234567 tokens, émigré, 東京, Москва!",
]
CHAT = "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n"


def main():
    model_dir, corpus_path, out = sys.argv[1:4]
    torch.manual_seed(0)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    tok = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tensors = {}

    lines = []
    with open(corpus_path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            lines.append(row["text"] if isinstance(row, dict) else row)
    ids, offsets = [], [0]
    for enc in tok.encode_batch(lines, add_special_tokens=True):
        ids.extend(enc.ids)
        offsets.append(len(ids))
    tensors["corpus_ids"] = torch.tensor(ids, dtype=torch.int32)
    tensors["corpus_offsets"] = torch.tensor(offsets, dtype=torch.int64)

    model = transformers.LlamaForCausalLM.from_pretrained(model_dir, torch_dtype=torch.float32,
                                                          attn_implementation="eager")
    model.eval()
    with torch.no_grad():
        for i, prompt in enumerate(PROMPTS):
            prompt_ids = torch.tensor([tok.encode(prompt).ids])
            tensors[f"prompt{i}_ids"] = prompt_ids[0].to(torch.int64).contiguous()
            tensors[f"prompt{i}_logits"] = model(prompt_ids).logits[0].float().contiguous()
        chat_ids = torch.tensor([tok.encode(CHAT).ids])
        generated = model.generate(chat_ids, attention_mask=torch.ones_like(chat_ids), do_sample=False,
                                   max_new_tokens=24, eos_token_id=[2], pad_token_id=2)
    tensors["chat_ids"] = chat_ids[0].to(torch.int64).contiguous()
    tensors["chat_greedy"] = generated[0, chat_ids.shape[1]:].to(torch.int64).contiguous()
    print("HF greedy:", repr(tok.decode(tensors["chat_greedy"].tolist())))
    save_file(tensors, out, metadata={"prompts": json.dumps(PROMPTS), "chat": CHAT,
                                      "transformers": transformers.__version__})


if __name__ == "__main__":
    main()
