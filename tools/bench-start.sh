#!/bin/sh
# tools/bench-start.sh -- `make bench`: ring start-up (fork to linked) of 3, 64 and 256 VMs beside a bare fork, listen and connect
#
# usage: tools/bench-start.sh CLOCKRING TOOLS_DIR   (rows to $BENCH_ROWS)
# From a time taken just before `clockring run` starts to the moment the
# orchestrator has heard from every VM that its ring is linked. run.meta
# records no such moment, but the orchestrator sets start_wall_ns a fixed
# lead after it (LEAD_NS in sim/orch.c, read from there: if it changes
# shape the rows say not measured), so linked = start_wall_ns - lead. The
# yardstick is ringup (tests/tools/ringup.c), timed the same way, from
# before it starts to its all-linked time. Median of $reps of each, taken
# in turn. Each run writes a folder of its own, all removed at the end:
# removing the last run's just before the next charged the next for the
# bench's own tidying (ext4 passes over the inodes freed in the last few
# seconds each time it makes a file; once, on a quiet machine, 256 files
# took 75 ms just after 256 were deleted and 15 ms otherwise). Files that
# others delete meanwhile still cost the run's N log files something.
# Target (issue 14): within 2x.
set -u
bin=$1
tools=$2
# shellcheck source=tools/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_tmp

# The lead as "A B": LEAD_NS(n) = A + B * n ns, or nothing.
lead=$(sed -n 's/^#define LEAD_NS(n)[	 ]*(\([0-9]*\)u + \([0-9]*\)u \* (n))$/\1 \2/p' \
    "$here/../sim/orch.c")

runs=0
# linked_ns N: fork to linked of one clockring run, in ns
linked_ns() {
	runs=$((runs + 1))
	t0=$(now_ns)
	"$bin" run --quiet --no-check --vms "$1" --duration 0.01 --seed 1 \
	    --out "$tmp/run$runs" 2>"$tmp/err" || return 1
	# shellcheck disable=SC2086 # two words
	set -- "$1" $lead
	s=$(sed -n 's/^start_wall_ns=//p' "$tmp/run$runs/run.meta")
	echo $((s - $2 - $3 * $1 - t0))
}

ringup_ns() {	# ringup_ns N: the same of ringup
	t0=$(now_ns)
	t1=$("$tools/ringup" "$1") || return 1
	echo $((t1 - t0))
}

for n in 3 64 256; do
	fig="ring start-up, $n VMs, fork to linked: ms"
	if [ -z "$lead" ]; then
		unmeasured "$fig" "LEAD_NS of sim/orch.c not found" "<= 2"
		continue
	fi
	say "$fig"
	: >"$tmp/c" && : >"$tmp/b"
	for _ in $(seq "$reps"); do	# in turn: the same load on both
		linked_ns "$n" >>"$tmp/c"
		ringup_ns "$n" >>"$tmp/b"
	done
	c=$(median <"$tmp/c") b=$(median <"$tmp/b")
	row "$fig" "$(fmt "$c" 1e6 1)" "$(fmt "$b" 1e6 1) (ringup)" \
	    "$(ratio "$c" "$b")" "<= 2"
done
