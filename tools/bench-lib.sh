# tools/bench-lib.sh -- what the `make bench` scripts share: medians, ratios and the rows of the table
#
# Sourced by tools/bench*.sh. A section script adds rows to $BENCH_ROWS
# (tab-separated: figure, clockring, baseline, ratio, target, met);
# tools/bench.sh writes them out as one table. QUICK=1: fewer repeats.

# shellcheck disable=SC2034 # for the scripts that source this
here=$(cd "$(dirname "$0")" && pwd)
if [ "${QUICK:-0}" = 1 ]; then reps=1; else reps=3; fi

say() {		# say WORDS: progress on stderr, the table stays on stdout
	echo "bench: $*" >&2
}

now_ns() {
	date +%s%N
}

median() {	# median: of the numbers on stdin, one a line; "-" if none
	sort -g | awk '{ a[NR] = $1 }
	    END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]
		  else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

pct() {		# pct P: the P-th percentile (nearest rank) of stdin's numbers
	sort -g | awk -v p="$1" '{ a[NR] = $1 } END {
	    if (NR == 0) { print "-"; exit }
	    k = int(NR * p / 100 + 0.999999); if (k < 1) k = 1; print a[k] }'
}

ratio() {	# ratio A B: A / B to 2 places; "-" if either is missing or B 0
	awk -v a="$1" -v b="$2" 'BEGIN {
	    if (a == "-" || b == "-" || b + 0 == 0) print "-"
	    else printf "%.2f\n", a / b }'
}

fmt() {		# fmt X SCALE DIGITS: X / SCALE to DIGITS places; "-" stays
	awk -v x="$1" -v s="$2" -v d="$3" 'BEGIN {
	    if (x == "-") print "-"; else printf "%.*f\n", d, x / s }'
}

# row FIGURE CLOCKRING BASELINE RATIO TARGET [VALUE]: one row. TARGET is
# "<= X", ">= X" or "< X" (met when VALUE, the ratio unless given, is
# so) or "-" (none).
row() {
	met=$(awk -v v="${6:-$4}" -v t="$5" 'BEGIN {
	    if (t == "-") { print "-"; exit }
	    if (v == "-") { print "not measured"; exit }
	    split(t, w, " "); x = w[2] + 0; v += 0
	    ok = w[1] == "<=" ? v <= x : w[1] == ">=" ? v >= x : v < x
	    print ok ? "yes" : "NO" }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$met" \
	    >>"$BENCH_ROWS"
}

unmeasured() {	# unmeasured FIGURE WHY TARGET: a row that says why not
	printf '%s\tnot measured: %s\t-\t-\t%s\tnot measured\n' "$1" "$2" "$3" \
	    >>"$BENCH_ROWS"
}

# timed CMD...: run CMD (its output to $tmp/out, $tmp/err) and print its
# wall time in ns; CMD's exit status is returned.
timed() {
	t0=$(now_ns)
	"$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	echo $(($(now_ns) - t0))
	return "$st"
}

# in_turn F...: $reps rounds of each function F in turn, timed, $pre
# before each, so that a change in the machine's load falls on all alike.
# F's wall times go to $tmp/F.ns, one a line; an F that fails is run no
# more, its times dropped and the first line of its stderr in $tmp/F.err.
in_turn() {
	for f; do
		: >"$tmp/$f.ns"
		rm -f "$tmp/$f.err"
	done
	for _ in $(seq "$reps"); do
		for f; do
			[ -e "$tmp/$f.err" ] && continue
			${pre:-:}
			timed "$f" >>"$tmp/$f.ns" && continue
			head -n 1 "$tmp/err" >"$tmp/$f.err"
			: >"$tmp/$f.ns"
		done
	done
}

bench_tmp() {	# a scratch folder, removed on exit: $tmp
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/clockring-bench.XXXXXX") || exit 1
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT TERM
}
