# compare_common.gp -- what every comparison plot shares: the experiments, their names and colours
#
# Each compare_*.gp sets plot_name, then loads this file, which loads the
# experiments from comparevars.gp beside it and the common look from
# look.gp. `gnuplot compare_drift.gp` draws compare_drift.png.

load "comparevars.gp"

# Plots of a panel per experiment (panels = 1) put up to three in a row;
# a plot of a row per experiment (rows_per_exp = 1) grows with them.
cols = N <= 3 ? N : N == 4 ? 2 : 3
rows = int((N + cols - 1) / cols)
if (exists("panels") && rows > 2) { term_height = 340 * rows }
if (exists("rows_per_exp") && N > 6) { term_height = 150 + 95 * N }
load "look.gp"

# Experiment i (from 0) is drawn in exp_colour(i): the reference (the
# baseline, always first) in black, the others in the Okabe-Ito colours,
# dashed once the colours repeat.
exp_colour(i) = i == 0 ? 0x000000 : okabe[(i - 1) % 6 + 1]
exp_dash(i) = i == 0 ? 1 : 1 + int((i - 1) / 6)
exp_text(i) = exp_title[i + 1]

# A title on two lines when it is long: broken at the space nearest its middle.
mid_space(s, a, b) = a < 1 ? b : b > strlen(s) ? a : \
	substr(s, a, a) eq " " ? a : substr(s, b, b) eq " " ? b : mid_space(s, a - 1, b + 1)
brk(s) = strlen(s) < 20 ? 0 : mid_space(s, int(strlen(s) / 2), int(strlen(s) / 2) + 1)
two_lines(s) = brk(s) < 1 || brk(s) > strlen(s) || substr(s, brk(s), brk(s)) ne " " ? s : \
	s[1:brk(s) - 1] . "\n" . s[brk(s) + 1:]

# A round step (1, 2 or 5 times a power of ten) that cuts 0..top into about n.
tic_mag(x) = 10 ** floor(log10(x))
tic_round(x) = x / tic_mag(x) < 1.5 ? tic_mag(x) : x / tic_mag(x) < 3.5 ? 2 * tic_mag(x) : \
	x / tic_mag(x) < 7.5 ? 5 * tic_mag(x) : 10 * tic_mag(x)
tic_step(top, n) = tic_round(top / n)

set key inside top left vertical Left reverse opaque box lc rgb "#c8c8c8" samplen 2
if (dumb) { set key nobox noopaque }
