#!/bin/bash
# tests/e2e/t_replay.sh -- clockring replay driven in tmux as a person would: the screen agrees with the logs, steps forward and back to the same screen, survives a resize, and q gives the terminal back
. "$(dirname "$0")/lib.sh"

# tmux comes with make deps-test: without it this test cannot drive the
# view, and says so rather than pass.
command -v tmux >/dev/null || fail "tmux is missing (make deps-test installs it)"

run=$T/run
dur=30
"$CLOCKRING" run --virtual --seed 12 --vms 4 --duration $dur --quiet --out "$run" ||
	fail "run exited $?"

# Without a terminal, and with bad input: one line, exit 2.
expect_exit 2 "$CLOCKRING" replay "$run" </dev/null
grep -q "not a terminal" "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] ||
	{ cat "$T/err"; fail "no terminal: not said in one line"; }
expect_exit 2 "$CLOCKRING" replay "$T/nothing"
grep -q "nothing/run.meta" "$T/err" || { cat "$T/err"; fail "bad RUN_DIR not named"; }
expect_exit 2 "$CLOCKRING" replay --speed abc "$run"
grep -q -- "--speed 'abc'" "$T/err" || { cat "$T/err"; fail "bad --speed not named"; }
expect_exit 2 "$CLOCKRING" replay --at 31 "$run"
grep -q -- "--at '31'" "$T/err" || { cat "$T/err"; fail "--at past the end not named"; }

# Our own tmux server, so no other test's sessions are touched.
tm() { tmux -S "$T/tmux.sock" "$@"; }
trap 'st=$?; tm kill-server 2>/dev/null; [ $st -eq 0 ] && rm -rf "$T"; exit $st' EXIT
tm new-session -d -s r -x 100 -y 30 \
	"'$CLOCKRING' replay --paused '$run'; echo \"exit \$?\" >'$T/status'; sleep 120"

screen() { tm capture-pane -p -t r; }

# wait_for REGEX: the screen shows it within 10 s.
wait_for() {
	for _ in $(seq 100); do
		screen | grep -qE -- "$1" && return 0
		sleep 0.1
	done
	screen >&2
	fail "the screen never showed '$1'"
}

# The number of events shown, from the title's "event K/N".
shown() { screen | sed -n '1s/.*event \([0-9]*\)\/.*/\1/p'; }
total=$(cat "$run"/vm*.csv | grep -vc '^vm,')

# Each VM's clock on screen, "vmI CLOCK" a line.
screen_clocks() { screen | awk '/^vm[0-9]+ +[0-9]+\/s/ { print $1, $3 }'; }

# Each VM's clock after the first K events of the logs merged in time
# (ties by VM, then by line), as the logs say.
log_clocks() {
	for f in "$run"/vm*.csv; do tail -n +2 "$f"; done |
		sort -t, -k4,4n -k1,1n -k2,2n | head -n "$1" |
		awk -F, -v n=4 '{ c[$1] = $5 }
		    END { for (i = 0; i < n; i++) print "vm" i, c[i] + 0 }'
}

wait_for "event [0-9]+/$total"
k0=$(shown)
[ -n "$k0" ] || fail "no event count in the title"

# Forward 25 events: the clocks on screen are the logs' at that point.
for _ in $(seq 25); do tm send-keys -t r Right; done
k=$((k0 + 25))
wait_for "event $k/$total"
[ "$(screen_clocks)" = "$(log_clocks $k)" ] ||
	{ screen_clocks; echo ---; log_clocks $k; fail "clocks after $k events differ from the logs"; }
screen >"$T/at_k"

# One forward, one back (p and left arrow alike): the same screen.
tm send-keys -t r n n
wait_for "event $((k + 2))/$total"
[ "$(screen_clocks)" = "$(log_clocks $((k + 2)))" ] || fail "clocks after $((k + 2)) events"
tm send-keys -t r p Left
wait_for "event $k/$total"
screen >"$T/back_k"
diff "$T/at_k" "$T/back_k" || fail "stepping back did not give the same screen"

# Jump to the end: every VM's final clock is its log's last.
tm send-keys -t r g $dur Enter
wait_for "event $total/$total"
last=$(for i in 0 1 2 3; do echo "vm$i $(tail -n 1 "$run/vm$i.csv" | cut -d, -f5)"; done)
[ "$(screen_clocks)" = "$last" ] ||
	{ screen_clocks; echo ---; echo "$last"; fail "final clocks differ from the logs"; }
