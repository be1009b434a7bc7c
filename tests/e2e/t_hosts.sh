# tests/e2e/t_hosts.sh -- a ring across machines: VMs on 127.0.0.2..4 started apart from `run --print-commands`, merged, checked
. "$(dirname "$0")/lib.sh"

# Three loopback addresses stand for three machines: each VM runs as its
# own process in its own directory, started from the line printed for it.
hosts=127.0.0.2,127.0.0.3,127.0.0.4
plan() {	# plan FILE ARGS...: the commands of a 3-VM ring into FILE
	out=$1
	shift
	(cd "$T" && "$CLOCKRING" run --print-commands --vms 3 --duration 4 \
	    --speed 4 --seed 11 --base-port "$(free_port)" --connect-timeout 20 \
	    --hosts "$hosts" "$@") >"$out" 2>"$T/plan.err" ||
		{ cat "$T/plan.err"; fail "run --print-commands $*"; }
}
start() {	# start DIR LINE: run LINE (a printed command) in DIR, in the background
	mkdir -p "$1"
	(cd "$1" && eval "$2 >out 2>err &" && echo $! >pid && wait $! ; echo $? >status) &
}
line() { sed -n "$(($2 + 1))p" "$1"; }

plan "$T/ring.cmds"
[ "$(wc -l <"$T/ring.cmds")" -eq 3 ] || { cat "$T/ring.cmds"; fail "not one line per VM"; }
[ "$(ls "$T")" = "$(printf 'plan.err\nring.cmds')" ] || { ls "$T"; fail "--print-commands wrote a file"; }
for i in 0 1 2; do
	l=$(line "$T/ring.cmds" $i)
	case $l in
	"$CLOCKRING vm --id $i "*"--listen 127.0.0.$((i + 2)):"*) ;;
	*) fail "line $i: $l" ;;
	esac
done
ids=$(grep -o -- '--run-id [0-9a-f]*' "$T/ring.cmds" | sort -u)
[ "$(echo "$ids" | wc -l)" -eq 1 ] || fail "the VMs have different run ids: $ids"
plan "$T/again.cmds"
grep -qF -- "$ids" "$T/again.cmds" && fail "the run id is not fresh each time"

# The VMs come up one by one, as people start them; none ticks before all
# are linked, each says what it does, and all end well.
for i in 0 1 2; do
	start "$T/host$i" "$(line "$T/ring.cmds" $i)"
	sleep 0.5
done
wait
for i in 0 1 2; do
	[ "$(cat "$T/host$i/status")" = 0 ] || { cat "$T/host$i/err"; fail "vm$i exited $(cat "$T/host$i/status")"; }
	[ -s "$T/host$i/vm$i.csv" ] && [ -s "$T/host$i/vm$i.meta" ] || fail "vm$i: no log or part"
	grep -q "^clockring: vm $i: listening on 127.0.0.$((i + 2)):" "$T/host$i/err" ||
		{ cat "$T/host$i/err"; fail "vm$i does not say where it listens"; }
	grep -q "^clockring: vm $i: linked: next vm$(((i + 1) % 3)) at 127.0.0.$(((i + 1) % 3 + 2)):" "$T/host$i/err" ||
		{ cat "$T/host$i/err"; fail "vm$i does not say to whom it linked"; }
	grep -q "clockring merge .* --out " "$T/host$i/err" ||
		{ cat "$T/host$i/err"; fail "vm$i does not say how to check the run"; }
done
# No VM ticked before the last one was linked: every first tick comes
# after every VM's link line would allow, i.e. all start together.
firsts=$(for i in 0 1 2; do sed -n 2p "$T/host$i/vm$i.csv" | cut -d, -f4; done | sort -n)
spread=$(( $(echo "$firsts" | tail -1) - $(echo "$firsts" | head -1) ))
[ "$spread" -lt 50000000 ] || fail "the first ticks are $spread ns apart: no common start"

expect_exit 0 "$CLOCKRING" merge "$T/host0" "$T/host1" "$T/host2" --out "$T/run"
check_ok "$T/run"
# A ring of 3 keeps vector clocks, every VM told so by its line.
[ "$(grep -c -- ' --vector ' "$T/ring.cmds")" = 3 ] || fail "the lines do not all say --vector"
[ "$(meta "$T/run" vector)" = 1 ] || fail "merged run.meta: vector is not 1"
head -n 1 "$T/run/vm0.csv" | grep -q ',vector$' || fail "vm0.csv has no vector column"
grep -q '^vm2.next_offset_ns=-\{0,1\}[0-9]' "$T/run/run.meta" || fail "no offsets recorded"
"$CLOCKRING" analyze --no-plots --quiet "$T/run" || fail "analyze the merged run"
[ -s "$T/run/analysis/summary.csv" ] || fail "analyze wrote no summary"

