# tests/e2e/t_full_disk.sh -- a full or read-only disk: one clear line, nothing half-written left looking complete
#
# Every case writes onto a small tmpfs, mounted in a mount namespace of
# our own (unshare -m; -r as well where we are not root), so nothing is
# mounted outside this test and everything goes when it ends. Read-only
# is a read-only mount: root writes into any directory, whatever its mode.
# Without a namespace and a mount there is nothing to test: that fails,
# saying why, rather than pass unseen.

if [ -z "${CLOCKRING_E2E_NS:-}" ]; then
	export CLOCKRING_E2E_NS=1
	# unshare executes bash in place: run.sh's time limit still holds.
	for how in -m -rm; do
		unshare "$how" true 2>/dev/null && exec unshare "$how" bash "$0" "$@"
	done
	echo "FAIL: no mount namespace of our own: $(unshare -rm true 2>&1)" >&2
	exit 1
fi
. "$(dirname "$0")/lib.sh"

mounts=""
# small_fs DIR SIZE [OPTION]: a fresh tmpfs of SIZE (64k, 1m) at DIR.
small_fs() {
	mkdir -p "$1"
	mount -t tmpfs -o "size=$2${3:+,$3}" none "$1" ||
		fail "cannot mount a tmpfs at $1"
	mounts="$1 $mounts"
}

# leave DIR KB: fill DIR's file system until about KB kilobytes are free.
leave() {
	avail=$(df --output=avail -k "$1" | tail -n 1)
	[ "$avail" -le "$2" ] ||
		head -c $(((avail - $2) * 1024)) /dev/zero >"$1/.fill" ||
		fail "cannot fill $1"
}

# one_line WORDS...: stderr ($T/err) is one line holding each of WORDS.
one_line() {
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "not one line"; }
	for w in "$@"; do
		grep -qF -- "$w" "$T/err" || { cat "$T/err"; fail "no '$w' said"; }
	done
	echo "  said: $(cat "$T/err")"
}

# nothing_but DIR NAME...: DIR holds exactly NAMEs (dot files included).
nothing_but() {
	got=$(cd "$1" && ls -A | grep -vx '\.fill' | sort | tr '\n' ' ')
	want=$(printf '%s\n' "${@:2}" | grep . | sort | tr '\n' ' ')
	[ "$got" = "$want" ] || fail "$1 holds '$got', not '$want'"
}

# same DIR SUMS: every file of DIR as it was (md5sum of it in SUMS).
same() {
	(cd "$1" && md5sum -c --quiet "$2") || fail "$1 changed"
}

# check_refuses DIR: check says no (exit 1), never crashes, names why.
check_refuses() {
	"$CLOCKRING" check "$1" >"$T/check.out" 2>&1
	rc=$?
	[ "$rc" -eq 1 ] || { cat "$T/check.out"; fail "check $1 exited $rc"; }
	echo "  check: $(tail -n 1 "$T/check.out")"
}

echo "1. the disk fills during a run"
# Every VM writes each tick's line out as it goes, so whichever needs a new
# block first when there is none fails first: it is blamed, says so once,
# with its file and the reason, and stops without waiting for its peers.
small_fs "$T/d1" 256k
leave "$T/d1" 96
start=$SECONDS
"$CLOCKRING" run --quiet --out "$T/d1/r" --vms 3 --rates 40,4,4 --speed 50 \
    --duration 3000 --seed 7 >"$T/out" 2>"$T/err"
rc=$?
cat "$T/err"
[ "$rc" -eq 1 ] || fail "run on a full disk exited $rc, not 1"
[ $((SECONDS - start)) -lt 20 ] || fail "took $((SECONDS - start)) s to stop"
no_survivors "$T/d1/r"
v=$(sed -n 's/^clockring: run failed (vm \([0-9]\): error).*/\1/p' "$T/err")
[ -n "$v" ] || fail "no VM blamed for an error"
grep -qx "clockring: vm $v: $T/d1/r/vm$v.csv: No space left on device" "$T/err" ||
	fail "no line saying vm $v could not write vm$v.csv"
[ "$(grep -c "^clockring: vm $v:" "$T/err")" -eq 1 ] || fail "vm $v said more than one line"
! grep -q 'clockring: .*clockring:' "$T/err" || fail "lines run together"
! grep -q 'did not finish in time' "$T/err" || fail "a VM waited for its peers"
# run.meta's own blocks take its last version even on the full disk.
[ "$(meta "$T/d1/r" status)" = failed ] || fail "status=$(meta "$T/d1/r" status)"
[ "$(meta "$T/d1/r" failed_vm)" = "$v" ] || fail "failed_vm is not $v"
# What the logs hold is judged as it is: either whole up to where each
# stopped (a VM that could not log sent nothing more, and what was on
# its way to it is named as lost), or cut inside a line, which check names.
"$CLOCKRING" check "$T/d1/r" >"$T/check.out" 2>&1
case $? in
0) grep -q "^ok: .*failed run (vm $v: error)" "$T/check.out" ;;
1) grep -q 'vm[0-9].csv:.*truncated' "$T/check.out" ;;
*) false ;;
esac || { cat "$T/check.out"; fail "check of the cut run"; }
echo "  check: $(head -n 1 "$T/check.out")"

