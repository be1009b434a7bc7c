# tests/e2e/t_big_ring.sh -- the largest ring, 256 processes, completes and checks
. "$(dirname "$0")/lib.sh"

# Slow clocks (1-2 ticks a model second), 256 processes on two cores. Under
# ThreadSanitizer (E2E_SAN=thread, from make tsan) each process is so heavy
# that 256 of them waking for tick 0 together start it most of a second
# late, which check rightly calls bad timing: there the ring has 64.
n=256
[ "${E2E_SAN:-}" = thread ] && n=64
run_ok "$T/r" --vms "$n" --duration 30 --speed 10 --rate-max 2
[ "$(ls "$T/r"/vm*.csv | wc -l)" -eq "$n" ] || fail "not $n logs"
no_survivors "$T/r"

# A low soft limit on open files is raised as needed (the run needs 2n+64);
# a hard one too low for 256 VMs is refused in one line, before anything
# starts.
(ulimit -Sn $((n + 44)) && "$CLOCKRING" run --quiet --vms "$n" --duration 30 \
    --speed 10 --rate-max 2 --out "$T/soft") ||
	fail "a soft open-file limit of $((n + 44)) was not raised"
(ulimit -n 300 && "$CLOCKRING" run --quiet --vms 256 --duration 2 \
    --out "$T/hard" 2>"$T/err"; echo $? >"$T/rc")
[ "$(cat "$T/rc")" = 2 ] || fail "hard limit: exit $(cat "$T/rc"), not 2"
grep -q "needs 576 open files" "$T/err" || { cat "$T/err"; fail "no limit message"; }
[ ! -e "$T/hard" ] || fail "a refused run left a directory"
echo ok
