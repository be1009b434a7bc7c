# tests/e2e/t_real_and_virtual_agree.sh -- the baseline in real and in virtual time: the same figures, within statistical bounds
. "$(dirname "$0")/lib.sh"

# The baseline (3 VMs, rates drawn from 1-6, idle draws 1-10, 60 model
# seconds) with the same seeds in both modes, so each pair has the same
# rates and the same random draws; what differs is only when messages
# arrive: the OS's scheduling and loopback delay, or the model's latency.
# For each figure, d = real - virtual over every VM of every seed; the
# modes agree when |mean d| is within three standard errors of it plus a
# small practical margin (a share of 0.02, a mean jump of 0.03, two ticks
# of max drift): no systematic difference beyond what chance gives.
seeds=${AGREE_SEEDS:-16}
speed=30

one() {	# one SEED: the pair of runs, analyzed
	for mode in real virtual; do
		dir="$T/$mode-$1"
		if [ "$mode" = real ]; then
			"$CLOCKRING" run --quiet --seed "$1" --speed "$speed" --out "$dir"
		else
			"$CLOCKRING" run --quiet --seed "$1" --virtual --out "$dir"
		fi || { echo "run $mode seed $1 exited $?" >"$T/fail$1"; return; }
		"$CLOCKRING" analyze --quiet --no-plots "$dir" ||
			echo "analyze $mode seed $1 exited $?" >"$T/fail$1"
	done
}
export -f one
export T CLOCKRING speed
seq "$seeds" | xargs -P 4 -I{} bash -c 'one {}'
! ls "$T"/fail* >/dev/null 2>&1 || { cat "$T"/fail*; fail "a run failed"; }

# Per VM: the shares of its ticks that took a message, sent, or were
# internal, its mean jump (final clock over ticks) and its max drift. One
# line per VM and seed: "recv send internal jump drift", real then virtual.
figures() {	# figures DIR
	awk -F, 'NR > 1 { print $6 / $3, $5 / $3, $4 / $3, $13 / $3, $19 }' \
	    "$1/analysis/summary.csv"
}
for s in $(seq "$seeds"); do
	paste -d' ' <(figures "$T/real-$s") <(figures "$T/virtual-$s")
done >"$T/pairs"

awk -v seeds="$seeds" '
	BEGIN { split("recv-share send-share internal-share mean-jump max-drift", name, " ")
		split("0.02 0.02 0.02 0.03 2", margin, " ") }
	{ for (k = 1; k <= 5; k++) {
		d = $k - $(k + 5); sum[k] += d; sq[k] += d * d
		a[k] += $k; b[k] += $(k + 5) }
	  n++ }
	END {
		bad = 0
		for (k = 1; k <= 5; k++) {
			m = sum[k] / n; sd = sqrt((sq[k] - n * m * m) / (n - 1))
			bound = 3 * sd / sqrt(n) + margin[k]
			ok = (m < 0 ? -m : m) <= bound
			printf "%-15s real %8.4f  virtual %8.4f  diff %+8.4f  bound %.4f  %s\n",
			    name[k], a[k] / n, b[k] / n, m, bound, ok ? "agree" : "DIFFER"
			if (!ok) bad = 1
		}
		printf "(each figure per VM: %d VMs of %d seeds)\n", n, seeds
		exit bad
	}' "$T/pairs" || fail "real and virtual time differ beyond chance"
echo ok
