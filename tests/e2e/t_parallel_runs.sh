# tests/e2e/t_parallel_runs.sh -- several runs on one machine at once, ephemeral ports
. "$(dirname "$0")/lib.sh"

for i in 1 2 3 4 5 6; do
	"$CLOCKRING" run --quiet --vms 4 --rate-min 4 --duration 10 --speed 10 --seed "$i" \
	    --out "$T/r$i" >"$T/r$i.out" 2>&1 &
done
wait
for i in 1 2 3 4 5 6; do
	[ "$(meta "$T/r$i" status)" = complete ] ||
		{ cat "$T/r$i.out"; fail "run $i did not complete"; }
	check_ok "$T/r$i"
done
# Distinct runs have distinct run ids: no VM can join another run's ring.
ids=$(for i in 1 2 3 4 5 6; do meta "$T/r$i" run_id; done | sort -u | wc -l)
[ "$ids" -eq 6 ] || fail "run ids not unique"
echo ok
