# tests/e2e/t_vector_clocks.sh -- vector clocks beside the Lamport clocks: virtual and real runs carry them, check holds them to the rules, --no-vector and older runs read as before
. "$(dirname "$0")/lib.sh"

# vectors_ok DIR N: a run with vectors: format 4 or later (now 5), vector=1, the column in
# the header, N entries on every line but PEER_DOWN's (none there).
vectors_ok() {
	[ "$(meta "$1" format)" -ge 4 ] || fail "$1: format $(meta "$1" format), not 4 or later"
	[ "$(meta "$1" vector)" = 1 ] || fail "$1: run.meta has no vector=1"
	for f in "$1"/vm*.csv; do
		head -n 1 "$f" | grep -qx 'vm,seq,event,wall_ns,lamport,queue_len,peers,src_seq,msg_lamport,vector' ||
			fail "$f: header $(head -n 1 "$f")"
		awk -F, -v n="$2" 'FNR > 1 {
			k = $10 == "" ? 0 : split($10, v, ";")
			if (NF != 10 || k != ($3 == "PEER_DOWN" ? 0 : n)) { print FILENAME ":" FNR ": " $0; exit 1 }
		}' "$f" || fail "$f: a line without its vector of $2"
	done
}

# Virtual: on by default for a small ring; the same seed, the same bytes;
# every run passes check, with faults and losses too.
for args in "--seed 1" "--seed 7 --vms 5 --loss 0.2 --latency 0:50 --fault kill:3@20 --fault slow:1->2@0+30:200ms --on-failure continue"; do
	# shellcheck disable=SC2086
	"$CLOCKRING" run --virtual --quiet --duration 40 --out "$T/a" $args || fail "run $args exited $?"
	# shellcheck disable=SC2086
	"$CLOCKRING" run --virtual --quiet --duration 40 --out "$T/b" $args || fail "again: exited $?"
	diff -r "$T/a" "$T/b" >/dev/null || fail "run --virtual $args: two runs differ"
	check_ok "$T/a"
	vectors_ok "$T/a" "$(meta "$T/a" vms)"
	rm -rf "$T/b" "$T/f"
	mv "$T/a" "$T/f"
done
grep -q ',PEER_DOWN,' "$T"/f/vm2.csv || fail "no PEER_DOWN line to show"
grep -q ',LOSS,' "$T"/f/vm*.csv || fail "no LOSS line to show"

# --no-vector: the same events, logged as before (nine columns, format 3's
# header): the vector run without its last column, byte for byte.
"$CLOCKRING" run --virtual --quiet --duration 40 --seed 1 --out "$T/v" || fail "run exited $?"
"$CLOCKRING" run --virtual --quiet --duration 40 --seed 1 --no-vector --out "$T/nv" || fail "--no-vector run exited $?"
[ "$(meta "$T/nv" vector)" = 0 ] || fail "--no-vector: run.meta has no vector=0"
check_ok "$T/nv"
for i in 0 1 2; do
	cut -d, -f1-9 "$T/v/vm$i.csv" | cmp -s - "$T/nv/vm$i.csv" ||
		fail "vm$i.csv: --no-vector is not the vector log without its column"
done

# The default ends at 16 VMs; --vector and --no-vector override it, the
# later one winning.
onoff() {	# onoff WANT ARGS...
	want=$1
	shift
	rm -rf "$T/o"
	"$CLOCKRING" run --virtual --quiet --duration 1 --out "$T/o" "$@" || fail "run $* exited $?"
	[ "$(meta "$T/o" vector)" = "$want" ] || fail "run $*: vector=$(meta "$T/o" vector), not $want"
}
onoff 1 --vms 16
onoff 0 --vms 17
onoff 1 --vms 17 --vector
check_ok "$T/o"
vectors_ok "$T/o" 17
onoff 0 --vms 3 --vector --no-vector
onoff 1 --vms 3 --no-vector --vector
bad "--vector 'x': takes no value" --vector=x

# Real time: a process per VM, vectors over TCP; both neighbours' messages.
run_ok "$T/real" --vms 4 --rates 8,9,10,11 --duration 2 --speed 4
vectors_ok "$T/real" 4
grep -q ',RECV,' "$T/real/vm0.csv" || fail "real run: vm0 received nothing"

# check catches a vector that breaks a rule and names it.
cp -r "$T/v" "$T/bad"
awk -F, -v OFS=, 'FNR == 1 { print; next } $3 == "INTERNAL" && !done { n = split($10, v, ";"); v[2] += 5; $10 = v[1]; for (k = 2; k <= n; k++) $10 = $10 ";" v[k]; done = 1 } { print }' \
    "$T/v/vm0.csv" >"$T/bad/vm0.csv"
cmp -s "$T/v/vm0.csv" "$T/bad/vm0.csv" && fail "the tampering changed nothing"
expect_exit 1 "$CLOCKRING" check "$T/bad"
grep -q 'vm0.csv:[0-9]*: vector-step: INTERNAL moves vector entry 1 ' "$T/out" ||
	{ cat "$T/out"; fail "check does not name the tampered vector"; }

# A LOSS line that names another vector than its SEND's.
cp -r "$T/f" "$T/badloss"
f=$(grep -l ',LOSS,' "$T"/badloss/vm*.csv | head -n 1)
l=$(grep -n ',LOSS,' "$f" | head -n 1 | cut -d: -f1)
sed -i "${l}s/,\([0-9]*\);/,9\1;/" "$f"
expect_exit 1 "$CLOCKRING" check "$T/badloss"
grep -q "$(basename "$f"):$l: msg-vector: LOSS of seq " "$T/out" ||
	{ cat "$T/out"; fail "check does not name the LOSS line's vector"; }

# An older run still checks: format 3, written before vectors.
cp -r "$T/nv" "$T/old"
sed -i '/^vector=/d; /^log=/d; s/^format=5$/format=3/; s/^version=.*/version=0.4.0/' "$T/old/run.meta"
check_ok "$T/old"
# A vector column in a run whose run.meta has none is one violation a log.
cp -r "$T/v" "$T/mixed"
sed -i '/^vector=/d; /^log=/d; s/^format=5$/format=3/' "$T/mixed/run.meta"
expect_exit 1 "$CLOCKRING" check "$T/mixed"
[ "$(grep -c 'columns: a vector column, but run.meta has format < 4' "$T/out")" = 3 ] ||
	{ cat "$T/out"; fail "a vector log under format 3 is not one violation per log"; }
# An experiment file turns them off in `run`, as on the command line.
tiny_results "$T/res" "--vms 3 --no-vector"
metas=$(find "$T/res" -name run.meta)
[ -n "$metas" ] || fail "the experiment left no run.meta"
for m in $metas; do
	grep -qx 'vector=0' "$m" || fail "$m: run = --no-vector, but not vector=0"
done
echo ok
