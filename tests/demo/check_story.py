#!/usr/bin/env python3
"""Checks that a demo `reproduce` tells the paper's story (issue 20).

Usage: check_story.py OUT.json [OUT2.json ...] [--seconds S]

Each OUT.json is what `fglens-cli reproduce --json` wrote. For every trainable
head the fine-tune must cut the Mean Rank Sum to at most 0.75 x the lower of its
warm-up's and cosine's, and keep COCO R@1 (i2t and t2i) at least 0.6 x the
warm-up's; the linear warm-up must beat cosine on R@1 both ways. --seconds
checks a measured wall time of `reproduce` against the 300 s budget.
Prints one line per head and file; exits 0 when everything holds, 1 otherwise.
"""
import json
import sys

HEADS = ["linear", "linear-visual", "linear-text", "mlp", "attention"]
MRS_FACTOR = 0.75
RECALL_FACTOR = 0.6
SECONDS = 300.0


def r1(row, way):
    return float(row["recall"][way][0])


def check(path):
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)
    failures = []
    cos = rows["cosine"]
    cos_mrs = float(cos["mean_rank_sum"])
    print(f"{path}: cosine MRS {cos_mrs:.2f}, R@1 i2t {r1(cos, 'i2t'):.1f}, t2i {r1(cos, 't2i'):.1f}")
    print(f"  {'head':<14}{'MRS warm-up -> fine-tune (limit)':<36}{'i2t R@1 (min)':<26}{'t2i R@1 (min)':<26}")
    for head in HEADS:
        wu, ft = rows[head + "/warmup"], rows[head + "/finetune"]
        wu_mrs, ft_mrs = float(wu["mean_rank_sum"]), float(ft["mean_rank_sum"])
        limit = MRS_FACTOR * min(wu_mrs, cos_mrs)
        ok = ft_mrs <= limit
        if not ok:
            failures.append(f"{head}: fine-tune MRS {ft_mrs:.2f} > {limit:.2f}")
        cells = [f"{wu_mrs:.2f} -> {ft_mrs:.2f} ({limit:.2f}) {'ok' if ok else 'FAIL'}"]
        for way in ("i2t", "t2i"):
            lo = RECALL_FACTOR * r1(wu, way)
            ok = r1(ft, way) >= lo
            if not ok:
                failures.append(f"{head}: fine-tune {way} R@1 {r1(ft, way):.1f} < {lo:.1f}")
            cells.append(f"{r1(wu, way):.1f} -> {r1(ft, way):.1f} ({lo:.1f}) {'ok' if ok else 'FAIL'}")
        print(f"  {head:<14}{cells[0]:<36}{cells[1]:<26}{cells[2]:<26}")
    lin = rows["linear/warmup"]
    for way in ("i2t", "t2i"):
        ok = r1(lin, way) > r1(cos, way)
        if not ok:
            failures.append(f"linear warm-up {way} R@1 {r1(lin, way):.1f} does not beat cosine's {r1(cos, way):.1f}")
        print(f"  linear warm-up vs cosine {way} R@1: {r1(lin, way):.1f} vs {r1(cos, way):.1f} {'ok' if ok else 'FAIL'}")
    return failures


def main(argv):
    paths, seconds = [], None
    it = iter(argv)
    for a in it:
        if a == "--seconds":
            seconds = float(next(it))
        elif a.startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            paths.append(a)
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failures = []
    for p in paths:
        try:
            failures += [f"{p}: {f}" for f in check(p)]
        except (OSError, ValueError, KeyError, IndexError) as e:
            print(f"{p}: cannot read a reproduce result: {e}", file=sys.stderr)
            return 1
    if seconds is not None:
        if seconds > SECONDS:
            failures.append(f"reproduce took {seconds:.0f} s > {SECONDS:.0f} s")
        print(f"reproduce wall time {seconds:.0f} s (limit {SECONDS:.0f} s)")
    for f in failures:
        print("FAIL " + f)
    print("story holds" if not failures else f"{len(failures)} target(s) missed")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
