# tests/e2e/t_slow_link_ends.sh -- a slow link that breaks keeps its messages' delays: the peer is down only after the last of them
. "$(dirname "$0")/lib.sh"

# vm 0 sends vm 1 messages that wait 3 model seconds from 2 s on, and is
# killed at 6 s. What it sent just before its death is still on its way:
# each message keeps its 3 s, and vm 1 logs PEER_DOWN only after the last
# is due. vm 1 ticks slowly, always busy with its queue then, so it sends
# nothing that could find vm 0 gone first.
d=$T/r
run_ok "$d" --vms 2 --rates 20,2 --duration 20 --speed 10 --seed 4 \
    --on-failure continue --fault "slow:0->1@2+10:3s" --fault kill:0@6
[ "$(meta "$d" vm0.exit)" = killed ] || fail "vm0.exit $(meta "$d" vm0.exit)"
# Model seconds of vm 0's last SEND and of vm 1's PEER_DOWN, vm 1's SENDs
# after the kill and before it, and the shortest trip (SEND to RECV) of a
# message sent in the window.
awk -F, -v s="$(meta "$d" start_wall_ns)" '
	function t(w) { return (w - s) / 1e8 }
	FNR == 1 { f++ }
	f == 1 && $3 == "SEND" { sent[$2] = t($4); last = t($4) }
	f == 2 && $3 == "PEER_DOWN" { down = t($4) }
	f == 2 && $3 == "SEND" && t($4) > 6 && down == "" { sends++ }
	f == 2 && $3 == "RECV" && ($8 in sent) && sent[$8] > 2.1 {
		trip = t($4) - sent[$8]
		if (min == "" || trip < min) min = trip
	} END { printf "%.3f %.3f %d %.3f\n", last, down, sends, min }' \
    "$d/vm0.csv" "$d/vm1.csv" >"$T/times"
read -r last down sends min <"$T/times"
echo "  vm0's last SEND at $last s, vm1's PEER_DOWN at $down s, shortest trip $min s"
awk -v a="$last" -v n="$sends" 'BEGIN { exit !(a > 5 && n == 0) }' ||
	fail "the seed no longer tests this: $(cat "$T/times")"
awk -v m="$min" 'BEGIN { exit !(m >= 2.95) }' ||
	fail "a message sent in the window arrived after $min s, not 3"
awk -v a="$last" -v b="$down" 'BEGIN { exit !(b >= a + 2.95) }' ||
	fail "PEER_DOWN at $down s, before the last message sent ($last s) was due"
no_survivors "$T"
echo ok
