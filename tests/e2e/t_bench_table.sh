#!/bin/bash
# t_bench_table.sh -- make bench's table is well formed: the machine on top, six columns a row, every measured row with its baseline and ratio, the missed targets below
. "$(dirname "$0")/lib.sh"
src=$(cd "$(dirname "$0")/../.." && pwd)
tools=$(dirname "$(tool ringup)")

# The ring start-up group alone (about a second): its rows go through
# the same table writer as every other group's.
BENCH_SECTIONS=start QUICK=1 BENCH_OUT="$T/res/bench.md" \
    "$src/tools/bench.sh" "$CLOCKRING" "$tools" >"$T/out" 2>"$T/err" ||
    { cat "$T/err"; fail "bench.sh exited $?"; }
cmp -s "$T/out" "$T/res/bench.md" || fail "the terminal and bench.md differ"
f=$T/res/bench.md
head -n 1 "$f" | grep -qx '# clockring bench (QUICK: .*)' || fail "no QUICK title"
grep -q "^- machine: .*, $(nproc) cores, .* GiB, Linux " "$f" || fail "no machine line"
grep -Eq "^- .* UTC, $("$CLOCKRING" --version), commit ([0-9a-f]+|unknown)" "$f" ||
	fail "no date, version and commit"
grep -qx '| figure *| clockring *| baseline *| ratio *| target *| met *|' "$f" ||
	fail "no header row"
# Three rows, one per ring size, each with six cells, a baseline from
# ringup, a ratio that is clockring / baseline and a verdict on it.
rows=$(grep -c '^| ring start-up, ' "$f")
[ "$rows" -eq 3 ] || fail "$rows start-up rows, not 3"
grep '^| ring start-up, ' "$f" | awk -F '|' '
	{ for (i = 2; i <= 7; i++) gsub(/^ +| +$/, "", $i) }
	NF != 8 { print "not six cells: " $0; bad = 1; next }
	$4 !~ / \(ringup\)$/ { print "no ringup baseline: " $0; bad = 1 }
	{ split($4, b, " ") }
	$5 + 0 <= 0 || ($5 - $3 / b[1]) ^ 2 > 0.05 ^ 2 * $5 ^ 2 + 0.01 {
		print "ratio is not clockring / baseline: " $0; bad = 1 }
	$6 != "<= 2" { print "no target: " $0; bad = 1 }
	($7 == "yes") != ($5 + 0 <= 2) { print "met disagrees: " $0; bad = 1 }
	END { exit bad }' || fail "bad start-up rows"
missed=$(grep -c '^| ring start-up, .* NO *|$' "$f")
if [ "$missed" -eq 0 ]; then
	grep -qx 'targets missed: none' "$f" || fail "no 'targets missed: none'"
else
	grep -qx "targets missed: $missed" "$f" || fail "missed count is not $missed"
	[ "$(grep -c '^- ring start-up, .* (ratio .*; target <= 2)$' "$f")" -eq "$missed" ] ||
		fail "the missed targets are not listed"
fi
exit 0
