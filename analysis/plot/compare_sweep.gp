# compare_sweep.gp -- the figures of each sweep against its swept value, e.g. ring size (compare_sweep.dat), log axes
plot_name = "compare_sweep"
term_height = 1000
load "compare_common.gp"

set multiplot layout 2,2 title "Sweeps: each figure against the swept value (mean of the repeats; bars: lowest to highest run)"
array f_col[4] = [sweep_max_drift, sweep_mean_drift, sweep_max_queue, sweep_max_jump]
array f_name[4] = ["max drift (clock ticks)", "mean drift (clock ticks)", "max queue (messages)", "max jump (clock ticks)"]
x_text = sweeps == 1 ? sprintf("--%s (log scale)", sweep_option[1]) : "swept value (log scale)"
set key top left
if (sweeps < 2) { set key off }
do for [p=1:4] {
	set title f_name[p]
	if (sweeps > 0) {
		set xlabel x_text
		set logscale x
		# 1, 10, 100, 1k, 10k, 100k, 1M: tick labels that fit side by side.
		set format x "%.0s%c"
		set offsets graph 0.05, graph 0.05, 0, 0
		# Values that span more than two decades are read on a log axis.
		stats "compare_sweep.dat" using (column(f_col[p])) nooutput
		if (STATS_min > 0 && STATS_max > 100 * STATS_min) { set logscale y } else { unset logscale y; set yrange [0:*] }
		plot for [b=0:sweeps - 1] "compare_sweep.dat" index b \
			using 1:(column(f_col[p])):(column(f_col[p] + 1)):(column(f_col[p] + 2)) \
			with yerrorlines lw lw pt 7 lc rgb okabe[b % 6 + 1] title (sweeps > 1 ? sweep_name[b + 1] : "")
	} else {
		set xrange [0:1]
		set yrange [0:1]
		set label 1 "no sweep in these results" at graph 0.5, graph 0.5 center
		plot NaN notitle
	}
}
unset multiplot
