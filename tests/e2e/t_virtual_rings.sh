# tests/e2e/t_virtual_rings.sh -- virtual rings of every size, with and without faults, pass check; a damaged one fails
. "$(dirname "$0")/lib.sh"

# Rings of 2, 3 and 8 at fast rates: some ten thousand events each.
for n in 2 3 8; do
	"$CLOCKRING" run --virtual --quiet --out "$T/r$n" --vms "$n" --seed "$n" \
	    --rate-min 20 --rate-max 60 --duration 60 || fail "--vms $n exited $?"
	check_ok "$T/r$n"
	grep -q ',RECV,' "$T/r$n/vm1.csv" || fail "vms $n: vm1 received nothing"
	echo "vms $n: $(head -n 1 "$T/check.out")"
done

# Faults too: a kill, a pause, a slow link; every ring size from 2.
for n in 2 3 5; do
	"$CLOCKRING" run --virtual --quiet --out "$T/f$n" --vms "$n" --seed "$n" \
	    --rate-min 20 --rate-max 60 --on-failure continue \
	    --fault kill:1@30 --fault pause:0@10+5 --fault "slow:0->1@3+10:300ms" ||
		fail "--vms $n with faults exited $?"
	check_ok "$T/f$n"
	grep -q ',PEER_DOWN,' "$T/f$n/vm0.csv" || fail "vms $n: vm0 did not find vm1 down"
	echo "vms $n, faults: $(head -n 1 "$T/check.out")"
done

# A received message removed: vm1's first RECV line goes.
sed -i '0,/,RECV,/{/,RECV,/d}' "$T/r3/vm1.csv"
expect_exit 1 "$CLOCKRING" check "$T/r3"
grep -q 'vm1.csv:[0-9]*: seq-gap:' "$T/out" || { cat "$T/out"; fail "no seq-gap"; }
grep -q 'lost:' "$T/out" || { cat "$T/out"; fail "the removed RECV was not lost"; }
echo "a RECV line removed: caught"