screen | head -n 1 | grep -q "t $dur.000 / $dur.000 s" || fail "the end is not at $dur s"

# A resize, smaller and larger: the view stays whole.
for size in "80 24" "120 40" "100 30"; do
	set -- $size
	tm resize-window -t r -x "$1" -y "$2"
	# the title is as wide as the window once it is drawn at its size
	for _ in $(seq 100); do
		[ "$(screen | head -n 1 | awk '{ print length }')" -eq "$1" ] && break
		sleep 0.1
	done
	s=$(screen)
	[ "$(echo "$s" | head -n 1 | awk '{ print length }')" -eq "$1" ] ||
		{ echo "$s"; fail "$size: not redrawn at that size"; }
	echo "$s" | head -n 1 | grep -q "clockring replay" || { echo "$s"; fail "$size: no title"; }
	[ "$(screen_clocks)" = "$last" ] || { echo "$s"; fail "$size: VM rows missing"; }
	echo "$s" | tail -n 1 | grep -q "q leave" || { echo "$s"; fail "$size: no keys line"; }
done

# ? lists the keys; any key puts the list away.
tm send-keys -t r '?'
wait_for "one event back"
tm send-keys -t r x
for _ in $(seq 50); do screen | grep -q "one event back" || break; sleep 0.1; done
screen | grep -q "one event back" && fail "the key list stayed"

# At the end, space plays again from the start; space pauses; + and -
# set the pace.
tm send-keys -t r Space
wait_for "playing x1 "
a=$(shown)
[ "$a" -lt "$total" ] || fail "space at the end did not start again"
sleep 1
b=$(shown)
[ "$b" -gt "$a" ] || fail "playing: no event shown in a second ($a, then $b)"
tm send-keys -t r Space
wait_for "paused x1 "
a=$(shown)
sleep 0.5
[ "$(shown)" = "$a" ] || fail "paused: the events shown went on"
tm send-keys -t r + +
wait_for "paused x4 "
tm send-keys -t r -
wait_for "paused x2 "

# q leaves with status 0 and the terminal as it was.
tm send-keys -t r q
for _ in $(seq 100); do [ -s "$T/status" ] && break; sleep 0.1; done
[ "$(cat "$T/status" 2>/dev/null)" = "exit 0" ] || fail "q: $(cat "$T/status" 2>/dev/null)"
[ "$(tm display -p -t r '#{alternate_on}')" = 0 ] || fail "the terminal was not given back"
screen | grep -q "clockring replay" && fail "the view is still on the screen"
tm kill-session -t r

# A real run, and one stopped by SIGINT half-way, end on the clocks their
# logs end with too.
ends_as_logged() {	# ends_as_logged RUN_DIR VMS DURATION
	tm new-session -d -s e -x 100 -y 30 "'$CLOCKRING' replay --paused '$1'; sleep 120"
	n=$(cat "$1"/vm*.csv | grep -vc '^vm,')
	tm send-keys -t e g "$3" Enter
	for _ in $(seq 100); do
		tm capture-pane -p -t e | head -n 1 | grep -q "event $n/$n" && break
		sleep 0.1
	done
	got=$(tm capture-pane -p -t e | awk '/^vm[0-9]+ +[0-9]+\/s/ { print $1, $3 }')
	want=$(for i in $(seq 0 $(($2 - 1))); do
		echo "vm$i $(tail -n 1 "$1/vm$i.csv" | cut -d, -f5)"; done)
	[ "$got" = "$want" ] || { tm capture-pane -p -t e; echo "$want"; fail "$1: final clocks"; }
	tm send-keys -t e q
	tm kill-session -t e
}
real=$T/real
"$CLOCKRING" run --seed 3 --vms 3 --duration 4 --speed 2 --quiet --out "$real" ||
	fail "real run exited $?"
ends_as_logged "$real" 3 4
stopped=$T/stopped
"$CLOCKRING" run --seed 4 --vms 3 --duration 60 --speed 20 --quiet --out "$stopped" \
	2>"$T/stopped.err" &
# Stopped once every VM has ticked a few times.
for _ in $(seq 100); do
	[ "$(cat "$stopped"/vm*.csv 2>/dev/null | grep -vc '^vm,')" -ge 30 ] && break
	sleep 0.1
done
kill -INT $!
wait $!
[ "$(meta "$stopped" status)" = interrupted ] || fail "the stopped run is $(meta "$stopped" status)"
ends_as_logged "$stopped" 3 60
exit 0