echo "1b. run.meta cannot be written at the end of a run"
# A read-only mount over the run directory once the run is going: the
# VMs keep their open logs, but the last run.meta cannot be written.
small_fs "$T/d1b" 1m
"$CLOCKRING" run --quiet --out "$T/d1b/r" --vms 2 --rates 5,5 --speed 5 \
    --duration 10 --seed 8 >"$T/out" 2>"$T/err" &
pid=$!
for _ in $(seq 100); do
	[ -e "$T/d1b/r/vm0.csv" ] && [ -e "$T/d1b/r/vm1.csv" ] && break
	sleep 0.05
done
sleep 0.2	# past tick 0: every link is up
mount -t tmpfs -o ro none "$T/d1b/r" || fail "cannot mount over the run"
wait "$pid"
rc=$?
umount "$T/d1b/r"
cat "$T/err"
[ "$rc" -eq 1 ] || fail "run exited $rc, not 1"
head -n 1 "$T/err" | grep -qx "clockring: $T/d1b/r/run.meta: Read-only file system" ||
	fail "no line saying run.meta could not be written"
one_line "$T/d1b/r/run.meta: Read-only file system"
[ "$(meta "$T/d1b/r" status)" = running ] || fail "run.meta was changed"
check_refuses "$T/d1b/r"
grep -q 'run-status' "$T/check.out" || fail "check did not see the status"

echo "2. --out on a full or read-only disk"
small_fs "$T/d2" 64k
mkdir "$T/d2/ro" "$T/d2/full" "$T/d2/full/empty"
small_fs "$T/d2/ro" 64k ro
leave "$T/d2/full" 0
for out in "$T/d2/ro/r" "$T/d2/ro"; do
	expect_exit 2 "$CLOCKRING" run --quiet --out "$out" --duration 1
	one_line "$T/d2/ro" "Read-only file system"
done
nothing_but "$T/d2/ro"
expect_exit 2 "$CLOCKRING" run --quiet --out "$T/d2/full/a/b/r" --duration 1
one_line "$T/d2/full/a/b/r/run.meta: No space left on device"
# An empty directory that was there already stays; what we made goes.
expect_exit 2 "$CLOCKRING" run --quiet --out "$T/d2/full/empty" --duration 1
one_line "$T/d2/full/empty/run.meta: No space left on device"
nothing_but "$T/d2/full" empty
nothing_but "$T/d2/full/empty"
no_survivors "$T/d2"

