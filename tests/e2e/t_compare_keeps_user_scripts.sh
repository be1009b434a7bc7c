# tests/e2e/t_compare_keeps_user_scripts.sh -- reruns of compare and report keep an edited compare script and the user's notes, and draw with that script
. "$(dirname "$0")/lib.sh"

tiny_results "$T/res" "--vms 3 --rates 1,3,6"
c="$T/res/compare"
"$CLOCKRING" compare "$T/res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "first compare"; }
[ ! -s "$T/err" ] || { cat "$T/err"; fail "the first compare said something"; }
cp "$c/compare_drift.gp" "$T/stock.gp"
cp "$c/compare_drift.png" "$T/stock.png"

echo "1. an edited compare_drift.gp survives compare and report, which draw with it"
echo "my notes" >"$c/notes.txt"
sed -i 's/^band_title = "Drift/band_title = "My drift/' "$c/compare_drift.gp"
grep -q '^band_title = "My drift' "$c/compare_drift.gp" || fail "the edit did not take"
cp "$c/compare_drift.gp" "$T/mine.gp"
# As the script's own comment invites: redraw by hand after an edit.
(cd "$c" && gnuplot -d compare_drift.gp) || fail "the edited script does not run by hand"
cp "$c/compare_drift.png" "$T/by-hand.png"
! cmp -s "$T/by-hand.png" "$T/stock.png" || fail "the edit did not change the plot"
for cmd in compare report; do
	"$CLOCKRING" $cmd "$T/res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "$cmd"; }
	cat "$T/err"
	cmp -s "$c/compare_drift.gp" "$T/mine.gp" || fail "$cmd overwrote the edited compare_drift.gp"
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "$cmd: not one line about the kept script"
	grep -qxF "clockring: $cmd: $c/compare_drift.gp: kept your changed script, and the plots use it (remove it and rerun $cmd to get the stock one back)" "$T/err" ||
		fail "$cmd: the line does not name $c/compare_drift.gp as kept and say how to get the stock one back"
	# The folder's image is the folder's script's: as drawn by hand.
	cmp -s "$c/compare_drift.png" "$T/by-hand.png" ||
		fail "$cmd: compare_drift.png is not drawn with the edited script"
	[ "$(cat "$c/notes.txt")" = "my notes" ] || fail "$cmd: notes.txt lost"
done
grep -qF "$(base64 -w0 "$T/by-hand.png")" "$T/res/report.html" ||
	fail "report.html does not show the plot drawn with the edited script"
# The other files are compare's, and so is the manifest's word on them.
(cd "$c" && sha256sum -c --quiet manifest.sha256 2>/dev/null) >"$T/changed"
grep -qx "compare_drift.gp: FAILED" "$T/changed" ||
	{ cat "$T/changed"; fail "the manifest does not show compare_drift.gp changed"; }
[ "$(wc -l <"$T/changed")" -eq 1 ] || { cat "$T/changed"; fail "the manifest shows other changes"; }

echo "2. removed, the stock script comes back"
rm "$c/compare_drift.gp"
for cmd in report compare; do
	"$CLOCKRING" $cmd "$T/res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "$cmd"; }
	[ ! -s "$T/err" ] || { cat "$T/err"; fail "$cmd said something"; }
	cmp -s "$c/compare_drift.gp" "$T/stock.gp" || fail "$cmd: the stock compare_drift.gp did not come back"
	cmp -s "$c/compare_drift.png" "$T/stock.png" || fail "$cmd: compare_drift.png is not the stock one again"
	[ "$(cat "$c/notes.txt")" = "my notes" ] || fail "$cmd: notes.txt changed"
done
(cd "$c" && sha256sum -c --quiet manifest.sha256) || fail "the manifest does not match the folder"
echo ok
