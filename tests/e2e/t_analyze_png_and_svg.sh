# tests/e2e/t_analyze_png_and_svg.sh -- PNG and SVG plots of one run live side by side
. "$(dirname "$0")/lib.sh"

run_ok "$T/r" --vms 3 --rates 2,3,5 --duration 6 --speed 3 --seed 13
a="$T/r/analysis"
plots="clock drift jumps queue spacetime"

# is_kind EXT: every plot is there as a whole file of that kind.
is_kind() {
	for p in $plots; do
		case $1 in
		png) head -c 8 "$a/$p.png" 2>/dev/null | od -An -c | grep -q 'P   N   G' ;;
		svg) grep -q '</svg>' "$a/$p.svg" 2>/dev/null ;;
		esac || fail "no whole $p.$1"
	done
}

"$CLOCKRING" analyze --quiet "$T/r" || fail "analyze"
is_kind png
(cd "$a" && md5sum ./*.png) >"$T/png.sums"
"$CLOCKRING" analyze --svg "$T/r" >"$T/out" 2>&1 || { cat "$T/out"; fail "analyze --svg"; }
is_kind svg
is_kind png
(cd "$a" && md5sum -c --quiet "$T/png.sums") || fail "--svg changed the PNGs"
grep -q "^plots:   $a/clock.svg" "$T/out" || fail "--svg did not name its SVGs"
# And the other way round: a PNG analysis leaves the SVGs.
(cd "$a" && md5sum ./*.svg) >"$T/svg.sums"
"$CLOCKRING" analyze --quiet "$T/r" || fail "analyze after --svg"
is_kind png
(cd "$a" && md5sum -c --quiet "$T/svg.sums") || fail "a PNG analysis changed the SVGs"
echo ok
