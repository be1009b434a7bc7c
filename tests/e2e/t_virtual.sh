# tests/e2e/t_virtual.sh -- clockring run --virtual: the same seed gives the same bytes, every run passes check
. "$(dirname "$0")/lib.sh"

# The same seed and options, twice: the same run directory, byte for byte.
for args in "--seed 1" "--seed 7 --vms 8 --latency 0:50 --fault kill:3@20 --fault pause:5@10+5 --fault slow:1->2@0+30:200ms --on-failure continue"; do
	# shellcheck disable=SC2086
	"$CLOCKRING" run --virtual --quiet --out "$T/a" $args || fail "run $args exited $?"
	# shellcheck disable=SC2086
	"$CLOCKRING" run --virtual --quiet --out "$T/b" $args || fail "again: exited $?"
	diff -r "$T/a" "$T/b" >/dev/null || fail "run --virtual $args: two runs differ"
	[ "$(meta "$T/a" mode)" = virtual ] || fail "run.meta: mode not virtual"
	[ "$(meta "$T/a" start_wall_ns)" = 0 ] || fail "start_wall_ns is not 0"
	check_ok "$T/a"
	rm -rf "$T/a" "$T/b"
done

# Faults do what they say in model time, and check holds every run to its rules.
run_v() {	# run_v WANT_EXIT NAME ARGS...
	want=$1 name=$2
	shift 2
	expect_exit "$want" "$CLOCKRING" run --virtual --quiet --out "$T/$name" "$@"
	check_ok "$T/$name"
}
run_v 0 cont --vms 4 --seed 3 --fault kill:2@20 --on-failure continue
[ "$(meta "$T/cont" vm2.exit)" = killed ] || fail "kill:2@20 did not kill vm2"
[ "$(meta "$T/cont" status)" = complete ] || fail "continue: not complete"
# The killed VM's last line is before 20 model s; its neighbours log it down.
last=$(tail -n 1 "$T/cont/vm2.csv" | cut -d, -f4)
[ "$last" -lt 20000000000 ] || fail "vm2 logged at $last ns, after its kill"
for w in 1 3; do
	grep -q "^$w,[0-9]*,PEER_DOWN,[0-9]*,[0-9]*,[0-9]*,2,," "$T/cont/vm$w.csv" ||
		fail "vm$w did not log vm2 down"
done
run_v 1 stop --vms 4 --seed 3 --fault kill:2@20
[ "$(meta "$T/stop" status)" = failed ] || fail "stop: not failed"
[ "$(meta "$T/stop" failed_vm)" = 2 ] || fail "stop: failed_vm not 2"
# Every other VM stopped at the kill: no line after 20 model s.
awk -F, 'FNR > 1 && $4 > 20000000000 { exit 1 }' "$T"/stop/vm*.csv ||
	fail "a VM went on after the kill under stop"
run_v 0 pause --vms 3 --seed 4 --rates 2,2,2 --fault pause:1@10+5
# VM 1 did nothing in [10, 15), then did its 10 overdue ticks and the one
# due at 15 s back to back, 1 us apart.
awk -F, 'FNR > 1 && $4 >= 10000000000 && $4 < 15000000000 { exit 1 }' \
    "$T/pause/vm1.csv" || fail "vm1 ticked while paused"
caught=$(awk -F, 'FNR > 1 && $4 >= 15000000000 && $4 <= 15000010000' "$T/pause/vm1.csv" | wc -l)
[ "$caught" -eq 11 ] || fail "vm1 caught up $caught ticks at 15 s, not 11"
run_v 0 slow --vms 3 --seed 5 --fault 'slow:0->1@5+20:500ms'
# Messages across a partition that arrive while it stands wait for it to
# heal: vm2 takes none of vm1's sent in [10, 30) s before 30 s.
run_v 0 part --vms 4 --seed 8 --rates 5,5,5,5 --fault 'partition:0-1|2-3@10+20'
awk -F, 'FNR == NR && $3 == "SEND" { sent[$2] = $4; next }
	$3 == "RECV" && $7 == 1 && sent[$8] >= 10e9 && sent[$8] < 30e9 &&
	    $4 < 30e9 { bad++ }
	$3 == "RECV" && $7 == 1 && sent[$8] >= 10e9 && sent[$8] < 30e9 { held++ }
	END { exit !(held > 0 && bad == 0) }' "$T/part/vm1.csv" "$T/part/vm2.csv" ||
	fail "partition: vm2 took a message from vm1 across it, or none held"
run_v 0 lat --vms 5 --seed 6 --latency 20:40
[ "$(meta "$T/lat" latency_max_ms)" = 40 ] || fail "latency_max_ms not 40"

# Options without meaning in model time are refused, in one line.
for opt in "--speed 2" "--bind 127.0.0.1" "--base-port 7000" "--connect-timeout 3"; do
	# shellcheck disable=SC2086
	bad "no meaning with --virtual" --virtual $opt
done
bad "MAX is below MIN" --latency 5:2
bad "expected MIN or MIN:MAX" --latency 1e3

# An experiment in virtual time runs, is analyzed, and a rerun keeps it.
mkdir "$T/exp"
printf 'title = V\ndescription = virtual\nmode = virtual\nrepeat = 3\nduration = 30\n' \
    >"$T/exp/v.exp"
"$CLOCKRING" experiments --out "$T/res" "$T/exp/v.exp" >"$T/s1" 2>&1 ||
	{ cat "$T/s1"; fail "virtual experiment exited $?"; }
for r in 1 2 3; do
	[ "$(meta "$T/res/v/$r" mode)" = virtual ] || fail "repeat $r not virtual"
	[ -f "$T/res/v/$r/analysis/summary.csv" ] || fail "repeat $r not analyzed"
done
"$CLOCKRING" experiments --out "$T/res" "$T/exp/v.exp" >"$T/s2" 2>&1 ||
	{ cat "$T/s2"; fail "rerun exited $?"; }
grep -q "0 runs to do (3 already done)" "$T/s2" || { cat "$T/s2"; fail "rerun redid runs"; }
echo ok
