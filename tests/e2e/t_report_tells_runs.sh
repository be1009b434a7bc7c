# tests/e2e/t_report_tells_runs.sh -- compare and report tell what the runs ran with, picture the typical run, name a bad --out, keep the user's files
#
# Two experiments of real runs (5 model seconds at speed 2). Then, as a
# user might: base's experiment.exp is edited to ask for other settings,
# and base's repeat 3 is redone by hand with other rates; calm's repeats
# are renumbered so that repeat 1 has the least max drift, which makes
# the median run another one.
. "$(dirname "$0")/lib.sh"

mkdir "$T/exp"
cat >"$T/exp/base.exp" <<END
title = Base
description = Rates 1-6
run = --vms 3 --rate-min 1 --rate-max 6
repeat = 3
duration = 5
END
cat >"$T/exp/calm.exp" <<END
title = Calm
description = Rates 3-4, idle draws 1-5
run = --vms 3 --rate-min 3 --rate-max 4 --draw-max 5
repeat = 3
duration = 5
END
"$CLOCKRING" experiments --out "$T/res" --speed 2 "$T"/exp/*.exp >"$T/suite.out" 2>&1 ||
	{ cat "$T/suite.out"; fail "experiments"; }

# --- What the runs ran with, not what experiment.exp says now. ---
cat >"$T/res/base/experiment.exp" <<END
title = Base
description = Rates 1-6
run = --vms 4 --rate-min 7 --rate-max 9 --draw-max 4
fault = pause:1@2+1
on_failure = continue
repeat = 3
duration = 11
END
"$CLOCKRING" report "$T/res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "report"; }
md=$T/res/report.md
told="3 VMs; clock rates 1-6 ticks/s; idle draws 1-10; 5 model seconds; speed 2; no faults; on failure stop"
grep -qF -- "- run with (as its runs' run.meta record it): $told" "$md" ||
	{ grep -A3 '^### Base' "$md"; fail "base's settings are not its runs'"; }
row=$(grep '^| base | Base |' "$md")
[ "${row%| 3 | 5 | 2 |}" != "$row" ] ||
	fail "what was run: base's row is not 3 repeats of 5 model seconds at speed 2: $row"
for claim in "7-9" "rate-max 9" "4 VMs" "pause:1@2+1" "continue" "11 model seconds"; do
	if grep -qF -- "$claim" "$md"; then
		grep -nF -- "$claim" "$md" | head -3
		fail "report.md says '$claim', which only the edited experiment.exp says"
	fi
done
# compare.csv too: base's duration_s is the runs' 5, not the file's 11.
dur=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "duration_s") c = i }
	$1 == "base" { print $c }' "$T/res/compare/compare.csv")
[ "$dur" = 5 ] || fail "compare.csv gives base a duration of '$dur', not 5"

# --- Repeats run with other settings are said to differ. ---
rm -r "$T/res/base/3"
"$CLOCKRING" run --quiet --vms 3 --rate-min 1 --rate-max 5 --duration 5 --speed 2 \
	--out "$T/res/base/3" || fail "run of base/3"
"$CLOCKRING" analyze --quiet "$T/res/base/3" || fail "analyze base/3"
"$CLOCKRING" report "$T/res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "report"; }
grep -qF "clock rates 1-6 (repeats 1 and 2) or 1-5 (repeat 3) ticks/s" "$md" ||
	{ grep -A3 '^### Base' "$md"; fail "the rates of base's repeats are not told apart"; }
grep -qF -- "- **Its repeats were not all run alike:** they differ in clock rates" "$md" ||
	fail "the report does not say that base's repeats differ"
grep -qF "note: base: its repeats were not all run alike: clock rates 1-6 (repeats 1 and 2) or 1-5 (repeat 3) ticks/s" \
	"$T/out" || { cat "$T/out"; fail "compare does not say that base's repeats differ"; }

# --- The typical run is pictured, the others linked. ---
maxdrift() {	# maxdrift RUN_DIR: the largest drift_max of its VMs
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "drift_max") c = i; next }
		$c > m { m = $c } END { print m + 0 }' "$1/analysis/summary.csv"
}
least=$(for r in 1 2 3; do echo "$(maxdrift "$T/res/calm/$r") $r"; done |
	sort -k1,1n -k2,2n | head -1 | cut -d' ' -f2)
if [ "$least" != 1 ]; then
	mv "$T/res/calm/1" "$T/res/calm/swap"
	mv "$T/res/calm/$least" "$T/res/calm/1"
	mv "$T/res/calm/swap" "$T/res/calm/$least"
fi
# The rule: by max drift, then by repeat; the middle one.
typical=$(for r in 1 2 3; do echo "$(maxdrift "$T/res/calm/$r") $r"; done |
	sort -k1,1n -k2,2n | sed -n 2p | cut -d' ' -f2)
[ "$typical" != 1 ] || fail "the test's own set-up: repeat 1 is still the median"
"$CLOCKRING" report "$T/res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "report"; }
for plot in drift queue; do
	grep -q "^!\[Calm, repeat $typical (seed [0-9]*): $plot: .*\](<calm/$typical/analysis/$plot.png>)$" "$md" ||
		{ grep -n '^!\[Calm' "$md"; fail "calm's $plot plot is not of repeat $typical"; }
done
grep -qF "The plots are of repeat $typical (seed " "$md" || fail "the pictured repeat is not named"
grep -qF "the run with the median max drift (of an even number of runs, the lower of the two middle ones" "$md" ||
	fail "the rule that picks the pictured run is not stated"
html=$T/res/report.html
grep -qF "<figcaption>Calm, repeat $typical (seed " "$html" || fail "report.html does not picture repeat $typical"
for r in 1 2 3; do
	[ "$r" = "$typical" ] && continue
	for f in summary.txt drift.png queue.png; do
		link="calm/$r/analysis/$f"
		grep -qF "](<$link>)" "$md" || fail "report.md does not link $link"
		grep -qF "<a href=\"$link\">" "$html" || fail "report.html does not link $link"
		[ -s "$T/res/$link" ] || fail "the link $link leads nowhere"
	done
done

# --- --out naming a file: exit 2, one line naming it as given. ---
echo "not a directory" >"$T/afile"
cp "$T/afile" "$T/afile.was"
for cmd in compare report; do
	expect_exit 2 "$CLOCKRING" $cmd --out "$T/afile" "$T/res"
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "$cmd --out FILE: not one line"; }
	grep -qF "clockring: $cmd: --out '$T/afile': not a directory" "$T/err" ||
		{ cat "$T/err"; fail "$cmd --out FILE: the line does not name the file"; }
	cmp -s "$T/afile" "$T/afile.was" || fail "$cmd --out FILE changed the file"
done

# --- A rerun keeps the user's files in the output folders. ---
echo "my notes" >"$T/res/compare/notes.txt"
echo "more notes" >"$T/res/notes.txt"
"$CLOCKRING" compare "$T/res" >/dev/null 2>&1 || fail "compare"
"$CLOCKRING" report "$T/res" >/dev/null 2>&1 || fail "report"
[ "$(cat "$T/res/compare/notes.txt")" = "my notes" ] || fail "compare/notes.txt lost"
[ "$(cat "$T/res/notes.txt")" = "more notes" ] || fail "notes.txt lost"
echo ok
