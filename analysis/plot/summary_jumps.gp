# summary_jumps.gp -- the jump sizes of a summary run, all VMs together (jumps.csv: size,count)
plot_name = "jumps"
load "summary_common.gp"

set title sprintf("Clock jumps: how much one tick raised a clock, all VMs\n%s", run_text)
set xlabel "jump: clock ticks added by one tick (1 = a normal tick)"
set ylabel "ticks (log scale)"
set logscale y
# Sizes that span more than two decades are read on a log axis too.
if (max_jump > 100) { set logscale x; set xrange [0.8:max_jump * 1.25] } else { set xrange [0.5:(max_jump > 1 ? max_jump : 1) + 0.5] }
set key off
if (max_jump == 0) {
	unset logscale y
	set yrange [0:1]
	set label "no tick, so no clock jump" at graph 0.5, graph 0.5 center front
	plot NaN notitle
} else {
	# From below 1 (a size that came once shows) to above the most common.
	stats jumps using 2 skip 1 nooutput
	set yrange [0.7:STATS_max * 2]
	plot jumps using 1:2 skip 1 with impulses lw (lw * 2) lc rgb "#0072B2", \
		"" using 1:2 skip 1 with points pt 7 ps (pt_scale * 0.8) lc rgb "#0072B2"
}
