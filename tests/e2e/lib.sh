# tests/e2e/lib.sh -- helpers sourced by every end-to-end test (bash)
#
# A test is a bash script that calls `fail` (or exits non-zero) on the first
# thing that is wrong. Its scratch space is $T, removed on success.
set -u
: "${CLOCKRING:?set CLOCKRING to the binary under test}"
T=$(mktemp -d "${TMPDIR:-/tmp}/clockring-t.XXXXXX")
trap 'st=$?; [ $st -eq 0 ] && rm -rf "$T"; exit $st' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# run_ok DIR ARGS...: a run that must complete and pass `clockring check`.
# A test that is not about timing runs its ring slowly enough (2 s or more
# of wall time, 30 ticks/s a VM or fewer) that a loaded machine under
# ThreadSanitizer still keeps time: a 1 s run at 60 ticks/s once fell 4%
# behind in CI and broke the tick-spacing rule before the test began.
run_ok() {
	dir=$1
	shift
	"$CLOCKRING" run --quiet --out "$dir" "$@" || fail "run $* exited $?"
	check_ok "$dir"
}

check_ok() {
	"$CLOCKRING" check "$1" >"$T/check.out" 2>&1 ||
		{ cat "$T/check.out"; fail "check $1 failed"; }
}

meta() {	# meta DIR KEY: one value of run.meta
	sed -n "s/^$2=//p" "$1/run.meta"
}

# tiny_results RESULTS ARGS: a results tree of one experiment, $T/exp/tiny.exp
# ("run = ARGS", two repeats of 4 model seconds), run at speed 2: at 20 a
# run lasted 0.2 s, and under ThreadSanitizer on a loaded machine one stall
# of its ticks broke the tick-spacing rule. A failed run's log is shown.
tiny_results() {
	mkdir -p "$T/exp"
	cat >"$T/exp/tiny.exp" <<END
title = Tiny
description = Two quick runs
run = $2
repeat = 2
duration = 4
END
	"$CLOCKRING" experiments --out "$1" --speed 2 "$T/exp/tiny.exp" >"$T/out" 2>&1 ||
		{ cat "$T/out" "$1"/tiny/*.log; fail "experiments"; }
}

# expect_exit CODE CMD...: CMD must exit with CODE; its stderr is in $T/err.
expect_exit() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" -eq "$want" ] || { cat "$T/err"; fail "$* exited $got, not $want"; }
}

# bad NEEDLE ARGS...: `run ARGS` exits 2 with one stderr line containing
# NEEDLE, and leaves no run directory behind.
bad() {
	needle=$1
	shift
	expect_exit 2 "$CLOCKRING" run --out "$T/never" "$@"
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "$*: not one line"; }
	grep -qF -- "$needle" "$T/err" || { cat "$T/err"; fail "$*: no '$needle'"; }
	[ ! -e "$T/never" ] || fail "$*: created the out dir"
}

# No process of ours may outlive its run: nothing may still hold files in DIR.
no_survivors() {
	sleep 0.2
	if pgrep -f -- "$1" >/dev/null; then
		pgrep -af -- "$1" >&2
		fail "processes of $1 still running"
	fi
}

# A free TCP port below the ephemeral range, so runs do not collide with
# the kernel's own choices; several tests pick at once, hence the random.
free_port() {
	while :; do
		p=$((20000 + RANDOM % 10000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}

# tool NAME: path of a test tool (tests/tools/NAME.c), built beside the
# binary: bin/clockring has its tools in build/release/tools,
# build/asan/clockring in build/asan/tools.
tool() {
	d=$(cd "$(dirname "$CLOCKRING")" && pwd)
	case $d in
	*/bin) d=$d/../build/release/tools ;;
	*) d=$d/tools ;;
	esac
	[ -x "$d/$1" ] || fail "no $d/$1 (make tools builds it)"
	echo "$d/$1"
}
