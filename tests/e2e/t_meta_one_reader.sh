# tests/e2e/t_meta_one_reader.sh -- run.meta read one way by every command: a bad key named with its line, keys a command does not use left alone
. "$(dirname "$0")/lib.sh"

run_ok "$T/r" --vms 3 --rates 6,6,6 --duration 4 --speed 2 --seed 5 \
	--on-failure continue --fault kill:2@3

copy() {	# copy NAME: a fresh copy of the run as $T/NAME, unanalyzed
	rm -rf "${T:?}/$1"
	cp -r "$T/r" "$T/$1"
	rm -rf "${T:?}/$1/analysis"
}

# What run.meta says of each VM's end and of the faults is what analyze
# and check both take: vm2 killed by its fault, passes check.
grep -qx "vm2.exit=killed" "$T/r/run.meta" || fail "vm2 not killed"
"$CLOCKRING" analyze --no-plots --quiet "$T/r" || fail "analyze of a good run"
grep -q "VM 2 was killed at 3 s" "$T/r/analysis/summary.txt" ||
	{ cat "$T/r/analysis/summary.txt"; fail "the kill not told"; }

# A key analysis uses, bad: analyze (even with --no-check) says which and
# where, as check does, and writes nothing.
copy vms
sed -i 's/^vms=3$/vms=1/' "$T/vms/run.meta"
line=$(grep -n '^vms=' "$T/vms/run.meta" | cut -d: -f1)
expect_exit 1 "$CLOCKRING" check "$T/vms"
grep -qF "vms/run.meta:$line: meta: vms=1: not in 2..1048576" "$T/out" ||
	{ cat "$T/out"; fail "check: vms"; }
expect_exit 1 "$CLOCKRING" analyze --no-check --no-plots "$T/vms"
grep -qF "vms/run.meta:$line: vms=1: not in 2..1048576" "$T/err" ||
	{ cat "$T/err"; fail "analyze: vms not named with its line"; }
[ ! -e "$T/vms/analysis" ] || fail "analysis written"

# A bad value of a VM's end: both name the key on its line.
copy end
sed -i 's/^vm1.exit=ok$/vm1.exit=gone/' "$T/end/run.meta"
line=$(grep -n '^vm1.exit=' "$T/end/run.meta" | cut -d: -f1)
expect_exit 1 "$CLOCKRING" check "$T/end"
grep -qF "end/run.meta:$line: meta: vm1.exit 'gone': not ok, interrupted" "$T/out" ||
	{ cat "$T/out"; fail "check: exit"; }
grep -qF "end/run.meta:$line: run-status: status=complete but vm1.exit=gone" "$T/out" ||
	{ cat "$T/out"; fail "check: exit of a complete run"; }
expect_exit 1 "$CLOCKRING" analyze --no-check --no-plots "$T/end"
grep -qF "end/run.meta:$line: vm1.exit 'gone'" "$T/err" ||
	{ cat "$T/err"; fail "analyze: exit not named with its line"; }

# A key analysis does not use (where a VM listened) fails check, but
# --no-check analyzes the run all the same.
copy port
sed -i 's/^vm1.port=.*/vm1.port=0/' "$T/port/run.meta"
expect_exit 1 "$CLOCKRING" check "$T/port"
grep -q "meta: vm1.port=0: not in 1..65535" "$T/out" || { cat "$T/out"; fail "check: port"; }
"$CLOCKRING" analyze --no-check --no-plots --quiet "$T/port" ||
	fail "analyze --no-check refused a bad port"
grep -q "FAILS CHECK" "$T/port/analysis/summary.txt" || fail "the failure not said"
echo ok
