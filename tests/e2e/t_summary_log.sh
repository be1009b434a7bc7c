# tests/e2e/t_summary_log.sh -- --log summary: vms.csv is analyze's summary.csv of the same run with full logs, series.csv and jumps.csv what its logs say; check verifies a summary run and catches a changed count
. "$(dirname "$0")/lib.sh"

# series.csv of a run without deaths, computed from its full logs: at
# t_k = k * end / 1000 the state after every tick at or before t_k.
series_of() {	# series_of DIR END
	awk -F, -v end="$2" '
	FNR == 1 { next }
	$3 == "INTERNAL" || $3 == "SEND" || $3 == "RECV" {
		n++; vm[n] = $1; t[n] = $4 / 1e9; l[n] = $5; q[n] = $6
		if ($1 + 1 > nvm) nvm = $1 + 1
	}
	function rank(a, m, p,    i, j, x, w) {	# nearest rank of a[0..m-1]
		for (i = 1; i < m; i++) {
			x = a[i]
			for (j = i - 1; j >= 0 && a[j] > x; j--) a[j + 1] = a[j]
			a[j + 1] = x
		}
		w = p * m / 100; w = (w == int(w)) ? w : int(w) + 1
		if (w < 1) w = 1
		return a[w - 1]
	}
	END {
		print "t,alive,clock_min,clock_mean,clock_max,drift_mean,drift_p50,drift_p99,drift_max,queue_mean,queue_p99,queue_max"
		for (k = 0; k <= 1000; k++) {
			tk = k == 1000 ? end : k * end / 1000
			for (i = 0; i < nvm; i++) { c[i] = 0; qq[i] = 0 }
			for (e = 1; e <= n; e++)
				if (t[e] <= tk) { c[vm[e]] = l[e]; qq[vm[e]] = q[e] }
			lo = -1; hi = 0; sum = 0; qsum = 0; qmax = 0
			for (i = 0; i < nvm; i++) {
				if (lo < 0 || c[i] < lo) lo = c[i]
				if (c[i] > hi) hi = c[i]
				sum += c[i]; qsum += qq[i]
				if (qq[i] > qmax) qmax = qq[i]
			}
			dsum = 0
			for (i = 0; i < nvm; i++) { d[i] = hi - c[i]; dsum += d[i]; qs[i] = qq[i] }
			p50 = rank(d, nvm, 50); p99 = rank(d, nvm, 99)
			q99 = rank(qs, nvm, 99)
			printf "%.6f,%d,%d,%.4f,%d,%.4f,%d,%d,%d,%.4f,%d,%d\n", tk, nvm,
			    lo, sum / nvm, hi, dsum / nvm, p50, p99, hi - lo,
			    qsum / nvm, q99, qmax
		}
	}' "$1"/vm[0-9]*.csv
}

# jumps.csv from full logs: how much each tick raised its VM's clock.
jumps_of() {
	awk -F, '
	FNR == 1 { last = 0; next }
	$3 == "INTERNAL" || $3 == "SEND" || $3 == "RECV" {
		if ($5 > last) { j[$5 - last]++; if ($5 - last > max) max = $5 - last }
		last = $5
	}
	END { print "size,count"; for (s = 1; s <= max; s++) if (j[s]) print s "," j[s] }
	' "$1"/vm[0-9]*.csv
}

# same NAME SERIES ARGS...: the run with full logs and with the summary
# end alike; vms.csv is summary.csv but for its hb_* columns; with SERIES
# 1, series.csv and jumps.csv are what the full logs say.
same() {
	name=$1 series=$2
	shift 2
	"$CLOCKRING" run --quiet --virtual --out "$T/$name.full" "$@" \
		>/dev/null 2>&1
	want=$?
	expect_exit "$want" "$CLOCKRING" run --quiet --virtual --log summary \
		--out "$T/$name.sum" "$@"
	grep -qx "log=summary" "$T/$name.sum/run.meta" || fail "$name: log= key"
	ls "$T/$name.sum"/vm[0-9]*.csv >/dev/null 2>&1 && fail "$name: logs written"
	check_ok "$T/$name.sum"
	grep -q "not verified without full logs: the per-event rules" \
		"$T/check.out" || fail "$name: check does not say what it cannot"
	"$CLOCKRING" analyze --no-plots --quiet "$T/$name.full" ||
		fail "$name: analyze"
	cut -d, -f1-35 "$T/$name.full/analysis/summary.csv" >"$T/want.csv"
	cmp "$T/want.csv" "$T/$name.sum/vms.csv" ||
		{ diff "$T/want.csv" "$T/$name.sum/vms.csv" | head; fail "$name: vms.csv"; }
	[ "$series" = 1 ] || return 0
	series_of "$T/$name.full" "$(meta "$T/$name.full" duration_s)" >"$T/series.csv"
	cmp "$T/series.csv" "$T/$name.sum/series.csv" ||
		{ diff "$T/series.csv" "$T/$name.sum/series.csv" | head; fail "$name: series.csv"; }
	jumps_of "$T/$name.full" >"$T/jumps.csv"
	cmp "$T/jumps.csv" "$T/$name.sum/jumps.csv" || fail "$name: jumps.csv"
}

same plain 1 --vms 5 --duration 10 --seed 3
same faults 1 --vms 6 --duration 10 --seed 6 --fault pause:1@2+3 \
	--fault 'slow:3->4@1+5:500ms' --loss 0.1 \
	--fault 'partition:0-2|3-5@4+2' --on-failure continue
same latency 1 --vms 9 --duration 8 --seed 21 --latency 1:300 --rate-max 20
same kill 0 --vms 7 --duration 10 --seed 4 --fault kill:2@3 \
	--fault kill:5@6.5 --on-failure continue
same killstop 0 --vms 7 --duration 10 --seed 5 --fault kill:2@3
same two 0 --vms 2 --duration 10 --seed 8 --loss 0.2

# A count changed in vms.csv, or in jumps.csv: check says where.
cp -r "$T/plain.sum" "$T/bad"
awk -F, -v OFS=, 'NR == 3 { $3++ } 1' "$T/plain.sum/vms.csv" >"$T/bad/vms.csv"
expect_exit 1 "$CLOCKRING" check "$T/bad"
grep -q "bad/vms.csv:3: ticks" "$T/out" || { cat "$T/out"; fail "tampered vms.csv"; }
cp "$T/plain.sum/vms.csv" "$T/bad/vms.csv"
sed -i '2s/,\([0-9]*\)$/,1\1/' "$T/bad/jumps.csv"
expect_exit 1 "$CLOCKRING" check "$T/bad"
grep -q "bad/jumps.csv" "$T/out" || { cat "$T/out"; fail "tampered jumps.csv"; }
exit 0
