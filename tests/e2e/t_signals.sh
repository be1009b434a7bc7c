# tests/e2e/t_signals.sh -- SIGINT/SIGTERM stop a run fast, logs flushed and exact
. "$(dirname "$0")/lib.sh"

# interrupt SIG CODE: stop a long real-time run and expect exit CODE.
interrupt() {
	dir="$T/$1"
	"$CLOCKRING" run --quiet --vms 4 --duration 600 --rates 20,20,20,20 \
	    --out "$dir" 2>"$dir.err" &
	pid=$!
	sleep 1.5
	kill -"$1" "$pid"
	t0=$(date +%s%N)
	wait "$pid"
	got=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$got" -eq "$2" ] || { cat "$dir.err"; fail "SIG$1: exit $got, not $2"; }
	[ "$ms" -lt 1500 ] || fail "SIG$1: took $ms ms to stop"
	[ "$(meta "$dir" status)" = interrupted ] || fail "SIG$1: status not interrupted"
	# Every VM logged its ticks so far: 20 per second for about 1.5 s.
	for i in 0 1 2 3; do
		lines=$(wc -l <"$dir/vm$i.csv")
		[ "$lines" -ge 20 ] || fail "SIG$1: vm$i.csv has $lines lines"
	done
	# The shutdown is exact even when interrupted: check passes.
	check_ok "$dir"
	no_survivors "$dir"
	echo "SIG$1 stopped the run in $ms ms"
}
interrupt INT 130
interrupt TERM 143
