# tests/e2e/t_big_ring.sh -- the largest ring, 256 processes, completes and checks
. "$(dirname "$0")/lib.sh"

run_ok "$T/r" --vms 256 --duration 30 --speed 10
[ "$(ls "$T/r"/vm*.csv | wc -l)" -eq 256 ] || fail "not 256 logs"
no_survivors "$T/r"
echo ok
