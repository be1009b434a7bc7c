# causal.gp -- how many pairs of the window's ticks are causally ordered, by ring distance between their VMs (causal.dat)
plot_name = "causal"
load "common.gp"

# Each bar is every pair of ticks whose VMs lie that far apart on the
# ring, split three ways: one could have affected the other (ordered),
# neither could yet Lamport order puts one first, neither and equal clocks.
set title sprintf("Which pairs of events could affect each other? (ticks of %g to %g s)\n" . \
	"Of the pairs Lamport order ranks, %.0f%% are concurrent\n%s", hb_t0, hb_t1, \
	100 * hb_ranked_share, run_text)
set xlabel "ring distance between the two events' VMs (0: the same VM)"
set ylabel "share of the pairs at that distance (%)"
set yrange [0:125]
set ytics 0, 20, 100
set xtics 1
set grid ytics noxtics
set style fill solid 1 noborder
set boxwidth 0.7
set key inside top center horizontal maxcols 2 Left reverse opaque box lc rgb "#c8c8c8"
share(c) = column(2) > 0 ? 100.0 * column(c) / column(2) : 0

if (!hb_ok || hb_ticks < 2) {
	set xrange [-0.5:0.5]
	set label (hb_ok ? "fewer than two ticks in the window: no pair" : \
		"not counted: " . hb_why) at graph 0.5, graph 0.5 center front
	plot NaN notitle
} else {
	set xrange [-0.5:N / 2 + 0.5]
	# Stacked from the bottom: ordered, then ranked concurrent, then tied.
	plot "causal.dat" using 1:(share(3) + share(6) + share(7)) with boxes \
		lc rgb "#b0b0b0" title "concurrent, equal clocks", \
	     "" using 1:(share(3) + share(6)) with boxes \
		lc rgb "#e69f00" title "concurrent, yet Lamport-ranked", \
	     "" using 1:(share(3)) with boxes \
		lc rgb "#0072b2" title "causally ordered"
}
