# tests/e2e/t_two_vms_share_one_link.sh -- N=2: every send goes to the one peer
. "$(dirname "$0")/lib.sh"

# draw-max 3: every idle tick sends, and "both" must be one message.
run_ok "$T/r" --vms 2 --duration 30 --speed 20 --draw-max 3 --seed 7
grep -q ',SEND,' "$T/r/vm0.csv" || fail "no SEND at all"
if grep -q ',SEND,[0-9]*,[0-9]*,[0-9]*,[0-9]*|' "$T/r/vm0.csv" "$T/r/vm1.csv"; then
	fail "a SEND with two destinations in a ring of two"
fi
grep -q ',INTERNAL,' "$T/r/vm0.csv" "$T/r/vm1.csv" &&
	fail "draw-max 3 leaves no room for internal events"
echo ok
