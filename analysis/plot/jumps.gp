# jumps.gp -- how often each VM's clock rose by 1, 2, 3, ... in one event (jumps.dat: size c0 .. cN-1)
plot_name = "jumps"
load "common.gp"

# Before any range is set: stats would leave out points outside it.
# A run stopped before its first tick has no jump: jumps.dat has no row.
top = 1
if (max_jump > 0) {
	stats "jumps.dat" using (row_max(2)) nooutput
	top = mx(STATS_max, 1)
}

set xlabel "jump: clock ticks added by one event (1 = a normal tick; more = a receive caught up)"
set xrange [0.5:mx(max_jump, 1) + 0.5]
if (max_jump <= 30) { set xtics 1 } else { set xtics add ("1" 1) }
set grid noxtics
count(c) = column(c) > 0 ? column(c) : NaN

if (max_jump == 0) {
	set title sprintf("Clock jumps: how much each event raised a VM's clock\n%s", run_text)
	set yrange [0:1]
	set ytics ("" 0)
	set key off
	set label "no tick, so no clock jump" at graph 0.5, graph 0.5 center front
	plot NaN notitle
}
if (max_jump > 0 && !many) {
	# Clustered bars: at each jump size, one bar per VM, side by side.
	set title sprintf("Clock jumps: how much each event raised a VM's clock\n%s", run_text)
	set ylabel "events (log scale)"
	set logscale y
	# The legend's share of the height, on a log axis.
	set yrange [0.7:exp(log(top * 1.2 / 0.7) / (1 - key_room)) * 0.7]
	bar = 0.8 / N
	bar_x(i) = column(1) + (i - (N - 1) / 2.0) * bar
	bars = '"jumps.dat" using (bar_x(i)):(count(i + 2)):(bar_x(i) - bar / 2)' \
		. ':(bar_x(i) + bar / 2):(0.7):(count(i + 2))' \
		. ' lc palette cb vm_cb(i) title vm_title(i)'
	eval "plot for [i=0:N-1] " . bars . " with boxxyerror fs solid 1 noborder"
}
if (max_jump > 0 && many) {
	# Too many VMs for bars: a grid, one row per VM, coloured by count.
	set title sprintf("Clock jumps: how many events of each VM raised its clock by each amount\n%s", run_text)
	set ylabel "VM"
	set yrange [N - 0.5:-0.5]
	set ytics out
	set grid noytics
	# Dark for rare sizes, so the few big jumps stand out on white.
	set palette defined (0 "#440154", 1 "#3B528B", 2 "#21918C", 3 "#5EC962", 4 "#B5DE2B")
	set palette maxcolors 0
	set logscale cb
	set cbrange [1:top]
	set cbtics auto
	set cblabel "events (log scale)" offset 1,0
	plot for [i=0:N-1] "jumps.dat" \
		using 1:(i):($1 - 0.5):($1 + 0.5):(i - 0.5):(i + 0.5):(count(i + 2)) \
		with boxxyerror fs solid 1 noborder lc palette notitle
}
