# tests/e2e/t_resources.sh -- no descriptor or thread more than the design needs
. "$(dirname "$0")/lib.sh"

# sockets PID / others PID: descriptors of a process, by kind.
sockets() { ls -l "/proc/$1/fd" | grep -c 'socket:'; }
others() { ls -l "/proc/$1/fd" | tail -n +2 | grep -vc 'socket:'; }
threads() { ls "/proc/$1/task" | wc -l; }
readers() { cat /proc/"$1"/task/*/comm | grep -c '^cr-reader$'; }

# expect N LINK_SOCKETS: a live run of N VMs holds exactly what it needs.
expect() {
	"$CLOCKRING" run --quiet --vms "$1" --duration 600 --rates "$3" \
	    --out "$T/n$1" &
	pid=$!
	sleep 1.5
	# The orchestrator: one control socket per VM, and one thread.
	[ "$(sockets "$pid")" -eq "$1" ] || fail "N=$1: orchestrator has $(sockets "$pid") sockets"
	[ "$(threads "$pid")" -eq 1 ] || fail "N=$1: orchestrator threads"
	base=$(others "$pid")	# what everyone inherited from this shell
	for vm in $(pgrep -P "$pid"); do
		# A VM: its links and its control socket, its log, and one
		# reader thread per link; nothing else.
		[ "$(sockets "$vm")" -eq $(($2 + 1)) ] ||
			fail "N=$1: VM $vm has $(sockets "$vm") sockets, not $(($2 + 1))"
		[ "$(others "$vm")" -eq $((base + 1)) ] ||
			fail "N=$1: VM $vm has other descriptors: $(ls -l /proc/$vm/fd)"
		# (ThreadSanitizer adds threads of its own: count ours by name)
		[ "$(readers "$vm")" -eq "$2" ] ||
			fail "N=$1: VM $vm has $(readers "$vm") reader threads, not $2"
	done
	kill -INT "$pid"
	wait "$pid"
	no_survivors "$T/n$1"
}
expect 2 1 10,10
expect 4 2 10,10,10,10
echo ok
