# tests/e2e/t_diagrams.sh -- the plots for a lesson: Lamport labels as logged, a colour per VM, heat maps, whole tics
. "$(dirname "$0")/lib.sh"

# analyzed DIR VMS SEED: a virtual run of 5 model seconds, analyzed as SVG
# (text we can read back: what gnuplot drew, not what it was told).
analyzed() {
	"$CLOCKRING" run --virtual --quiet --out "$1" --vms "$2" --seed "$3" \
		--duration 5 || fail "run --vms $2 exited $?"
	"$CLOCKRING" analyze --quiet --svg "$1" >"$T/out" 2>&1 ||
		{ cat "$T/out"; fail "analyze $1"; }
}

# svg_numbers FILE: each number gnuplot wrote as text, in drawing order:
# "FILL SIZE ANCHOR NUMBER" (the <g> before each <text> holds the style).
svg_numbers() {
	awk '/<g transform=/ {
		fill = $0; sub(/.*fill="/, "", fill); sub(/".*/, "", fill)
		size = $0; sub(/.*font-size="/, "", size); sub(/".*/, "", size)
		anchor = $0; sub(/.*text-anchor="/, "", anchor); sub(/".*/, "", anchor)
	}
	/<text>[ -]*[0-9.]+<\/text>/ {
		v = $0; sub(/.*<text>/, "", v); sub(/<\/text>.*/, "", v); gsub(/ /, "", v)
		print fill, size, anchor, v
	}' "$1"
}

# --- 3 VMs: every event and message labelled with its logged clock ---
analyzed "$T/r3" 3 5
a="$T/r3/analysis"
grep -qx 'label_rows = [12]' "$a/plotvars.gp" || fail "3 VMs for 5 s: no labels planned"
head -1 "$a/events.dat" | grep -qx '# t vm kind lamport' || fail "events.dat: no lamport column"
head -1 "$a/messages.dat" | grep -qx '# t_send src t_recv dst pending lamport' ||
	fail "messages.dat: no lamport column"

# Each VM's events in the window (the whole run) carry the clocks of its
# INTERNAL, SEND and RECV lines, in order.
for v in 0 1 2; do
	awk -F, -v v="$v" 'NR > 1 && ($3 == "INTERNAL" || $3 == "SEND" || $3 == "RECV") { print $5 }' \
		"$T/r3/vm$v.csv" >"$T/logged.$v"
	awk -v v="$v" 'NR > 1 && $2 == v { print $4 }' "$a/events.dat" >"$T/plotted.$v"
	[ -s "$T/logged.$v" ] || fail "vm$v logged no tick"
	cmp -s "$T/logged.$v" "$T/plotted.$v" || fail "VM $v: events.dat clocks differ from vm$v.csv"
done
# Each message carries the clock its receiver logged it with (RECV or
# PENDING: msg_lamport), link by link.
for s in 0 1 2; do for d in 0 1 2; do
	[ "$s" != "$d" ] || continue
	awk -F, -v s="$s" '($3 == "RECV" || $3 == "PENDING") && $7 == s { print $9 }' \
		"$T/r3/vm$d.csv" | sort -n >"$T/carried.log"
	awk -v s="$s" -v d="$d" 'NR > 1 && $2 == s && $4 == d { print $6 }' "$a/messages.dat" |
		sort -n >"$T/carried.dat"
	cmp -s "$T/carried.log" "$T/carried.dat" || fail "messages $s->$d: carried clocks differ from vm$d.csv"
done; done
[ "$(awk 'NR > 1' "$a/messages.dat" | wc -l)" -gt 3 ] || fail "too few messages to judge"

# The diagram shows them: the event labels (dark grey) are events.dat's
# clocks in its order, the message labels (the smallest numbers) its.
svg_numbers "$a/spacetime.svg" >"$T/numbers"
awk '$1 == "rgb(32,32,32)" { print $4 }' "$T/numbers" >"$T/drawn.events"
awk 'NR > 1 { print $4 }' "$a/events.dat" >"$T/want.events"
cmp -s "$T/drawn.events" "$T/want.events" ||
	fail "spacetime.svg: event labels are not events.dat's clocks ($(wc -l <"$T/drawn.events") drawn)"
