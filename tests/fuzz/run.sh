#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) into build-fuzz and runs
# each for SECONDS (default 60), seeded from the fixtures and the regression
# corpus. Crashes land in build-fuzz/findings/<target>/; copy each into
# tests/fuzz/regressions/<target>/ once fixed (core.fuzz_regressions replays them).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# FGLENS_SHARED_DIR: the fixtures folder (default ../shared beside the checkout).
# FUZZ_JOBS: harnesses run in parallel (default 1).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${1:-60}
shift || true
shared=${FGLENS_SHARED_DIR:-$root/../shared}
build=$root/build-fuzz
all=(npy safetensors torch_pickle fgovd_json coco_json project_json bpe_vocab tokenizer image)
targets=("${@:-${all[@]}}")
[ $# -gt 0 ] || targets=("${all[@]}")

cmake -S tests/fuzz -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER=clang++ >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j"${FUZZ_BUILD_JOBS:-1}" --target "${targets[@]/#/fuzz_}" || exit 1

# Seeds: small fixture files of each kind, plus the regression corpus.
seed() {   # seed TARGET FILE...
    local dir=$build/corpus/$1; shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] || continue
        [ "$(stat -c %s "$f")" -le 1048576 ] || continue
        cp -f "$f" "$dir/"
    done
}
fx=$shared/fixtures
seed npy "$fx"/heads/visual.npy "$fx"/clip-tiny/tokens.npy "$fx"/heads/cosine_simmat.npy "$fx"/fgclip-cache/category_ids.npy
mkdir -p "$build/corpus/safetensors"
python3 - "$build/corpus/safetensors" <<'PY'
import json, struct, sys
def st(header, data):
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + data
open(sys.argv[1] + "/two.safetensors", "wb").write(st(
    {"__metadata__": {"fglens": "cache"}, "a": {"dtype": "F16", "shape": [2, 3], "data_offsets": [0, 12]},
     "b": {"dtype": "I64", "shape": [2], "data_offsets": [12, 28]}}, bytes(range(28))))
PY
# The pickle target's first byte picks the zip (odd) or bare-pickle (even) path.
mkdir -p "$build/corpus/torch_pickle"
for f in "$fx"/heads/linear.pt "$fx"/heads/attention.pt "$fx"/fgclip-checkpoints/triplet_linear-mlp.pt; do
    [ -f "$f" ] && { printf '\x01'; cat "$f"; } >"$build/corpus/torch_pickle/$(basename "$f").zip"
    [ -f "$f" ] && { printf '\x00'; unzip -p "$f" '*/data.pkl' 2>/dev/null; } >"$build/corpus/torch_pickle/$(basename "$f").pkl"
done
seed fgovd_json "$fx"/clip-tiny/crops.json
mkdir -p "$build/corpus/fgovd_json" "$build/corpus/coco_json" "$build/corpus/project_json"
[ -f "$fx/fgovd/benchmarks/transparency.json" ] && python3 - "$fx/fgovd/benchmarks/transparency.json" "$build/corpus/fgovd_json/small.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
anns = d["annotations"][:5]
cats = {c for a in anns for c in [a["category_id"], *a["neg_category_ids"]]}
imgs = {a["image_id"] for a in anns}
json.dump({"images": [i for i in d["images"] if i["id"] in imgs], "annotations": anns,
           "categories": [c for c in d["categories"] if c["id"] in cats]}, open(sys.argv[2], "w"))
PY
cat >"$build/corpus/coco_json/karpathy.json" <<'J'
{"images": [{"split": "test", "filepath": "val2014", "filename": "a.jpg", "cocoid": 1, "sentences": [{"raw": "A cat."}, {"raw": "A dog."}]}]}
J
cat >"$build/corpus/coco_json/official.json" <<'J'
{"images": [{"id": 1, "file_name": "a.jpg"}], "annotations": [{"image_id": 1, "caption": "A red cup."}]}
J
cat >"$build/corpus/project_json/project.json" <<'J'
{"format": "fglens-project", "version": 1, "name": "p", "encoder": "ViT-B/16", "image_root": "images",
 "log": "experiments.sqlite", "benchmarks": [{"key": "pattern", "file": "b/pattern.json", "features": "c/pattern.safetensors"}],
 "fgovd_train": {"file": "t.json"}, "coco_test": {"file": "k.json", "splits": ["test"]}}
J
mkdir -p "$build/corpus/bpe_vocab"
[ -f "$fx/clip-tiny/bpe_simple_vocab_16e6.txt.gz" ] && zcat "$fx/clip-tiny/bpe_simple_vocab_16e6.txt.gz" | head -200 >"$build/corpus/bpe_vocab/head.txt"
mkdir -p "$build/corpus/tokenizer"
[ -f "$fx/clip-tiny/captions.txt" ] && split -l 1 -a 3 "$fx/clip-tiny/captions.txt" "$build/corpus/tokenizer/cap_"
mkdir -p "$build/corpus/image"
for f in $(ls "$fx"/clip-tiny/images/*.png 2>/dev/null | head -4); do
    { printf '\x00\x00\x80\x40\x00\x00\x80\x40\x00\x00\x00\x42\x00\x00\x00\x42'; cat "$f"; } >"$build/corpus/image/$(basename "$f")"
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export FGLENS_SHARED_DIR=$shared
status=0
mkdir -p "$build/findings" "$build/logs"
run_one() {
    local t=$1
    local corpus=$build/corpus/$t findings=$build/findings/$t
    mkdir -p "$corpus" "$findings"
    local dirs=("$corpus")
    [ -d "$root/tests/fuzz/regressions/$t" ] && dirs+=("$root/tests/fuzz/regressions/$t")
    "$build/fuzz_$t" -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=4096 -timeout=30 \
        -artifact_prefix="$findings/" -print_final_stats=1 "${dirs[@]}" >"$build/logs/$t.log" 2>&1
    local rc=$?
    local execs
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/logs/$t.log" | grep -o '[0-9]*$')
    echo "fuzz_$t: ${seconds}s, ${execs:-?} inputs, exit $rc, $(ls "$findings" | wc -l) findings"
    return $rc
}
for t in "${targets[@]}"; do
    run_one "$t" || status=1
done
exit $status
