#!/usr/bin/env python3
"""The PyTorch reference run our distillation is compared with. Writes a tiny random-weight Llama of 6 blocks
(save_pretrained, so names are the ecosystem's) into full/, then distils the offsite split 1-2-1 of it exactly as
the paper does: the split keeps middle blocks [1, 4] (uniform drop, round half to even); the teacher is the frozen
original middle (blocks 1..4), the student a trainable copy of blocks 1 and 4; embeddings, the bottom block 0, the
top block 5, final norm and (tied) head are frozen. For each batch h = bottom(embed(x)), T = teacher(h) without
gradient, S = student(h), KD = mean((T-S)^2)/mean(T^2), LM = causal-LM loss of top(S) through norm and head,
loss = lm_weight * LM + kd_weight * KD. AdamW (weight decay on matrices only), cosine schedule with warm-up,
gradient clipping, token blocks taken in order. Writes the token stream and the loss, LM and KD of every step
(reference_run.safetensors). Run with the project's Python environment; the output is committed."""
import copy
import math
import os

import torch
import transformers
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
FULL = os.path.join(HERE, "full")
BLOCK, BATCH, STEPS, LR, WD, WARMUP, CLIP = 8, 2, 8, 1e-2, 0.01, 2, 1.0
LM_WEIGHT, KD_WEIGHT = 1.0, 30.0
BOTTOM, KEEP, TOP = 1, 2, 1


def make_model():
    torch.manual_seed(2024)
    config = transformers.LlamaConfig(
        vocab_size=96, hidden_size=32, intermediate_size=48, num_hidden_layers=6, num_attention_heads=4,
        num_key_value_heads=2, max_position_embeddings=64, rms_norm_eps=1e-5, rope_theta=100000.0,
        tie_word_embeddings=True, initializer_range=0.1, bos_token_id=1, eos_token_id=2, pad_token_id=0)
    model = transformers.LlamaForCausalLM(config)
    model.save_pretrained(FULL, safe_serialization=True)


def kept_middle(middle, keep):
    stride = (middle - 1) / (keep - 1)
    return [round(i * stride) for i in range(keep)]  # Python's round: half to even


def run_layers(layers, h, mask, positions, rope):
    for layer in layers:
        out = layer(h, attention_mask=mask, position_ids=positions, position_embeddings=rope)
        h = out[0] if isinstance(out, tuple) else out
    return h


def main():
    make_model()
    torch.set_num_threads(1)
    tokens = torch.randint(3, 96, (160,), generator=torch.Generator().manual_seed(13))
    blocks = tokens[: (len(tokens) // BLOCK) * BLOCK].view(-1, BLOCK)
    model = transformers.LlamaForCausalLM.from_pretrained(FULL, torch_dtype=torch.float32,
                                                          attn_implementation="eager")
    model.train()
    layers = model.model.layers
    n = len(layers)
    middle = list(range(BOTTOM, n - TOP))
    kept = [BOTTOM + i for i in kept_middle(len(middle), KEEP)]
    assert kept == [1, 4], kept
    teacher = [layers[i] for i in middle]
    student = torch.nn.ModuleList([copy.deepcopy(layers[i]) for i in kept])
    for p in model.parameters():
        p.requires_grad_(False)
    decay, no_decay = [], []
    for p in student.parameters():
        p.requires_grad_(True)
        (decay if p.dim() >= 2 else no_decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": WD}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=LR, foreach=False)
    sched = transformers.get_cosine_schedule_with_warmup(opt, WARMUP, STEPS)
    trainable = decay + no_decay
    mask = torch.full((BLOCK, BLOCK), float("-inf")).triu(1).view(1, 1, BLOCK, BLOCK).expand(BATCH, 1, BLOCK, BLOCK)
    positions = torch.arange(BLOCK).unsqueeze(0).expand(BATCH, BLOCK)
    cursor, losses, lms, kds = 0, [], [], []
    for step in range(STEPS):
        opt.zero_grad()
        rows = []
        for _ in range(BATCH):
            rows.append(blocks[cursor % len(blocks)])
            cursor += 1
        ids = torch.stack(rows)
        with torch.no_grad():
            h = model.model.embed_tokens(ids)
            rope = model.model.rotary_emb(h, positions)
            h = run_layers(layers[:BOTTOM], h, mask, positions, rope)
            t = run_layers(teacher, h, mask, positions, rope)
        s = run_layers(student, h, mask, positions, rope)
        top = run_layers(layers[n - TOP:], s, mask, positions, rope)
        logits = model.lm_head(model.model.norm(top))
        lm = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)).float(),
                                               ids[:, 1:].reshape(-1))
        kd = (t - s).pow(2).mean() / t.pow(2).mean()
        loss = LM_WEIGHT * lm + KD_WEIGHT * kd
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, CLIP)
        opt.step()
        sched.step()
        losses.append(loss.item())
        lms.append(lm.item())
        kds.append(kd.item())
    assert all(math.isfinite(x) for x in losses)
    save_file({"tokens": tokens.to(torch.int64), "losses": torch.tensor(losses, dtype=torch.float64),
               "lm": torch.tensor(lms, dtype=torch.float64), "kd": torch.tensor(kds, dtype=torch.float64)},
              os.path.join(HERE, "reference_run.safetensors"),
              metadata={"torch": torch.__version__, "transformers": transformers.__version__})
    print("losses", [round(x, 6) for x in losses])
    print("lm", [round(x, 6) for x in lms])
    print("kd", [round(x, 6) for x in kds])


if __name__ == "__main__":
    main()
