#!/usr/bin/env bash
# Runs each FG-Lens measurement next to its PyTorch reference in the same
# invocation and prints "<target> fglens=<s> reference=<s> ratio=<x>"
# (ratio = reference / fglens: above 1 means FG-Lens is faster).
# Usage: tests/bench/run_benchmarks.sh [BUILD_DIR] [target ...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
shift || true
targets=${*:-attention-matrix fgovd-eval train-linear train-attention}
threads=$(nproc)
py=/usr/bin/python3
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), threads=$threads"
"$build/tests/bench/bench_heads" gemm --runs 5 | sed 's/^/# /'
for t in $targets; do
  f=$("$build/tests/bench/bench_heads" "$t" --runs 5 | awk -v t="$t" '$1==t {sub("seconds=","",$2); print $2}')
  r=$($py "$here/reference.py" "$t" --threads "$threads" | awk -v t="$t" '$1==t {sub("seconds=","",$2); print $2}')
  awk -v t="$t" -v f="$f" -v r="$r" 'BEGIN { printf "%s fglens=%.4f reference=%.4f ratio=%.1f\n", t, f, r, (f > 0 ? r / f : 0) }'
done
"$build/tests/bench/bench_heads" attention-coco5k | sed 's/^/# /'
