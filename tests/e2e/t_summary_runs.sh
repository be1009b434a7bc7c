# tests/e2e/t_summary_runs.sh -- analyze, compare and report of summary runs (log=summary), held against the full-log runs they were made from
#
# Until the driver writes summary runs (`run --virtual --log summary`),
# summary_fixture.sh makes them from full-log runs; once it does, the same
# checks hold for the writer's files (see the part marked WRITER below).
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

# A virtual full-log run, analyzed, turned into a summary run.
full=$T/full sum=$T/sum
"$CLOCKRING" run --quiet --virtual --vms 5 --duration 20 --seed 11 \
	--out "$full" || fail "run"
"$CLOCKRING" analyze --quiet --no-plots "$full" || fail "analyze full"
"$here/summary_fixture.sh" "$full" "$sum" || fail "fixture"

# analyze reads the driver's files: summary.csv is vms.csv, byte for byte.
"$CLOCKRING" analyze "$sum" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "analyze summary"; }
cmp -s "$sum/vms.csv" "$sum/analysis/summary.csv" || fail "summary.csv is not vms.csv"
for p in clock drift jumps queue; do
	[ -s "$sum/analysis/$p.png" ] || fail "no $p.png"
done
[ ! -e "$sum/analysis/spacetime.png" ] || fail "a space-time diagram without events"
grep -qF "log=summary" "$T/out" || fail "the summary does not say what it read"
cmp -s "$T/out" <(cat "$sum/analysis/summary.txt"; printf '\nnumbers: %s/analysis/summary.txt, summary.csv\n' "$sum";
	for p in clock drift jumps queue; do
		[ $p = clock ] && printf 'plots:   ' || printf '         '
		printf '%s/analysis/%s.png\n' "$sum" $p
	done) || { diff "$T/out" "$sum/analysis/summary.txt" | head; fail "printed summary differs"; }

# The spread over the VMs, worked out from vms.csv here by sort and awk:
# min, nearest-rank median and p99, max, and the lowest VM at each end.
col() { head -1 "$sum/vms.csv" | tr , '\n' | grep -nx "$1" | cut -d: -f1; }
spread() {	# spread COLUMN: "min p50 p99 max vm_min vm_max"
	c=$(col "$1")
	n=$(($(wc -l <"$sum/vms.csv") - 1))
	tail -n +2 "$sum/vms.csv" | cut -d, -f1,"$c" | sort -t, -k2,2g -k1,1n |
	awk -F, -v n="$n" '
		function rank(p,  r) { r = int(p * n / 100); if (r < p * n / 100) r++; return r }
		{ v[NR] = $2; id[NR] = $1 }
		END {
			top = n; while (top > 1 && v[top - 1] == v[n]) top--
			printf "%g %g %g %g %d %d\n", v[1], v[rank(50)], v[rank(99)], v[n], id[1], id[top]
		}'
}
shown() {	# shown LABEL: the same six numbers as summary.txt has them
	awk -v l="$1" 'substr($0, 1, length(l) + 1) == l " " {
		$0 = substr($0, 17); printf "%g %g %g %g %d %d\n", $1, $2, $3, $4, $5, $6 }' \
		"$sum/analysis/summary.txt"
}
for pair in "drift_max:drift, max" "final_clock:final clock" \
	"queue_max:queue, max" "jump_max:largest jump" "rate:rate (ticks/s)"; do
	want=$(spread "${pair%%:*}") got=$(shown "${pair#*:}")
	[ "$want" = "$got" ] || fail "${pair#*:}: summary.txt says '$got', vms.csv '$want'"
done
# The totals, and the findings' VM that drifted furthest.
ticks=$(tail -n +2 "$sum/vms.csv" | awk -F, -v c="$(col ticks)" '{ s += $c } END { print s }')
grep -q "^ticks $(printf "%'d" "$ticks" 2>/dev/null || echo "$ticks"):" "$sum/analysis/summary.txt" ||
	grep -q "^ticks $ticks:" "$sum/analysis/summary.txt" || fail "ticks total not $ticks"
set -- $(spread drift_max)
grep -q "^- VM $6 drifted furthest: up to $4 ticks" "$sum/analysis/summary.txt" ||
	fail "the finding does not name VM $6 at $4"
# A ring of 5 keeps its table per VM.
grep -q "^per VM$" "$sum/analysis/summary.txt" || fail "no table per VM"

# Users' files are kept: a note, and a changed script draws its plot.
echo "my note" >"$sum/analysis/note.txt"
echo '# mine' >>"$sum/analysis/summary_drift.gp"
"$CLOCKRING" analyze "$sum" >/dev/null 2>"$T/err" || { cat "$T/err"; fail "analyze again"; }
[ "$(cat "$sum/analysis/note.txt")" = "my note" ] || fail "note lost"
tail -1 "$sum/analysis/summary_drift.gp" | grep -qx '# mine' || fail "changed script replaced"
grep -q "summary_drift.gp" "$T/err" || fail "the kept script is not told"

