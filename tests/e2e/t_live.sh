# tests/e2e/t_live.sh -- run --live in a terminal (tmux): the final clocks on screen are the logged ones, q ends a run as Ctrl-C does
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null || fail "no tmux (make deps-test installs it)"
sock=clockring-t-live-$$
trap 'st=$?; tmux -L "$sock" kill-server 2>/dev/null; [ $st -eq 0 ] && rm -rf "$T"; exit $st' EXIT

# start NAME ARGS...: `run --live ARGS --out $T/NAME` in a 100x30 pane of
# its own; its exit status goes to $T/NAME.rc when it ends.
start() {
	name=$1
	shift
	tmux -L "$sock" new-session -d -s "$name" -x 100 -y 30 \
	    "'$CLOCKRING' run --live --out '$T/$name' $* 2>'$T/$name.err'; echo \$? >'$T/$name.rc'"
}

# until_status NAME STATUS...: wait (30 s at most) for run.meta to record
# the run's end, one of STATUS.
until_status() {
	name=$1
	shift
	for _ in $(seq 300); do
		for s in "$@"; do
			[ "$(meta "$T/$name" status 2>/dev/null)" = "$s" ] && return
		done
		sleep 0.1
	done
	cat "$T/$name.err"
	fail "$name: run.meta never said $*"
}

# leave NAME WANT_RC: q on the end screen; the run exits WANT_RC.
leave() {
	tmux -L "$sock" send-keys -t "$1" q
	for _ in $(seq 100); do
		[ -s "$T/$1.rc" ] && break
		sleep 0.1
	done
	[ "$(cat "$T/$1.rc" 2>/dev/null)" = "$2" ] ||
		{ cat "$T/$1.err"; fail "$1: exit $(cat "$T/$1.rc" 2>/dev/null), not $2"; }
}

# clocks_agree NAME: on the end screen, the row of each VM (the first line
# whose first two numbers are its id and its rate) shows as its third
# number the Lamport clock of its log's last line.
clocks_agree() {
	sleep 0.5	# the end screen is drawn right after run.meta is written
	tmux -L "$sock" capture-pane -p -t "$1" >"$T/$1.screen"
	n=$(meta "$T/$1" vms)
	for i in $(seq 0 $((n - 1))); do
		want=$(tail -n 1 "$T/$1/vm$i.csv" | cut -d, -f5)
		got=$(awk -v id="$i" -v rate="$(meta "$T/$1" "vm$i.rate")" '{
			s = $0; k = 0
			while (k < 3 && match(s, /[0-9]+/)) {
				num[++k] = substr(s, RSTART, RLENGTH) + 0
				s = substr(s, RSTART + RLENGTH)
			}
			if (k == 3 && num[1] == id && num[2] == rate) { print num[3]; exit }
		}' "$T/$1.screen")
		[ "$got" = "$want" ] || { cat "$T/$1.screen"; fail "$1: vm$i shows clock '$got', its log ends at $want"; }
	done
}

# Virtual, paced at 20 model seconds a second: about 2 s. Faults and all,
# the logs are the bytes of the same run without --live.
args="--virtual --vms 4 --seed 11 --duration 40 --fault kill:2@30 --on-failure continue"
start virt "$args" --speed 20
until_status virt complete
clocks_agree virt
leave virt 0
# shellcheck disable=SC2086
run_ok "$T/plain" $args
for f in "$T"/plain/vm*.csv; do
	cmp "$f" "$T/virt/${f##*/}" || fail "${f##*/}: --live changed the log"
done

# lines NAME: lines logged so far by every VM of run NAME.
lines() {
	cat "$T/$1"/vm*.csv | wc -l
}

# Real time: space freezes the view while the run goes on, space again
# and it catches up; q mid-run: interrupted as by Ctrl-C, logs that pass
# check.
start real --vms 3 --speed 10 --duration 600
sleep 1.5
tmux -L "$sock" send-keys -t real Space
sleep 0.3
tmux -L "$sock" capture-pane -p -t real >"$T/paused1"
was=$(lines real)
sleep 1
tmux -L "$sock" capture-pane -p -t real >"$T/paused2"
[ "$(lines real)" -gt "$was" ] || fail "the run stopped while its view was paused"
cmp -s "$T/paused1" "$T/paused2" || { diff "$T/paused1" "$T/paused2"; fail "a paused view changed"; }
tmux -L "$sock" send-keys -t real Space
sleep 0.5
tmux -L "$sock" capture-pane -p -t real >"$T/going"
! cmp -s "$T/paused2" "$T/going" || fail "space again: the view did not go on"
tmux -L "$sock" send-keys -t real q
until_status real interrupted
clocks_agree real
leave real 130
check_ok "$T/real"
[ "$(meta "$T/real" status)" = interrupted ] || fail "q: not interrupted"
echo ok
