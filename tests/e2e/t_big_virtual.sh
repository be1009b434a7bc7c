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

# Full logs of a ring bigger than the open files allowed: a bounded set
# of them open at once (sim/vlogs.c), the lines those of the summary run.
( ulimit -n 600 && "$CLOCKRING" run --quiet --virtual --vms 2000 --duration 3 \
	--seed 9 --out "$T/full" ) || fail "full logs of 2000 VMs under 600 files"
[ "$(ls "$T/full" | grep -c '^vm[0-9]*\.csv$')" -eq 2000 ] || fail "not 2000 logs"
expect_exit 2 "$CLOCKRING" check "$T/full"
grep -q "2000 VMs with full logs: the logs of rings up to 256 VMs are read" \
	"$T/err" || { cat "$T/err"; fail "check of 2000 full logs"; }
"$CLOCKRING" run --quiet --virtual --vms 2000 --duration 3 --seed 9 \
	--log summary --out "$T/sum" || fail "summary of 2000"
awk -F, 'FNR == 1 { next }
	$3 == "INTERNAL" { i[$1]++ } $3 == "SEND" { s[$1]++ } $3 == "RECV" { r[$1]++ }
	{ c[$1] = $5 }
	END { for (v = 0; v < 2000; v++)
		print v "," i[v] + s[v] + r[v] "," i[v] + 0 "," s[v] + 0 "," r[v] + 0 }' \
	"$T/full"/vm[0-9]*.csv >"$T/counts"
awk -F, 'NR > 1 { print $1 "," $3 "," $4 "," $5 "," $6 }' "$T/sum/vms.csv" |
	cmp - "$T/counts" || fail "the logs of 2000 VMs and their summary differ"

bad "--vms '0': must be from 2 to 1048576" --virtual --vms 0
bad "--vms '1048577': must be from 2 to 1048576" --virtual --vms 1048577
bad "--vms '300': at most 256 in real time" --vms 300
bad "--log 'bogus': must be full, summary or off" --virtual --log bogus
bad "--log summary: only with --virtual" --log summary
bad "--log off: only with --virtual" --log off
bad "--vector: at most 256 VMs" --virtual --vms 300 --vector
bad "--live: at most 256 VMs" --virtual --vms 300 --live
exit 0
