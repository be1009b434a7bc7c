# tests/e2e/t_check_catches_tampering.sh -- check fails a real run whose logs were altered
. "$(dirname "$0")/lib.sh"

run_ok "$T/r" --vms 3 --rates 6,6,6 --draw-max 3 --duration 10 --speed 2 --seed 5

# tamper NAME RULE SED_SCRIPT FILE: alter a copy of the run, expect RULE.
tamper() {
	rm -rf "$T/x"
	cp -r "$T/r" "$T/x"
	sed -i "$3" "$T/x/$4"
	expect_exit 1 "$CLOCKRING" check "$T/x"
	grep -q "$4:[0-9]*: $2:" "$T/out" || { cat "$T/out"; fail "$1: no '$2' in $4"; }
	echo "$1: caught as $2"
}
# The first RECV of vm1, then its first SEND: which lines they are differs
# per run, so the scripts find them by content.
tamper "a RECV line removed" seq-gap '0,/,RECV,/{/,RECV,/d}' vm1.csv
tamper "a clock raised" clock-step '0,/,SEND,/{/,SEND,/s/^\(1,[0-9]*,SEND,[0-9]*,\)\([0-9]*\)/\1999\2/}' vm1.csv
# msg_lamport is the 9th column, whether a vector column follows or not.
tamper "a message's clock changed" msg-clock '0,/,RECV,/{/,RECV,/s/^\(\([^,]*,\)\{8\}\)\([0-9]*\)/\19\3/}' vm2.csv
# A ring of 3 keeps vector clocks: an entry of one changed.
tamper "a vector entry changed" vector-step '0,/,SEND,/{/,SEND,/s/,\([0-9]*\);/,9\1;/}' vm1.csv
tamper "the header renamed" header '1s/lamport/clock/' vm0.csv
tamper "a torn last line" columns '$s/,[^,]*$//' vm0.csv