# Another machine's clock: vm2's runs 0.5 s ahead. Its log says so, and so
# do the offsets measured (vm1 sees vm2 0.5 s ahead, vm2 sees vm0 0.5 s
# behind). Read in VM 0's clock, the run is the same: it passes check and
# every message takes as long as before; with the offsets left out, the
# messages to and from vm2 are 0.5 s off.
delays() { cut -d, -f27 "$1/analysis/summary.csv" | tail -n +2 | tr '\n' ' '; }
skew() {	# skew DIR: the run with vm2's clock 0.5 s ahead, offsets as measured
	mkdir "$1"
	cp "$T/run/vm0.csv" "$T/run/vm1.csv" "$T/run/run.meta" "$1"
	{ IFS= read -r header; echo "$header"
	  while IFS=, read -r vm seq ev wall rest; do
		echo "$vm,$seq,$ev,$((wall + 500000000)),$rest"
	  done; } <"$T/run/vm2.csv" >"$1/vm2.csv"
}
skew "$T/skew"
o1=$(sed -n 's/^vm1.next_offset_ns=//p' "$T/run/run.meta")
o2=$(sed -n 's/^vm2.next_offset_ns=//p' "$T/run/run.meta")
sed -i -e "s/^vm1.next_offset_ns=.*/vm1.next_offset_ns=$((o1 + 500000000))/" \
    -e "s/^vm2.next_offset_ns=.*/vm2.next_offset_ns=$((o2 - 500000000))/" "$T/skew/run.meta"
check_ok "$T/skew"
"$CLOCKRING" analyze --no-plots --quiet "$T/skew" || fail "analyze the skewed run"
[ "$(delays "$T/skew")" = "$(delays "$T/run")" ] ||
	fail "message delays $(delays "$T/skew") with vm2 0.5 s ahead, $(delays "$T/run") before"
skew "$T/blind"
sed -i '/next_offset_ns\|next_rtt_ns/d' "$T/blind/run.meta"
"$CLOCKRING" analyze --no-plots --quiet --no-check "$T/blind" >/dev/null 2>&1
[ "$(delays "$T/blind")" != "$(delays "$T/run")" ] ||
	fail "the skew does not show without the offsets: the test proves nothing"

# Merge refuses what is not one whole ring, with one line, writing nothing.
refuse() {	# refuse NEEDLE DIR...: merge exits 2 naming it, no $T/no made
	needle=$1
	shift
	expect_exit 2 "$CLOCKRING" merge "$@" --out "$T/no"
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "merge $*: not one line"; }
	grep -qF -- "$needle" "$T/err" || { cat "$T/err"; fail "merge $*: no '$needle'"; }
	[ ! -e "$T/no" ] || fail "merge $*: wrote $T/no"
}
refuse "no part of vm 2" "$T/host0" "$T/host1"
refuse "both vm 0's part" "$T/host0" "$T/host0" "$T/host1" "$T/host2"
cp -r "$T/host2" "$T/other"
sed -i 's/^run_id=.*/run_id=0123456789abcdef0123456789abcdef/' "$T/other/vm2.meta"
refuse "parts of different runs" "$T/host0" "$T/host1" "$T/other"
cp -r "$T/host2" "$T/seed"
sed -i 's/^seed=.*/seed=12/' "$T/seed/vm2.meta"
refuse "disagree on --seed" "$T/host0" "$T/host1" "$T/seed"
rm "$T/seed/vm2.csv"
sed -i 's/^seed=.*/seed=11/' "$T/seed/vm2.meta"
refuse "vm2.csv" "$T/host0" "$T/host1" "$T/seed"
mkdir "$T/no"
echo mine >"$T/no/notes.txt"
expect_exit 2 "$CLOCKRING" merge "$T/host0" "$T/host1" "$T/host2" --out "$T/no"
[ "$(ls "$T/no")" = notes.txt ] && [ "$(cat "$T/no/notes.txt")" = mine ] ||
	fail "merge wrote into a directory that was not empty"

# A VM with another seed, or another duration, is refused when it links,
# at once: it and the VM it reached first (VM 0, its successor: the
# predecessor may not have reached it before it left) say which setting
# differs and exit 2, leaving no log behind, long before the 30 s to link
# are up. With another seed, VM 1 is not even started: VM 0, still dialing
# it, hears VM 2 meanwhile. With another duration all three are there;
# VM 1 would wait for VM 2 in vain: it is stopped.
for setting in "--seed 11/--seed 12/--seed/0 2" "--duration 4/--duration 5/--duration/0 1 2" \
    "--vector/--no-vector/--vector/0 1 2"; do
	IFS=/ read -r from to name who <<<"$setting"
	plan "$T/bad.cmds" --connect-timeout 30
	rm -rf "$T/bad"
	t0=$(date +%s%N)
	for i in $who; do
		l=$(line "$T/bad.cmds" "$i")
		[ "$i" = 2 ] && l=$(echo "$l" | sed "s/ $from / $to /")
		start "$T/bad/host$i" "$l"
	done
	while [ ! -e "$T/bad/host0/status" ] || [ ! -e "$T/bad/host2/status" ]; do
		[ $(($(date +%s%N) - t0)) -lt 8000000000 ] ||
			fail "$name: vm0 and vm2 still linking after 8 s"
		sleep 0.05
	done
	[ -e "$T/bad/host1/pid" ] && kill "$(cat "$T/bad/host1/pid")"
	wait
	for i in 0 2; do
		[ "$(cat "$T/bad/host$i/status")" = 2 ] ||
			{ cat "$T/bad/host$i/err"; fail "$name: vm$i exited $(cat "$T/bad/host$i/status")"; }
		[ "$(grep -c -- "disagrees: $name: " "$T/bad/host$i/err")" = 1 ] ||
			{ cat "$T/bad/host$i/err"; fail "$name: vm$i does not name the setting once"; }
		[ ! -e "$T/bad/host$i/vm$i.csv" ] && [ ! -e "$T/bad/host$i/vm$i.meta" ] ||
			fail "$name: refused vm$i left its log or part"
	done
done
echo ok
