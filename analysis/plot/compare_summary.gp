# compare_summary.gp -- each experiment at a glance: jumps, drift and queues side by side
# (compare_figs.dat: a row per experiment, mean sd min max of each figure;
#  compare_runs.dat: a row per run; comparevars.gp names their columns)
plot_name = "compare_summary"
rows_per_exp = 1
load "compare_common.gp"

# Three panels, the experiments as rows, the reference on top:
# bar = mean of the runs, line = lowest to highest run, dots = each run.
array p_fig[3] = [fig_jump_over_1_share, fig_max_drift, fig_max_queue]
array p_run[3] = [run_jump_over_1_share, run_max_drift, run_max_queue]
array p_scale[3] = [100, 1, 1]
array p_title[3] = ["Ticks with a jump > 1", "Max drift", "Max queue"]
array p_unit[3] = ["% of ticks", "clock ticks", "messages"]
array p_fmt[3] = ["%.1f%%", "%.1f", "%.1f"]

# Each panel's extent and the reference's mean (a dashed line), found
# before any range is set: stats would leave out points outside it.
array p_top[3]
array p_ref[3]
do for [p=1:3] {
	stats "compare_figs.dat" using (column(p_fig[p] + 3) * p_scale[p]) nooutput
	p_top[p] = mx(STATS_max, 1e-9) * 1.28
	stats "compare_figs.dat" every ::0::0 using (column(p_fig[p]) * p_scale[p]) nooutput
	p_ref[p] = STATS_max
}

left = 0.27
gap = 0.025
width = (0.985 - left - 2 * gap) / 3
half = 0.32		# half a bar's height, in rows

set multiplot title "Each experiment at a glance (bar: mean of its runs; line: lowest to highest run; dots: each run)" font ",18"
set key off
set grid noytics
set ytics scale 0
set yrange [N - 0.5:-0.5]
set tmargin at screen 0.86
set bmargin at screen 0.15
set style fill solid 0.35 border
set offsets 0, 0, 0, 0

do for [p=1:3] {
	c = p_fig[p]
	k = p_scale[p]
	ref = p_ref[p]
	set lmargin at screen left + (p - 1) * (width + gap)
	set rmargin at screen left + (p - 1) * (width + gap) + width
	set title p_title[p] font ",20"
	set xlabel p_unit[p]
	set xrange [0:p_top[p]]
	set xtics 0, tic_step(p_top[p] / 1.28, 3)
	set ytics ("" 0)
	if (p == 1) {
		set ytics () font ",16"
		do for [i=0:N-1] { set ytics add (two_lines(exp_text(i)) i) }
	} else {
		set ytics () format ""
		do for [i=0:N-1] { set ytics add ("" i) }
	}
	unset arrow
	set arrow from ref, graph 0 to ref, graph 1 nohead dt 2 lw 1.5 lc rgb "#555555" back
	plot "compare_figs.dat" using (column(c) * k / 2):1:(0):(column(c) * k):($1 - half):($1 + half):(exp_colour(int($1))) \
		with boxxyerror lc rgb variable, \
	     "" using (column(c) * k):1:(column(c + 2) * k):(column(c + 3) * k) \
		with xerrorbars pt -1 lw 2 lc rgb "#333333", \
	     "compare_runs.dat" using (column(p_run[p]) * k):($1 + 0.18 * ((int($2) % 5) - 2) / 2.0):(exp_colour(int($1))) \
		with points pt 7 ps 1.3 * pt_scale lc rgb variable, \
	     "compare_figs.dat" using (column(c + 3) * k):1:(sprintf(" " . p_fmt[p], column(c) * k)) \
		with labels left offset 0.3, 0 font ",16"
}
unset multiplot
