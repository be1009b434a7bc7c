#!/bin/sh
# tools/bench.sh -- `make bench`: how fast can a run go and still keep time?
#
# Runs 3 VMs at rate 6 (the default maximum) for 60 model seconds at rising
# --speed, and reports for each what `clockring check` measured: whether the
# run passed, the worst VM's fitted tick-spacing error and lateness. Timing
# depends on the machine and its load: compare figures from one run only.
set -u
bin=$1
out=$(mktemp -d "${TMPDIR:-/tmp}/clockring-bench.XXXXXX")
printf '%8s %8s %8s %14s %12s\n' speed ticks/s check "spacing error" "max late"
for speed in 10 100 300 1000 1500 2000 3000 10000; do
	dir="$out/s$speed"
	# run fails when check does: the check below says why
	"$bin" run --quiet --vms 3 --rates 6,6,6 --duration 60 --speed "$speed" \
	    --seed 1 --out "$dir" 2>/dev/null
	"$bin" check "$dir" >"$dir.check" 2>&1 && verdict=pass || verdict=FAIL
	# The worst VM: largest |spacing error|, then largest lateness.
	# (a passing VM says "spacing error E%", a failing one "(E%, jitter")
	worst_err=$(grep -o -e 'spacing error [-0-9.]*%' -e '([-+0-9.]*%, jitter' \
	    "$dir.check" | grep -o '[-+0-9.]*%' |
	    awk '{v=$1; sub("%","",v); v+=0; a=v<0?-v:v; if (a>=m) {m=a; w=$1}} END {print w}')
	worst_late=$(grep -o 'max lateness [0-9.]* ms' "$dir.check" |
	    awk '{if ($3>m) m=$3} END {print m ? m " ms" : "-"}')
	printf '%8s %8s %8s %14s %12s\n' "$speed" "$((6 * speed))" "$verdict" \
	    "${worst_err:-?}" "$worst_late"
done
rm -rf "$out"
