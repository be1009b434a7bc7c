# look.gp -- the look every clockring plot shares: terminal, type, lines, grid, colours
#
# Loaded after the script has set plot_name, by common.gp (the plots of
# one run) and compare_common.gp (experiments side by side). The command
# line may pick another terminal first:
#   gnuplot -e "term_kind='svg'" drift.gp                          drift.svg
#   gnuplot -e "term_kind='dumb'; term_cols=100; term_rows=30" drift.gp   text on stdout

if (!exists("term_kind")) { term_kind = "png" }
# Sized for a classroom projector: 1280x720, large type, thick lines.
# noenhanced: run paths may hold _ or ^, which must print as they are.
if (!exists("term_height")) { term_height = 720 }
if (term_kind eq "png") {
	set terminal pngcairo size 1280,term_height font "sans,18" rounded noenhanced
	set output plot_name . ".png"
}
if (term_kind eq "svg") {
	# Drawn like the PNG: the svg terminal counts 72 points an inch, cairo 96.
	set terminal svg size 1280,term_height font "sans,18" fontscale 1.33 linewidth 1.33 rounded \
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

# Okabe-Ito colours: safe for colour-blind eyes; yellow left out, too
# faint on a projector.
array okabe[7] = [0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000]

set border lw (dumb ? 1 : 1.5)
set grid lt 1 lc rgb "#e0e0e0" lw 1
set title font ",22"
set tics out nomirror
set rmargin 5
# On a text screen grid lines would look like data.
if (dumb) { unset grid }

mx(a, b) = a > b ? a : b
