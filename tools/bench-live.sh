#!/bin/sh
# tools/bench-live.sh -- `make bench-live`: what --live costs tick timing, runs with and without the view side by side
#
# Runs 3 VMs at rate 6 (the default maximum) for 60 model seconds at a few
# speeds with and without --live, the live one in a tmux pane so that the
# view really draws its 20 frames a second (BENCH_LIVE_REPEATS of each, 3
# unless given, taken in turn so that a change in the machine's load falls
# on both), and reports for each what `clockring check` measured: runs
# passed, the medians of the worst VM's |spacing error| and max lateness,
# and the ratios of those medians (with / without). Kept apart from `make
# bench` for its time (about 4 minutes). Timing depends on the machine and
# its load: compare figures from one run only.
set -u
bin=$1
out=$(mktemp -d "${TMPDIR:-/tmp}/clockring-bench.XXXXXX")
sock=clockring-bench-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$out"' EXIT
args="--vms 3 --rates 6,6,6 --duration 60 --seed 1"
reps=${BENCH_LIVE_REPEATS:-3}

# judge DIR: "VERDICT ERROR LATENESS" of the worst VM of a run: largest
# |spacing error|, then largest lateness in ms. (A passing VM says
# "spacing error E%", a failing one "(E%, jitter".)
judge() {
	"$bin" check "$1" >"$1.check" 2>&1 && verdict=pass || verdict=FAIL
	err=$(grep -o -e 'spacing error [-0-9.]*%' -e '([-+0-9.]*%, jitter' \
	    "$1.check" | grep -o '[-+0-9.]*%' |
	    awk '{v=$1; sub("%","",v); v+=0; a=v<0?-v:v; if (a>=m) {m=a; w=$1}} END {print w}')
	late=$(grep -o 'max lateness [0-9.]* ms' "$1.check" |
	    awk '{if ($3>m) m=$3} END {print m ? m : "-"}')
	echo "$verdict ${err:-?} $late"
}

# live DIR SPEED: the run with --live in a detached tmux pane; q once its
# end is on record (run.meta no longer says running), to leave the view.
live() {
	tmux -L "$sock" new-session -d -x 100 -y 30 \
	    "'$bin' run --live $args --speed $2 --out '$1' 2>'$1.err'"
	while ! grep -qsx 'status=\(complete\|failed\|interrupted\)' "$1/run.meta"; do
		tmux -L "$sock" has-session 2>/dev/null || return
		sleep 0.2
	done
	tmux -L "$sock" send-keys q
	while tmux -L "$sock" has-session 2>/dev/null; do
		sleep 0.1
	done
}

if ! command -v tmux >/dev/null; then
	echo "bench-live: no tmux (make deps-test installs it): --live not measured"
	exit 1
fi
echo "tick timing without and with --live (the view drawing in a tmux pane),"
echo "$reps runs of each, in turn; medians of the worst VM's |spacing error|"
echo "and max lateness; the ratio is with / without:"
printf '%8s  %-24s  %-24s  %6s %6s\n' speed "without: pass error late" \
    "with --live: pass error late" "error" "late"
for speed in 10 100 1000; do
	: >"$out/t$speed"
	for k in $(seq "$reps"); do
		# shellcheck disable=SC2086
		"$bin" run --quiet $args --speed "$speed" --out "$out/p$speed.$k" \
		    2>/dev/null
		live "$out/l$speed.$k" "$speed"
		echo "without $(judge "$out/p$speed.$k")" >>"$out/t$speed"
		echo "with $(judge "$out/l$speed.$k")" >>"$out/t$speed"
	done
	awk -v speed="$speed" -v reps="$reps" '
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return n == 0 ? -1 : n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{
		m = $1; pass[m] += $2 == "pass"
		e = $3; sub("%", "", e); e += 0; ne[m]++; err[m, ne[m]] = e < 0 ? -e : e
		if ($4 != "-") { nl[m]++; late[m, nl[m]] = $4 }
	}
	END {
		for (k = 1; k <= 2; k++) {
			m = k == 1 ? "without" : "with"
			delete a; for (i = 1; i <= ne[m]; i++) a[i] = err[m, i]
			me[m] = median(a, ne[m])
			delete a; for (i = 1; i <= nl[m]; i++) a[i] = late[m, i]
			ml[m] = median(a, nl[m])
			col[m] = sprintf("%d/%d %7.2f%% %7s", pass[m], reps, me[m],
			    ml[m] < 0 ? "-" : sprintf("%.2fms", ml[m]))
		}
		re = me["without"] > 0 ? sprintf("%.2f", me["with"] / me["without"]) : "-"
		rl = "-"
		if (ml["without"] > 0 && ml["with"] >= 0)
			rl = sprintf("%.2f", ml["with"] / ml["without"])
		printf "%8s  %-24s  %-24s  %6s %6s\n", speed, col["without"],
		    col["with"], re, rl
	}' "$out/t$speed"
done
