#!/usr/bin/env python3
"""Plain PyTorch references for tests/bench/run_benchmarks.sh, written from the
paper's formulas (DESIGN.md §3) the way a researcher's script would: one
nn.MultiheadAttention call per (image, caption) pair, one head call per object.
Prints "<target> seconds=<x>" lines, scaled to the same workload as
bench_heads where only a slice is timed (the scale is printed too)."""
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

RUNS = 5
# --device cuda runs the training references on the GPU (as bench_heads --device cuda).
DEVICE = torch.device(sys.argv[sys.argv.index("--device") + 1] if "--device" in sys.argv else "cpu")


def timed(fn, runs=RUNS):
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        if DEVICE.type == "cuda":
            torch.cuda.synchronize()
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


class Projection(nn.Module):
    def __init__(self, visual, text, layers, act):
        super().__init__()
        self.v = nn.ModuleList([nn.Linear(512, 512) for _ in range(layers)]) if visual else None
        self.t = nn.ModuleList([nn.Linear(512, 512) for _ in range(layers)]) if text else None
        self.act = act

    def side(self, mods, x):
        if mods is None:
            return x
        for m in mods:
            x = m(x)
            if self.act:
                x = torch.tanh(x)
        return x

    def forward(self, v, t):  # v [B, D], t [B, D] -> [B]
        return torch.sigmoid(F.cosine_similarity(self.side(self.v, v), self.side(self.t, t), dim=-1))


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.cls = nn.Linear(1, 512)
        self.mha = nn.MultiheadAttention(512, 64, batch_first=True)

    def forward(self, v, t):
        c = self.cls(torch.ones(v.shape[0], 1, device=v.device))
        x = torch.stack((c, v, t), dim=1)
        x, _ = self.mha(x, x, x)
        return torch.sigmoid(x[:, 0, 0])


def heads():
    return {
        "cosine": Projection(False, False, 0, False), "linear": Projection(True, True, 1, False),
        "linear-visual": Projection(True, False, 1, False), "linear-text": Projection(False, True, 1, False),
        "mlp": Projection(True, True, 2, True), "attention": Attention(),
    }


def report(name, seconds, extra=""):
    print(f"{name} seconds={seconds:.6f} {extra}".rstrip(), flush=True)


def attention_matrix():
    # bench_heads scores 500 x 2500 pairs; time 500 x 25 per pair and scale by 100.
    torch.manual_seed(0)
    head = Attention().eval()
    v, t = torch.randn(500, 512), torch.randn(25, 512)
    with torch.no_grad():
        pv = v.repeat_interleave(t.shape[0], 0)
        pt = t.repeat(v.shape[0], 1)
        secs = timed(lambda: head(pv, pt))
    report("attention-matrix", secs * 100, "scale=100")


def fgovd_eval():
    # 20,000 objects x 11 captions under six heads; time 500 objects per head, scale by 40.
    torch.manual_seed(0)
    objs, caps = torch.randn(500, 512).half(), torch.randn(500, 11, 512).half()
    hs = {k: h.eval() for k, h in heads().items()}

    def run():
        with torch.no_grad():
            for h in hs.values():
                for i in range(objs.shape[0]):
                    t = caps[i].float()
                    s = h(objs[i].float().expand_as(t), t)
                    int((s >= s[0]).sum())
    report("fgovd-eval", timed(run) * 40, "scale=40")


def train(kind, batches, runs):
    torch.manual_seed(0)
    head = heads()[kind].to(DEVICE)
    opt = torch.optim.Adam(head.parameters(), lr=5e-5)
    steps = (566435 + 255) // 256
    v, t = torch.randn(256, 512, device=DEVICE), torch.randn(256, 512, device=DEVICE)

    def step():
        b = v.shape[0]
        s = head(v.repeat_interleave(b, 0), t.repeat(b, 1)).view(b, b)
        d = s.diag().view(b, 1)
        mask = torch.eye(b, device=DEVICE) > 0.5
        loss = ((0.2 + s - d).clamp(min=0).masked_fill(mask, 0).sum()
                + (0.2 + s - d.t()).clamp(min=0).masked_fill(mask, 0).sum())
        opt.zero_grad()
        loss.backward()
        opt.step()

    def linear_step():
        a = F.normalize(head.side(head.v, v), dim=1)
        b = F.normalize(head.side(head.t, t), dim=1)
        s = torch.sigmoid(a @ b.T)
        d = s.diag().view(-1, 1)
        mask = torch.eye(s.shape[0], device=DEVICE) > 0.5
        loss = ((0.2 + s - d).clamp(min=0).masked_fill(mask, 0).sum()
                + (0.2 + s - d.t()).clamp(min=0).masked_fill(mask, 0).sum())
        opt.zero_grad()
        loss.backward()
        opt.step()

    fn = step if kind == "attention" else linear_step
    fn()
    per_batch = timed(lambda: [fn() for _ in range(batches)], runs) / batches
    report(f"train-{kind}", per_batch * steps, f"median_step={per_batch:.6f} steps={steps}")


if __name__ == "__main__":
    torch.set_num_threads(int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2)
    args = sys.argv[1:]
    targets = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or not args[i - 1].startswith("--"))]
    for target in targets or ["attention-matrix", "fgovd-eval", "train-linear", "train-attention"]:
        if target == "attention-matrix":
            attention_matrix()
        elif target == "fgovd-eval":
            fgovd_eval()
        elif target == "train-linear":
            train("linear", 20, RUNS)
        elif target == "train-attention":
            train("attention", 1, 1)
