# tests/e2e/t_suite_stop.sh -- a suite with more runs than jobs stops at once on SIGINT/SIGTERM and resumes
. "$(dirname "$0")/lib.sh"

mkdir "$T/exp"
cat >"$T/exp/stop.exp" <<EXP
title = Stop me
description = Six runs, two at a time
run = --vms 3
repeat = 6
duration = 8
EXP
# 2 real seconds a run at speed 4: three rounds of two.
start_suite() {	# start_suite RES: the suite in the background as $pid
	"$CLOCKRING" experiments --out "$1" --jobs 2 --speed 4 \
	    "$T/exp/stop.exp" >"$1.out" 2>&1 &
	pid=$!
}

wait_for() {	# wait_for CMD...: until CMD succeeds, 60 s at most
	for _ in $(seq 600); do
		"$@" && return
		sleep 0.1
	done
	fail "waited in vain for: $*"
}

# stopped SIG CODE: the suite ($pid) was sent SIG; it must exit CODE
# within 10 s, else it is killed. $ms: how long it took, to 10 ms or so.
stopped() {
	t0=$(date +%s%N)
	# (bash reaps its children itself: no zombie is left to see)
	while kill -0 "$pid" 2>/dev/null &&
	    [ $(($(date +%s%N) - t0)) -lt 10000000000 ]; do
		sleep 0.01
	done
	ms=$((($(date +%s%N) - t0) / 1000000))
	kill -KILL "$pid" 2>/dev/null
	wait "$pid"
	got=$?
	[ "$got" -eq "$2" ] || { cat "$res.out"; fail "SIG$1: exit $got, not $2 ($ms ms)"; }
	[ "$ms" -lt 10000 ] || fail "SIG$1: took $ms ms to stop"
	no_survivors "$res"
}

# The finished runs of $res (complete and analyzed; one stopped while
# being analyzed is not): each passes check; their run.meta sums.
complete_runs() {
	for r in 1 2 3 4 5 6; do
		[ "$(meta "$res/stop/$r" status 2>/dev/null)" = complete ] || continue
		[ -f "$res/stop/$r/analysis/manifest.sha256" ] || continue
		check_ok "$res/stop/$r"
		md5sum "$res/stop/$r/run.meta"
	done
}

# resumed KEPT: a second suite runs only the others, keeps the kept ones
# untouched, and completes all six.
resumed() {
	complete_runs >"$res.sums"
	"$CLOCKRING" experiments --out "$res" --jobs 2 --speed 4 \
	    "$T/exp/stop.exp" >"$res.out2" 2>&1 || { cat "$res.out2"; fail "resume"; }
	grep -q "$((6 - $1)) runs to do ($1 already done)" "$res.out2" ||
		{ cat "$res.out2"; fail "did not resume with $1 kept"; }
	[ ! -s "$res.sums" ] || md5sum --quiet -c "$res.sums" || fail "a kept run changed"
	[ "$(complete_runs | wc -l)" -eq 6 ] || fail "not all six complete after resume"
}

# stop_suite SIG CODE: stopped once a run is done, the suite exits CODE at
# once, says what it kept and what the next call runs, and resumes.
stop_suite() {
	res="$T/res-$1"
	start_suite "$res"
	wait_for grep -q ': done$' "$res.out"
	kill -"$1" "$pid"
	stopped "$1" "$2"
	line=$(grep "^clockring: stopped by SIG$1; kept [0-9]* finished runs\?: stop #" "$res.out") ||
		{ cat "$res.out"; fail "SIG$1: no line of what was kept"; }
	kept=$(echo "$line" | sed 's/.*; kept \([0-9]*\) finished.*/\1/')
	[ "$(complete_runs | wc -l)" -eq "$kept" ] || fail "SIG$1: kept $kept, not so many complete"
	redo=$(grep "runs the other $((6 - kept)): " "$res.out") ||
		{ cat "$res.out"; fail "SIG$1: no line of what runs next"; }
	case $redo in *interrupted*"not started"*) ;; *) fail "SIG$1: '$redo'" ;; esac
	resumed "$kept"
	echo "SIG$1: the suite stopped in $ms ms, keeping $kept runs"
}
stop_suite INT 130
stop_suite TERM 143

# A run that does not stop (its orchestrator frozen) holds the suite until
# a second Ctrl-C kills it; nothing is left, and the next suite redoes it.
res="$T/res-kill"
start_suite "$res"
orch() { pgrep -o -f -- "--out=$res/stop/1\$"; }
wait_for orch >/dev/null
kill -STOP "$(orch)"
kill -INT "$pid"
sleep 1
kill -0 "$pid" 2>/dev/null || fail "the suite did not wait for the frozen run"
grep -q "^clockring: SIGINT: stopping 2 runs" "$res.out" || { cat "$res.out"; fail "no stopping line"; }
kill -INT "$pid"
stopped INT 130
grep -q "^clockring: SIGINT again: killed the 1 run still stopping" "$res.out" ||
	{ cat "$res.out"; fail "the kill not said"; }
resumed "$(complete_runs | wc -l)"
echo "second SIGINT: the suite ended $ms ms after it"
echo ok
