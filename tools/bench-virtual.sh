#!/bin/sh
# tools/bench-virtual.sh -- `make bench`: events per second of virtual runs beside a bare event loop, for 3, 10,000 and 1,000,000 VMs
#
# usage: tools/bench-virtual.sh CLOCKRING TOOLS_DIR   (rows to $BENCH_ROWS)
# Each ring runs with its rates drawn in 4..6 for as many model seconds as
# make 10 million ticks for 3 VMs, 2 million for 10,000, 5 million for a
# million (1 model second; QUICK: a tenth, and no million-VM ring: its
# set-up alone takes seconds), with full logs, the summary log and
# logging off (`--log`; a mode the binary lacks or a ring size it refuses
# is "not measured"). Events are the ticks its run.meta's rates and
# duration make (or, when it lists no rate per VM, its rate range on
# average). The yardstick is vloop (tests/tools/vloop.c), the same heap,
# generator and line writer with no model in between, run for as many
# events: with full logs it writes a file per VM (one file in all past
# 1024 VMs: a block per VM would not fit), and nothing for the summary
# log or none. Each figure is the median wall time of $reps runs, the
# run's and the loop's taken in turn. Target (issue 14): within 2x of the
# loop. A million VMs with full logs, a file each, take minutes: measured
# (once) only with BENCH_MILLION_FULL=1. Then valgrind counts the heap
# allocations of two run lengths: none per event (issue 11) means the
# same.
set -u
bin=$1
tools=$2
# shellcheck source=tools/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_tmp
if [ "${QUICK:-0}" = 1 ]; then events=1000000; else events=10000000; fi
has_log=0
"$bin" run --help | grep -q -e '^ *--log[ =]' && has_log=1

# fresh: empty run and loop folders before each run, and the last one's
# lines on disk, so that no run is slowed by writing back another's
fresh() {
	rm -rf "$tmp/run" "$tmp/loop" && mkdir "$tmp/loop" && sync
}

# ticks DIR: the ticks a run's rates and duration make (run.meta); if it
# lists no rate per VM, those its rate range makes on average
ticks() {
	awk -F= '/^duration_s=/ { d = $2 } /^vm[0-9]*\.rate=/ { r += $2 }
	    /^vms=/ { n = $2 } /^rate_min=/ { lo = $2 } /^rate_max=/ { hi = $2 }
	    END { if (r == 0) r = n * (lo + hi) / 2; printf "%.0f\n", r * d }' \
	    "$1/run.meta"
}

# loop_setup: vloop's events, --vector and --log to match the run just made
loop_setup() {
	ev=$(ticks "$tmp/run")
	vec='' lmode=off what="vloop, no lines"
	grep -qx 'vector=1' "$tmp/run/run.meta" && vec=--vector
	if [ "$mode" = full ] && [ "$n" -le 1024 ]; then
		lmode=full what="vloop, a file per VM"
	elif [ "$mode" = full ]; then
		lmode=one what="vloop, one file"
	fi
}

# point N MODE: one row, the runs of each taken in turn so that a change
# in the machine's load falls on both, clockring beside vloop
point() {
	n=$1 mode=$2 fig="virtual, $1 VMs, --log $2: M events/s"
	if [ "${QUICK:-0}" = 1 ] && [ "$n" -ge 1000000 ]; then
		unmeasured "$fig" "QUICK=1 leaves out a million VMs" ">= 0.5"
		return
	fi
	k=$reps
	if [ "$n" -ge 1000000 ] && [ "$mode" = full ]; then
		if [ "${BENCH_MILLION_FULL:-0}" != 1 ]; then
			why="a million files take minutes (BENCH_MILLION_FULL=1: one run)"
			unmeasured "$fig" "$why" ">= 0.5"
			return
		fi
		k=1
	fi
	if [ "$has_log" = 0 ] && [ "$mode" != full ]; then
		unmeasured "$fig" "no --log in clockring run --help" ">= 0.5"
		return
	fi
	say "$fig"
	case $n in
	3) e=$events ;;
	10000) e=$((events / 5)) ;;	# a file per VM is slow: 40 model s
	*) e=$((events / 2)) ;;		# 1 model second
	esac
	d=$(awk -v e="$e" -v n="$n" 'BEGIN { printf "%g\n", e / (5 * n) }')
	set -- --virtual --quiet --no-check --force --out "$tmp/run" --vms "$n" \
	    --rate-min 4 --rate-max 6 --seed 1 --duration "$d"
	[ "$has_log" = 1 ] && set -- "$@" --log "$mode"
	: >"$tmp/run_t"
	: >"$tmp/loop_t"
	for _ in $(seq "$k"); do
		fresh
		if ! timed "$bin" run "$@" >>"$tmp/run_t"; then
			unmeasured "$fig" "$(head -n 1 "$tmp/err")" ">= 0.5"
			return
		fi
		[ -s "$tmp/loop_t" ] || loop_setup
		# shellcheck disable=SC2086 # $vec: a word or none
		timed "$tools/vloop" $vec --log "$lmode" "$tmp/loop" "$ev" "$n" 4 6 \
		    >>"$tmp/loop_t" || { unmeasured "$fig" "vloop failed" ">= 0.5"; return; }
	done
	run_ns=$(median <"$tmp/run_t") loop_ns=$(median <"$tmp/loop_t")
	r=$(awk -v e="$ev" -v t="$run_ns" 'BEGIN { print e / t * 1e3 }')
	l=$(awk -v e="$ev" -v t="$loop_ns" 'BEGIN { print e / t * 1e3 }')
	row "$fig" "$(fmt "$r" 1 2)" "$(fmt "$l" 1 2) ($what)" \
	    "$(ratio "$r" "$l")" ">= 0.5"
}

# allocs EVENTS: the heap allocations valgrind counts in a virtual run of
# 3 VMs (full logs, the default) of about EVENTS ticks
allocs() {
	rm -rf "$tmp/a"
	valgrind "$bin" run --virtual --quiet --no-check --out "$tmp/a" --vms 3 \
	    --rates 4,5,6 --seed 1 --duration $(($1 / 15)) 2>&1 |
	    sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}

for n in 3 10000 1000000; do
	for mode in full summary off; do
		point "$n" "$mode"
	done
done

# None per event: twice the events, the same count (issue 11).
fig="virtual, 3 VMs: heap allocations more for twice the events"
if command -v valgrind >/dev/null; then
	say "$fig"
	e=$((events / 20))
	a1=$(allocs "$e") a2=$(allocs $((2 * e)))
	[ -n "$a1" ] && [ -n "$a2" ] || a1=- a2=-
	[ "$a1" = - ] && unmeasured "$fig" "valgrind said no total" "<= 0"
	[ "$a1" = - ] || row "$fig" "$((a2 - a1)) ($a1 for $e events, $a2 for $((2 * e)))" - - \
	    "<= 0" "$((a2 - a1))"
else
	unmeasured "$fig" "no valgrind" "<= 0"
fi
