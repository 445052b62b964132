#!/usr/bin/env bash
# Installs every Debian 12 package FG-Lens needs to build, test and run.
# Idempotent: apt-get skips what is already there. Run as root (or via sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite libqt6svg6 libqt6opengl6-dev
  qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools libgl-dev
  libtorch-dev libopenblas0-pthread
  libopencv-dev libsqlite3-dev sqlite3 zlib1g-dev libicu-dev
  libsimdjson-dev nlohmann-json3-dev
  xvfb xauth fonts-dejavu-core fonts-liberation2
  # Tests that read exported figures back (pdftotext, pdfinfo, pdftoppm).
  poppler-utils
  # Fuzzing the readers (libFuzzer with ASan/UBSan), in a build directory of its own.
  clang libclang-rt-dev
  # A one-node Slurm cluster and a PostgreSQL server for the cluster tests
  # (tests/support/*.sh start them as CTest fixtures); libpq for shared logs.
  slurm-wlm munge postgresql libpq-dev
  # Reference implementations for tests and benchmarks (torch.load round trips, PyTorch timings).
  python3 python3-torch python3-torchvision python3-numpy python3-pil python3-scipy
)
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
# LibTorch uses whatever libblas.so.3 is selected; the reference BLAS is ~15x
# slower than OpenBLAS on these machines (DESIGN.md §6).
blas=$(ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 2>/dev/null || true)
if [ -n "$blas" ]; then
  $SUDO update-alternatives --set libblas.so.3-x86_64-linux-gnu "$blas" >/dev/null || true
  lapack=/usr/lib/x86_64-linux-gnu/openblas-pthread/liblapack.so.3
  [ -e "$lapack" ] && $SUDO update-alternatives --set liblapack.so.3-x86_64-linux-gnu "$lapack" >/dev/null || true
fi
echo "FG-Lens dependencies installed (BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3))"
