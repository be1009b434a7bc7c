# tests/e2e/t_suite_stale.sh -- an edited experiment never keeps runs made with its old settings
. "$(dirname "$0")/lib.sh"

mkdir "$T/exp"
for name in base other; do
	cat >"$T/exp/$name.exp" <<EXP
title = Experiment $name
description = For the test
run = --vms 3 --rate-min 1 --rate-max 6
repeat = 2
duration = 5
EXP
done
suite() { "$CLOCKRING" experiments --out "$T/res" --jobs 4 "$@"; }
both="$T/exp/base.exp $T/exp/other.exp"
# Every file's bytes and every name in the results, to see that nothing moved.
tree() { (cd "$T/res" && find . -type f -print0 | sort -z | xargs -0 md5sum && find . | sort); }

# shellcheck disable=SC2086
suite --speed 10 $both >"$T/log1" 2>&1 || { cat "$T/log1"; fail "first suite"; }
before=$(tree)

# Unchanged, a rerun keeps every run.
# shellcheck disable=SC2086
suite --speed 10 $both >"$T/log2" 2>&1 || { cat "$T/log2"; fail "unchanged rerun"; }
grep -q "0 runs to do (4 already done)" "$T/log2" || { cat "$T/log2"; fail "runs not kept"; }
[ "$(tree)" = "$before" ] || fail "an unchanged rerun changed the results"

# --rate-max edited in both: refused, naming each experiment and the
# setting, old and new, and not a file touched.
sed -i 's/--rate-max 6/--rate-max 5/' "$T/exp/base.exp" "$T/exp/other.exp"
# shellcheck disable=SC2086
expect_exit 2 suite --speed 10 $both
for name in base other; do
	grep -qx "clockring: experiments: $name: 2 finished runs were made with rate_max 6, the file now says 5; --force (make: FORCE=1) redoes them" "$T/err" ||
		{ cat "$T/err"; fail "$name: no line naming rate_max"; }
done
[ "$(wc -l <"$T/err")" -eq 2 ] || { cat "$T/err"; fail "not one line per experiment"; }
[ ! -s "$T/out" ] || { cat "$T/out"; fail "something ran"; }
[ "$(tree)" = "$before" ] || fail "a refused suite changed the results"

# Another --speed over the old runs is refused the same way.
sed -i 's/--rate-max 5/--rate-max 6/' "$T/exp/base.exp"
expect_exit 2 suite --speed 5 "$T/exp/base.exp"
grep -qx "clockring: experiments: base: 2 finished runs were made with speed 10, --speed now says 5; --force (make: FORCE=1) redoes them" "$T/err" ||
	{ cat "$T/err"; fail "no line naming speed"; }
[ "$(tree)" = "$before" ] || fail "a refused suite changed the results"

# --force redoes them with the settings of now, and then they are kept.
sed -i 's/--rate-max 6/--rate-max 5/' "$T/exp/base.exp"
suite --speed 10 --force "$T/exp/base.exp" >"$T/log3" 2>&1 || { cat "$T/log3"; fail "--force"; }
grep -q "2 runs to do (0 already done)" "$T/log3" || { cat "$T/log3"; fail "--force did not redo"; }
for r in 1 2; do
	[ "$(meta "$T/res/base/$r" rate_max)" = 5 ] || fail "base/$r not redone with rate_max 5"
	check_ok "$T/res/base/$r"
done
grep -q -- "--rate-max 5" "$T/res/base/experiment.exp" || fail "settings not copied"
suite --speed 10 "$T/exp/base.exp" >"$T/log4" 2>&1 || { cat "$T/log4"; fail "rerun after --force"; }
grep -q "0 runs to do (2 already done)" "$T/log4" || { cat "$T/log4"; fail "redone runs not kept"; }

# An unfinished run is redone without asking; only finished ones count.
sed -i 's/^status=complete$/status=interrupted/' "$T/res/base/1/run.meta"
sed -i 's/--rate-max 5/--rate-max 4/' "$T/exp/base.exp"
expect_exit 2 suite --speed 10 "$T/exp/base.exp"
grep -q "base: 1 finished run was made with rate_max 5, the file now says 4" "$T/err" ||
	{ cat "$T/err"; fail "the unfinished run was counted"; }
sed -i 's/--rate-max 4/--rate-max 5/' "$T/exp/base.exp"
suite --speed 10 "$T/exp/base.exp" >"$T/log5" 2>&1 || { cat "$T/log5"; fail "redo of the unfinished run"; }
grep -q "1 runs to do (1 already done)" "$T/log5" || { cat "$T/log5"; fail "unfinished run not redone"; }
[ "$(meta "$T/res/base/1" status)" = complete ] || fail "base/1 not complete"
echo ok
