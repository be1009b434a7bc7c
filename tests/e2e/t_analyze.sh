# tests/e2e/t_analyze.sh -- a real run analyzed: numbers, data, plots; same every time
. "$(dirname "$0")/lib.sh"

run_ok "$T/r" --vms 3 --rates 1,3,6 --duration 20 --speed 10 --seed 11
"$CLOCKRING" analyze "$T/r" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "analyze"; }
a="$T/r/analysis"
for f in summary.txt summary.csv clock.dat drift.dat queue.dat jumps.dat \
    messages.dat events.dat plotvars.gp; do
	[ -s "$a/$f" ] || fail "no $f"
done
for p in clock drift jumps queue spacetime; do
	head -c 8 "$a/$p.png" | od -An -c | grep -q 'P   N   G' || fail "$p.png is not a PNG"
	grep -q "$a/$p.png" "$T/out" || fail "$p.png not named on the terminal"
done
grep -q "findings" "$T/out" || fail "no findings printed"
# The slow VM (rate 1) is the one that drifts most: the findings say so.
grep -q "VM 0 (rate 1) drifted most" "$a/summary.txt" || fail "slow VM not found"
[ "$(wc -l <"$a/summary.csv")" -eq 4 ] || fail "summary.csv: not a row per VM"

# A pure function of the logs: analyzing again gives the same bytes.
mkdir "$T/first"
cp "$a"/*.txt "$a"/*.csv "$a"/*.dat "$a/plotvars.gp" "$T/first/"
"$CLOCKRING" analyze --quiet "$T/r" || fail "second analyze"
for f in "$T/first"/*; do
	cmp -s "$f" "$a/$(basename "$f")" || fail "$(basename "$f") differs on a rerun"
done

# Without gnuplot the numbers still come, and one line says how to get plots.
rm -rf "$a"
CLOCKRING_GNUPLOT=/nonexistent "$CLOCKRING" analyze "$T/r" >"$T/out" 2>"$T/err" ||
	fail "analyze without gnuplot failed"
grep -q "gnuplot" "$T/err" "$T/out" || fail "no word about gnuplot"
[ -s "$a/summary.csv" ] || fail "no numbers without gnuplot"
[ ! -e "$a/drift.png" ] || fail "a plot without gnuplot?"

# A broken run is refused, and its earlier analysis is left alone.
cp -r "$T/r" "$T/bad"
sed -i '3d' "$T/bad/vm1.csv"
expect_exit 1 "$CLOCKRING" analyze "$T/bad"
cmp -s "$T/bad/analysis/summary.csv" "$a/summary.csv" || fail "earlier analysis changed"
"$CLOCKRING" analyze --no-check --quiet "$T/bad" || fail "--no-check"
grep -q "FAILS CHECK" "$T/bad/analysis/summary.txt" || fail "--no-check not said"

expect_exit 2 "$CLOCKRING" analyze "$T/nowhere"
expect_exit 2 "$CLOCKRING" analyze --window 5:1 "$T/r"
"$CLOCKRING" analyze --term "$T/r" >"$T/term" || fail "--term"
grep -q "Drift" "$T/term" || fail "--term drew no drift plot"
# --quiet wins over --term: nothing at all is printed.
"$CLOCKRING" analyze --term --quiet "$T/r" >"$T/term" 2>"$T/err" || fail "--term --quiet"
[ ! -s "$T/term" ] || { head -n 5 "$T/term"; fail "--term --quiet printed on stdout"; }
[ ! -s "$T/err" ] || { cat "$T/err"; fail "--term --quiet printed on stderr"; }
echo ok
