# tests/e2e/t_seed_replays_choices.sh -- a seed fixes the rates; it is recorded
. "$(dirname "$0")/lib.sh"

run_ok "$T/a" --vms 5 --duration 2 --speed 20 --seed 42
run_ok "$T/b" --vms 5 --duration 2 --speed 20 --seed 42
run_ok "$T/c" --vms 5 --duration 2 --speed 20 --seed 43
rates() { grep '^vm[0-9]*\.rate=' "$1/run.meta"; }
[ "$(meta "$T/a" seed)" = 42 ] || fail "seed not recorded"
[ "$(rates "$T/a")" = "$(rates "$T/b")" ] || fail "same seed, other rates"
# Seeds 42 and 43 are known to draw different rates (6^-5 odds otherwise).
[ "$(rates "$T/a")" != "$(rates "$T/c")" ] || fail "other seed, same rates"
# Without --seed, one is drawn, printed and recorded.
"$CLOCKRING" run --vms 2 --duration 1 --speed 20 --out "$T/d" >"$T/d.out" ||
	fail "run without a seed"
seed=$(meta "$T/d" seed)
grep -q "seed $seed" "$T/d.out" || fail "drawn seed $seed not printed"
echo ok
