# compare_band.gp -- one figure over model time, a panel per experiment: mean of the runs, band from min to max
#
# Loaded by compare_drift.gp and compare_queue.gp once they have set
# plot_name, band_file (a block per experiment: t, mean, min, max) and
# band_title (with the unit). Every panel has the same axes, and shows the
# reference experiment's mean dashed, so each compares at a glance.
panels = 1
load "compare_common.gp"

stats band_file using 4 nooutput
top = mx(STATS_max, 1) * 1.05

# Fixed margins, so that every panel has the same size, tick labels and
# axis titles fitting in the space between them.
set multiplot layout rows, cols title band_title . \
	"\n(line: mean of the runs; band: lowest to highest run; dashed: " . exp_text(0) . ", for reference)" \
	font ",20" margins 0.07, 0.98, 0.13, 0.8 spacing 0.06, 0.2
set xrange [0:duration]
set yrange [0:top]
set xtics tic_step(duration, 3)
set ytics tic_step(top, 4)
set key off
set style fill transparent solid 0.25 noborder
do for [i=0:N-1] {
	set title exp_text(i) font ",17" textcolor rgb exp_colour(i) offset 0, -0.3
	set xlabel (i >= N - cols ? "model time (s)" : "")
	if (i == 0) {
		plot band_file index i using 1:3:4 with filledcurves lc rgb exp_colour(i), \
			"" index i using 1:2 with lines lw lw * 0.75 lc rgb exp_colour(i)
	} else {
		plot band_file index i using 1:3:4 with filledcurves lc rgb exp_colour(i), \
			"" index 0 using 1:2 with lines lw lw * 0.5 dt 2 lc rgb "#000000", \
			"" index i using 1:2 with lines lw lw * 0.75 lc rgb exp_colour(i)
	}
}
unset multiplot
