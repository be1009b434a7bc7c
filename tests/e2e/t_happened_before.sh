# tests/e2e/t_happened_before.sh -- analyze's happened-before figures against every pair counted apart, from the logs alone; compare and report tell them
. "$(dirname "$0")/lib.sh"

# hb_count DIR T0 T1: from DIR's logs alone, the ticks of model time T0..T1
# with their vector clocks rebuilt (each RECV after its SEND, found by the
# sender and the SEND's seq), then every pair checked one by one. Prints
# "all PAIRS ORDERED RANKED RANKED_CONCURRENT TICKS", then a "vm I ..." line
# per VM (each pair at the lower VM of its two) and a "dist D ..." line per
# ring distance.
hb_count() {
	n=$(meta "$1" vms)
	awk -F, -v n="$n" -v t0="$2" -v t1="$3" -v start="$(meta "$1" start_wall_ns)" \
	    -v speed="$(meta "$1" speed)" '
	FNR == 1 { next }
	$3 == "INTERNAL" || $3 == "SEND" || $3 == "RECV" {
		t = ($4 - start) / 1e9 * speed
		if (t < t0 || t > t1)
			next
		i = $1; k = cnt[i]++
		kind[i, k] = $3; lam[i, k] = $5
		if ($3 == "SEND") sendk[i, $2] = k
		if ($3 == "RECV") { from[i, k] = $7; src[i, k] = $8 }
	}
	function place(i, k,   j, f, s, v) {
		f = -1
		if (kind[i, k] == "RECV" && ((from[i, k], src[i, k]) in sendk)) {
			f = from[i, k]; s = sendk[f, src[i, k]]
			if (s >= next_[f])
				return 0	# its SEND is not placed yet
		}
		for (j = 0; j < n; j++) {
			v = k > 0 ? V[i, k - 1, j] : 0
			if (f >= 0 && V[f, s, j] > v)
				v = V[f, s, j]
			V[i, k, j] = v
		}
		V[i, k, i]++
		return 1
	}
	END {
		E = 0	# numbers, not "", as the first subscripts
		for (i = 0; i < n; i++)
			next_[i] = 0
		do {
			moved = 0
			for (i = 0; i < n; i++)
				while (next_[i] < cnt[i] && place(i, next_[i])) {
					ev_vm[E] = i; ev_k[E++] = next_[i]++
					moved = 1
				}
		} while (moved)
		for (a = 0; a < E; a++)
			for (b = a + 1; b < E; b++) {
				i = ev_vm[a]; j = ev_vm[b]; ka = ev_k[a]; kb = ev_k[b]
				ord = V[i, ka, i] <= V[j, kb, i] || V[j, kb, j] <= V[i, ka, j]
				rk = lam[i, ka] != lam[j, kb]
				d = i > j ? i - j : j - i
				if (n - d < d) d = n - d
				lo = i < j ? i : j
				add("all", ord, rk); add("vm " lo, ord, rk); add("dist " d, ord, rk)
			}
		print "all", P["all"] + 0, O["all"] + 0, R["all"] + 0, C["all"] + 0, E
		for (i = 0; i < n; i++)
			print "vm " i, P["vm " i] + 0, O["vm " i] + 0, R["vm " i] + 0, C["vm " i] + 0, cnt[i] + 0
		for (d = 0; d <= int(n / 2); d++)
			print "dist " d, P["dist " d] + 0, O["dist " d] + 0, R["dist " d] + 0, C["dist " d] + 0
	}
	function add(key, ord, rk) { P[key]++; O[key] += ord; R[key] += rk; C[key] += rk && !ord }
	' "$1"/vm*.csv
}

# analyzed DIR: the same lines from analyze's summary.csv and causal.dat.
analyzed() {
	awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
	{
		t = col["hb_ticks"]; p = col["hb_pairs"]; o = col["hb_ordered"]
		r = col["hb_lamport_ranked"]; q = col["hb_ranked_concurrent"]
		if (!t || !p || !o || !r || !q) { print "no hb_* columns"; bad = 1; exit 1 }
		row[NR - 2] = $p " " $o " " $r " " $q " " $t
		P += $p; O += $o; R += $r; C += $q; E += $t
	}
	END {
		if (bad)
			exit 1
		print "all", P, O, R, C, E
		for (i = 0; i < NR - 1; i++) print "vm " i, row[i]
	}' "$1/analysis/summary.csv" || return 1
	[ -f "$1/analysis/causal.dat" ] || { echo "no causal.dat"; return 1; }
	awk '!/^#/ { print "dist " $1, $2, $3, $5, $6 }' "$1/analysis/causal.dat"
}

