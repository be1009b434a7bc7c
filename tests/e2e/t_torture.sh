# tests/e2e/t_torture.sh -- many runs at once with random seeds, faults and stray clients; check verifies every one
. "$(dirname "$0")/lib.sh"

# Each run draws its ring size, length, failure policy and up to three
# faults (kill, pause, slow) from one seed, printed so that a failure can be
# replayed with TORTURE_SEED=. Stray clients hammer its ports all along.
# Every run must end as its faults and policy say, pass `clockring check`,
# and lose no message but those in flight to or from a killed VM, as many
# as the logs themselves account for: sent - dropped - received - pending.
stray_tool=$(tool stray) || exit 1
seed=${TORTURE_SEED:-$(od -An -tu2 -N2 /dev/urandom | tr -d ' ')}
runs=${TORTURE_RUNS:-12}
jobs=3
speed=20
echo "torture: $runs runs, TORTURE_SEED=$seed"
RANDOM=$seed

# fault N DURATION: one random fault spec for a ring of N, in model seconds.
fault() {
	v=$((RANDOM % $1))
	case $((RANDOM % 3)) in
	0) echo "kill:$v@$((1 + RANDOM % ($2 - 2)))" ;;
	1) echo "pause:$v@$((1 + RANDOM % ($2 - 4)))+$((1 + RANDOM % 2))" ;;
	2) echo "slow:$v->$(((v + 1) % $1))@$((RANDOM % ($2 - 2)))+$((1 + RANDOM % 8)):$((50 + RANDOM % 450))ms" ;;
	esac
}

# The settings of every run, drawn up front so the seed alone decides them.
for i in $(seq "$runs"); do
	n=$((2 + RANDOM % 7))
	dur=$((10 + RANDOM % 20))
	policy=$([ $((RANDOM % 2)) -eq 0 ] && echo stop || echo continue)
	args="--vms $n --duration $dur --speed $speed --seed $RANDOM$RANDOM --on-failure $policy"
	for k in $(seq $((RANDOM % 4))); do
		args="$args --fault $(fault "$n" "$dur")"
	done
	echo "$args" >"$T/args$i"
done

# hammer DIR PID: bursts of stray clients at the run's ports while it lives.
hammer() {
	while [ ! -s "$1/run.meta" ] && kill -0 "$2" 2>/dev/null; do sleep 0.01; done
	ports=$(sed -n 's/^vm[0-9]*\.port=//p' "$1/run.meta")
	while kill -0 "$2" 2>/dev/null; do
		# shellcheck disable=SC2086
		"$stray_tool" --burst 20 --hold 0 $ports >/dev/null 2>&1
		sleep 0.05
	done
}

one() {	# one I: run I, its verdict in $T/verdict$I
	dir="$T/r$1"
	# shellcheck disable=SC2046
	"$CLOCKRING" run --quiet --out "$dir" $(cat "$T/args$1") \
	    >"$T/out$1" 2>&1 &
	pid=$!
	hammer "$dir" "$pid" &
	wait "$pid"
	echo "$?" >"$T/rc$1"
	wait
}
export -f one hammer
export T CLOCKRING stray_tool
seq "$runs" | xargs -P "$jobs" -I{} bash -c 'one {}'

# verify I: run I ended as its faults say and its logs account for everything.
verify() {
	dir="$T/r$1" args=$(cat "$T/args$1") rc=$(cat "$T/rc$1")
	what="run $1 ($args)"
	want=0	# a kill under --on-failure stop fails the run, by design
	case $args in *"--on-failure stop"*kill:*) want=1 ;; esac
	[ "$rc" -eq "$want" ] || {
		cat "$T/out$1"
		"$CLOCKRING" check "$dir" 2>&1 | head -20	# --quiet hid why
		fail "$what: exit $rc, not $want"
	}
	"$CLOCKRING" check "$dir" >"$T/check$1" 2>&1 ||
		{ cat "$T/check$1"; fail "$what: check failed"; }
	said=$(sed -n 's/.* \([0-9]*\) lost with dead VMs.*/\1/p' "$T/check$1")
	logged=$(awk -F, 'FNR > 1 {
		if ($3 == "SEND") sent += split($7, d, "|")
		else if ($3 == "DROP") sent--
		else if ($3 == "RECV" || $3 == "PENDING") got++
	} END { print sent - got }' "$dir"/vm*.csv)
	[ "${said:-0}" -eq "$logged" ] ||
		fail "$what: check says ${said:-0} lost, the logs say $logged"
	# Every neighbour of a killed VM that shut down found it down, once.
	for v in $(sed -n 's/^vm\([0-9]*\)\.exit=killed$/\1/p' "$dir/run.meta"); do
		n=$(meta "$dir" vms)
		for w in $(((v + 1) % n)) $(((v + n - 1) % n)); do
			case $(meta "$dir" "vm$w.exit") in ok|interrupted|link-broken) ;; *) continue ;; esac
			[ "$(grep -c "^$w,[0-9]*,PEER_DOWN,.*,$v,," "$dir/vm$w.csv")" -eq 1 ] ||
				fail "$what: vm$w did not log one PEER_DOWN for vm$v"
		done
	done
	echo "$logged"
}

lost=0 kills=0 pauses=0 slows=0
for i in $(seq "$runs"); do
	l=$(verify "$i") || exit 1
	lost=$((lost + l))
	a=$(cat "$T/args$i")
	kills=$((kills + $(echo "$a" | grep -o kill: | wc -l)))
	pauses=$((pauses + $(echo "$a" | grep -o pause: | wc -l)))
	slows=$((slows + $(echo "$a" | grep -o slow: | wc -l)))
done
no_survivors "$T"
echo "torture: $runs runs passed check; faults: $kills kill, $pauses pause," \
    "$slows slow; $lost messages lost with killed VMs, 0 otherwise"
echo ok
