#!/bin/sh
# tools/soak.sh -- 16 VMs at high speed for 10 minutes with random faults: memory and descriptors over time
#
# usage: tools/soak.sh BIN    (make soak; SOAK_MINUTES [10], SOAK_SPEED [200],
#                              SOAK_SEED [random], SOAK_OUT [results/soak])
#
# One long run with --on-failure continue and 16 faults spread over it: two
# VMs killed, the rest pauses and slow links. Every 10 s the resident memory,
# open descriptors and threads of the orchestrator and of each VM still alive
# are sampled into soak.csv; at the end the run must pass `clockring check`,
# and the first and last samples are compared. A leak shows as a climb.
set -eu
bin=$1
minutes=${SOAK_MINUTES:-10}
speed=${SOAK_SPEED:-200}
seed=${SOAK_SEED:-$(od -An -tu4 -N4 /dev/urandom | tr -d ' ')}
out=${SOAK_OUT:-results/soak}
n=16
dur=$((minutes * 60 * speed))

# 16 faults in the middle 90% of the run, drawn from the seed (awk's rand).
faults=$(awk -v seed="$seed" -v n=$n -v dur=$dur 'BEGIN {
	srand(seed)
	for (i = 0; i < 16; i++) {
		t = int(dur * (0.05 + 0.9 * i / 16 + 0.05 * rand()))
		v = int(rand() * n)
		if (i == 5 || i == 11)
			printf " --fault kill:%d@%d", v, t
		else if (i % 2 == 0)
			printf " --fault pause:%d@%d+%d", v, t, int(dur / 200) + 1
		else
			printf " --fault slow:%d->%d@%d+%d:%dms", v, (v + 1) % n, t,
			    int(dur / 40), 100 + int(rand() * 900)
	}
}')

rm -rf "$out"
mkdir -p "$(dirname "$out")"
echo "soak: $n VMs, $minutes min at speed $speed ($dur model s), seed $seed"
echo "soak: faults:$faults"
# shellcheck disable=SC2086
"$bin" run --quiet --vms $n --duration $dur --speed "$speed" --seed "$seed" \
    --on-failure continue $faults --out "$out" &
orch=$!
sleep 1

sample() {	# sample T PID WHO: one line of soak.csv, if PID still lives
	st=/proc/$2/status
	rss=$(sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' "$st" 2>/dev/null) || return 0
	thr=$(sed -n 's/^Threads:[^0-9]*\([0-9]*\).*/\1/p' "$st" 2>/dev/null) || return 0
	fds=$(ls "/proc/$2/fd" 2>/dev/null | wc -l)
	[ -n "$rss" ] && echo "$1,$3,$rss,$fds,$thr" >>"$out/soak.csv"
}
echo "t_s,who,rss_kib,fds,threads" >"$out/soak.csv"
# The VMs are forked in id order: sorted pids are vm0 .. vm15.
vms=$(pgrep -P "$orch" | sort -n)
t=0
while kill -0 "$orch" 2>/dev/null; do
	sample $t "$orch" orch
	i=0
	for p in $vms; do
		sample $t "$p" "vm$i"
		i=$((i + 1))
	done
	sleep 10
	t=$((t + 10))
done
wait "$orch" || { echo "soak: the run failed" >&2; exit 1; }
"$bin" check "$out" >"$out/check.txt" || { cat "$out/check.txt"; exit 1; }

# First and last samples of each process, and the largest VM at each end.
awk -F, 'NR > 1 {
	if (!($2 in first)) { first[$2] = $3; ffd[$2] = $4; fth[$2] = $5 }
	last[$2] = $3; lfd[$2] = $4; lth[$2] = $5; lt[$2] = $1
} END {
	for (w in first) {
		if (w == "orch") continue
		n++; s0 += first[w]; s1 += last[w]
		if (first[w] > m0) m0 = first[w]
		if (last[w] > m1) { m1 = last[w]; big = w }
		if (ffd[w] != lfd[w] && lt[w] > 0) fdmoved++
		if (fth[w] != lth[w]) thmoved++
	}
	printf "soak: VM RSS mean %.0f KiB at start, %.0f KiB at the end " \
	    "(largest %d -> %d KiB, %s); orchestrator %d -> %d KiB\n",
	    s0 / n, s1 / n, m0, m1, big, first["orch"], last["orch"]
	printf "soak: descriptors changed in %d of %d VMs, threads in %d " \
	    "(a killed neighbour closes one link each)\n", fdmoved, n, thmoved
}' "$out/soak.csv"
head -1 "$out/check.txt"
grep '^lost with' "$out/check.txt" || true
if command -v gnuplot >/dev/null; then
	gnuplot -e "set terminal pngcairo size 1000,500; set output '$out/soak.png';
	    set datafile separator ','; set key outside right; set xlabel 'seconds';
	    set ylabel 'RSS (KiB)'; set title 'VM resident memory over the soak';
	    plot for [i=0:15] '< grep ,vm'.i.', $out/soak.csv' using 1:3 with lines title 'vm'.i" &&
	    echo "soak: $out/soak.png"
fi
