#!/bin/sh
# tests/e2e/run.sh -- run every end-to-end test (t_*.sh) a few at a time
#
# Each test starts real VM processes over real sockets and verifies the logs
# with `clockring check`. Runs mostly sleep, so several go at once; every
# test has a time limit so a hang fails it instead of stalling the suite.
# usage: CLOCKRING=/path/to/clockring tests/e2e/run.sh [t_name.sh ...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${CLOCKRING:?set CLOCKRING to the binary under test}"
: "${E2E_JOBS:=4}"
: "${E2E_TIMEOUT:=180}"
export CLOCKRING E2E_TIMEOUT

out=$(mktemp -d "${TMPDIR:-/tmp}/clockring-e2e.XXXXXX")
if [ $# -eq 0 ]; then
	set -- "$here"/t_*.sh
fi

# run_tests JOBS TEST...: one line per test, "ok NAME" or "FAIL NAME", the
# test's output kept aside.
run_tests() {
	jobs=$1
	shift
	for t in "$@"; do echo "$t"; done |
	xargs -P "$jobs" -I{} sh -c '
		t={}; name=$(basename "$t" .sh)
		if timeout "$E2E_TIMEOUT" bash "$t" >"$0/$name.log" 2>&1; then
			echo "ok   $name"
		else
			echo "FAIL $name (exit $?)"
		fi' "$out" | tee -a "$out/results"
}

# A big test (t_big_*) loads both cores by itself: it runs alone, after
# the others, so that no test's tick timing suffers from another's load.
small="" big=""
for t in "$@"; do
	case $(basename "$t") in
	t_big_*) big="$big $t" ;;
	*) small="$small $t" ;;
	esac
done
: >"$out/results"
# shellcheck disable=SC2086
[ -z "$small" ] || run_tests "$E2E_JOBS" $small
# shellcheck disable=SC2086
[ -z "$big" ] || run_tests 1 $big

passed=$(grep -c '^ok' "$out/results")
failed=$(grep -c '^FAIL' "$out/results")
for name in $(sed -n 's/^FAIL \([^ ]*\).*/\1/p' "$out/results"); do
	echo "---- $name ----"
	tail -n 40 "$out/$name.log"
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && rm -rf "$out"
[ "$failed" -eq 0 ]
