# compare_sweep.gp -- the figures of a sweep against the swept value, e.g. ring size (compare_sweep.dat), log axes
plot_name = "compare_sweep"
load "compare_common.gp"

set multiplot layout 2,2 title "A sweep: each figure against the swept value (mean of the repeats; bars: min to max)"
set key off
set xlabel "swept value (log scale)"
array f_col[4] = [sweep_max_drift, sweep_mean_drift, sweep_max_queue, sweep_max_jump]
array f_name[4] = ["max drift (ticks)", "mean drift (ticks)", "max queue (messages)", "max jump (ticks)"]
do for [p=1:4] {
	set title f_name[p]
	if (sweeps) {
		set logscale x
		# Values that span more than two decades are read on a log axis.
		stats "compare_sweep.dat" using (column(f_col[p])) nooutput
		if (STATS_min > 0 && STATS_max > 100 * STATS_min) { set logscale y } else { unset logscale y }
		plot "compare_sweep.dat" using 1:(column(f_col[p])):(column(f_col[p] + 1)):(column(f_col[p] + 2)) \
			with yerrorlines lw lw pt 7 lc rgb "#0072B2"
	} else {
		unset logscale x
		set xrange [0:1]
		set yrange [0:1]
		set label 1 "no sweep in these results" at graph 0.5, graph 0.5 center
		plot NaN notitle
	}
}
unset multiplot
