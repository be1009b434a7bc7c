# tests/e2e/t_stopped_runs.sh -- a run stopped early is analysed up to where it stopped, not to its planned end
. "$(dirname "$0")/lib.sh"

# model_end DIR: the latest model time of any line of the run's logs (awk
# reads wall_ns as a double: within a few microseconds of model time),
# held to its planned duration, worked out here from the logs alone.
model_end() {
	awk -F, -v start="$(meta "$1" start_wall_ns)" -v speed="$(meta "$1" speed)" \
	    -v dur="$(meta "$1" duration_s)" '
		FNR > 1 { t = ($4 - start) / 1e9 * speed; if (t > end) end = t }
		END { printf "%.6f\n", end < dur ? end : dur }' "$1"/vm*.csv
}

# queue_mean LOG START SPEED END: the time-weighted mean of the queue
# length left after each tick (INTERNAL, SEND, RECV) over [0, END].
queue_mean() {
	awk -F, -v start="$2" -v speed="$3" -v end="$4" '
		$3 == "INTERNAL" || $3 == "SEND" || $3 == "RECV" {
			t = ($4 - start) / 1e9 * speed
			t = t < 0 ? 0 : t > end ? end : t
			area += q * (t - tp); tp = t; q = $6
		}
		END { area += q * (end - tp); printf "%.6f\n", area / end }' "$1"
}

# near A B TOL: |A - B| <= TOL
near() {
	awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; exit !(d <= tol && -d <= tol) }'
}

# csv_col DIR VM NAME: one figure of summary.csv
csv_col() {
	awk -F, -v vm="$2" -v name="$3" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
		NR > 1 && $1 == vm { print $c[name] }' "$1/analysis/summary.csv"
}

# last_t DIR FILE: the model time of the last sample of a series
last_t() {
	tail -n 1 "$1/analysis/$2" | cut -d' ' -f1
}

# ends_at DIR END VMS...: each VM named lived to END, and the series end there.
ends_at() {
	local i got file
	for i in $3; do
		got=$(csv_col "$1" "$i" alive_until_s)
		near "$got" "$2" 0.0006 || fail "$1: vm$i alive_until_s $got, not the end $2"
	done
	for file in clock.dat drift.dat queue.dat; do
		near "$(last_t "$1" $file)" "$2" 0.00002 ||
			fail "$1: $file ends at $(last_t "$1" $file), not at $2"
	done
}

# 1. Ctrl-C a third of the way into a 60 model second run.
r="$T/int"
"$CLOCKRING" run --quiet --vms 3 --rates 1,3,6 --duration 60 --speed 10 \
    --seed 17 --out "$r" 2>"$T/run.err" &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"
got=$?
[ "$got" -eq 130 ] || { cat "$T/run.err"; fail "interrupted run: exit $got, not 130"; }
"$CLOCKRING" analyze "$r" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "analyze of the interrupted run"; }
end=$(model_end "$r")
near "$end" 30 25 || fail "the run stopped at $end model seconds, not about 20"
# The summary says where it stopped, of how many planned.
stopped=$(sed -n 's/^run stopped at \([0-9.]*\) of 60 model seconds (interrupted), passes check$/\1/p' \
    "$r/analysis/summary.txt")
[ -n "$stopped" ] || { head -4 "$r/analysis/summary.txt"; fail "summary does not say where the run stopped"; }
near "$stopped" "$end" 0.006 || fail "summary: stopped at $stopped, the logs end at $end"
grep -q "^run stopped at $stopped of 60" "$T/out" || fail "printed summary differs"
ends_at "$r" "$end" "0 1 2"
grep -q "^t_end = " "$r/analysis/plotvars.gp" || fail "no t_end for the plots"
near "$(sed -n 's/^t_end = //p' "$r/analysis/plotvars.gp")" "$end" 0.00002 ||
	fail "the plots do not end at $end"
for p in clock drift queue spacetime; do
	[ -s "$r/analysis/$p.png" ] || fail "no $p.png"
