#!/bin/sh
# tools/bench.sh -- `make bench`: how fast can a run go and still keep time, and what does --live cost it?
#
# Runs 3 VMs at rate 6 (the default maximum) for 60 model seconds at rising
# --speed, and reports for each what `clockring check` measured: whether the
# run passed, the worst VM's fitted tick-spacing error and lateness. Then
# the same runs at a few speeds with and without --live side by side, the
# live one in a tmux pane so that the view really draws its 20 frames a
# second, and the ratio of the worst lateness (with / without). Timing
# depends on the machine and its load: compare figures from one run only.
set -u
bin=$1
out=$(mktemp -d "${TMPDIR:-/tmp}/clockring-bench.XXXXXX")
sock=clockring-bench-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$out"' EXIT
args="--vms 3 --rates 6,6,6 --duration 60 --seed 1"

# judge DIR: "VERDICT ERROR LATENESS" of the worst VM of a run: largest
# |spacing error|, then largest lateness in ms. (A passing VM says
# "spacing error E%", a failing one "(E%, jitter".)
judge() {
	"$bin" check "$1" >"$1.check" 2>&1 && verdict=pass || verdict=FAIL
	err=$(grep -o -e 'spacing error [-0-9.]*%' -e '([-+0-9.]*%, jitter' \
	    "$1.check" | grep -o '[-+0-9.]*%' |
	    awk '{v=$1; sub("%","",v); v+=0; a=v<0?-v:v; if (a>=m) {m=a; w=$1}} END {print w}')
	late=$(grep -o 'max lateness [0-9.]* ms' "$1.check" |
	    awk '{if ($3>m) m=$3} END {print m ? m : "-"}')
	echo "$verdict ${err:-?} $late"
}

# live DIR SPEED: the run with --live in a detached tmux pane; q once its
# end is on record (run.meta no longer says running), to leave the view.
live() {
	tmux -L "$sock" new-session -d -x 100 -y 30 \
	    "'$bin' run --live $args --speed $2 --out '$1' 2>'$1.err'"
	while ! grep -qsx 'status=\(complete\|failed\|interrupted\)' "$1/run.meta"; do
		tmux -L "$sock" has-session 2>/dev/null || return
		sleep 0.2
	done
	tmux -L "$sock" send-keys q
	while tmux -L "$sock" has-session 2>/dev/null; do
		sleep 0.1
	done
}

printf '%8s %8s %8s %14s %12s\n' speed ticks/s check "spacing error" "max late"
for speed in 10 100 300 1000 1500 2000 3000 10000; do
	dir="$out/s$speed"
	# run fails when check does: judge says why
	# shellcheck disable=SC2086
	"$bin" run --quiet $args --speed "$speed" --out "$dir" 2>/dev/null
	# shellcheck disable=SC2046 # three words
	set -- $(judge "$dir")
	late=$3
	[ "$late" = - ] || late="$late ms"
	printf '%8s %8s %8s %14s %12s\n' "$speed" "$((6 * speed))" "$1" "$2" \
	    "$late"
done

if ! command -v tmux >/dev/null; then
	echo "bench: no tmux (make deps-test installs it): --live not measured"
	exit 0
fi
echo
echo "tick timing without and with --live (the view drawing in a tmux pane):"
printf '%8s  %-22s  %-22s  %10s\n' speed "without: check, error, late" \
    "with --live" "late ratio"
for speed in 10 100 300 1000; do
	# shellcheck disable=SC2086
	"$bin" run --quiet $args --speed "$speed" --out "$out/p$speed" 2>/dev/null
	live "$out/l$speed" "$speed"
	# shellcheck disable=SC2046 # three words each
	set -- $(judge "$out/p$speed") $(judge "$out/l$speed")
	ratio=$(awk -v a="$3" -v b="$6" 'BEGIN {
	    if (a == "-" || b == "-" || a == 0) print "-"; else printf "%.2f", b / a }')
	printf '%8s  %-4s %8s %6s ms  %-4s %8s %6s ms  %10s\n' "$speed" \
	    "$1" "$2" "$3" "$4" "$5" "$6" "$ratio"
done
