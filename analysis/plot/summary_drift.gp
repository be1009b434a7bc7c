# summary_drift.gp -- drift over time of a summary run: mean, median, p99 and max over the VMs alive (series.csv)
plot_name = "drift"
load "summary_common.gp"

set title sprintf("Drift: how far clocks are behind the highest clock\n%s", run_text)
set ylabel "drift (clock ticks behind the fastest VM)"
# A level ring (no drift at all) still gets an axis, 0 to 1.
stats series using 9 skip 1 nooutput
set yrange [0:(STATS_max > 0 ? STATS_max * 1.05 : 1)]
plot series using 1:9 skip 1 with steps lw lw lc rgb "#D55E00" title "max", \
	"" using 1:8 skip 1 with steps lw lw lc rgb "#CC79A7" title "p99", \
	"" using 1:7 skip 1 with steps lw lw lc rgb "#009E73" title "median", \
	"" using 1:6 skip 1 with lines lw lw dt 2 lc rgb "#0072B2" title "mean"