done
# Each queue mean is that of the log over the time the run ran.
for i in 0 1 2; do
	want=$(queue_mean "$r/vm$i.csv" "$(meta "$r" start_wall_ns)" 10 "$end")
	got=$(csv_col "$r" "$i" queue_mean)
	near "$got" "$want" 0.001 || fail "vm$i queue_mean $got, the log gives $want"
done
echo "interrupted at $end of 60 model seconds: ends there"

# 2. Under --on-failure stop a kill fails the run: the survivors end with
# it, the dead VM at its last line.
f="$T/fail"
expect_exit 1 "$CLOCKRING" run --quiet --vms 3 --rates 2,4,4 --duration 30 --speed 10 \
    --seed 5 --fault kill:1@10 --out "$f"
[ "$(meta "$f" status)" = failed ] || fail "the killed run is $(meta "$f" status)"
"$CLOCKRING" analyze --no-plots --quiet "$f" || fail "analyze of the failed run"
end=$(model_end "$f")
near "$end" 10.5 0.5 || fail "the failed run's logs end at $end, not just after 10"
ends_at "$f" "$end" "0 2"
[ "$(csv_col "$f" 1 died)" = 1 ] || fail "vm1 did not die"
dead=$(csv_col "$f" 1 alive_until_s)
near "$dead" 10 0.5 || fail "vm1 alive until $dead, not about 10"
grep -q "^run stopped at [0-9.]* of 30 model seconds (failed), passes check$" \
    "$f/analysis/summary.txt" || fail "summary does not say where the failed run stopped"
echo "failed at $end of 30 model seconds: the survivors end there"

# 3. --window beyond a run's end: refused in one line naming the window
# and the run's length, before anything is written; one that runs past
# the end is cut there, and says so.
run_ok "$T/c" --vms 2 --rates 2,3 --duration 6 --speed 10 --seed 4
expect_exit 2 "$CLOCKRING" analyze --window 100:200 "$T/c"
[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "--window 100:200: not one line"; }
grep -qF "'100:200'" "$T/err" && grep -q "ends at 6 model seconds" "$T/err" ||
	{ cat "$T/err"; fail "--window 100:200: value or length not named"; }
[ ! -e "$T/c/analysis" ] || fail "--window 100:200 wrote an analysis"
# Several runs: one that the window misses refuses them all.
cp "$r/analysis/summary.txt" "$T/int-summary"
expect_exit 2 "$CLOCKRING" analyze --window 7:9 "$r" "$T/c"
[ ! -e "$T/c/analysis" ] || fail "--window 7:9 wrote an analysis"
cmp -s "$T/int-summary" "$r/analysis/summary.txt" || fail "--window 7:9 analyzed $r"
# A stopped run is as long as it ran.
expect_exit 2 "$CLOCKRING" analyze --window "55:58" "$r"
grep -q "'55:58'.*stopped at $stopped of 60 model seconds" "$T/err" ||
	{ cat "$T/err"; fail "--window past a stopped run's end not refused"; }
cmp -s "$T/int-summary" "$r/analysis/summary.txt" || fail "a refused --window touched the analysis"
expect_exit 0 "$CLOCKRING" analyze --window 4:9 "$T/c"
grep -q "'4:9'.*ends at 6 model seconds.* 4 s to the end" "$T/err" ||
	{ cat "$T/err"; fail "--window 4:9 cut without a word"; }
grep -q '^win_t1 = 6.0$' "$T/c/analysis/plotvars.gp" || fail "--window 4:9 not cut at 6"
[ -s "$T/c/analysis/spacetime.png" ] || fail "no spacetime.png for --window 4:9"
awk 'NR > 1 && ($1 < 4 || $1 > 6) { exit 1 }' "$T/c/analysis/events.dat" ||
	fail "events outside 4..6 s"
[ "$(wc -l <"$T/c/analysis/events.dat")" -gt 5 ] || fail "no events in 4..6 s"
expect_exit 0 "$CLOCKRING" analyze --quiet --window 4:9 "$T/c"
[ ! -s "$T/err" ] || fail "--quiet still said: $(cat "$T/err")"
echo ok
