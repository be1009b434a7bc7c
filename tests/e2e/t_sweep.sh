# tests/e2e/t_sweep.sh -- a sweep key in an experiment file: one experiment per value, run by the suite, plotted against the value on log axes
. "$(dirname "$0")/lib.sh"

mkdir "$T/exp"
cat >"$T/exp/grow.exp" <<EXP
title = Growing ring
description = 3, 10 and 30 VMs
sweep = vms 3 10 30
repeat = 2
duration = 4
mode = virtual
EXP
res=$T/res
"$CLOCKRING" experiments --out "$res" "$T/exp/grow.exp" >"$T/out" 2>&1 ||
	{ cat "$T/out"; fail "experiments"; }
for v in 3 10 30; do
	for r in 1 2; do
		[ "$(meta "$res/grow-$v/$r" vms)" = $v ] || fail "grow-$v/$r: not $v VMs"
		check_ok "$res/grow-$v/$r"
	done
	grep -qx "point = $v" "$res/grow-$v/experiment.exp" || fail "grow-$v: no point"
	grep -qx "sweep = vms 3 10 30" "$res/grow-$v/experiment.exp" || fail "grow-$v: no sweep"
done
# Each point runs with the same seeds: the ring size is all that differs.
[ "$(meta "$res/grow-3/1" seed)" = "$(meta "$res/grow-30/1" seed)" ] || fail "points differ in seed"
[ "$(meta "$res/grow-3/1" seed)" != "$(meta "$res/grow-3/2" seed)" ] || fail "repeats share a seed"
# A second time, everything is kept.
"$CLOCKRING" experiments --out "$res" "$T/exp/grow.exp" >"$T/out" 2>&1 ||
	{ cat "$T/out"; fail "experiments again"; }
grep -q "0 runs done now, 6 were done before" "$T/out" || { cat "$T/out"; fail "not kept"; }

"$CLOCKRING" report "$res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "report"; }
dat=$res/compare/compare_sweep.dat
# The data file against the runs' own summaries: each point's max drift
# (the largest drift_max of a run's VMs), mean, lowest and highest over
# its two runs.
maxdrift() {	# maxdrift RUN: the largest drift_max of its summary.csv
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "drift_max") c = i; next }
		$c > m { m = $c } END { print m + 0 }' "$1/analysis/summary.csv"
}
for v in 3 10 30; do
	a=$(maxdrift "$res/grow-$v/1") b=$(maxdrift "$res/grow-$v/2")
	want=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%g %g %g", (a + b) / 2, (a < b ? a : b), (a > b ? a : b) }')
	got=$(awk -v v=$v '$1 == v { printf "%g %g %g", $2, $3, $4 }' "$dat")
	[ "$want" = "$got" ] || fail "grow-$v: compare_sweep.dat says '$got', the runs '$want'"
done
[ "$(grep -c '^[0-9]' "$dat")" -eq 3 ] || fail "not a row per point"
awk '/^[0-9]/ { if ($1 <= last) exit 1; last = $1 }' "$dat" || fail "points not by value"
grep -q '^sweeps = 1$' "$res/compare/comparevars.gp" || fail "comparevars: no sweep"
grep -q 'sweep_option\[1\] = "vms"' "$res/compare/comparevars.gp" || fail "comparevars: no option"
grep -q 'set logscale x' "$res/compare/compare_sweep.gp" || fail "no log x axis"
[ -s "$res/compare/compare_sweep.png" ] || fail "no compare_sweep.png"
grep -q '^## Sweeps$' "$res/report.md" || fail "the report has no sweep section"
grep -q '^| 30 | 2 |' "$res/report.md" || fail "the report has no row for 30 VMs"
grep -q 'compare/compare_sweep.png' "$res/report.md" || fail "the report does not show the sweep plot"

# Bad sweeps: one line, exit 2, nothing run.
bad_sweep() {	# bad_sweep VALUE NEEDLE
	printf 'title = x\ndescription = y\nsweep = %s\n' "$1" >"$T/exp/bad.exp"
	expect_exit 2 "$CLOCKRING" experiments --out "$T/never" "$T/exp/bad.exp"
	grep -qF -- "$2" "$T/err" || { cat "$T/err"; fail "sweep = $1: no '$2'"; }
	[ ! -e "$T/never" ] || fail "sweep = $1: wrote results"
}
bad_sweep "seed 1 2" "sweep: --seed is set by the experiment suite"
bad_sweep "vms" "sweep: no values"
bad_sweep "vms 3 x" "sweep value 'x': not a whole number"
bad_sweep "vms 3 3" "sweep value '3' given twice"
bad_sweep "--vms 3" "must name an option of clockring run"
bad_sweep "vms 1" "bad.exp:3: run: --vms '1': must be from 2 to "
printf 'title = x\ndescription = y\nrun = --vms=4\nsweep = vms 3 5\n' >"$T/exp/bad.exp"
expect_exit 2 "$CLOCKRING" experiments --out "$T/never" "$T/exp/bad.exp"
grep -qF "bad.exp:3: run: --vms is swept (line 4), not set here" "$T/err" ||
	{ cat "$T/err"; fail "a swept option in run not refused"; }
exit 0
