# tests/e2e/t_orchestrator_killed.sh -- kill -9 of `clockring run` leaves no VM behind
. "$(dirname "$0")/lib.sh"

dir="$T/r"
"$CLOCKRING" run --quiet --vms 4 --duration 600 --rates 10,10,10,10 --out "$dir" &
pid=$!
sleep 1.5
kill -9 "$pid"
wait "$pid" 2>/dev/null
# Each VM hears of its parent's death (PR_SET_PDEATHSIG), stops at once and
# flushes its log; nothing of the run may still be running.
sleep 1
no_survivors "$dir"
[ "$(meta "$dir" status)" = running ] || fail "status should stay 'running'"
for i in 0 1 2 3; do
	lines=$(wc -l <"$dir/vm$i.csv")
	[ "$lines" -ge 10 ] || fail "vm$i.csv has only $lines lines: not flushed"
	tail -n 1 "$dir/vm$i.csv" | grep -q '^[0-9]' || fail "vm$i.csv ends torn"
done
echo ok
