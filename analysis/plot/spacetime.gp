# spacetime.gp -- one lane per VM, an arrow per message, inside the window win_t0..win_t1
# messages.dat: t_send src t_recv dst pending lamport (the clock it carried)
# events.dat: t vm kind (0 internal, 1 send, 2 recv) lamport (the clock after it)
plot_name = "spacetime"
load "common.gp"
# The window is empty only when the run had no time at all.
win_x1 = win_t1 > win_t0 ? win_t1 : t_axis
fault_x0 = win_t0
fault_x1 = win_x1
load "faults.gp"

# Count data lines without plotting the files: a window may hold no
# message or no tick, and gnuplot warns about a file with no points. With
# '#' no longer a comment, every line is a record and the header counts 0.
# This comes before any range is set: stats leaves out points outside it.
set datafile commentschars ""
is_data = 'strcol(1)[1:1] ne "#"'
stats "messages.dat" using (@is_data ? 1 : 0) nooutput
n_msgs = int(STATS_sum)
# pending: 0 received, 1 pending, 2 lost (never logged by its receiver).
stats "messages.dat" using (@is_data ? real(strcol(5)) != 0 : 0) nooutput
n_pend = int(STATS_sum)
stats "messages.dat" using (@is_data ? real(strcol(5)) == 2 : 0) nooutput
n_lost = int(STATS_sum)
n_recv = n_msgs - n_pend
stats "events.dat" using (@is_data ? 1 : 0) nooutput
n_events = int(STATS_sum)
set datafile commentschars "#!"

set title sprintf("Space-time diagram: ticks and messages from %g s to %g s\n%s", \
	win_t0, win_t1, run_text)
set xrange [win_t0:win_x1]
set yrange [N - 0.5:-0.5]
set grid noytics
set ytics scale 0
# Lane names with rates, each in its VM's colour: the colour its messages
# have here and its lines in the other plots. Many VMs: every few ids.
if (!many) {
	set ytics ("" 0)
	do for [i=0:N-1] {
		set label sprintf("VM %d (%g/s)", i, vm_rate(i)) at graph 0, first i \
			right offset -1, 0 textcolor palette cb vm_cb(i)
	}
	set lmargin 14
} else {
	set ylabel "VM"
	set ytics 0, (N <= 64 ? 4 : 16)
	set cblabel "sender's clock rate (ticks/s)"
}

received(v) = column(5) == 0 ? v : NaN
pending(v) = column(5) != 0 ? v : NaN
end_x(t) = t < win_t1 ? t : win_t1
array mark[3] = [6, 9, 5]	# internal: open circle; send: triangle; recv: square
tick_size = (N <= 12 ? 1.6 : 1) * pt_scale
# The legend goes in two rows under the time axis, and under it a line
# on the Lamport values: what they are, or why they are left out.
set bmargin 7
set key at screen 0.5, screen 0.045 center bottom vertical maxrows 2 Left reverse samplen 2 width 0 nobox noopaque
if (label_rows > 0) {
	lab_note = "numbers: the Lamport clock after each event" . (label_messages ? \
		"; boxed on an arrow: the clock the message carried" : \
		"; a message carries its send's (boxed on the arrow up to 8 VMs)")
} else {
	if (label_limit == 0) {
		lab_note = sprintf("Lamport values left out: %d lanes are too thin for them (labels up to 16 VMs)", N)
	} else {
		lab_note = sprintf("Lamport values shown up to %d events a lane, here %d: analyze --window %g:%g shows them", \
			label_limit, label_busiest, win_t0, win_t0 + label_fit_s)
	}
}
set label lab_note at screen 0.5, screen 0.02 center font ",14" textcolor rgb "#404040"
# Only files with points in the window are plotted: gnuplot warns about
# the others, even inside an empty `for`. So the command is put together
# first; single quotes keep the $ columns for gnuplot to read.
recv_arrows = '"messages.dat" using 1:(received($2)):($3 - $1):($4 - $2):(vm_cb($2))' \
	. ' with vectors filled head size screen 0.012,20 lw 2 lc palette notitle'
pend_lines = '"messages.dat" using 1:(pending($2)):(end_x($3) - $1):($4 - $2):(vm_cb($2))' \
	. ' with vectors nohead dt 2 lw 1.5 lc palette notitle'
pend_marks = '"messages.dat" using (end_x($3)):(pending($4)):(vm_cb($2))' \
	. ' with points pt 2 ps 2 * pt_scale lw 2 lc palette notitle'
tick_marks = '"events.dat" using 1:2:(mark[$3 + 1])' \
	. ' with points pt variable ps tick_size lc rgb "black" notitle'
tick_keys = ', keyentry with points pt mark[1] ps 1.6 * pt_scale lc rgb "black" title "internal event"' \
	. ', keyentry with points pt mark[2] ps 1.6 * pt_scale lc rgb "black" title "send"' \
	. ', keyentry with points pt mark[3] ps 1.6 * pt_scale lc rgb "black" title "receive"'
# More than 64 lanes are too thin for ticks and lines of their own: then
# only the messages are drawn, and a line every few lanes.
show_ticks = N <= 64
# The lanes come first, behind the rest, and give the plot a line to draw
# even when the window holds nothing else.
cmd = sprintf('plot for [i=0:N-1:%d] i with lines lw 1 lc rgb "#b0b0b0" notitle', \
	show_ticks ? 1 : 16) . (show_ticks ? tick_keys : "") \
	. ', keyentry with vectors filled head lw 2 lc rgb "black" title "message"' \
	. ', keyentry with linespoints dt 2 pt 2 lw 2 lc rgb "black" title ' \
	. (n_lost > 0 ? '"pending or lost"' : '"never received (pending)"')
if (n_recv > 0) { cmd = cmd . ", " . recv_arrows }
if (n_pend > 0) { cmd = cmd . ", " . pend_lines . ", " . pend_marks }
if (n_events > 0 && show_ticks) { cmd = cmd . ", " . tick_marks }
# Lamport values, while they fit (label_*, from style.c): each event's
# above its mark (or above and below in turn, counted per lane); each
# message's, in its colour on a white box on its arrow, between the last
# two lanes the arrow crosses, under the upper one's marks and labels:
# next to the receiver, where the receive's own label tells what the clock
# became, and away from the label of its twin when a send went both ways.
array lab_n[N]
do for [i=1:N] { lab_n[i] = 0 }
lab_n_at(v) = (lab_n[v + 1] = lab_n[v + 1] + 1)
lab_side(v) = label_rows == 2 && lab_n_at(v) % 2 == 0 ? 1 : -1
tick_labels = '"events.dat" using 1:($2 + lab_side($2) * label_event_dy):(sprintf("%d", $4))' \
	. ' with labels font ",12" textcolor rgb "#202020" notitle'
lab_y(src, dst) = (dst > src ? dst - 1 : dst) + label_message_dy
lab_x(t0, t1, src, dst) = t0 + (t1 - t0) * abs(lab_y(src, dst) - src) / abs(dst - src)
msg_labels = '"messages.dat" using (lab_x($1, end_x($3), $2, $4)):(lab_y($2, $4))' \
	. ':(sprintf("%d", $6)):(vm_cb($2)) with labels boxed font ",11" textcolor palette notitle'
set style textbox opaque fillcolor rgb "white" noborder margins 1, 1
if (label_rows > 0 && n_events > 0) { cmd = cmd . ", " . tick_labels }
if (label_messages && n_msgs > 0) { cmd = cmd . ", " . msg_labels }
if (n_msgs + n_events == 0) {
	set label "no tick and no message in this window" at graph 0.5, graph 0.5 center front
}
eval cmd
