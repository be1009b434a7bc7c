# tests/e2e/t_check_and_analyze_agree.sh -- a run dir with a file missing, too many or unreadable: one clear line, the same exit from check and analyze
. "$(dirname "$0")/lib.sh"

run_ok "$T/r" --vms 3 --rates 6,6,6 --duration 10 --speed 2 --seed 5

copy() {	# copy NAME: a fresh copy of the run as $T/NAME
	rm -rf "${T:?}/$1"
	cp -r "$T/r" "$T/$1"
}

# A missing log is one violation; the messages to and from its VM are not
# judged one by one (that was a lost or unsent line for each).
copy missing
rm "$T/missing/vm2.csv"
expect_exit 1 "$CLOCKRING" check "$T/missing"
[ "$(wc -l <"$T/out")" -eq 2 ] || { cat "$T/out"; fail "missing log: not one violation"; }
grep -q "vm2.csv: files: missing (run.meta has vms=3); messages to and from vm2 are not judged" "$T/out" ||
	{ cat "$T/out"; fail "missing log not named"; }
grep -q "fail: .*: 1 violation (files)" "$T/out" || { cat "$T/out"; fail "verdict"; }

# The log of a VM run.meta does not list is named, not ignored.
copy extra
cp "$T/r/vm2.csv" "$T/extra/vm3.csv"
expect_exit 1 "$CLOCKRING" check "$T/extra"
grep -q "extra/vm3.csv: files: not a log of this run (run.meta has vms=3: vm0.csv .. vm2.csv)" "$T/out" ||
	{ cat "$T/out"; fail "extra log not named"; }
expect_exit 1 "$CLOCKRING" analyze --no-plots "$T/extra"
grep -q "vm3.csv: files: not a log of this run" "$T/err" || { cat "$T/err"; fail "analyze: extra log"; }

# Windows line ends: the cause and the fix, from both commands.
copy crlf
sed -i 's/$/\r/' "$T/crlf/vm1.csv"
hint="line ends in CR (a file with Windows line ends? convert it with dos2unix)"
expect_exit 1 "$CLOCKRING" check "$T/crlf"
grep -qF "crlf/vm1.csv:1: header: $hint" "$T/out" || { cat "$T/out"; fail "check: no CR hint"; }
expect_exit 1 "$CLOCKRING" analyze --no-plots "$T/crlf"
grep -qF "$hint" "$T/err" || { cat "$T/err"; fail "analyze: no CR hint"; }
sed -i 's/$/\r/' "$T/crlf/run.meta"
expect_exit 2 "$CLOCKRING" check "$T/crlf"
grep -qF "crlf/run.meta:1: $hint" "$T/err" || { cat "$T/err"; fail "check: no CR hint on run.meta"; }

# A format this clockring does not read is bad input to both, in one line,
# and analyze writes nothing into it.
copy future
sed -i 's/^format=[0-9]*$/format=9/' "$T/future/run.meta"
for cmd in "check" "analyze" "analyze --no-check"; do
	# shellcheck disable=SC2086
	expect_exit 2 "$CLOCKRING" $cmd "$T/future"
	[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "future/run.meta: unsupported format '9'" "$T/err" ||
		{ cat "$T/err"; fail "$cmd: format 9 not one clear line"; }
done
[ ! -e "$T/future/analysis" ] || fail "analyze wrote into a run of format 9"
echo ok
