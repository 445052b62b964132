#!/usr/bin/python3
"""Reference values for the reference implementation's quirks 2 and 3
(DESIGN.md), computed with NumPy the way FG-CLIP's evaluation code does,
from the fixtures only. test_reference_values.cpp, test_cli_coverage.cpp and test_metrics.cpp hold the printed numbers;
rerun this (python3 tests/core/quirks_reference.py ../shared/fixtures) to
regenerate them.

Quirk 3: cosine scores (sigmoid of the cosine, as the heads score) rounded to
fp16 before ranking; pessimistic rank = 1 + #negatives scoring >= positive.
Quirk 2: the CLIP baseline's retrieval divides every feature column by its
norm over all items (numpy axis=0), then takes plain dot products.
"""
import json
import sys

import numpy as np

fx = sys.argv[1] if len(sys.argv) > 1 else "../shared/fixtures"
bench = json.load(open(f"{fx}/fgovd/benchmarks/pattern.json"))
ann = np.load(f"{fx}/fgclip-cache/annotation_features.npy").astype(np.float32)
cat = np.load(f"{fx}/fgclip-cache/category_features.npy").astype(np.float32)
cat_row = {int(c): i for i, c in enumerate(np.load(f"{fx}/fgclip-cache/category_ids.npy"))}
annotations = bench["annotations"]
assert len(annotations) == ann.shape[0]


def unit(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def ranks_at(n, fp16):
    ranks = []
    for i, a in enumerate(annotations):
        negs = a["neg_category_ids"]
        if len(negs) < n:
            continue
        vocab = [a["category_id"]] + negs[:n]
        t = unit(cat[[cat_row[c] for c in vocab]])
        s = 1.0 / (1.0 + np.exp(-(t @ unit(ann[i]))))
        s = s.astype(np.float32)
        if fp16:
            s = s.astype(np.float16)
        ranks.append(1 + int(np.sum(s[1:] >= s[0])))
    return ranks


print("fp16 quirk, Pattern, cosine: n objects mean_rank(fp32) mean_rank(fp16) ties_gained")
for n in range(1, 8):
    r32, r16 = ranks_at(n, False), ranks_at(n, True)
    print(n, len(r16), repr(float(np.mean(r32))), repr(float(np.mean(r16))), sum(r16) - sum(r32))


# Retrieval set: the first 100 objects, each with its positive and first 3
# negatives as its 4 captions (image-major).
images = ann[:100]
captions = np.stack([cat[cat_row[c]] for a in annotations[:100]
                     for c in ([a["category_id"]] + a["neg_category_ids"][:3])])
k = 4


def recall(scores):
    ni, nc = scores.shape
    owner = np.arange(nc) // k
    i2t = []
    for i in range(ni):
        best = scores[i, i * k:(i + 1) * k].max()
        i2t.append(int(np.sum(scores[i] > best)))
    t2i = []
    for c in range(nc):
        pos = scores[owner[c], c]
        t2i.append(int(np.sum(scores[:, c] > pos)))
    pct = lambda ranks, kk: 100.0 * float(np.mean(np.array(ranks) < kk))
    return [pct(i2t, 1), pct(i2t, 5), pct(i2t, 10)], [pct(t2i, 1), pct(t2i, 5), pct(t2i, 10)]


cos = unit(images) @ unit(captions).T
col = (images / np.linalg.norm(images, axis=0, keepdims=True)) @ (captions / np.linalg.norm(captions, axis=0, keepdims=True)).T
print("retrieval cosine i2t t2i:", recall(cos))
print("retrieval column-norm i2t t2i:", recall(col))