awk 'NR > 1 { print $6 }' "$a/messages.dat" >"$T/want.msgs"
# gnuplot's SVG writes a boxed label twice (once to size its box): then
# every other one.
small=$(awk '{ print $2 }' "$T/numbers" | sort -n | head -1)
awk -v s="$small" '$2 == s { print $4 }' "$T/numbers" >"$T/drawn.msgs"
if [ "$(wc -l <"$T/drawn.msgs")" -eq $((2 * $(wc -l <"$T/want.msgs"))) ]; then
	awk 'NR % 2' "$T/drawn.msgs" >"$T/drawn.once" && mv "$T/drawn.once" "$T/drawn.msgs"
fi
cmp -s "$T/drawn.msgs" "$T/want.msgs" || fail "spacetime.svg: message labels are not messages.dat's clocks"
grep -q 'numbers: the Lamport clock after each event' "$a/spacetime.svg" ||
	fail "spacetime.svg: no note on what the numbers are"

# Whole tics on whole quantities: this run's queues hold at most one
# message, and the clock axis counts ticks.
for p in queue clock drift; do
	awk '$3 == "end" { print $4 }' <(svg_numbers "$a/$p.svg") >"$T/ytics"
	[ -s "$T/ytics" ] || fail "$p.svg: no y tics"
	! grep -q '\.' "$T/ytics" || fail "$p.svg: y tics $(tr '\n' ' ' <"$T/ytics")"
done

# --- 8 VMs: 8 lanes, 8 colours ---
analyzed "$T/r8" 8 5
a="$T/r8/analysis"
# The lane names of the space-time diagram, each in its VM's colour.
n=$(awk '/<g transform=/ { fill = $0; sub(/.*fill="/, "", fill); sub(/".*/, "", fill) }
	/<text>VM [0-9]+ \(/ { print fill }' "$a/spacetime.svg" | sort -u | wc -l)
[ "$n" -eq 8 ] || fail "spacetime.svg: 8 lanes in $n colours"
# The lines of the drift plot: the stroke after each legend entry.
n=$(awk '/<text>VM [0-9]+ \(/ { want = 1; next }
	want && /<path stroke=/ { s = $0; sub(/.*stroke=\x27/, "", s); sub(/\x27.*/, "", s); print s; want = 0 }' \
	"$a/drift.svg" | sort -u | wc -l)
[ "$n" -eq 8 ] || fail "drift.svg: 8 VMs in $n colours"

# --- 24 VMs: drift and queue as heat maps, a row per VM ---
analyzed "$T/r24" 24 5
a="$T/r24/analysis"
for p in drift queue; do
	grep -q '<image' "$a/$p.svg" || fail "$p.svg: no heat map for 24 VMs"
	grep -q '<text>VM</text>' "$a/$p.svg" || fail "$p.svg: rows not named VM"
	grep -q '<text>VM [0-9]' "$a/$p.svg" && fail "$p.svg: a legend entry per VM"
done
grep -q '<text>drift (clock ticks behind the fastest VM)</text>' "$a/drift.svg" ||
	fail "drift.svg: the colour scale is not drift"
grep -qx 'heat = 1' "$a/plotvars.gp" || fail "plotvars.gp: no heat = 1"
# A text screen has no colours: --term keeps drawing the drift lines.
"$CLOCKRING" analyze --term --no-plots "$T/r24" >"$T/out" 2>&1 || { cat "$T/out"; fail "analyze --term"; }
grep -q 'Drift: .*(no legend for so many VMs)' "$T/out" || { cat "$T/out"; fail "--term: no drift lines"; }
# And a VM killed on the way leaves its row blank, with gnuplot silent.
"$CLOCKRING" run --virtual --quiet --out "$T/k24" --vms 24 --seed 5 --duration 5 \
	--fault kill:3@2 --on-failure continue || fail "run with a kill"
"$CLOCKRING" analyze --quiet "$T/k24" >"$T/out" 2>&1 || { cat "$T/out"; fail "analyze a kill"; }
[ ! -s "$T/out" ] || { cat "$T/out"; fail "analyze a kill said something"; }
echo ok
