#!/usr/bin/env bash
# Runs one QTest suite for CTest and turns its outcome into an honest status.
#
#   run_suite.sh RESULTS_DIR SUITE_NAME EXECUTABLE [ARGS...]
#
# The suite's output passes through unchanged. Then, from QTest's per-function
# lines (PASS / FAIL! / XPASS / SKIP), not counting a passing initTestCase or
# cleanupTestCase (they check nothing of their own):
#   - anything failed, the suite crashed or exited non-zero, or printed no
#     "Totals:" line                      -> exit 1 (CTest: Failed)
#   - no function failed, none passed and at least one skipped
#                                         -> exit 77 (CTest: Not Run / Skipped,
#                                            via SKIP_RETURN_CODE 77)
#   - otherwise                           -> exit 0 (CTest: Passed); when some
#     functions skipped the last line says "PARTIAL SKIP" and the skips are
#     counted in build-and-test.sh's summary line.
# A failure always wins over a skip: a suite with one skip and one failure fails.
#
# It writes RESULTS_DIR/SUITE_NAME.counts ("passed failed skipped" test
# functions, one line) and RESULTS_DIR/SUITE_NAME.skips (the SKIP lines) for
# packaging/build-and-test.sh's summary.
set -u
results=$1
suite=$2
shift 2
mkdir -p "$results"
log=$(mktemp "${TMPDIR:-/tmp}/fglens-suite.XXXXXX")
trap 'rm -f "$log"' EXIT

"$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# One QTest result line per function (or data row): "PASS   : Class::fn(tag)".
read -r passed failed skipped <<<"$(awk '
    /^(PASS|XPASS) +: / {
        if ($0 ~ /::(initTestCase|cleanupTestCase)\(\)/ && $1 == "PASS") next
        if ($1 == "XPASS") f++; else p++
        next
    }
    /^FAIL! +: / { f++; next }
    /^SKIP +: / { s++; next }
    END { printf "%d %d %d\n", p, f, s }' "$log")"
have_totals=0
grep -q '^Totals: ' "$log" && have_totals=1

status=passed
if [ "$rc" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$have_totals" -eq 0 ]; then
    status=failed
    # A crash or a non-zero exit with no FAIL! line is still one failure.
    [ "$failed" -gt 0 ] || failed=1
elif [ "$passed" -eq 0 ] && [ "$skipped" -gt 0 ]; then
    status=skipped
fi

echo "$passed $failed $skipped" >"$results/$suite.counts"
grep '^SKIP ' "$log" | sed "s/^/$suite: /" >"$results/$suite.skips" || true

case $status in
failed)
    echo "fglens: suite $suite FAILED ($passed passed, $failed failed, $skipped skipped; exit code $rc)"
    exit 1 ;;
skipped)
    echo "fglens: suite $suite SKIPPED: every test function skipped ($skipped skipped)"
    exit 77 ;;
*)
    if [ "$skipped" -gt 0 ]; then
        echo "fglens: suite $suite PARTIAL SKIP: $passed passed, $skipped skipped"
    fi
    exit 0 ;;
esac
