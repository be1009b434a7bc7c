#!/bin/bash
# tests/e2e/summary_fixture.sh -- a summary run (log=summary) made from a full-log run and its analysis, for the readers' tests
#
# usage: summary_fixture.sh FULL_RUN OUT_DIR
# FULL_RUN: a complete virtual run with full logs, analyzed (analyze
# --no-plots). OUT_DIR gets what `run --virtual --log summary` writes
# (docs/FORMAT.md, "Summary runs"): run.meta (format 5, log=summary),
# vms.csv (analyze's summary.csv minus the hb_* columns), jumps.csv (the
# sizes of analyze's jumps.dat, counts summed over the VMs) and series.csv
# (sampled from the logs by the contract's rule). Until the real writer
# is merged this stands in for it; after, a test can hold the writer's
# files against these. Dead VMs are not modelled: use runs without kills.
set -eu
full=$1 out=$2
mkdir -p "$out"
# A format 5 run says log=full: made summary; an older one gets the key.
if grep -q '^log=' "$full/run.meta"; then
	sed 's/^log=.*/log=summary/' "$full/run.meta"
else
	sed -e 's/^format=.*/format=5/' -e '/^vector=/a log=summary' "$full/run.meta"
fi >"$out/run.meta"
cut -d, -f1-35 "$full/analysis/summary.csv" >"$out/vms.csv"
awk 'NR == 1 { print "size,count"; next }
	/^#/ { next }
	{ c = 0; for (i = 2; i <= NF; i++) c += $i; if (c > 0) print $1 "," c }' \
	"$full/analysis/jumps.dat" >"$out/jumps.csv"
n=$(sed -n 's/^vms=//p' "$full/run.meta")
end=$(sed -n 's/^duration_s=//p' "$full/run.meta")
# Tick lines (INTERNAL, SEND, RECV) of every VM by time: vm wall clock queue.
cat "$full"/vm*.csv | awk -F, '$3 == "INTERNAL" || $3 == "SEND" || $3 == "RECV" { print $4, $1, $5, $6 }' |
	sort -s -n -k1,1 |
	awk -v n="$n" -v end="$end" '
	function isort(a, m,   i, j, x) {
		for (i = 2; i <= m; i++) {
			x = a[i]
			for (j = i - 1; j >= 1 && a[j] > x; j--)
				a[j + 1] = a[j]
			a[j + 1] = x
		}
	}
	function rank(a, m, p,   r) {
		r = int(p / 100 * m); if (r < p / 100 * m) r++
		if (r < 1) r = 1
		return a[r]
	}
	function sample(t,   i, mx, mn, cs, ds, qs, d, q) {
		mx = -1; mn = -1; cs = 0; ds = 0; qs = 0
		for (i = 0; i < n; i++) {
			if (clock[i] > mx) mx = clock[i]
			if (mn < 0 || clock[i] < mn) mn = clock[i]
			cs += clock[i]
		}
		for (i = 0; i < n; i++) {
			d[i + 1] = mx - clock[i]; ds += d[i + 1]
			q[i + 1] = queue[i]; qs += queue[i]
		}
		isort(d, n); isort(q, n)
		printf "%.6f,%d,%d,%.4f,%d,%.4f,%d,%d,%d,%.4f,%d,%d\n", t, n, mn,
		    cs / n, mx, ds / n, rank(d, n, 50), rank(d, n, 99), d[n],
		    qs / n, rank(q, n, 99), q[n]
	}
	BEGIN {
		print "t,alive,clock_min,clock_mean,clock_max,drift_mean,drift_p50,drift_p99,drift_max,queue_mean,queue_p99,queue_max"
		for (i = 0; i < n; i++) { clock[i] = 0; queue[i] = 0 }
		k = 0
	}
	{
		while (k <= 1000 && $1 > k * end / 1000 * 1e9) { sample(k * end / 1000); k++ }
		clock[$2] = $3; queue[$2] = $4
	}
	END { while (k <= 1000) { sample(k * end / 1000); k++ } }
	' >"$out/series.csv"
