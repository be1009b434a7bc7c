# tests/e2e/t_faults.sh -- each fault on purpose does what it says, and check accounts for every message
. "$(dirname "$0")/lib.sh"

# lost_by_logs DIR: messages sent and not dropped that no receiver logged.
lost_by_logs() {
	awk -F, 'FNR > 1 {
		if ($3 == "SEND") n += split($7, d, "|")
		else if ($3 == "DROP") n--
		else if ($3 == "RECV" || $3 == "PENDING") n--
	} END { print n }' "$1"/vm*.csv
}

# lost_by_check: what check said was lost with dead VMs (0 if nothing).
lost_by_check() {
	n=$(sed -n 's/.* \([0-9]*\) lost with dead VMs.*/\1/p' "$T/check.out")
	echo "${n:-0}"
}

echo "kill, continue: the others go on to the end, and drop what is for vm 2"
d=$T/kc
run_ok "$d" --vms 4 --rates 4,4,4,4 --duration 40 --speed 10 --seed 1 \
    --fault kill:2@15 --on-failure continue
[ "$(meta "$d" status)" = complete ] || fail "status $(meta "$d" status)"
[ "$(meta "$d" vm2.exit)" = killed ] || fail "vm2.exit $(meta "$d" vm2.exit)"
[ "$(meta "$d" fault0)" = kill:2@15 ] || fail "fault0 $(meta "$d" fault0)"
for i in 1 3; do
	grep -q "^$i,[0-9]*,PEER_DOWN,.*,2,,,\?$" "$d/vm$i.csv" || fail "vm$i: no PEER_DOWN"
	grep -q "^$i,[0-9]*,DROP,.*,2,[0-9]*,[0-9]*\(,[0-9;]*\)\?$" "$d/vm$i.csv" || fail "vm$i: no DROP"
	[ "$(grep -c ',INTERNAL,\|,SEND,\|,RECV,' "$d/vm$i.csv")" -eq 160 ] ||
		fail "vm$i did not tick to the end"
done
# vm 2 ticked until about 15 s: 60 ticks, give or take the kill's delivery.
t=$(grep -c ',INTERNAL,\|,SEND,\|,RECV,' "$d/vm2.csv")
[ "$t" -ge 59 ] && [ "$t" -le 62 ] || fail "vm2 ticked $t times before 15 s"
[ "$(lost_by_check)" -eq "$(lost_by_logs "$d")" ] ||
	fail "check says $(lost_by_check) lost, the logs $(lost_by_logs "$d")"
echo "  $(head -n 1 "$T/check.out")"

echo "kill, stop: the run ends at once, fails, blames vm 1, and still checks"
d=$T/ks
expect_exit 1 "$CLOCKRING" run --quiet --out "$d" --vms 3 --duration 600 \
    --speed 10 --seed 2 --fault kill:1@10
[ "$(meta "$d" status)" = failed ] || fail "status $(meta "$d" status)"
[ "$(meta "$d" failed_vm)" = 1 ] || fail "failed_vm $(meta "$d" failed_vm)"
[ "$(meta "$d" error)" = "vm 1: killed by --fault kill:1@10" ] ||
	fail "error: $(meta "$d" error)"
grep -q "run failed (vm 1: killed by --fault kill:1@10)" "$T/err" || fail "no failure line"
check_ok "$d"
[ "$(lost_by_check)" -eq "$(lost_by_logs "$d")" ] || fail "lost counts differ"
echo "  $(head -n 1 "$T/check.out")"

echo "pause: vm 1 stops 10 s, its queue grows, then it catches up"
d=$T/p
run_ok "$d" --vms 3 --rates 5,5,5 --duration 30 --speed 10 --seed 3 \
    --fault pause:1@10+10
grep -q "vm1: rate 5, 150 ticks (expected 150), spacing error not judged (paused)" \
    "$T/check.out" || { cat "$T/check.out"; fail "paused vm1 not told"; }
! grep -q PEER_DOWN "$d"/vm*.csv || fail "a paused VM was taken for dead"
q=$(awk -F, 'NR > 1 && $6 > m { m = $6 } END { print m + 0 }' "$d/vm1.csv")
[ "$q" -ge 5 ] || fail "vm1's queue reached only $q while paused"
# No tick of vm1 fell in the pause: none between 10 s and 20 s of model time.
start=$(meta "$d" start_wall_ns)
n=$(awk -F, -v s="$start" 'NR > 1 && $3 != "PENDING" &&
	$4 > s + 1.02e9 && $4 < s + 1.98e9' "$d/vm1.csv" | wc -l)
[ "$n" -eq 0 ] || fail "vm1 logged $n events while paused"
# ... and drained: a tick after the pause left the queue empty again.
awk -F, -v s="$start" 'NR > 1 && $3 != "PENDING" && $4 > s + 2e9 && $6 == 0' \
    "$d/vm1.csv" | grep -q . || fail "vm1's queue never drained after the pause"
echo "  vm1's queue reached $q, then drained"

echo "slow: what vm 0 sends vm 1 in [5, 15) waits 3 s more"
d=$T/s
run_ok "$d" --vms 2 --rates 5,5 --duration 30 --speed 10 --seed 4 \
    --fault "slow:0->1@5+10:3s"
# Receipt wall minus send wall for each message 0 -> 1, by send time.
awk -F, -v s="$(meta "$d" start_wall_ns)" '
	FNR == 1 { f++ } f == 1 && $3 == "SEND" { sent[$2] = $4 }
	f == 2 && $3 == "RECV" && $7 == 0 && ($8 in sent) {
		t = (sent[$8] - s) / 1e8; d = ($4 - sent[$8]) / 1e8
		if (t > 5.5 && t < 14.5) { in_n++; if (d < 3) short++ }
		if (t < 4.5) { out_n++; if (d > 1) long++ }
	} END { printf "%d %d %d %d\n", in_n, short, out_n, long }' \
    "$d/vm0.csv" "$d/vm1.csv" >"$T/delays"
read -r in_n short out_n long <"$T/delays"
[ "$in_n" -gt 0 ] && [ "$out_n" -gt 0 ] || fail "no messages to judge: $(cat "$T/delays")"
[ "$short" -eq 0 ] || fail "$short of $in_n messages in the window came sooner than 3 s"
[ "$long" -eq 0 ] || fail "$long of $out_n messages before the window were slow"
echo "  $in_n messages delayed 3 s or more, $out_n before it on time"
no_survivors "$T"
echo ok
