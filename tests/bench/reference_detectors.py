#!/usr/bin/env python3
"""Reference for the detector-ranks benchmark: the logic of FG-OVD's
evaluation/ranks.py (CustomMetrics.update with nms=True, iou=0.5) written out
here with torch and torchvision from Debian, keeping its costs: the ground
truth of each image found by scanning every annotation (quadratic), tensors
built from Python lists, two batched_nms calls per object.

  reference_detectors.py make DIR [--objects 20000] [--negatives 10] [--seed 1]
      writes DIR/bench.json (FG-OVD benchmark) and DIR/bench.pkl (predictions)
  reference_detectors.py ranks BENCH.json PRED.pkl N [--out RANKS.json]
      prints "detector-ranks seconds=<load + rank>", "detector-ranks-only seconds=<rank>"
      and, with --out, the ranks
"""
import argparse, json, pickle, random, sys, time

import numpy as np


def make(args):
    rng = np.random.default_rng(args.seed)
    n, neg = args.objects, args.negatives
    images, annotations, categories, groups = [], [], [], []
    per_image = 2
    for i in range(n // per_image):
        images.append({"id": i + 1, "file_name": "val2017/%012d.jpg" % (i + 1), "width": 640, "height": 480})
    next_cat = 1
    for a in range(n):
        image = images[a // per_image]
        w, h = rng.uniform(20, 200, 2)
        x, y = rng.uniform(0, 640 - w), rng.uniform(0, 480 - h)
        vocab = list(range(next_cat, next_cat + neg + 1))
        next_cat += neg + 1
        annotations.append({"id": a + 1, "image_id": image["id"], "bbox": [float(x), float(y), float(w), float(h)],
                            "category_id": vocab[0], "neg_category_ids": vocab[1:]})
        # One group per positive caption, as FG-OVD's inference scripts write
        # them: boxes near the object (some matching it) and elsewhere.
        k = 30
        boxes, scores = [], np.sort(rng.uniform(0, 0.98, k).astype(np.float32))[::-1]
        for j in range(k):
            if j % 3 == 0:
                jx, jy = rng.normal(0, 0.15 * w), rng.normal(0, 0.15 * h)
                b = [x + jx, y + jy, x + w + jx, y + h + jy]
            else:
                bw, bh = rng.uniform(10, 200, 2)
                bx, by = rng.uniform(0, 640 - bw), rng.uniform(0, 480 - bh)
                b = [bx, by, bx + bw, by + bh]
            boxes.append(np.array(b, dtype=np.float32))
        total = rng.uniform(0, 1, (k, neg + 1)).astype(np.float32)
        groups.append({"image_filepath": image["file_name"], "category_id": vocab[0], "vocabulary": vocab,
                       "boxes": boxes, "scores": [np.float32(s) for s in scores],
                       "labels": [int(v) for v in rng.choice(vocab, k)], "total_scores": [row for row in total]})
    for c in range(1, next_cat):
        categories.append({"id": c, "name": "caption %d" % c})
    with open(args.dir + "/bench.json", "w") as f:
        json.dump({"images": images, "annotations": annotations, "categories": categories}, f)
    with open(args.dir + "/bench.pkl", "wb") as f:
        pickle.dump(groups, f, protocol=4)


def ranks(args):
    import torch
    from torchvision.ops import batched_nms
    torch.set_num_threads(1)

    t0 = time.perf_counter()
    with open(args.benchmark) as f:
        targets = json.load(f)
    with open(args.predictions, "rb") as f:
        preds = pickle.load(f)
    n_neg, iou = args.negatives, 0.5
    t1 = time.perf_counter()   # files read: from here on, CustomMetrics.update's work

    targets["annotations"] = [a for a in targets["annotations"] if len(a["neg_category_ids"]) >= n_neg]
    by_file = {}
    for p in preds:
        by_file.setdefault(p["image_filepath"], []).append(p)
    out_ids, positions = [], []
    for image in targets["images"]:
        # ranks.py's lookup: every annotation scanned for every image.
        gt_boxes, gt_labels, gt_ids = [], [], []
        for a in targets["annotations"]:
            if a["image_id"] == image["id"]:
                x, y, w, h = a["bbox"]
                gt_boxes.append([x, y, x + w, y + h])
                gt_labels.append(a["category_id"])
                gt_ids.append(a["id"])
        gt_boxes = torch.Tensor(gt_boxes)
        gt_labels = torch.IntTensor(gt_labels)
        if image["file_name"] not in by_file:
            continue
        for p in by_file[image["file_name"]]:
            boxes = torch.Tensor(np.array(p["boxes"]))
            scores = torch.Tensor(p["scores"])
            total = torch.Tensor(np.array(p["total_scores"]))
            keep = batched_nms(boxes, scores, torch.IntTensor([0] * len(boxes)), iou)
            boxes, scores, total = boxes[keep], scores[keep], total[keep]
            for box, label, ann_id in zip(gt_boxes, gt_labels, gt_ids):
                if label != p["category_id"]:
                    continue
                survivors = batched_nms(torch.cat((boxes, box.unsqueeze(0)), dim=0),
                                        torch.cat((scores, torch.IntTensor([1])), dim=0),
                                        torch.IntTensor([0] * (len(boxes) + 1)), iou)
                deleted = sorted(set(range(len(scores))) - set(survivors.tolist()[1:]))
                conf = total[deleted[0]].tolist() if deleted else total.shape[1] * [0]
                positions.append(sum(1 for c in conf if c >= conf[0]))
                out_ids.append(ann_id)
    t2 = time.perf_counter()
    print("detector-ranks seconds=%.6f objects=%d" % (t2 - t0, len(positions)))
    print("detector-ranks-only seconds=%.6f" % (t2 - t1))
    if args.out:
        s = sorted(positions)
        with open(args.out, "w") as f:
            json.dump({"objects": len(positions), "mean_rank": sum(positions) / len(positions),
                       "median_rank": s[len(s) // 2], "median_rank_fgovd": s[len(s) // 2 + 1],
                       "ranks": {str(i): r for i, r in zip(out_ids, positions)}}, f)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("dir")
    m.add_argument("--objects", type=int, default=20000)
    m.add_argument("--negatives", type=int, default=10)
    m.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("ranks")
    r.add_argument("benchmark")
    r.add_argument("predictions")
    r.add_argument("negatives", type=int)
    r.add_argument("--out")
    args = ap.parse_args()
    make(args) if args.cmd == "make" else ranks(args)


if __name__ == "__main__":
    main()
