# tests/e2e/t_experiments.sh -- experiment suites: layout, seeds, resume, bad files
. "$(dirname "$0")/lib.sh"

mkdir "$T/exp"
cat >"$T/exp/fast.exp" <<EXP
title = Fast ring
description = Rates 5-6, for the test
run = --vms 3 --rate-min 5 --rate-max 6
repeat = 2
duration = 10
EXP
cat >"$T/exp/pair.exp" <<EXP
# comments and blank lines are fine

title = A pair
description = Two VMs
run = --vms 2 --rates 4,6 --draw-max 5
repeat = 3
duration = 10
EXP
suite() { "$CLOCKRING" experiments --out "$T/res" --jobs 8 "$@"; }
suite --speed 10 "$T/exp/fast.exp" "$T/exp/pair.exp" >"$T/log1" 2>&1 ||
	{ cat "$T/log1"; fail "first suite"; }
for d in fast/1 fast/2 pair/1 pair/2 pair/3; do
	[ "$(meta "$T/res/$d" status)" = complete ] || fail "$d not complete"
	[ -s "$T/res/$d/analysis/summary.csv" ] || fail "$d not analyzed"
	check_ok "$T/res/$d"
done
[ "$(meta "$T/res/pair/2" vms)" = 2 ] || fail "run options not used"
[ "$(meta "$T/res/pair/2" draw_max)" = 5 ] || fail "draw-max not used"
[ "$(meta "$T/res/fast/1" duration_s)" = 10 ] || fail "duration not used"
grep -q "^title = A pair" "$T/res/pair/experiment.exp" || fail "settings not kept"

# Seeds: recorded, distinct per repeat, the same on a rerun.
seeds() { for r in 1 2 3; do meta "$T/res/pair/$r" seed; done; }
first=$(seeds)
[ "$(echo "$first" | sort -u | wc -l)" -eq 3 ] || fail "repeats share a seed"

# A second call does nothing: every run is done.
before=$(ls -l --time-style=full-iso "$T/res/pair/1")
suite --speed 10 "$T/exp/fast.exp" "$T/exp/pair.exp" >"$T/log2" 2>&1 || fail "rerun"
grep -q "0 runs to do (5 already done)" "$T/log2" || { cat "$T/log2"; fail "not resumed"; }
[ "$(ls -l --time-style=full-iso "$T/res/pair/1")" = "$before" ] || fail "a done run changed"
# --force redoes them, with the very same seeds.
suite --speed 10 --force "$T/exp/pair.exp" >"$T/log3" 2>&1 || fail "--force"
grep -q "3 runs to do" "$T/log3" || fail "--force did not redo"
[ "$(seeds)" = "$first" ] || fail "seeds changed on --force"

# An interrupted suite keeps what finished and resumes the rest.
sed -i 's/^duration = 10/duration = 30/' "$T/exp/pair.exp"
# (not through suite(): a function in the background is a subshell, and
# the signal must reach clockring itself)
"$CLOCKRING" experiments --out "$T/res" --jobs 8 --speed 1 --force \
    "$T/exp/pair.exp" >"$T/log4" 2>&1 &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"
got=$?
[ "$got" -eq 130 ] || { cat "$T/log4"; fail "interrupted suite exited $got"; }
[ "$(meta "$T/res/pair/1" status)" = interrupted ] || fail "run not interrupted"
no_survivors "$T/res/pair"
suite --speed 30 "$T/exp/pair.exp" >"$T/log5" 2>&1 || { cat "$T/log5"; fail "resume"; }
grep -q "3 runs to do (0 already done)" "$T/log5" || { cat "$T/log5"; fail "no resume"; }
[ "$(meta "$T/res/pair/1" status)" = complete ] || fail "not completed on resume"

# A bad file stops everything before any run, naming file, line and key.
printf 'title = X\ndescription = Y\nrepeat = lots\n' >"$T/exp/bad.exp"
expect_exit 2 "$CLOCKRING" experiments --out "$T/res2" "$T/exp/bad.exp"
grep -q "bad.exp:3: repeat 'lots'" "$T/err" || { cat "$T/err"; fail "bad file message"; }
[ ! -e "$T/res2" ] || fail "a run started despite a bad file"
echo ok
