# tests/e2e/t_too_fast.sh -- a --speed no machine keeps up with fails, and says why
. "$(dirname "$0")/lib.sh"

# 600 000 ticks a second per VM: every tick is late, the run exits 1 and
# shows the tick-spacing violations its own check found. The logs are
# still exact: only timing is broken.
expect_exit 1 "$CLOCKRING" run --quiet --rates 6,6,6 --speed 100000 --out "$T/r"
grep -q "tick-spacing" "$T/err" || { cat "$T/err"; fail "no tick-spacing violation"; }
grep -q "is --speed too high" "$T/err" || fail "no hint at the speed"
[ "$(meta "$T/r" status)" = complete ] || fail "the run itself completed"
expect_exit 1 "$CLOCKRING" check "$T/r"
if grep -v tick-spacing "$T/out" | grep -q '^/'; then
	fail "violations other than tick timing"
fi
echo ok
