# summary_clock.gp -- the clock band of a summary run: lowest, mean and highest clock of the VMs alive (series.csv)
plot_name = "clock"
load "summary_common.gp"

set title sprintf("Lamport clocks: the band from the lowest to the highest clock\n%s", run_text)
set ylabel "Lamport clock"
plot series using 1:3:5 skip 1 with filledcurves fc rgb "#cfe3f2" title "lowest to highest", \
	"" using 1:4 skip 1 with lines lw lw lc rgb "#0072B2" title "mean"
