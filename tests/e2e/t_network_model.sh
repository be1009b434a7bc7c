# tests/e2e/t_network_model.sh -- --latency and partition faults in both modes: every message as late as the model says, check exact
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
echo ok
