# common.gp -- what every plot of one run shares: its numbers, VM names and colours, legend
#
# Each plot script sets plot_name, then loads this file, which loads the
# run's numbers from plotvars.gp beside it and the common look from
# look.gp (terminal, type, colours). `gnuplot drift.gp` draws drift.png;
# look.gp tells how to pick another terminal.

load "plotvars.gp"
load "look.gp"

# Up to 16 VMs each have a colour and a legend entry of their own. More
# would hide the plot (heat = 1, from style.c): drift and queue become
# heat maps, a row per VM, and the clock lines are coloured by clock
# rate on a colour scale, so the slow VMs stand out as a group.
many = heat
vm_rate(i) = value(sprintf("rate%d", i))
rate_text(r) = sprintf("%g tick%s/s", r, r == 1 ? "" : "s")
# Over 8 VMs the legend is 4 columns wide: "VM 12 (4/s)" fits, not more.
vm_title(i) = many ? "" : N > 8 ? sprintf("VM %d (%g/s)", i, vm_rate(i)) : \
	sprintf("VM %d (%s)", i, rate_text(vm_rate(i)))
run_text = sprintf("%s: %d VMs, seed %s", title_run, N, seed)
# A run that stopped early says where: its time axes end there, at t_end
# (one stopped before its first tick gets a second of empty axis).
if (strlen(stopped) > 0) { run_text = run_text . ", " . stopped }
t_axis = t_end > 0 ? t_end : 1
# analyze --no-check draws a run that broke the rules: the plots say so.
if (exists("check_ok") && !check_ok) { run_text = run_text . " - FAILED clockring check" }
rate_lo = vm_rate(0)
rate_hi = vm_rate(0)
do for [i=1:N-1] {
	rate_lo = vm_rate(i) < rate_lo ? vm_rate(i) : rate_lo
	rate_hi = vm_rate(i) > rate_hi ? vm_rate(i) : rate_hi
}

# Colours: VM i is drawn with `lc palette cb vm_cb(i)`.
# Up to 16 VMs: the palette is a staircase, one flat band of vm_rgb[i + 1]
# per VM (style.c), and lines are dashed from the 9th VM on, so that two
# colours alike on a poor projector still differ.
# More: the viridis scale over the clock rates, one band per rate when
# there are few, shown beside the plot.
vm_cb(i) = many ? vm_rate(i) : i + 0.5
vm_dash(i) = many ? 1 : 1 + int(i / 8)
if (many) {
	set palette defined (0 "#440154", 1 "#3B528B", 2 "#21918C", 3 "#5EC962", 4 "#A8D13B")
	set cbrange [rate_lo - 0.5:rate_hi + 0.5]
	if (rate_hi - rate_lo < 16) {
		set palette maxcolors rate_hi - rate_lo + 1
		set cbtics 1
	}
	set cblabel "clock rate (ticks/s)" offset 1,0
	set cbtics scale 0
	set colorbox
	many_text = "colour: clock rate"
} else {
	pal = ""
	do for [i=0:N-1] {
		c = sprintf("'#%06x'", vm_rgb[i + 1])
		pal = pal . sprintf("%s%d %s, %d %s", i ? ", " : "", i, c, i + 1, c)
	}
	eval "set palette defined (" . pal . ")"
	set cbrange [0:N]
	unset colorbox
}

set xlabel "model time (s)"

# Line plots keep their legend inside, in rows of up to four along the top,
# and grow their y range by a margin for it so that it hides no data.
key_rows = int((N + 3) / 4)
if (many) {
	set key off
} else {
	set key inside top left horizontal maxcols 4 Left reverse opaque box lc rgb "#c8c8c8"
}
key_room = many ? 0.03 : 0.04 + 0.08 * key_rows
# On a text screen boxes would look like data.
if (dumb) {
	set key nobox noopaque
	key_room = many ? 0.03 : 0.1 + 0.12 * key_rows
	# Text has no colours to scale: many VMs are just many lines.
	unset colorbox
	many_text = "no legend for so many VMs"
}

# For the `t v0 .. vN-1` files: after `stats FILE using (row_max(2))`,
# the y range [-0.02 * y_top(STATS_max):y_top(STATS_max)] keeps a line at
# 0 clear of the axis, leaves the legend its room on top, and is never
# empty (a run whose queues stayed empty still gets a plot, no warning).
# (Halving the columns keeps the recursion shallow for 256 VMs.) A VM dead
# before the end has NaN from then on, which no maximum takes; column()
# must not even read it, or gnuplot drops the whole row.
mx_num(a, b) = a != a ? b : b != b ? a : mx(a, b)
col_num(c) = valid(c) ? column(c) : NaN
col_max(a, b) = a == b ? col_num(a) : \
	mx_num(col_max(a, int((a + b) / 2)), col_max(int((a + b) / 2) + 1, b))
row_max(c) = col_max(c, N + 1)
y_top(m) = mx(m, 1) / (1 - key_room)

# Over 16 VMs, drift.gp and queue.gp draw the `t v0 .. vN-1` file named
# heat_file as a heat map: a row per VM from the top, model time across,
# each sample a cell coloured by its value, white for 0, heat_tic the
# colour scale's step (whole messages or ticks). A dead VM's row shows the
# grey behind it from its death on. gnuplot warns about a NaN in a matrix,
# so the samples go through a table first, a dead VM's as -1, its time
# column left out: sample k is at k * heat_dt. (Halving the columns keeps
# the recursion shallow, as in col_max.)
heat_dt = t_axis / (grid - 1)
heat_val(c) = valid(c) ? strcol(c) : "-1"
heat_row(a, b) = a == b ? heat_val(a) : \
	heat_row(a, int((a + b) / 2)) . " " . heat_row(int((a + b) / 2) + 1, b)
heat_map = 'set table $heat; plot heat_file using (heat_row(2, N + 1)) with table; unset table; ' \
	. 'set ylabel "VM"; set yrange [N - 0.5:-0.5]; set ytics 0, vm_tic out; ' \
	. 'set grid noytics; set xrange [0:t_axis]; set key off; ' \
	. 'set object 1 rect from graph 0, 0 to graph 1, 1 back fc rgb "#c8c8c8" fs solid 1 noborder; ' \
	. 'set palette defined (0 "#FFFFFF", 0.15 "#FDD49E", 0.4 "#FC8D59", 0.7 "#D7301F", 1 "#67000D"); ' \
	. 'set palette maxcolors 0; set cbrange [0:*]; set cbtics heat_tic; set colorbox; ' \
	. 'plot $heat matrix using ($2 * heat_dt):1:($3 < 0 ? NaN : $3) with image notitle'