echo "3. analyze onto a read-only or full disk"
run_ok "$T/src" --vms 3 --rates 5,5,5 --duration 10 --speed 4 --seed 3
"$CLOCKRING" analyze --quiet "$T/src" >"$T/out" 2>&1 || { cat "$T/out"; fail "analyze"; }
# A file of the user's stays through every failure, as analyze's own do.
echo "my notes" >"$T/src/analysis/notes.txt"
(cd "$T/src/analysis" && md5sum ./*) >"$T/analysis.sums"
analysis_files=$(cd "$T/src/analysis" && ls -A)
need=$(du -sk "$T/src/analysis" | cut -f1)
small_fs "$T/d3" $((2 * need + 256))k
cp -r "$T/src" "$T/d3/r"
mount -o remount,ro "$T/d3" || fail "cannot remount $T/d3 read-only"
expect_exit 1 "$CLOCKRING" analyze --quiet "$T/d3/r"
one_line "$T/d3/r/analysis: Read-only file system"
mount -o remount,rw "$T/d3" || fail "cannot remount $T/d3 read-write"
same "$T/d3/r/analysis" "$T/analysis.sums"
# Room for a tenth, half, or nine tenths of a new analysis: it stops at
# data files, scripts or plots, and the earlier one stays as it was.
for part in 1 5 9; do
	rm -f "$T/d3/.fill"
	leave "$T/d3" $((need * part / 10))
	expect_exit 1 "$CLOCKRING" analyze --quiet "$T/d3/r"
	one_line "$T/d3/r/analysis" "No space left on device"
	! grep -q 'analysis\.tmp' "$T/err" || fail "error names the temporary directory"
	nothing_but "$T/d3/r" analysis run.meta vm0.csv vm1.csv vm2.csv
	# shellcheck disable=SC2086
	nothing_but "$T/d3/r/analysis" $analysis_files
	same "$T/d3/r/analysis" "$T/analysis.sums"
done
# --out onto a read-only disk, or a full one: one line naming it, the run
# untouched, and no folder of ours left.
rm -f "$T/d3/.fill"
(cd "$T/d3/r" && find . -type f -exec md5sum {} +) >"$T/run.sums"
mkdir "$T/d3/ro"
small_fs "$T/d3/ro" 64k ro
expect_exit 1 "$CLOCKRING" analyze --quiet --out "$T/d3/ro/a" "$T/d3/r"
one_line "$T/d3/ro/a: Read-only file system"
nothing_but "$T/d3/ro"
leave "$T/d3" $((need / 2))
expect_exit 1 "$CLOCKRING" analyze --quiet --out "$T/d3/else/where" "$T/d3/r"
one_line "$T/d3/else/where" "No space left on device"
nothing_but "$T/d3" r ro
same "$T/d3/r" "$T/run.sums"

echo "4. experiments, compare and report onto a read-only or full disk"
tiny_results "$T/res" "--vms 3 --rates 5,5,5"
"$CLOCKRING" report --out "$T/ref" "$T/res" >"$T/out" 2>&1 || { cat "$T/out"; fail "report"; }
cmp_kb=$(du -sk "$T/ref/compare" | cut -f1)
html_kb=$(du -sk "$T/ref/report.html" | cut -f1)
small_fs "$T/d4" $((cmp_kb * 3 / 4))k
mkdir "$T/d4/ro"
small_fs "$T/d4/ro" 64k ro
expect_exit 2 "$CLOCKRING" experiments --out "$T/d4/ro/res" --speed 20 "$T/exp/tiny.exp"
one_line "--out '$T/d4/ro/res'" "Read-only file system"
expect_exit 1 "$CLOCKRING" report --out "$T/d4/ro" "$T/res"
one_line "$T/d4/ro/compare: Read-only file system"
expect_exit 1 "$CLOCKRING" compare --out "$T/d4/ro/c" "$T/res"
one_line "$T/d4/ro/c: Read-only file system"
nothing_but "$T/d4/ro"
# A comparison that does not fit: nothing of it stays, not even its directory.
expect_exit 1 "$CLOCKRING" compare --out "$T/d4/a/c" "$T/res"
one_line "$T/d4/a/c" "No space left on device"
nothing_but "$T/d4" ro
# A report that does not fit: no report.md or report.html at all.
small_fs "$T/d4a" $((cmp_kb + html_kb / 2))k
expect_exit 1 "$CLOCKRING" report --out "$T/d4a" "$T/res"
one_line "$T/d4a/report." "No space left on device"
nothing_but "$T/d4a" compare
# A report that does not fit beside an earlier one: the comparison is
# whole, and the earlier report.md and report.html stay as they were.
small_fs "$T/d4b" $((cmp_kb + 3 * html_kb / 2 + 64))k
cp "$T/ref/report.md" "$T/ref/report.html" "$T/d4b/"
(cd "$T/d4b" && md5sum ./report.*) >"$T/report.sums"
expect_exit 1 "$CLOCKRING" report --out "$T/d4b" "$T/res"
one_line "$T/d4b/report." "No space left on device"
nothing_but "$T/d4b" compare report.md report.html
same "$T/d4b" "$T/report.sums"
[ -s "$T/d4b/compare/compare.csv" ] || fail "no whole comparison"
if ls -A "$T/d4b/compare" | grep -q 'tmp'; then fail "temporary files left"; fi
# A suite whose analyses do not fit: it fails, and no run looks done.
small_fs "$T/d4c" 192k
"$CLOCKRING" experiments --out "$T/d4c/res" --speed 20 "$T/exp/tiny.exp" \
    >"$T/out" 2>"$T/err"
rc=$?
cat "$T/out" "$T/err"
[ "$rc" -eq 1 ] || fail "experiments on a full disk exited $rc, not 1"
[ "$(grep -c 'FAILED' "$T/out")" -eq 2 ] || fail "not every run failed"
# Each says why in its log, or, if the disk was full before a word could
# go there, the suite says that the log is empty and why.
for r in 1 2; do
	[ ! -e "$T/d4c/res/tiny/$r/analysis" ] || fail "run $r has an analysis"
	grep -q 'No space left on device' "$T/d4c/res/tiny/$r.log" ||
		grep -q "#$r .*$r.log is empty: No space left on device" "$T/out" ||
		{ cat "$T/d4c/res/tiny/$r.log"; fail "run $r: no one says why"; }
done
no_survivors "$T/d4c"

for m in $mounts; do umount "$m" || fail "cannot unmount $m"; done
echo ok
