# tests/e2e/t_vectors_agree.sh -- the vector clocks the VMs log equal those rebuilt from the logs' messages, which export, view and analyze use
. "$(dirname "$0")/lib.sh"

# One source of truth, two ways to it: a format-4 run logs each tick's
# vector; `export --shiviz` gives the vector rebuilt from the messages
# alone (analysis/causal/vclock.c). A run that passes check must give the
# same vector both ways, tick by tick, in both drivers.
agree() {	# agree DIR: every tick's logged vector is the exported one
	"$CLOCKRING" export --shiviz -o "$1.shiviz" "$1" || fail "export $1"
	# vmI:seq -> "v0;v1;...", from the logs' last column (ticks only)
	awk -F, 'FNR > 1 && ($3 == "INTERNAL" || $3 == "SEND" || $3 == "RECV") {
		print "vm" $1 ":" $2, $NF }' "$1"/vm*.csv | sort >"$1.logged"
	n=$(sed -n 's/^vms=//p' "$1/run.meta")
	# the same from the export: {"vm0":1,"vm2":4} with zeros left out
	tail -n +3 "$1.shiviz" | awk -v n="$n" '{
		for (i = 0; i < n; i++) v[i] = 0
		clock = $2; gsub(/[{}"]/, "", clock)
		k = split(clock, kv, ",")
		for (j = 1; j <= k; j++) {
			split(kv[j], p, ":"); sub(/^vm/, "", p[1]); v[p[1]] = p[2]
		}
		s = v[0]; for (i = 1; i < n; i++) s = s ";" v[i]
		seq = $0; sub(/.* seq=/, "", seq); sub(/ .*/, "", seq)
		print $1 ":" seq, s }' | sort >"$1.rebuilt"
	[ -s "$1.logged" ] || fail "$1: no tick logged a vector"
	cmp -s "$1.logged" "$1.rebuilt" || {
		diff "$1.logged" "$1.rebuilt" | head -5
		fail "$1: logged and rebuilt vectors differ"
	}
	echo "$1: $(wc -l <"$1.logged") ticks, logged and rebuilt vectors equal"
}

run_ok "$T/virtual" --virtual --seed 3 --vms 5 --duration 30 --loss 0.1 \
    --latency 5:50 --fault kill:3@20 --on-failure continue
[ "$(meta "$T/virtual" vector)" = 1 ] || fail "vectors are not on by default"
agree "$T/virtual"
run_ok "$T/real" --vms 3 --duration 10 --speed 10 --seed 4
agree "$T/real"
echo ok
