#!/bin/sh
# tools/bench-analyze.sh -- `make bench`: speed and memory of analysis on a 10-million-event run
#
# usage: tools/bench-analyze.sh CLOCKRING TOOLS_DIR
# TOOLS_DIR holds rawread (build/release/tools). The run is made once
# with `clockring run --virtual` and kept in build/bench/ (delete that to
# make it again). Each command is timed as the best of 3 wall times, after one
# untimed read that brings the logs into the page cache; peak RSS comes
# from GNU time. The yardstick is rawread, which only reads the same lines
# and splits them at commas: analyze must reach half its speed (issue 4)
# and stay under 64 MiB, checking included (its default). gnuplot is kept
# out of the timing.
set -u
bin=$1
tools=$2
here=$(cd "$(dirname "$0")" && pwd)
events=10000000
# Rates 4, 5 and 6 tick 15 times a model second: 10 million ticks in all.
args="--vms 3 --rates 4,5,6 --seed 1 --duration 666667"
dir="$here/../build/bench/virtual-3vms-$events"

"$here/need.sh" time || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/clockring-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export CLOCKRING_GNUPLOT=/nonexistent	# analyze then skips the plots

if [ ! -f "$dir/run.meta" ]; then
	echo "generating a $events-event run in build/bench (once)"
	rm -rf "$dir" "$dir.tmp"
	mkdir -p "$(dirname "$dir")"
	# shellcheck disable=SC2086
	"$bin" run --virtual --quiet --out "$dir.tmp" $args &&
	    mv "$dir.tmp" "$dir" || exit 1
fi

# measure CMD...: sets best (ns, fastest of 3) and rss (KiB, the largest);
# returns the command's exit status, its stderr kept in $tmp/err.
measure() {
	best=0 rss=0
	for _ in 1 2 3; do
		rm -rf "$dir/analysis"
		t0=$(date +%s%N)
		/usr/bin/time -f %M -o "$tmp/rss" "$@" >"$tmp/out" 2>"$tmp/err"
		st=$?
		t1=$(date +%s%N)
		[ "$st" -eq 0 ] || return "$st"
		[ "$best" -eq 0 ] || [ $((t1 - t0)) -lt "$best" ] && best=$((t1 - t0))
		m=$(tail -n 1 "$tmp/rss")
		[ "$m" -gt "$rss" ] && rss=$m
	done
	return 0
}

# report NAME: one line of speed and memory from the last measure.
report() {
	awk -v n="$1" -v ns="$best" -v kib="$rss" -v ev="$nev" 'BEGIN {
		printf "%-22s %6.2f M lines/s  (%.2f s, peak RSS %.1f MiB)\n",
		    n, ev / ns * 1e3, ns / 1e9, kib / 1024 }'
}

# failed NAME STATUS: say why a command could not be measured.
failed() {
	printf '%-22s failed (exit %s): %s\n' "$1" "$2" "$(head -n 1 "$tmp/err")"
}

"$tools/rawread" "$dir" >"$tmp/raw" || exit 1	# warms the page cache
files=$(sed -n 's/^rawread: \([0-9]*\) files, \([0-9]*\) lines.*/\1/p' "$tmp/raw")
lines=$(sed -n 's/^rawread: \([0-9]*\) files, \([0-9]*\) lines.*/\2/p' "$tmp/raw")
nev=$((lines - files))	# a header per file
echo "analysis speed on $nev events ($args), best of 3:"

measure "$tools/rawread" "$dir" || { failed "raw read" $?; exit 1; }
raw_ns=$best
report "raw read (rawread)"

if measure "$bin" check "$dir"; then
	report "check"
else
	failed check $?
fi

# analyze_run NAME ARGS...: measure `analyze --quiet ARGS`, report it and
# set ratio (to raw read) and mib (peak RSS), "-" if it failed.
analyze_run() {
	name=$1
	shift
	if measure "$bin" analyze --quiet "$@" "$dir"; then
		report "$name"
		ratio=$(awk -v r="$raw_ns" -v a="$best" 'BEGIN { printf "%.2f", r / a }')
		mib=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
	else
		failed "$name" $?
		ratio=- mib=-
	fi
}

# analyze checks the run in the same pass; --no-check only lets a failing
# run through. The target is on the default.
analyze_run "analyze --no-check" --no-check
nocheck_ratio=$ratio
analyze_run "analyze"
rm -rf "$dir/analysis"
verdict_ratio=$(awk -v x="$ratio" 'BEGIN { print (x != "-" && x >= 0.5 ? "PASS" : "FAIL") }')
verdict_rss=$(awk -v x="$mib" 'BEGIN { print (x != "-" && x < 64 ? "PASS" : "FAIL") }')
printf '%-22s %6s   (target >= 0.5)   %s\n' "analyze / raw speed" "$ratio" \
    "$verdict_ratio"
printf '%-22s %6s\n' "  --no-check / raw" "$nocheck_ratio"
printf '%-22s %6s   (target < 64 MiB) %s\n' "analyze peak RSS MiB" "$mib" \
    "$verdict_rss"
