# tests/e2e/t_vm_killed.sh -- kill -9 of one VM ends the run: exit 1, named, logs kept
. "$(dirname "$0")/lib.sh"

# vm_pid PID DIR I: the process of VM I of the run PID writes to DIR: the
# child holding DIR/vmI.csv open. (Not by PID order: PIDs wrap, at 32768
# here, and a ring forked across the wrap would name the wrong VM.)
vm_pid() {
	for p in $(pgrep -P "$1"); do
		if find "/proc/$p/fd" -lname "$2/vm$3.csv" 2>/dev/null | grep -q .; then
			echo "$p"
			return
		fi
	done
}

dir="$T/r"
"$CLOCKRING" run --quiet --vms 4 --duration 600 --rates 5,5,5,5 \
    --out "$dir" 2>"$T/err" &
pid=$!
sleep 1.5
victim=$(vm_pid "$pid" "$dir" 2)
[ -n "$victim" ] || fail "no VM processes found"
kill -9 "$victim"
wait "$pid"
got=$?
[ "$got" -eq 1 ] || { cat "$T/err"; fail "exit $got, not 1"; }
[ "$(meta "$dir" status)" = failed ] || fail "status not failed"
[ "$(meta "$dir" failed_vm)" = 2 ] || fail "failed_vm is $(meta "$dir" failed_vm), not 2"
[ "$(meta "$dir" vm2.exit)" = "signal 9" ] || fail "vm2.exit: $(meta "$dir" vm2.exit)"
grep -q "run failed" "$T/err" || fail "no failure message"
for i in 0 1 3; do
	[ "$(wc -l <"$dir/vm$i.csv")" -ge 6 ] || fail "vm$i.csv lost its events"
done
# The killed VM's log is whole up to its last event (each tick's line is
# written out before its messages go), so check passes the failed run,
# says why it failed, and names any message lost with the dead VM. Its
# live neighbours each found it down, once.
expect_exit 0 "$CLOCKRING" check "$dir"
grep -q "failed run (vm 2: signal 9)" "$T/out" || { cat "$T/out"; fail "check did not name the failed run"; }
for i in 1 3; do
	[ "$(grep -c "^$i,[0-9]*,PEER_DOWN,.*,2,," "$dir/vm$i.csv")" -eq 1 ] ||
		fail "vm$i did not log one PEER_DOWN for vm2"
done
no_survivors "$dir"

# A SIGTERM to one VM alone stops that VM cleanly, but the run cannot go on
# without it: it fails, and names that VM.
dir="$T/t"
"$CLOCKRING" run --quiet --vms 3 --duration 600 --rates 5,5,5 --out "$dir" 2>"$T/err" &
pid=$!
sleep 1.5
victim=$(vm_pid "$pid" "$dir" 1)
[ -n "$victim" ] || fail "no process of VM 1 found"
kill -TERM "$victim"
wait "$pid"
got=$?
[ "$got" -eq 1 ] || { cat "$T/err"; fail "one VM stopped: exit $got, not 1"; }
[ "$(meta "$dir" failed_vm)" = 1 ] || fail "failed_vm is $(meta "$dir" failed_vm), not 1"
[ "$(meta "$dir" vm1.exit)" = interrupted ] || fail "vm1.exit: $(meta "$dir" vm1.exit)"
no_survivors "$dir"
echo ok
