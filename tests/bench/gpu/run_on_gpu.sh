#!/usr/bin/env bash
# On a machine with an NVIDIA GPU and PyTorch's CUDA LibTorch (no Qt, no
# OpenCV): builds core, fglens-cli and the benchmarks against that LibTorch
# with the bundle from bundle_deps.sh, checks CUDA encoding against the
# clip-tiny fixture, then times encoding and training on the GPU next to the
# PyTorch references run on the same GPU.
# Usage: tests/bench/gpu/run_on_gpu.sh DEPS.tar.xz [CLIP_TINY_DIR] [LOG_DIR]
# FGLENS_GPU_STEPS=build stops after the build (the tree stays in $TMPDIR/fglens-gpu).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
deps_tar=$(realpath "$1"); fixture=${2:+$(realpath "$2")}; logs=$(realpath -m "${3:-$src/gpu-logs}")
mkdir -p "$logs"
work=${TMPDIR:-/tmp}/fglens-gpu; rm -rf "$work"; mkdir -p "$work"
tar -C "$work" -xJf "$deps_tar"
D=$work/fglens-deps; B=$work/build
step() { echo "== $*"; }
# Only our binaries see the bundle's libraries; Python keeps its own.
fg() { LD_LIBRARY_PATH="$D/lib:$D/stubs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@"; }

step machine
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv,noheader
echo "cpus=$(nproc) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)'
nvcc --version | tail -1; g++ --version | head -1; cmake --version | head -1

step configure and build
torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
cuda_root=$(dirname "$(dirname "$(command -v nvcc)")")
# PyTorch's wheel exports its own copies of some std::filesystem functions
# from libtorch.so, and remove_all() there jumps to a null pointer. Listing
# libstdc++ first among the executables' libraries makes them bind to it.
stdcxx_first="-Wl,--no-as-needed -lstdc++ -Wl,--as-needed"
t0=$(date +%s)
cmake -S "$src" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFGLENS_BUILD_GUI=OFF -DFGLENS_BUILD_TESTS=OFF \
  -DFGLENS_BUILD_BENCH=ON -DCMAKE_PREFIX_PATH="$D;$torch_prefix" -DICU_ROOT="$D" -DCUDAToolkit_ROOT="$cuda_root" \
  -DTORCH_CUDA_ARCH_LIST=9.0 -DCMAKE_EXE_LINKER_FLAGS="-Wl,-rpath-link,$D/lib:$D/stubs $stdcxx_first" \
  > "$logs/configure.log" 2>&1 ||
  { tail -40 "$logs/configure.log"; exit 1; }
ninja -C "$B" -k 0 fglens-cli bench_heads bench_encode > "$logs/build.log" 2>&1
rc=$?
echo "build rc=$rc in $(( $(date +%s) - t0 )) s; warnings: $(grep -c 'warning:' "$logs/build.log")"
if [ $rc -ne 0 ]; then grep -E 'error|Error' "$logs/build.log" | head -40; exit 1; fi

[ "${FGLENS_GPU_STEPS:-all}" = build ] && exit 0

if [ -n "$fixture" ]; then
  step "CUDA encoding vs the clip-tiny fixture (Python's CLIP on CPU)"
  python3 - "$fixture" "$work/crops.txt" <<'PY'
import json, sys
f, out = sys.argv[1], sys.argv[2]
with open(out, "w") as o:
    for c in json.load(open(f + "/crops.json")):
        o.write("%s/%s %s\n" % (f, c["image"], " ".join(str(v) for v in c["bbox"])))
PY
  fg "$B/app/fglens-cli" encode-images --clip "$fixture/model.pt" --device cuda --input "$work/crops.txt" \
    --out "$work/img.npy" --batch 5 &&
  fg "$B/app/fglens-cli" encode-text --clip "$fixture/model.pt" --device cuda --vocab "$fixture/bpe_simple_vocab_16e6.txt.gz" \
    --input "$fixture/captions.txt" --out "$work/txt.npy" --batch 7 &&
  python3 - "$fixture" "$work" <<'PY'
import sys, numpy as np
f, w = sys.argv[1], sys.argv[2]
a, e = np.load(w + "/img.npy").astype(np.float64), np.load(f + "/image_embeddings_crops.npy").astype(np.float64)
cos = (a * e).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(e, axis=1)
t, te = np.load(w + "/txt.npy").astype(np.float64), np.load(f + "/text_embeddings.npy").astype(np.float64)
rel = (np.linalg.norm(t - te, axis=1) / np.linalg.norm(te, axis=1)).max()
print("images: min cosine %.7f (tests need >= 0.9999); text: max relative error %.2e (tests need <= 1e-4)" % (cos.min(), rel))
print("cuda-fixture", "PASS" if cos.min() >= 0.9999 and rel <= 1e-4 else "FAIL")
PY
fi

step "benchmarks on the GPU (FG-Lens, then the PyTorch reference on the same GPU)"
threads=$(nproc)
fg "$B/tests/bench/bench_heads" gemm train-linear train-attention --device cuda --runs 5 | tee "$logs/bench_heads_cuda.txt"
python3 "$src/tests/bench/reference.py" train-linear train-attention --device cuda --threads "$threads" |
  tee "$logs/reference_cuda.txt"
fg "$B/tests/bench/bench_encode" --device cuda --images 512 --batch 64 --runs 3 | tee "$logs/bench_encode_cuda.txt"
if [ "${PIPESTATUS[0]}" -ne 0 ] && command -v cuda-gdb > /dev/null; then
  echo "bench_encode failed; where (a shorter run under cuda-gdb):"
  cuda-gdb -q -batch -ex "set environment LD_LIBRARY_PATH=$D/lib:$D/stubs" -ex run -ex bt \
    --args "$B/tests/bench/bench_encode" --device cuda --images 64 --batch 64 --runs 1 2>&1 | grep -A12 'received signal'
fi
python3 "$src/tests/bench/reference_encode.py" --device cuda --images 512 --batch 64 --runs 3 --threads "$threads" |
  tee "$logs/reference_encode_cuda.txt"
