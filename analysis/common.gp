# common.gp -- what every clockring plot shares: terminal, fonts, colours, VM names
#
# Each plot script sets plot_name, then loads this file, which loads the
# run's numbers from plotvars.gp beside it. `gnuplot drift.gp` draws
# drift.png; the command line may pick another terminal first:
#   gnuplot -e "term_kind='svg'" drift.gp                          drift.svg
#   gnuplot -e "term_kind='dumb'; term_cols=100; term_rows=30" drift.gp   text on stdout

load "plotvars.gp"

if (!exists("term_kind")) { term_kind = "png" }
# Sized for a classroom projector: 1280x720, large type, thick lines.
# noenhanced: run paths may hold _ or ^, which must print as they are.
if (term_kind eq "png") {
	set terminal pngcairo size 1280,720 font "sans,18" rounded noenhanced
	set output plot_name . ".png"
}
if (term_kind eq "svg") {
	# Drawn like the PNG: the svg terminal counts 72 points an inch, cairo 96.
	set terminal svg size 1280,720 font "sans,18" fontscale 1.33 linewidth 1.33 rounded \
		noenhanced background "white"
	set output plot_name . ".svg"
}
if (term_kind eq "dumb") {
	if (!exists("term_cols")) { term_cols = 100 }
	if (!exists("term_rows")) { term_rows = 30 }
	set terminal dumb size term_cols, term_rows noenhanced
	set output
}
if (term_kind ne "png" && term_kind ne "svg" && term_kind ne "dumb") {
	exit error sprintf("term_kind '%s': expected png, svg or dumb", term_kind)
}
dumb = (term_kind eq "dumb")
lw = dumb ? 1 : 4
pt_scale = term_kind eq "svg" ? 0.45 : 1	# point sizes are given in units of this

# Up to 12 VMs get a legend entry each. More would hide the plot: their
# lines are coloured by clock rate instead, on a colour scale, so the slow
# VMs stand out as a group.
many = (N > 12)
vm_rate(i) = value(sprintf("rate%d", i))
rate_text(r) = sprintf("%g tick%s/s", r, r == 1 ? "" : "s")
vm_title(i) = many ? "" : sprintf("VM %d (%s)", i, rate_text(vm_rate(i)))
run_text = sprintf("%s: %d VMs, seed %s", title_run, N, seed)
# analyze --no-check draws a run that broke the rules: the plots say so.
if (exists("check_ok") && !check_ok) { run_text = run_text . " - FAILED clockring check" }
rate_lo = vm_rate(0)
rate_hi = vm_rate(0)
do for [i=1:N-1] {
	rate_lo = vm_rate(i) < rate_lo ? vm_rate(i) : rate_lo
	rate_hi = vm_rate(i) > rate_hi ? vm_rate(i) : rate_hi
}

# Colours: VM i is drawn with `lc palette cb vm_cb(i)`.
# Up to 12 VMs: the palette is a staircase, one flat band of an Okabe-Ito
# colour per VM (safe for colour-blind eyes; yellow left out, too faint
# on a projector), dashed from the 8th VM on.
# More: the viridis scale over the clock rates, one band per rate when
# there are few, shown beside the plot.
array okabe[7] = [0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000]
vm_cb(i) = many ? vm_rate(i) : i + 0.5
vm_dash(i) = many ? 1 : 1 + int(i / 7)
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
		c = sprintf("'#%06x'", okabe[i % 7 + 1])
		pal = pal . sprintf("%s%d %s, %d %s", i ? ", " : "", i, c, i + 1, c)
	}
	eval "set palette defined (" . pal . ")"
	set cbrange [0:N]
	unset colorbox
}

set border lw (dumb ? 1 : 1.5)
set grid lt 1 lc rgb "#e0e0e0" lw 1
set title font ",22"
set xlabel "model time (s)"
set tics out nomirror
set rmargin 5

# Line plots keep their legend inside, in rows of up to four along the top,
# and grow their y range by a margin for it so that it hides no data.
key_rows = int((N + 3) / 4)
if (many) {
	set key off
} else {
	set key inside top left horizontal maxcols 4 Left reverse opaque box lc rgb "#c8c8c8"
}
key_room = many ? 0.03 : 0.04 + 0.08 * key_rows
# On a text screen grid lines and boxes would look like data.
if (dumb) {
	unset grid
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
# (Halving the columns keeps the recursion shallow for 256 VMs.)
mx(a, b) = a > b ? a : b
col_max(a, b) = a == b ? column(a) : \
	mx(col_max(a, int((a + b) / 2)), col_max(int((a + b) / 2) + 1, b))
row_max(c) = col_max(c, N + 1)
y_top(m) = mx(m, 1) / (1 - key_room)
