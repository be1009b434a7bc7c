# compare_jumps.gp -- how the clock jumps spread over their sizes, per experiment
# (compare_jumps.dat: size, then each experiment's share of ticks that jumped by it)
plot_name = "compare_jumps"
load "compare_common.gp"

set title "Clock jumps: share of all ticks that raised the clock by 1, 2, 3, ...\n(all runs and VMs of each experiment; 1 is a normal tick, more is a receive catching up)" font ",19"
set xlabel "jump: clock ticks added by one tick (log scale)"
set ylabel "share of ticks (log scale)"
# Both axes logarithmic: the common small jumps get the room, and a rare
# big one still shows.
set logscale xy
set format y "%g%%"
# A share is at most 100%: room above it, and a range even when every
# tick of every run jumped by 1 (all shares 100%, else an empty range).
set yrange [*:150]
set xrange [0.9:mx(max_jump, 10) * 1.1]
set xtics ("1" 1, "2" 2, "3" 3, "5" 5, "10" 10, "20" 20, "50" 50, "100" 100, "200" 200, \
	"500" 500, "1000" 1000, "2000" 2000, "5000" 5000, "10^4" 1e4, "10^5" 1e5, "10^6" 1e6)
set mxtics 10
set grid xtics ytics
share(c) = column(c) > 0 ? 100 * column(c) : NaN
set key top right
plot for [i=0:N-1] "compare_jumps.dat" using 1:(share(i + 2)) with linespoints \
	lw lw * 0.75 pt 7 ps 1.2 * pt_scale lc rgb exp_colour(i) dt exp_dash(i) title exp_text(i)
