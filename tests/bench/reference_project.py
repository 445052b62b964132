#!/usr/bin/env python3
"""Reference for target 5: what a Python script does to open the same project:
json.load of the benchmark and the safetensors cache read with numpy (the
safetensors package is not on these machines; its format is a JSON header and
raw arrays), then the features put in the benchmark's order."""
import json, struct, sys, time, statistics
import numpy as np

def load(d):
    with open(d + "/bench100k.json") as f:
        b = json.load(f)
    with open(d + "/bench100k.safetensors", "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    t = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        dt = {"F16": np.float16, "I64": np.int64}[v["dtype"]]
        s, e = v["data_offsets"]
        t[k] = np.frombuffer(data[s:e], dtype=dt).reshape(v["shape"])
    row = {int(i): r for r, i in enumerate(t["object_ids"])}
    objs = t["object_features"][[row[a["id"]] for a in b["annotations"]]]
    return objs

d = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
times = []
for _ in range(runs):
    t0 = time.perf_counter(); load(d); times.append(time.perf_counter() - t0)
print("project-open seconds=%.6f" % statistics.median(times))
