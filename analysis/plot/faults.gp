# faults.gp -- the faults injected into a run, marked on a plot over model time (faults.dat: t_start t_end kind label)
#
# A plot script loads it before it sets any range (stats would leave out
# points outside it), with fault_x0 and fault_x1 the ends of its x range.
# Each fault gets a dashed line at its start and its label above the plot
# ("kill 2", "pause 1", "slow 0->1"); a pause or a slow link gets a light
# band too, until it ends. A run without faults gets nothing: its plots
# look as they always did. Its names all start with fault_.

# Count the faults without plotting: gnuplot warns about a file with no
# points. With '#' no longer a comment the header is a line that counts 0.
set datafile commentschars ""
stats "faults.dat" using (strcol(1)[1:1] ne "#" ? 1 : 0) nooutput name "FAULTS"
fault_n = int(FAULTS_sum)
set datafile commentschars "#!"

if (fault_n > 0) {
	array fault_t0[fault_n]
	array fault_t1[fault_n]
	array fault_text[fault_n]
	fault_k = 0
	stats "faults.dat" using (fault_k = fault_k + 1, fault_t0[fault_k] = $1, \
		fault_t1[fault_k] = $2, fault_text[fault_k] = strcol(4), 0) nooutput name "FAULTS"
	# Pictures can have the arrow; a text screen keeps "->".
	fault_arrow_at(s) = strstrt(s, "->")
	fault_pretty(s) = dumb || fault_arrow_at(s) == 0 ? s : \
		s[1:fault_arrow_at(s) - 1] . "→" . s[fault_arrow_at(s) + 2:strlen(s)]
	do for [fault_k = 1:fault_n] {
		fault_a = fault_t0[fault_k]
		fault_b = fault_t1[fault_k]
		if (fault_a >= fault_x0 && fault_a <= fault_x1) {
			# Room above the plot for the labels, under the title.
			set tmargin (dumb ? 6 : 5.5)
			if (dumb) { set title offset 0, 1 }
			# Text rounds a line up into the next row: it stops short.
			set arrow 100 + fault_k from first fault_a, graph 0 \
				to first fault_a, graph (dumb ? 0.96 : 1) \
				nohead back lw (dumb ? 1 : 2) dt 2 lc rgb "#404040"
			set label 100 + fault_k fault_pretty(fault_text[fault_k]) \
				at first fault_a, graph 1 center offset 0, (dumb ? 1 : 0.7) \
				textcolor rgb "#202020" font ",15"
		}
		# A band from start to end, over the part of the x range it covers.
		if (!dumb && fault_b > fault_a && fault_b > fault_x0 && fault_a < fault_x1) {
			set object 100 + fault_k rect from first mx(fault_a, fault_x0), graph 0 \
				to first (fault_b < fault_x1 ? fault_b : fault_x1), graph 1 \
				back fc rgb "#808080" fs transparent solid 0.15 noborder
		}
	}
}
