# tests/e2e/t_interrupt_at_start.sh -- Ctrl-C while the ring is still linking stops the run at once, and check passes
. "$(dirname "$0")/lib.sh"

# Runs interrupted as soon as their run.meta appears: most while their VMs
# link up or wait for the start, when a VM may have said it is ready just
# as the start is given up. Every run must still end in moments, as
# interrupted, and its logs (no tick at all, if it never started) pass check.
# one I: run I, interrupted at once; its exit status and time in $T/rcI.
one() {
	dir="$T/r$1"
	"$CLOCKRING" run --quiet --vms 8 --duration 600 --out "$dir" \
	    2>"$dir.err" &
	pid=$!
	while [ ! -e "$dir/run.meta" ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.01
	done
	kill -INT "$pid"
	t0=$(date +%s%N)
	wait "$pid"
	echo "$? $((($(date +%s%N) - t0) / 1000000))" >"$T/rc$1"
}
export -f one
export T CLOCKRING
seq 24 | xargs -P 12 -I{} bash -c 'one {}'

unstarted=0
for i in $(seq 24); do
	read -r rc ms <"$T/rc$i"
	[ "$rc" -eq 130 ] || { cat "$T/r$i.err"; fail "run $i: exit $rc, not 130"; }
	# At worst the orchestrator kills a VM 5 s after its SIGTERM (under
	# ThreadSanitizer a VM now and then never sees that signal); a run
	# must never wait longer, as it once did, for ever.
	[ "$ms" -lt 8000 ] || fail "run $i: took $ms ms to stop"
	[ "$(meta "$T/r$i" status)" = interrupted ] || fail "run $i: not interrupted"
	check_ok "$T/r$i"
	[ "$(meta "$T/r$i" start_wall_ns)" = 0 ] && unstarted=$((unstarted + 1))
done
no_survivors "$T"
echo "24 runs interrupted at their start, $unstarted before it; all passed check"
echo ok
