# tests/e2e/t_fault_options.sh -- a bad --fault or --on-failure: one line, exit 2, nothing started
. "$(dirname "$0")/lib.sh"

bad "--fault 'boom': expected kill:V@T" --fault boom
bad "--fault '': expected" --fault ''
bad "--fault: missing value" --fault
bad "--fault 'kill:1@': expected" --fault kill:1@
bad "--fault 'pause:1@5': expected" --fault pause:1@5
bad "--fault 'slow:0->1@1+2:200': DELAY '200' needs its unit right after the number, ms or s" \
    --fault 'slow:0->1@1+2:200'
bad "--fault 'slow:0->1@1+2:2h': DELAY '2h' needs its unit" --fault 'slow:0->1@1+2:2h'
bad "--fault 'kill:1@0x10': expected" --fault kill:1@0x10
bad "--fault 'pause:0@1+0': the duration after + must be above 0" --fault pause:0@1+0
bad "--fault 'kill:9@3': no vm 9 in a ring of 3" --fault kill:9@3
bad "--fault 'kill:3@1': no vm 3 in a ring of 3" --fault kill:1@2 --fault kill:3@1
bad "--fault 'kill:1@20': starts at or after the end of the run (--duration 10)" \
    --fault kill:1@20 --duration 10
bad "--fault 'pause:1@8+5': the pause goes past the end" --duration 10 --fault pause:1@8+5
bad "--fault 'slow:0->2@1+1:5ms': vm 0 and vm 2 are not ring neighbours" \
    --vms 4 --fault 'slow:0->2@1+1:5ms'
# Options are judged together, whatever their order: a fault named before
# --vms fits the ring that --vms makes.
bad "--fault 'kill:4@1': no vm 4 in a ring of 4" --vms 5 --fault kill:4@1 --vms 4
too_many=""
for i in $(seq 17); do too_many="$too_many --fault kill:1@$i"; done
# shellcheck disable=SC2086
bad "--fault: at most 16" $too_many
bad "--on-failure 'maybe': must be stop or continue" --on-failure maybe
bad "--on-failure: missing value" --on-failure
bad "--on-failure 'Stop'" --on-failure=Stop

# A fault spec in run.meta reads back as given: not kill:1@1e-05.
run_ok "$T/tiny" --vms 3 --duration 2 --speed 10 --fault kill:1@0.00001 --on-failure continue
[ "$(meta "$T/tiny" fault0)" = "kill:1@0.00001" ] || fail "fault0=$(meta "$T/tiny" fault0)"

# `clockring vm` takes slow faults only; kill and pause are run's signals.
vm() {
	expect_exit 2 "$CLOCKRING" vm --id 0 --vms 2 --run-id 0123456789abcdef0123456789abcdef \
	    --listen 127.0.0.1:1 --next 127.0.0.1:1 --log "$T/vm.csv" "$@"
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "vm $*: not one line"; }
	[ ! -e "$T/vm.csv" ] || fail "vm $*: created its log"
}
vm --fault kill:1@2
grep -qF -- "--fault 'kill:1@2': only slow links and partitions" "$T/err" || { cat "$T/err"; fail "vm kill"; }
vm --on-failure never
grep -qF -- "--on-failure 'never'" "$T/err" || { cat "$T/err"; fail "vm --on-failure"; }
echo ok
