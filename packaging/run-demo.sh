#!/usr/bin/env bash
# The README's first command: install dependencies, build, and run the main
# job. With a display: the workbench on the built-in demo project. Without
# one (a server): the same protocol headless, the demo project built and the
# paper's whole protocol reproduced on it with fglens-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
demo="${FGLENS_DEMO_DIR:-$HOME/.local/share/fglens/demo}"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/app/fglens ]; then
  exec build/app/fglens --demo --demo-dir "$demo"
fi
echo "No display: running the headless demo (project in $demo)"
if [ ! -f "$demo/project.json" ]; then
  build/app/fglens-cli demo --out "$demo"
fi
build/app/fglens-cli reproduce --project "$demo" --json "$demo/reproduce.json"
echo "Results: $demo/reproduce.json; log: $demo/experiments.sqlite (fglens-cli runs --log ...)"
