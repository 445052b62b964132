#!/usr/bin/env bash
# The README's test command: install dependencies, build, run every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
ctest --test-dir build --output-on-failure -j2
