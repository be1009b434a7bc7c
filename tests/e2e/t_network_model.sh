# tests/e2e/t_network_model.sh -- --latency, --loss and partitions in both modes: every message as late as the model says, or lost and named; check exact
. "$(dirname "$0")/lib.sh"

# min_delay DIR: the shortest SEND-to-RECV time of any message, in model
# milliseconds (speed from run.meta; wall clocks of one host agree).
min_delay() {
	speed=$(meta "$1" speed)
	awk -F, -v speed="$speed" 'FNR == 1 { f++ }
		$3 == "SEND" { sent[f - 1 "," $2] = $4 }
		$3 == "RECV" { src = $7; k = src "," $8
			if (!(k in sent)) next
			d = ($4 - sent[k]) / 1e6 * speed
			if (min == "" || d < min) min = d }
		END { print min }' "$1"/vm0.csv "$1"/vm1.csv "$1"/vm2.csv
}

# Every message takes at least --latency's MIN, in both modes.
run_ok "$T/real" --vms 3 --rates 20,20,20 --duration 20 --speed 10 --seed 2 \
    --latency 200:300
"$CLOCKRING" run --virtual --quiet --out "$T/virt" --vms 3 --rates 20,20,20 \
    --duration 20 --seed 2 --latency 200:300 || fail "virtual run exited $?"
check_ok "$T/virt"
for m in real virt; do
	d=$(min_delay "$T/$m")
	awk -v d="$d" 'BEGIN { exit !(d >= 200) }' ||
		fail "$m: a message took $d model ms, under --latency 200:300"
	echo "$m: shortest delay $d model ms (--latency 200:300)"
done
[ "$(meta "$T/real" latency_min_ms)" = 200 ] || fail "real run.meta: latency_min_ms"

# A partition holds what crosses it until it heals, in both modes: VM 2
# takes none of VM 1's messages sent while it stood before it healed.
held() {	# held DIR: "HELD EARLY" of vm1's messages to vm2 sent in [5, 15)
	speed=$(meta "$1" speed) start=$(meta "$1" start_wall_ns)
	awk -F, -v s="$speed" -v t0="$start" '
		function t(w) { return (w - t0) / 1e9 * s }
		FNR == NR && $3 == "SEND" { sent[$2] = t($4); next }
		$3 == "RECV" && $7 == 1 && sent[$8] >= 5 && sent[$8] < 15 {
			held++; if (t($4) < 15) early++ }
		END { print held + 0, early + 0 }' "$1/vm1.csv" "$1/vm2.csv"
}
run_ok "$T/preal" --vms 4 --rates 5,5,5,5 --duration 20 --speed 10 --seed 8 \
    --fault 'partition:0-1|2-3@5+10'
"$CLOCKRING" run --virtual --quiet --out "$T/pvirt" --vms 4 --rates 5,5,5,5 \
    --duration 20 --seed 8 --fault 'partition:0-1|2-3@5+10' || fail "virtual partition"
check_ok "$T/pvirt"
for m in preal pvirt; do
	set -- $(held "$T/$m")
	[ "$1" -gt 0 ] || fail "$m: no message of vm1 to vm2 sent during the partition"
	[ "$2" -eq 0 ] || fail "$m: vm2 took $2 of vm1's messages before the partition healed"
	echo "$m: $1 messages held across the partition, none taken early"
done
# --loss: each message lost with that chance, named by a LOSS line of its
# sender, and never received; every other one received or pending.
account() {	# account DIR: "SENT RECEIVED PENDING LOST BAD"
	# Two passes over the logs: the sends first, then the receipts.
	awk -F, 'FNR == 1 { f++ } { v = $1 }
		pass == 1 && $3 == "SEND" { n = split($7, d, "|")
			for (i = 1; i <= n; i++) out[v "," $2 "," d[i]] = 1
			sent += n }
		pass == 1 && $3 == "LOSS" { lost++; gone[v "," $8 "," $7] = 1 }
		pass == 2 && ($3 == "RECV" || $3 == "PENDING") { k = $7 "," $8 "," v
			if ($3 == "RECV") got++; else pend++
			if (!(k in out) || (k in gone)) bad++ }
		END { print sent, got + 0, pend + 0, lost + 0, bad + 0 }' \
	    pass=1 "$1"/vm*.csv pass=2 "$1"/vm*.csv
}
run_ok "$T/lreal" --vms 3 --rates 20,20,20 --duration 20 --speed 10 --seed 4 \
    --loss 0.3
"$CLOCKRING" run --virtual --quiet --out "$T/lvirt" --vms 3 --rates 20,20,20 \
    --duration 20 --seed 4 --loss 0.3 || fail "virtual --loss exited $?"
check_ok "$T/lvirt"
for m in lreal lvirt; do
	set -- $(account "$T/$m")
	[ "$5" -eq 0 ] || fail "$m: $5 receipts of messages lost or never sent"
	[ "$1" -eq $(($2 + $3 + $4)) ] ||
		fail "$m: sent $1, but received $2 + pending $3 + lost $4"
	# 0.3 of about 500 messages: 150, sd 10; five sd either way.
	awk -v l="$4" -v s="$1" 'BEGIN { exit !(l > 0.3 * s - 55 && l < 0.3 * s + 55) }' ||
		fail "$m: $4 of $1 messages lost, not about 30%"
	grep -q "lost by the network" "$T/check.out" || [ "$m" = lreal ] ||
		fail "$m: check does not say what the network lost"
	echo "$m: $1 sent, $2 received, $3 pending, $4 lost by the network"
done
[ "$(meta "$T/lreal" loss)" = 0.3 ] || fail "run.meta: loss not 0.3"
echo ok
