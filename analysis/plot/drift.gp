# drift.gp -- how far each VM's clock is behind the highest one (drift.dat: t v0 .. vN-1)
plot_name = "drift"
load "common.gp"
fault_x0 = 0
fault_x1 = t_axis
load "faults.gp"

what = "Drift: how far each VM's clock is behind the highest clock"
unit = "drift (clock ticks behind the fastest VM)"
# A text screen has no colours for a heat map: it keeps the lines.
if (heat && !dumb) {
	set title sprintf("%s\n%s", what, run_text)
	set cblabel unit offset 1,0
	heat_file = "drift.dat"
	heat_tic = drift_tic
	eval heat_map
} else {
	# Before any range is set: stats would leave out points outside it.
	stats "drift.dat" using (row_max(2)) nooutput
	set title sprintf("%s%s\n%s", what, many ? sprintf(" (%s)", many_text) : "", run_text)
	set ylabel unit
	set ytics drift_tic
	set xrange [0:t_axis]
	set yrange [-0.02 * y_top(STATS_max):y_top(STATS_max)]
	plot for [i=0:N-1] "drift.dat" using 1:(column(i + 2)) with steps \
		lw lw lc palette cb vm_cb(i) dt vm_dash(i) title vm_title(i)
}
