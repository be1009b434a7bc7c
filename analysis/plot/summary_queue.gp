# summary_queue.gp -- queue length over time of a summary run: mean, p99 and max over the VMs alive (series.csv)
plot_name = "queue"
load "summary_common.gp"

set title sprintf("Queues: messages waiting at the VMs\n%s", run_text)
set ylabel "messages waiting"
# A level ring (no queue at all) still gets an axis, 0 to 1.
stats series using 12 skip 1 nooutput
set yrange [0:(STATS_max > 0 ? STATS_max * 1.05 : 1)]
plot series using 1:12 skip 1 with steps lw lw lc rgb "#D55E00" title "max", \
	"" using 1:11 skip 1 with steps lw lw lc rgb "#CC79A7" title "p99", \
	"" using 1:10 skip 1 with lines lw lw dt 2 lc rgb "#0072B2" title "mean"
