# tests/e2e/t_ring_sizes.sh -- rings of 2, 3, 8 and 32 VMs, at once, all pass check
. "$(dirname "$0")/lib.sh"

for n in 2 3 8 32; do
	"$CLOCKRING" run --quiet --vms "$n" --duration 30 --speed 20 \
	    --out "$T/n$n" >"$T/n$n.out" 2>&1 &
done
status=0
wait || status=$?	# waits for all; the per-run checks below say which
for n in 2 3 8 32; do
	[ "$(meta "$T/n$n" status)" = complete ] ||
		{ cat "$T/n$n.out"; fail "N=$n: status $(meta "$T/n$n" status)"; }
	[ "$(meta "$T/n$n" vms)" = "$n" ] || fail "N=$n: vms in run.meta"
	[ -f "$T/n$n/vm$((n - 1)).csv" ] || fail "N=$n: no log of the last VM"
	check_ok "$T/n$n"
done
echo "all ring sizes complete and consistent (wait status $status)"
