# tests/e2e/t_seed_replays_choices.sh -- a seed fixes the rates; it is recorded
. "$(dirname "$0")/lib.sh"

run_ok "$T/a" --vms 5 --rate-min 3 --duration 10 --speed 10 --seed 42
run_ok "$T/b" --vms 5 --rate-min 3 --duration 10 --speed 10 --seed 42
run_ok "$T/c" --vms 5 --rate-min 3 --duration 10 --speed 10 --seed 43
rates() { grep '^vm[0-9]*\.rate=' "$1/run.meta"; }
[ "$(meta "$T/a" seed)" = 42 ] || fail "seed not recorded"
[ "$(rates "$T/a")" = "$(rates "$T/b")" ] || fail "same seed, other rates"
# Seeds 42 and 43 are known to draw different rates (4^-5 odds otherwise).
[ "$(rates "$T/a")" != "$(rates "$T/c")" ] || fail "other seed, same rates"
# Without --seed, one is drawn, printed and recorded.
"$CLOCKRING" run --vms 2 --duration 1 --speed 1 --out "$T/d" >"$T/d.out" ||
	fail "run without a seed"
seed=$(meta "$T/d" seed)
grep -q "seed $seed" "$T/d.out" || fail "drawn seed $seed not printed"
# --rates replaces the draw, whatever the seed, and sets the recorded range.
run_ok "$T/e" --vms 2 --rates 5,3 --duration 10 --speed 10 --seed 42
[ "$(meta "$T/e" vm0.rate),$(meta "$T/e" vm1.rate)" = 5,3 ] || fail "--rates not used"
[ "$(meta "$T/e" rate_min)-$(meta "$T/e" rate_max)" = 3-5 ] || fail "range of --rates"
echo ok
