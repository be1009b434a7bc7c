#!/bin/sh
# tools/bench-analyze.sh -- `make bench`: lines per second and peak memory of check and analyze on a 10-million-event run
#
# usage: tools/bench-analyze.sh CLOCKRING TOOLS_DIR   (rows to $BENCH_ROWS)
# The run (3 VMs at rates 4, 5 and 6; QUICK: a tenth as long) is made once
# with `clockring run --virtual` and kept in build/bench/, one per
# clockring version (delete it to make it again). One untimed read brings
# its logs into the page cache; then each command's median wall time of
# $reps runs, the four taken in turn, and its largest peak RSS (GNU time).
# Yardsticks: rawread (tests/tools/rawread.c), one thread that reads the
# lines and splits them at commas, and Python's csv module counting the
# same rows. analyze draws no plots (--no-plots, or without it gnuplot
# kept away). Targets (issue 14): analyze at least 1.0x rawread's
# lines/s, check more; peak memory bounded (issue 4: under 64 MiB).
set -u
bin=$1
tools=$2
# shellcheck source=tools/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_tmp
if [ "${QUICK:-0}" = 1 ]; then events=1000000; else events=10000000; fi
# Rates 4, 5 and 6 tick 15 times a model second.
args="--vms 3 --rates 4,5,6 --seed 1 --duration $((events / 15))"
dir="$here/../build/bench/virtual-3vms-$events-$("$bin" --version | tr ' ' -)"
"$here/need.sh" time || exit 1

if [ ! -f "$dir/run.meta" ]; then
	say "making a $events-event run in build/bench (once)"
	rm -rf "$dir" "$dir.tmp"
	mkdir -p "$(dirname "$dir")"
	# shellcheck disable=SC2086
	"$bin" run --virtual --quiet --no-check --out "$dir.tmp" $args &&
	    mv "$dir.tmp" "$dir" || exit 1
fi
noplots=
if "$bin" analyze --help | grep -q -- --no-plots; then
	noplots=" --no-plots"
else
	export CLOCKRING_GNUPLOT=/nonexistent
fi

no_analysis() {
	rm -rf "$dir/analysis"
}

"$tools/rawread" "$dir" >"$tmp/raw" || exit 1	# warms the page cache
files=$(sed -n 's/^rawread: \([0-9]*\) files, \([0-9]*\) lines.*/\1/p' "$tmp/raw")
lines=$(sed -n 's/^rawread: \([0-9]*\) files, \([0-9]*\) lines.*/\2/p' "$tmp/raw")
nev=$((lines - files))	# a header per file
rate() {	# rate NS: M lines/s of nev lines in NS, or -
	[ "$1" = - ] && { echo -; return; }
	awk -v n="$nev" -v t="$1" 'BEGIN { print n / t * 1e3 }'
}

# The four measured, each under GNU time for its peak RSS (KiB).
rss() {		# rss NAME CMD...
	n=$1
	shift
	/usr/bin/time -a -f %M -o "$tmp/$n.rss" "$@"
}
raw() {
	rss raw "$tools/rawread" "$dir"
}
py() {		# csv.reader over each log, counting rows past the header
	rss py python3 -c 'import csv, glob, sys
n = 0
for p in sorted(glob.glob(sys.argv[1] + "/vm*.csv")):
    with open(p, newline="") as f:
        r = csv.reader(f); next(r); n += sum(1 for _ in r)
print(n)' "$dir"
}
chk() {
	rss chk "$bin" check "$dir"
}
ana() {
	# shellcheck disable=SC2086 # $noplots: a word or none
	rss ana "$bin" analyze --quiet $noplots "$dir"
}

# figures F: lines/s (M) and MiB of F, "-" if it failed
figures() {
	[ -s "$tmp/$1.ns" ] || { echo "- -"; return; }
	echo "$(rate "$(median <"$tmp/$1.ns")")" \
	    "$(sort -n "$tmp/$1.rss" | tail -n 1 | awk '{ print $1 / 1024 }')"
}

# rows NAME F TARGET: F's lines/s beside rawread's and Python's, then its
# memory; or why it was not measured
rows() {
	if [ -e "$tmp/$2.err" ]; then
		unmeasured "$1" "$(cat "$tmp/$2.err")" "$3"
		return
	fi
	# shellcheck disable=SC2046 # two words
	set -- "$1" "$2" "$3" $(figures "$2")
	row "$1, $nev events: M lines/s" "$(fmt "$4" 1 2)" \
	    "$(fmt "$raw" 1 2) (rawread)" "$(ratio "$4" "$raw")" "$3"
	row "$1: M lines/s beside Python" "$(fmt "$4" 1 2)" \
	    "$(fmt "$py" 1 2) (python3 csv)" "$(ratio "$4" "$py")" -
	row "$1: peak RSS MiB" "$(fmt "$5" 1 1)" \
	    "$(fmt "$raw_mib" 1 1) (rawread), $(fmt "$py_mib" 1 1) (python3 csv)" \
	    "$(ratio "$5" "$raw_mib")" "< 64" "$5"
}

say "rawread, python3 csv, check and analyze$noplots in turn, $reps rounds"
pre=no_analysis
in_turn raw py chk ana
no_analysis
# shellcheck disable=SC2046 # two words each
set -- $(figures raw) $(figures py)
raw=$1 raw_mib=$2 py=$3 py_mib=$4
[ ! -e "$tmp/py.err" ] || unmeasured "python3 csv" "$(cat "$tmp/py.err")" -
rows check chk ">= 1.0"
rows "analyze$noplots" ana ">= 1.0"
