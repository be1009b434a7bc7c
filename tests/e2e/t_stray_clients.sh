# tests/e2e/t_stray_clients.sh -- hostile clients at a VM's port are dropped, the run goes on
. "$(dirname "$0")/lib.sh"

# A ring started by hand (clockring vm), so strays can reach VM 1 while it
# still waits for its predecessor; the run directory is then completed with
# a run.meta written here from the documented format, and checked.
runid=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
base=$(free_port)
# The ring must link before it starts, the crowd below notwithstanding;
# under ThreadSanitizer (E2E_SAN=thread) each step is slower: more time.
lead=9 wait_link=10
[ "${E2E_SAN:-}" = thread ] && lead=20 wait_link=25
start=$(($(date +%s) + lead))
mkdir "$T/r"
vm() {	# vm ID: start VM ID of the ring in the background
	"$CLOCKRING" vm --id "$1" --vms 3 --rate 3 --run-id "$runid" --seed 9 \
	    --duration 10 --speed 10 --start-at "$start" --no-vector \
	    --connect-timeout "$wait_link" \
	    --listen "127.0.0.1:$((base + $1))" \
	    --next "127.0.0.1:$((base + ($1 + 1) % 3))" \
	    --log "$T/r/vm$1.csv" 2>>"$T/vm$1.err" &
	vms="$vms $!"
}
vms="" 
vm 1
sleep 0.3

hex() { echo "$1" | sed 's/../\\x&/g'; }
# The ring's settings as a HELLO carries them (vm/core/wire.c): seed 9,
# duration 10.0 and speed 10.0 (IEEE 754), draw-max 10, on-failure stop,
# latency 0:0, loss 0, no faults (the digest's start), --start-at in ns,
# no vectors (wire version 3).
settings=$(printf '%016x%016x%016x%08x%02x%016x%016x%016x%s%016x%02x' 9 \
    $((0x4024000000000000)) $((0x4024000000000000)) 10 0 0 0 0 \
    cbf29ce484222325 $((start * 1000000000)) 0)
hello() {	# hello VERSION RUN_ID VM_ID: a HELLO frame as printf escapes
	printf '%s' "\\x00\\x00\\x00\\x61\\x01CLKR$(hex "$1")$(hex "$2")$(hex "$3")\\x00\\x03$(hex "$settings")"
}
strays=""
stray() {	# stray BYTES SECONDS: connect to VM 1, send, linger, hang up
	( exec 3<>"/dev/tcp/127.0.0.1/$((base + 1))" && printf "$1" >&3 &&
	  sleep "$2" ) 2>/dev/null &
	strays="$strays $!"
}
stray "$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' | sed 's/../\\x&/g')" 0
stray '\xff\xff\xff\xff\x01' 0                       # a huge length
stray '\x00\x00\x00\x61\x01CLKR' 2                  # half a frame, then silence
stray '' 2                                          # silence
stray "$(hello 0003 00000000000000000000000000000000 0000)" 0.2   # another ring
stray "$(hello 0009 "$runid" 0000)" 0.2                           # wrong version
stray "$(hello 0003 "$runid" 0002)" 0.2                           # not the predecessor
stray '\x00\x00\x00\x1b\x01CLKR\x00\x01' 0.2                   # a version 1 HELLO
# A crowd: 1000 clients in a burst, every kind of bad greeting in turn
# (tests/tools/stray.c), lingering a minute. VM 1 hears up to 64 at a time,
# a silent one for a second each, so the crowd costs it a few seconds, well
# inside its 10 s to link (one at a time: minutes).
stray_tool=$(tool stray) || exit 1
"$stray_tool" --burst 1000 --hold 60 "$((base + 1))" >"$T/crowd.out" &
strays="$strays $!"
sleep 1
vm 0
vm 2
# By the start every VM is linked. The crowd cost VM 1 no more memory than
# VM 0, which saw none of it (a few waiting clients at a time, never all).
sleep $((start - $(date +%s)))
hwm() { sed -n 's/^VmHWM:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$1/status"; }
set -- $vms
hwm1=$(hwm "$1") hwm0=$(hwm "$2")
[ -n "$hwm1" ] && [ -n "$hwm0" ] ||
	{ cat "$T"/vm*.err; fail "no VM to measure at the start"; }
[ "$hwm1" -le $((hwm0 + 2048)) ] ||
	fail "vm1 peaked at $hwm1 KiB, vm0 at $hwm0 KiB: the crowd cost memory"
echo "peak memory: vm1 $hwm1 KiB after the crowd, vm0 $hwm0 KiB"
# Once the ring is linked nobody else may join: a burst at every port is
# refused outright.
"$stray_tool" --burst 1000 --hold 0 $base $((base + 1)) $((base + 2)) >"$T/late.out"
[ "$(grep -c ': 0 of 1000 got in' "$T/late.out")" -eq 3 ] ||
	{ cat "$T/late.out"; fail "a formed ring still took strays"; }
# shellcheck disable=SC2086
wait $vms || fail "a VM failed (see $T/vm*.err)"
# shellcheck disable=SC2086
kill $strays 2>/dev/null
for i in 0 1 2; do
	[ -s "$T/r/vm$i.csv" ] || fail "vm$i wrote no log"
done
grep -q "dropped" "$T/vm1.err" || { cat "$T/vm1.err"; fail "no drop reported"; }
[ "$(grep -c dropped "$T/vm1.err")" -le 5 ] || fail "drop reports not limited"

cat >"$T/r/run.meta" <<META
format=1
version=test
run_id=$runid
seed=9
vms=3
duration_s=10
speed=10
draw_max=10
rate_min=3
rate_max=3
vm0.rate=3
vm1.rate=3
vm2.rate=3
bind=127.0.0.1
vm0.port=$base
vm1.port=$((base + 1))
vm2.port=$((base + 2))
start_wall_ns=${start}000000000
end_wall_ns=$((start + 1))000000000
vm0.exit=ok
vm1.exit=ok
vm2.exit=ok
status=complete
META
check_ok "$T/r"
cat "$T/check.out"
echo ok
