# tests/e2e/t_analyze_out.sh -- analyze --out DIR: a run on a read-only disk analyzed elsewhere, nothing written into it
#
# chmod -R a-w makes the run read-only for a user, not for root: as root
# the test proves that nothing in the run changed (every entry's name,
# type, size, mode and time, and every file's checksum), and then tries
# the real thing as user nobody (setpriv), skipping that part, and saying
# so, when it cannot.
. "$(dirname "$0")/lib.sh"

run_ok "$T/run" --vms 3 --rates 1,3,6 --duration 8 --speed 4 --seed 14
# A teacher's run as handed out: analyzed once already, then made read-only.
"$CLOCKRING" analyze --quiet "$T/run" || fail "first analyze"
chmod -R a-w "$T/run"

# snapshot DIR: each entry's name, type, size, mode and time; each file's md5.
snapshot() {
	(cd "$1" && find . -printf '%p %y %s %m %T@\n' | sort &&
		find . -type f -exec md5sum {} + | sort)
}
snapshot "$T/run" >"$T/before"
untouched() {
	snapshot "$T/run" >"$T/after"
	diff "$T/before" "$T/after" >&2 || fail "$1: the run directory changed"
}

echo "1. --out DIR: the files, the printed paths and --term use DIR"
o="$T/elsewhere/my analysis"
"$CLOCKRING" analyze --out "$o" --term "$T/run" >"$T/out" 2>"$T/err" ||
	{ cat "$T/err"; fail "analyze --out"; }
[ ! -s "$T/err" ] || { cat "$T/err"; fail "said something on stderr"; }
untouched "analyze --out"
for f in summary.txt summary.csv drift.dat plotvars.gp drift.gp manifest.sha256 \
    clock.png drift.png jumps.png queue.png spacetime.png; do
	[ -s "$o/$f" ] || fail "no $f in the --out DIR"
done
cmp -s "$o/summary.csv" "$T/run/analysis/summary.csv" || fail "other numbers in --out DIR"
grep -qxF "numbers: $o/summary.txt, summary.csv" "$T/out" || fail "numbers: does not name DIR"
grep -qxF "plots:   $o/clock.png" "$T/out" || fail "plots: does not name DIR"
! grep -qF "$T/run/analysis" "$T/out" || fail "a path into RUN_DIR printed"
grep -q "Drift" "$T/out" || fail "--term drew no drift plot"
# --term draws with DIR's own script, an edited one included.
sed -i 's/"Drift: how far/"My drift: how far/' "$o/drift.gp"
"$CLOCKRING" analyze --out "$o" --term "$T/run" >"$T/out" 2>"$T/err" ||
	{ cat "$T/err"; fail "analyze --out, again"; }
grep -qF "$o/drift.gp: kept your changed script" "$T/err" || { cat "$T/err"; fail "kept script not named in DIR"; }
grep -q "My drift" "$T/out" || fail "--term did not draw with DIR's script"
untouched "a second analyze --out"

echo "2. --out with more than one run, or naming a file: bad usage"
expect_exit 2 "$CLOCKRING" analyze --out "$T/o2" "$T/run" "$T/run"
grep -q "^clockring: analyze: --out '$T/o2': takes one RUN_DIR, not 2" "$T/err" ||
	{ cat "$T/err"; fail "two runs under one --out"; }
[ ! -e "$T/o2" ] || fail "--out DIR made for bad usage"
expect_exit 2 "$CLOCKRING" analyze --out "$T/run/run.meta" "$T/run"
grep -q "not a directory" "$T/err" || { cat "$T/err"; fail "--out naming a file"; }
untouched "bad usage"

echo "3. a run that is really read-only"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
if [ "$(id -u)" -ne 0 ]; then
	who="$(id -un)"
	as() { "$@"; }
	mine="$T/mine"
	mkdir "$mine"
elif command -v setpriv >/dev/null && as_nobody true 2>/dev/null; then
	who=nobody
	as() { as_nobody "$@"; }
	chmod 755 "$T"	# nobody reads the run and writes a folder of its own
	mine="$T/mine"
	mkdir "$mine" && chown 65534:65534 "$mine" || fail "cannot give nobody a folder"
else
	echo "  skipped: root, and no setpriv to become another user"
	chmod -R u+w "$T/run"	# for the clean-up
	echo ok
	exit 0
fi
echo "  as $who"
as "$CLOCKRING" analyze --quiet "$T/run" >"$T/out" 2>"$T/err"
rc=$?
cat "$T/err"
[ "$rc" -eq 1 ] || fail "analyze in place on a read-only run exited $rc, not 1"
grep -qx "clockring: analyze: $T/run/analysis: Permission denied" "$T/err" ||
	fail "no one line naming $T/run/analysis"
untouched "analyze in place"
as "$CLOCKRING" analyze --out "$mine/a" "$T/run" >"$T/out" 2>"$T/err" ||
	{ cat "$T/err"; fail "analyze --out as $who"; }
[ -s "$mine/a/summary.csv" ] && [ -s "$mine/a/drift.png" ] || fail "no analysis in $mine/a"
untouched "analyze --out as $who"
chmod -R u+w "$T/run"	# for the clean-up
echo ok
