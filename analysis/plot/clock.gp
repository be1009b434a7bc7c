# clock.gp -- each VM's Lamport clock over model time (clock.dat: t v0 .. vN-1)
plot_name = "clock"
load "common.gp"
fault_x0 = 0
fault_x1 = t_axis
load "faults.gp"

# Before any range is set: stats would leave out points outside it.
stats "clock.dat" using (row_max(2)) nooutput

set title sprintf("Lamport clock of each VM over model time%s\n%s", \
	many ? sprintf(" (%s)", many_text) : "", run_text)
set ylabel "Lamport clock"
set ytics clock_tic
set xrange [0:t_axis]
set yrange [-0.02 * y_top(STATS_max):y_top(STATS_max)]
plot for [i=0:N-1] "clock.dat" using 1:(column(i + 2)) with steps \
	lw lw lc palette cb vm_cb(i) dt vm_dash(i) title vm_title(i)
