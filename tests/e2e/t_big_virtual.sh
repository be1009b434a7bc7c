# tests/e2e/t_big_virtual.sh -- a virtual ring of 100,000 VMs with the summary log passes check; a logless run too; ring sizes and log levels out of place are refused
. "$(dirname "$0")/lib.sh"

# Short, to keep `make check` quick: a million VMs is for make bench.
run_ok "$T/big" --virtual --vms 100000 --duration 0.5 --seed 7 --log summary
[ "$(meta "$T/big" vms)" = 100000 ] || fail "vms= not recorded"
grep -q '^vm0\.' "$T/big/run.meta" && fail "a big ring's run.meta lists its VMs"
[ "$(wc -l <"$T/big/vms.csv")" -eq 100001 ] || fail "vms.csv: not a row per VM"
[ "$(wc -l <"$T/big/series.csv")" -eq 1002 ] || fail "series.csv: not 1001 rows"
# Every VM ticked at 0, and the last row is at the end, all alive.
tail -1 "$T/big/series.csv" | grep -q '^0\.500000,100000,' ||
	fail "series.csv: the end row"
grep -q "check: OK" "$T/check.out" || fail "check: no OK"

# --log off: run.meta alone, and check says so.
run_ok "$T/off" --virtual --vms 20000 --duration 1 --log off
[ "$(ls "$T/off")" = run.meta ] || { ls "$T/off"; fail "--log off wrote more"; }
grep -q "(--log off): verified run.meta" "$T/check.out" || fail "check of off"

bad "--vms '0': must be from 2 to 1048576" --virtual --vms 0
bad "--vms '1048577': must be from 2 to 1048576" --virtual --vms 1048577
bad "--vms '300': at most 256 in real time" --vms 300
bad "--log 'bogus': must be full, summary or off" --virtual --log bogus
bad "--log summary: only with --virtual" --log summary
bad "--log off: only with --virtual" --log off
bad "--vector: at most 256 VMs" --virtual --vms 300 --vector
bad "--live: at most 256 VMs" --virtual --vms 300 --live
exit 0
