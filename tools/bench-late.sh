#!/bin/sh
# tools/bench-late.sh -- `make bench`: tick lateness at 6 and at 1000 ticks a second beside bare clock_nanosleep
#
# usage: tools/bench-late.sh CLOCKRING TOOLS_DIR   (rows to $BENCH_ROWS)
# A real run of 3 VMs at one rate and speed 1 (20 s at 6 ticks/s, 5 s at
# 1000; QUICK: 3 s and 1 s); each tick's lateness is its logged wall_ns
# minus its deadline, start_wall_ns + k / (rate * speed), as `clockring check`
# measures it (PENDING, DROP, LOSS and PEER_DOWN lines are no ticks).
# Beside it, at the same time so that the machine's load falls on both,
# 3 sleeplate processes (tests/tools/sleeplate.c), as many ticks each:
# bare clock_nanosleep to deadlines at the same rate. Median, p99 and max
# of all ticks. Target (issue 14): p99 within 1.2x of the baseline.
set -u
bin=$1
tools=$2
# shellcheck source=tools/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_tmp
if [ "${QUICK:-0}" = 1 ]; then d6=3 d1000=1; else d6=20 d1000=5; fi

# lateness DIR: each tick's lateness in ns, one a line. The 19-digit
# times are cut in two so that awk's doubles keep every nanosecond.
lateness() {
	s=$(sed -n 's/^start_wall_ns=//p' "$1/run.meta")
	x=$(sed -n 's/^speed=//p' "$1/run.meta")
	awk -F= '/^vm[0-9]*\.rate=/ { sub("vm", "", $1); sub(".rate", "", $1)
	    printf "%s=%s\n", $1, $2 }' "$1/run.meta" >"$tmp/rates"
	awk -F, -v s="$s" -v x="$x" 'NR == FNR { split($0, r, "="); rate[r[1]] = r[2]; next }
	    FNR == 1 { k = 0; next }
	    $3 == "PENDING" || $3 == "DROP" || $3 == "LOSS" || $3 == "PEER_DOWN" { next }
	    { w = $4; d = (substr(w, 10) - substr(s, 10))
	      d += (substr(w, 1, 9) - substr(s, 1, 9)) * 1e10
	      print d - k++ * 1e9 / (rate[$1] * x) }' "$tmp/rates" "$1"/vm*.csv
}

# rows RATE TICKFILE BASEFILE: median, p99 and max, in us
rows() {
	for p in 50 99 100; do
		c=$(pct "$p" <"$2") b=$(pct "$p" <"$3")
		case $p in 50) what=median t=- ;; 99) what=p99 t="<= 1.2" ;;
		    *) what=max t=- ;; esac
		row "tick lateness at $1 ticks/s, $what: us" "$(fmt "$c" 1000 0)" \
		    "$(fmt "$b" 1000 0) (sleeplate x3)" "$(ratio "$c" "$b")" "$t"
	done
}

for point in "6 $d6" "1000 $d1000"; do
	# shellcheck disable=SC2086 # two words
	set -- $point
	say "tick lateness at $1 ticks/s, $2 s"
	for i in 1 2 3; do
		"$tools/sleeplate" "$1" $(($1 * $2)) >"$tmp/base$1.$i" &
	done
	"$bin" run --quiet --no-check --vms 3 --rates "$1,$1,$1" --duration "$2" \
	    --seed 1 --out "$tmp/run$1" 2>"$tmp/err"
	st=$?
	wait
	if [ "$st" -ne 0 ]; then
		unmeasured "tick lateness at $1 ticks/s" "$(head -n 1 "$tmp/err")" \
		    "<= 1.2"
		continue
	fi
	lateness "$tmp/run$1" >"$tmp/late$1"
	cat "$tmp/base$1".* >"$tmp/base$1"
	rows "$1" "$tmp/late$1" "$tmp/base$1"
done
