#!/bin/sh
# tools/bench.sh -- `make bench`: every figure beside a baseline measured in the same run, one table on the terminal and in results/bench.md
#
# usage: tools/bench.sh CLOCKRING TOOLS_DIR   (QUICK=1: under a minute,
# fewer repeats, points and shorter runs, the same table; BENCH_SECTIONS:
# some of the groups below only; BENCH_OUT: the file instead of
# results/bench.md)
# Runs the section scripts tools/bench-{virtual,speed,late,start,analyze,
# cost}.sh, which add rows through tools/bench-lib.sh, then writes the
# table: the machine on top, each figure with its baseline, the ratio
# clockring / baseline, the target and whether it was met, and the missed
# targets at the bottom. Timing depends on the machine and its load (the
# load average is shown): compare figures from one table only.
set -u
bin=$1
tools=$2
# shellcheck source=tools/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_tmp
BENCH_ROWS=$tmp/rows
QUICK=${QUICK:-0}
export BENCH_ROWS QUICK
: >"$BENCH_ROWS"
top=$here/..
out=${BENCH_OUT:-$top/results/bench.md}

# machine: the lines above the table
machine() {
	cpu=$(sed -n 's/^model name[	 ]*: //p' /proc/cpuinfo | head -n 1)
	mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
	git -C "$top" diff --quiet HEAD 2>/dev/null || commit="$commit (changed)"
	echo "# clockring bench${quick:+ (QUICK: fewer repeats and points, shorter runs)}"
	echo
	echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores, $mem, $(uname -sr)"
	echo "- $started, $("$bin" --version), commit $commit"
	echo "- load average (1, 5, 15 min) at the start: $load0; at the end:" \
	    "$(cut -d' ' -f1-3 /proc/loadavg); $(($(now_ns) / 1000000000 - t0)) s"
	awk -v a="$load0" -v b="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" \
	    'BEGIN { split(a, x, " "); if (x[1] > n || b > n)
		print "- a busy machine: a load above its " n " cores moves the" \
		    " figures from run to run; compare ratios within this table" }'
	echo "- ratio: clockring / baseline, both measured in this run;" \
	    "met: the target on the ratio (or on the figure, for a limit in its unit)"
	echo
}

# table: the rows, columns padded for the terminal, a Markdown table still
table() {
	awk -F '\t' 'BEGIN { split("figure\tclockring\tbaseline\tratio\ttarget\tmet", h, "\t")
		for (i = 1; i <= 6; i++) { c[0, i] = h[i]; w[i] = length(h[i]) } }
	    { for (i = 1; i <= 6; i++) { c[NR, i] = $i
		  if (length($i) > w[i]) w[i] = length($i) } }
	    END { for (r = 0; r <= NR; r++) {
		      for (i = 1; i <= 6; i++) printf "| %-*s ", w[i], c[r, i]
		      print "|"
		      if (r == 0) { for (i = 1; i <= 6; i++) {
			      s = ""; while (length(s) < w[i]) s = s "-"
			      printf "|-%s-", s }
			  print "|" } } }' "$BENCH_ROWS"
}

missed() {	# the targets missed, and what was not measured
	echo
	awk -F '\t' '$6 == "NO" { n++; m = m sprintf("\n- %s = %s (ratio %s; target %s)", $1, $2, $4, $5) }
	    $6 == "not measured" { u++ }
	    END { printf "targets missed: %s%s\n", n ? n : "none", m
		  if (u) printf "\nnot measured: %d rows (the table says why)\n", u }' \
	    "$BENCH_ROWS"
}

quick=
[ "$QUICK" = 1 ] && quick=1
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load0=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(($(now_ns) / 1000000000))
for s in ${BENCH_SECTIONS:-virtual speed late start analyze cost}; do
	"$here/bench-$s.sh" "$bin" "$tools" ||
	    unmeasured "bench-$s.sh" "it failed (exit $?)" -
done
{ machine; table; missed; } >"$tmp/bench.md"
mkdir -p "$(dirname "$out")" && cp "$tmp/bench.md" "$out.tmp" &&
    mv "$out.tmp" "$out" || exit 1
cat "$out"
say "written to $out"
