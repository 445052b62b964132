#!/usr/bin/env bash
# The README's test command: install dependencies, build, run every suite.
#
# Its last line is exactly "N passed, N failed, N skipped", counting QTest test
# functions (initTestCase/cleanupTestCase count only when they fail or skip) over
# every suite, as tests/support/run_suite.sh records them. It exits non-zero when
# anything failed. Skips are listed above that line; only a missing fixture may
# skip (FGLENS_SHARED_DIR points the suites at another fixtures folder).
#
# FGLENS_SKIP_DEPS=1 skips the dependency installer (a machine already set up).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${FGLENS_SKIP_DEPS:-0}" != 1 ]; then
    bash packaging/install-deps.sh
fi
bash packaging/build.sh

results=build/test-results
rm -rf "$results"
mkdir -p "$results"
ctest_rc=0
ctest --test-dir build --output-on-failure -j2 || ctest_rc=$?

passed=0 failed=0 skipped=0 suites=0
for f in "$results"/*.counts; do
    [ -e "$f" ] || continue
    read -r p fl s <"$f"
    passed=$((passed + p)) failed=$((failed + fl)) skipped=$((skipped + s)) suites=$((suites + 1))
done
# A suite that CTest ran but that left no counts (killed by CTest's timeout,
# wrapper not reached) or a CTest failure without a failed function is still a failure.
if [ "$ctest_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi
if [ "$skipped" -gt 0 ]; then
    echo "Skipped test functions (missing fixtures):"
    cat "$results"/*.skips 2>/dev/null | sed 's/^/  /'
fi
echo "Suites run: $suites (counts below are QTest test functions)"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
