#!/bin/sh
# tools/bench-cost.sh -- `make bench`: CPU and memory of each VM process of the classic defaults, beside a bare ticking process
#
# usage: tools/bench-cost.sh CLOCKRING TOOLS_DIR   (rows to $BENCH_ROWS)
# `clockring run` with its defaults (3 VMs, rates drawn in 1..6, speed 1)
# for 60 s (QUICK: 8 s), and beside it sleeplate ticking 6 times a second
# for as long (tests/tools/sleeplate.c: the least a ticking process
# costs). Every half second each live process's CPU time (the sum of its
# threads' /proc schedstat, in ns), peak RSS (VmHWM) and PSS (smaps_rollup)
# are read; a process's CPU share is its last reading over the time it
# had been alive then. The VMs are the run's children, the orchestrator
# apart. Targets (issue 14): under 0.1% of a core and 2 MiB each. Memory
# is judged by PSS, the largest seen: RSS counts in full the C library's
# pages that every process maps (a bare sleeplate has over 2 MiB of RSS),
# PSS shares them out among the processes that map them.
set -u
bin=$1
tools=$2
# shellcheck source=tools/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_tmp
if [ "${QUICK:-0}" = 1 ]; then secs=8; else secs=60; fi
hz=$(getconf CLK_TCK)

# sample ROLE PID: "ROLE PID CPU_NS ALIVE_S HWM_KIB PSS_KIB" of a live
# process
sample() {
	[ -r "/proc/$2/status" ] || return 0
	hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$2/status" 2>/dev/null)
	[ -n "$hwm" ] || return 0	# a zombie: its last reading stands
	cpu=$(cat /proc/"$2"/task/*/schedstat 2>/dev/null |
	    awk '{ s += $1 } END { print s + 0 }')
	alive=$(awk -v hz="$hz" -v up="$(cut -d' ' -f1 /proc/uptime)" \
	    '{ print up - $22 / hz }' "/proc/$2/stat" 2>/dev/null) || return 0
	pss=$(awk '/^Pss:/ { print $2 }' "/proc/$2/smaps_rollup" 2>/dev/null)
	echo "$1 $2 $cpu $alive $hwm ${pss:-0}"
}

say "per-VM cost, classic defaults, $secs s"
"$bin" run --quiet --no-check --duration "$secs" --seed 1 --out "$tmp/run" \
    2>"$tmp/err" &
run=$!
"$tools/sleeplate" 6 $((6 * secs)) >/dev/null &
base=$!
while kill -0 "$run" 2>/dev/null; do
	sample orch "$run"
	for p in $(pgrep -P "$run"); do
		sample vm "$p"
	done
	sample base "$base"
	sleep 0.5
done >"$tmp/samples"
wait "$run" || { unmeasured "per-VM cost" "$(head -n 1 "$tmp/err")" "< 0.1"; exit 0; }
wait "$base"

# worst ROLE FIELD: the largest of the roles' readings, as % of a core
# (FIELD cpu: the last reading) or MiB (FIELD rss, pss: the largest)
worst() {
	awk -v role="$1" -v f="$2" '$1 == role { cpu[$2] = $3 / ($4 * 1e9) * 100
	    rss[$2] = $5 / 1024; if ($6 / 1024 > pss[$2]) pss[$2] = $6 / 1024 }
	    END { m = "-"; for (p in cpu) {
		  v = f == "cpu" ? cpu[p] : f == "rss" ? rss[p] : pss[p]
		  if (m == "-" || v > m) m = v }; print m }' "$tmp/samples"
}

nvm=$(awk '$1 == "vm" { v[$2] = 1 } END { print length(v) }' "$tmp/samples")
c=$(worst vm cpu) b=$(worst base cpu)
row "per VM ($nvm VMs, rates 1-6, $secs s), worst: % of a core" \
    "$(fmt "$c" 1 3)" "$(fmt "$b" 1 3) (sleeplate at 6/s)" "$(ratio "$c" "$b")" \
    "< 0.1" "$c"
c=$(worst vm rss) b=$(worst base rss)
row "per VM ($nvm VMs, rates 1-6, $secs s), worst: peak RSS MiB" \
    "$(fmt "$c" 1 2)" "$(fmt "$b" 1 2) (sleeplate at 6/s)" "$(ratio "$c" "$b")" -
c=$(worst vm pss) b=$(worst base pss)
row "per VM ($nvm VMs, rates 1-6, $secs s), worst: PSS MiB" \
    "$(fmt "$c" 1 2)" "$(fmt "$b" 1 2) (sleeplate at 6/s)" "$(ratio "$c" "$b")" \
    "< 2" "$c"
row "the orchestrator of that run: % of a core, peak RSS MiB" \
    "$(fmt "$(worst orch cpu)" 1 3), $(fmt "$(worst orch rss)" 1 2)" - - -
