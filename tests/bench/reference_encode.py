#!/usr/bin/env python3
"""Plain PyTorch + PIL reference for bench_encode: the loop a researcher's
extraction script runs (FG-CLIP / openai/CLIP style): open each image with PIL,
crop the object box, CLIP's preprocessing (Resize(224, BICUBIC), CenterCrop,
ToTensor, Normalize, written out because torchvision is not installed here),
stack a batch and run a randomly initialised ViT-B/16 from openai/CLIP's
model.py in fp32 under no_grad.
Prints "encode-vitb16 seconds=<s per image> images_per_s=<x>", then
"encode-text-vitb16 seconds=<s per caption>" for openai/CLIP's encode_text on
256 captions of 10-25 tokens (all 77 positions, as the reference runs them).
Usage: reference_encode.py [--images N] [--runs N] [--batch N] [--threads N] [--device cpu|cuda]"""
import math
import os
import statistics
import sys
import tempfile
import time
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

MEAN = torch.tensor([0.48145466, 0.4578275, 0.40821073]).view(3, 1, 1)
STD = torch.tensor([0.26862954, 0.26130258, 0.27577711]).view(3, 1, 1)


def arg(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


DEVICE = torch.device(sys.argv[sys.argv.index("--device") + 1] if "--device" in sys.argv else "cpu")


class LayerNorm(nn.LayerNorm):
    def forward(self, x):
        orig = x.dtype
        return super().forward(x.type(torch.float32)).type(orig)


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, d_model, n_head):
        super().__init__()
        self.attn = nn.MultiheadAttention(d_model, n_head)
        self.ln_1 = LayerNorm(d_model)
        self.mlp = nn.Sequential(OrderedDict([("c_fc", nn.Linear(d_model, d_model * 4)), ("gelu", QuickGELU()),
                                              ("c_proj", nn.Linear(d_model * 4, d_model))]))
        self.ln_2 = LayerNorm(d_model)

    def forward(self, x):
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False)[0]
        return x + self.mlp(self.ln_2(x))


class VisionTransformer(nn.Module):
    def __init__(self, resolution=224, patch=16, width=768, layers=12, heads=12, output_dim=512):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch, stride=patch, bias=False)
        scale = width ** -0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn((resolution // patch) ** 2 + 1, width))
        self.ln_pre = LayerNorm(width)
        self.transformer = nn.Sequential(*[ResidualAttentionBlock(width, heads) for _ in range(layers)])
        self.ln_post = LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))

    def forward(self, x):
        x = self.conv1(x)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        cls = self.class_embedding + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype, device=x.device)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.ln_pre(x).permute(1, 0, 2)
        x = self.transformer(x).permute(1, 0, 2)
        return self.ln_post(x[:, 0, :]) @ self.proj


class TextTransformer(nn.Module):
    """openai/CLIP's encode_text: every one of the 77 positions, causal mask."""

    def __init__(self, width=512, layers=12, heads=8, context=77, vocab=49408, output_dim=512):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, width)
        self.positional_embedding = nn.Parameter(torch.randn(context, width) * 0.01)
        self.blocks = nn.ModuleList([ResidualAttentionBlock(width, heads) for _ in range(layers)])
        self.ln_final = LayerNorm(width)
        self.text_projection = nn.Parameter(torch.randn(width, output_dim) * width ** -0.5)
        self.register_buffer("mask", torch.full((context, context), float("-inf")).triu_(1))

    def forward(self, text):
        x = (self.token_embedding(text) + self.positional_embedding).permute(1, 0, 2)
        for b in self.blocks:
            y = b.ln_1(x)
            x = x + b.attn(y, y, y, need_weights=False, attn_mask=self.mask)[0]
            x = x + b.mlp(b.ln_2(x))
        x = self.ln_final(x.permute(1, 0, 2))
        return x[torch.arange(x.shape[0], device=x.device), text.argmax(dim=-1)] @ self.text_projection


def preprocess(img, size=224):
    w, h = img.size
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = size, int(size * long / short)
    img = img.resize((new_short, new_long) if w <= h else (new_long, new_short), Image.BICUBIC)
    w, h = img.size
    top, left = int(round((h - size) / 2.0)), int(round((w - size) / 2.0))
    img = img.crop((left, top, left + size, top + size))
    x = torch.from_numpy(np.asarray(img, dtype=np.uint8).copy()).permute(2, 0, 1).float().div(255)
    return (x - MEAN) / STD


def make_items(folder, count):
    rng = np.random.default_rng(1)
    boxes = [(12.3, 40.7, 300.2, 220.9), (350.5, 100.1, 120.4, 330.6), (200.8, 300.2, 90.3, 60.7),
             (5.5, 5.5, 600.1, 450.2)]
    items = []
    for i in range((count + 3) // 4):
        noise = rng.integers(0, 256, (480, 640, 3), dtype=np.uint8)
        path = os.path.join(folder, "img%d.jpg" % i)
        Image.fromarray(noise).resize((160, 120)).resize((640, 480), Image.BILINEAR).save(path, quality=90)
        for b in boxes:
            if len(items) < count:
                items.append((path, b))
    return items


def encode(model, items, batch):
    out = []
    with torch.no_grad():
        for i in range(0, len(items), batch):
            pixels = []
            for path, (x, y, w, h) in items[i:i + batch]:
                img = Image.open(path).convert("RGB")
                W, H = img.size
                box = (math.floor(max(x, 0)), math.floor(max(y, 0)), math.ceil(min(x + w, W)), math.ceil(min(y + h, H)))
                pixels.append(preprocess(img.crop(box)))
            out.append(model(torch.stack(pixels).to(DEVICE)).cpu())
    return torch.cat(out)


def main():
    images, runs, batch = arg("--images", 32), arg("--runs", 5), arg("--batch", 32)
    torch.set_num_threads(arg("--threads", os.cpu_count() or 2))
    torch.manual_seed(0)
    model = VisionTransformer().eval().to(DEVICE)
    with tempfile.TemporaryDirectory() as folder:
        items = make_items(folder, images)
        encode(model, items[:batch], batch)  # warm-up on one full batch
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            encode(model, items, batch)
            times.append(time.perf_counter() - t0)
    t = statistics.median(times)
    print("encode-vitb16 seconds=%.6f images_per_s=%.3f images=%d batch=%d threads=%d device=%s"
          % (t / images, images / t, images, batch, torch.get_num_threads(), DEVICE), flush=True)

    captions = 256
    tokens = torch.randint(1, 49405, (captions, 77))
    for i in range(captions):
        n = 10 + i % 16
        tokens[i, 0], tokens[i, n - 1], tokens[i, n:] = 49406, 49407, 0
    tokens = tokens.to(DEVICE)
    text_model = TextTransformer().eval().to(DEVICE)
    with torch.no_grad():
        text_model(tokens[:64]).cpu()
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            text_model(tokens).cpu()
            times.append(time.perf_counter() - t0)
    t = statistics.median(times)
    print("encode-text-vitb16 seconds=%.6f captions_per_s=%.3f captions=%d" % (t / captions, captions / t, captions),
          flush=True)


if __name__ == "__main__":
    main()
