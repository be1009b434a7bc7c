# queue.gp -- messages waiting in each VM's queue over model time (queue.dat: t v0 .. vN-1)
plot_name = "queue"
load "common.gp"
fault_x0 = 0
fault_x1 = t_axis
load "faults.gp"

what = "Messages waiting in each VM's queue"
# A text screen has no colours for a heat map: it keeps the lines.
if (heat && !dumb) {
	set title sprintf("%s\n%s", what, run_text)
	set cblabel "messages waiting" offset 1,0
	heat_file = "queue.dat"
	heat_tic = queue_tic
	eval heat_map
} else {
	# Before any range is set: stats would leave out points outside it.
	stats "queue.dat" using (row_max(2)) nooutput
	set title sprintf("%s%s\n%s", what, many ? sprintf(" (%s)", many_text) : "", run_text)
	set ylabel "messages waiting"
	set ytics queue_tic
	set xrange [0:t_axis]
	set yrange [-0.02 * y_top(STATS_max):y_top(STATS_max)]
	plot for [i=0:N-1] "queue.dat" using 1:(column(i + 2)) with steps \
		lw lw lc palette cb vm_cb(i) dt vm_dash(i) title vm_title(i)
}