# same DIR T0 T1 WHAT: analyze's figures are every pair's.
same() {
	hb_count "$1" "$2" "$3" >"$T/want" || fail "$4: counting apart failed"
	analyzed "$1" >"$T/got" 2>&1
	[ "$(awk '$1 == "all" { print $2 }' "$T/want")" -gt 300 ] ||
		fail "$4: too few pairs to tell: $(cat "$T/want")"
	diff "$T/want" "$T/got" >"$T/diff" ||
		{ cat "$T/diff"; fail "$4: analyze's happened-before figures differ from every pair's"; }
}

# A ring of 5 that sends often: every pair of its 10 seconds.
"$CLOCKRING" run --virtual --quiet --out "$T/r5" --vms 5 --draw-max 4 \
    --seed 7 --duration 10 || fail "virtual run"
"$CLOCKRING" analyze --quiet --no-plots "$T/r5" || fail "analyze"
same "$T/r5" 0 10 "the whole run"
all=$(awk '$1 == "all"' "$T/want")
ranked=$(echo "$all" | awk '{ print $4 }')
share=$(echo "$all" | awk '{ printf "%.0f", 100 * $5 / $4 }')
grouped=$(echo "$ranked" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta')
grep -q "^Lamport order ranks $grouped of the pairs" "$T/r5/analysis/summary.txt" ||
	fail "summary.txt does not tell the $grouped pairs Lamport order ranks"
tr '\n' ' ' <"$T/r5/analysis/summary.txt" | tr -s ' ' |
    grep -q "Of $grouped pairs of events Lamport order ranks (the ticks of 0 to 10 s), $share% are concurrent" ||
	fail "no finding of $share% of $grouped pairs"

# A window of it (not on a tick: rates are whole, ticks on 1/60 s).
"$CLOCKRING" analyze --quiet --no-plots --window 2.3071:5.7093 "$T/r5" ||
	fail "analyze --window"
same "$T/r5" 2.3071 5.7093 "--window 2.3071:5.7093"
grep -q "those of\$" "$T/r5/analysis/summary.txt" &&
	grep -q "^2.3071 to 5.7093 model seconds" "$T/r5/analysis/summary.txt" ||
	fail "summary.txt does not say which ticks it paired"

# Two VMs, the ring's one link both ways.
"$CLOCKRING" run --virtual --quiet --out "$T/r2" --vms 2 --rates 6,5 \
    --seed 3 --duration 10 || fail "virtual run of 2"
"$CLOCKRING" analyze --quiet "$T/r2" || fail "analyze of 2"
same "$T/r2" 0 10 "a ring of 2"
[ -s "$T/r2/analysis/causal.png" ] || fail "no causal.png"
grep -q "causal.png" "$T/r2/analysis/manifest.sha256" || fail "causal.png not in the manifest"

# compare and report: the figures of each experiment, and a sentence.
mkdir "$T/exp"
for e in often:3 seldom:10; do
	printf 'title = %s\ndescription = draws 1-%s\nrun = --vms 3 --rates 4,5,6 --draw-max %s\nmode = virtual\nrepeat = 2\nduration = 10\n' \
	    "${e%%:*}" "${e#*:}" "${e#*:}" >"$T/exp/${e%%:*}.exp"
done
"$CLOCKRING" experiments --out "$T/res" "$T/exp/often.exp" "$T/exp/seldom.exp" \
    >"$T/exp.out" 2>&1 || { cat "$T/exp.out"; fail "experiments"; }
"$CLOCKRING" report "$T/res" >"$T/report.out" 2>&1 || { cat "$T/report.out"; fail "report"; }
# Each experiment's share: the pairs its runs ordered, over all their pairs.
share() {
	for r in 1 2; do hb_count "$T/res/$1/$r" 0 10; done |
	    awk '$1 == "all" { s += $3 / $2; n++ } END { printf "%.1f%%", 100 * s / n }'
}
often=$(share often)
seldom=$(share seldom)
grep -q "ordered pairs (% of pairs)" "$T/res/report.md" || fail "no causality table"
grep -q "| often | 2 | ${often%\%} ± " "$T/res/report.md" || fail "report: often is not $often ordered"
grep -q "$seldom of the pairs in a run's analysis window could have affected one another, against $often" \
    "$T/res/report.md" || fail "no observation: $seldom against $often"
exit 0