# A level ring: every clock at 1 tick/s never drifts; its plots still draw.
"$CLOCKRING" run --quiet --virtual --rates 1,1,1 --duration 5 --out "$T/level" || fail "run level"
"$CLOCKRING" analyze --quiet --no-plots "$T/level" || fail "analyze level"
"$here/summary_fixture.sh" "$T/level" "$T/levelsum" || fail "fixture level"
"$CLOCKRING" analyze "$T/levelsum" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "analyze a level ring"; }
grep -q "^- No clock ever fell behind" "$T/levelsum/analysis/summary.txt" || fail "a level ring not said so"
[ -s "$T/levelsum/analysis/drift.png" ] || fail "no drift.png of a level ring"

# --log off: one line, exit 2, nothing written.
off=$T/off
mkdir "$off" && sed 's/^log=summary/log=off/' "$sum/run.meta" >"$off/run.meta"
expect_exit 2 "$CLOCKRING" analyze "$off"
[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "log off: no logs, nothing to analyze" "$T/err" ||
	{ cat "$T/err"; fail "log=off not said in one line"; }
[ "$(ls "$off")" = run.meta ] || fail "log=off: something written"

# compare and report: an experiment of full runs and the same runs as
# summary runs give the same per-run figures (but happened-before, which
# needs the events).
res=$T/res
mkdir -p "$T/exp"
printf 'title = Tiny\ndescription = Two quick runs\nrun = --vms 4\nrepeat = 2\nduration = 8\nmode = virtual\n' \
	>"$T/exp/tiny.exp"
"$CLOCKRING" experiments --out "$res" "$T/exp/tiny.exp" >"$T/out" 2>&1 ||
	{ cat "$T/out"; fail "experiments"; }
mkdir "$res/tinysum"
sed 's/^title = .*/title = Tiny, summary/' "$res/tiny/experiment.exp" >"$res/tinysum/experiment.exp"
for r in 1 2; do
	"$here/summary_fixture.sh" "$res/tiny/$r" "$res/tinysum/$r" || fail "fixture $r"
	"$CLOCKRING" analyze --quiet --no-plots "$res/tinysum/$r" || fail "analyze tinysum/$r"
done
"$CLOCKRING" report "$res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "report"; }
runs=$res/compare/runs.csv
[ -s "$runs" ] || fail "no runs.csv"
for r in 1 2; do
	a=$(grep "^tiny,$r," "$runs" | cut -d, -f2-) b=$(grep "^tinysum,$r," "$runs" | cut -d, -f2-)
	[ -n "$a" ] || fail "tiny run $r not compared"
	# happened-before columns (the last two) are empty for summary runs.
	[ "$(echo "$a" | rev | cut -d, -f3- | rev)" = "$(echo "$b" | rev | cut -d, -f3- | rev)" ] ||
		fail "run $r: full '$a' vs summary '$b'"
	case $b in *,nan,nan) ;; *) fail "run $r: happened-before shares of a summary run: $b" ;; esac
done
grep -q "Tiny, summary" "$res/report.md" || fail "summary runs not in the report"
grep -q "tinysum/1/analysis/drift.png\|tinysum/2/analysis/drift.png" "$res/report.md" ||
	fail "the report does not show a summary run's drift plot"

# A finished full run is not kept for an experiment that now asks for the
# summary log: the suite names the change, and --force redoes it.
mkdir "$T/exp2" "$T/res2"
sed 's/^run = --vms 4$/run = --vms 4 --log summary/' "$T/exp/tiny.exp" >"$T/exp2/tiny.exp"
grep -q -- '--log summary' "$T/exp2/tiny.exp" || fail "tiny.exp not edited"
cp -r "$res/tiny" "$T/res2/tiny"
expect_exit 2 "$CLOCKRING" experiments --out "$T/res2" "$T/exp2/tiny.exp"
grep -qx "clockring: experiments: tiny: 2 finished runs were made with log full, the file now says summary; --force (make: FORCE=1) redoes them" "$T/err" ||
	{ cat "$T/err"; fail "a change of log level not named"; }
"$CLOCKRING" experiments --force --out "$T/res2" "$T/exp2/tiny.exp" >"$T/out" 2>&1 ||
	{ cat "$T/out"; fail "--force after a change of log level"; }
for r in 1 2; do
	[ "$(meta "$T/res2/tiny/$r" log)" = summary ] || fail "tiny/$r not redone as a summary run"
	[ -s "$T/res2/tiny/$r/vms.csv" ] && [ ! -e "$T/res2/tiny/$r/vm0.csv" ] ||
		fail "tiny/$r: not the files of a summary run"
done

# WRITER: once `run --virtual --log summary` exists, its files must agree
# with what analyze made of the full-log run of the same seed.
if "$CLOCKRING" run --help 2>&1 | grep -q -- '^  --log '; then
	w=$T/writer
	"$CLOCKRING" run --quiet --virtual --vms 5 --duration 20 --seed 11 \
		--log summary --out "$w" || fail "run --log summary"
	cmp -s "$w/vms.csv" "$sum/vms.csv" || fail "writer: vms.csv differs from the full run's analysis"
	cmp -s "$w/jumps.csv" "$sum/jumps.csv" || fail "writer: jumps.csv differs"
	cmp -s "$w/series.csv" "$sum/series.csv" || fail "writer: series.csv differs"
	"$CLOCKRING" analyze --quiet "$w" || fail "writer: analyze"
fi
exit 0
