#!/bin/sh
# tools/bench-speed.sh -- `make bench`: the highest --speed at which real-time rings of 3, 16 and 64 VMs keep time, beside loopback TCP
#
# usage: tools/bench-speed.sh CLOCKRING TOOLS_DIR   (rows to $BENCH_ROWS)
# Every VM ticks 6 times a model second (the default maximum) for a run of
# about a second of real time (QUICK: half), at rising --speed. A run
# passes when `clockring check` passes and no VM's tick spacing is off by
# more than 1%; a speed passes when the median of $reps runs does (most of
# them pass), and the climb stops at the first speed that fails. The
# yardstick is tcpframes (tests/tools/tcpframes.c): message-sized frames
# a second over loopback TCP from one process to another. The ratio is
# the messages a second the passing speed implies (a tick sends 0.4 on
# average: draw 1 or 2 one, 3 two, of 10) over those frames a second.
set -u
bin=$1
tools=$2
# shellcheck source=tools/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_tmp
if [ "${QUICK:-0}" = 1 ]; then
	speeds="30 300 3000" secs=0.5
else
	speeds="10 30 100 300 1000 2000 3000 5000 10000" secs=1
fi

# passes DIR: 1 if check passes and every |spacing error| <= 1%, else 0
passes() {
	"$bin" check "$1" >"$1.check" 2>&1 || { echo 0; return; }
	grep -o 'spacing error [-0-9.]*%' "$1.check" | tr -d '%-' |
	    awk '{ if ($3 > 1) bad = 1 } END { print (NR > 0 && !bad) }'
}

# speed_passes N SPEED: the median verdict of $reps runs
speed_passes() {
	for k in $(seq "$reps"); do
		dir="$tmp/r$1-$2-$k"
		"$bin" run --quiet --no-check --vms "$1" --rate-min 6 --rate-max 6 \
		    --seed "$k" --speed "$2" --out "$dir" \
		    --duration "$(awk -v s="$2" -v t="$secs" 'BEGIN { print s * t }')" \
		    2>/dev/null
		passes "$dir"
		rm -rf "$dir" "$dir.check"
	done | median
}

say "loopback TCP frames/s (tcpframes)"
frames=$("$tools/tcpframes" "$secs") || frames=-
for n in 3 16 64; do
	best=- fail="passes all tried"
	for s in $speeds; do
		say "real time, $n VMs, --speed $s"
		if [ "$(speed_passes "$n" "$s")" != 1 ]; then
			fail="fails at $s"
			break
		fi
		best=$s
	done
	msgs=-
	[ "$best" = - ] || msgs=$(awk -v n="$n" -v s="$best" \
	    'BEGIN { print n * 6 * s * 0.4 }')
	row "real time, $n VMs: highest --speed keeping time" \
	    "$best ($fail; $(fmt "$msgs" 1000 1) k msgs/s)" \
	    "$(fmt "$frames" 1000 0) k frames/s (tcpframes)" \
	    "$(ratio "$msgs" "$frames")" -
done
