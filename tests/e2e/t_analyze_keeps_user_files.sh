# tests/e2e/t_analyze_keeps_user_files.sh -- a rerun of analyze keeps the user's notes and edited script, and draws with that script
. "$(dirname "$0")/lib.sh"

run_ok "$T/r" --vms 3 --rates 1,3,6 --duration 8 --speed 4 --seed 12
a="$T/r/analysis"
"$CLOCKRING" analyze --quiet "$T/r" || fail "first analyze"
cp "$a/drift.gp" "$T/stock-drift.gp"
cp "$a/drift.png" "$T/stock-drift.png"

echo "1. a file of the user's survives a rerun"
echo "the slow VM lags: ask why" >"$a/notes.txt"
"$CLOCKRING" analyze --quiet "$T/r" || fail "analyze with notes.txt"
[ "$(cat "$a/notes.txt" 2>/dev/null)" = "the slow VM lags: ask why" ] ||
	fail "notes.txt was removed or changed by a rerun"
cmp -s "$a/drift.png" "$T/stock-drift.png" || fail "a rerun drew another drift.png"

echo "2. an edited drift.gp survives, and drift.png is drawn with it"
# The README's invitation: edit a script in place and redraw.
sed -i 's/"Drift: how far/"My drift: how far/' "$a/drift.gp"
grep -q '"My drift: how far' "$a/drift.gp" || fail "the edit did not take"
cp "$a/drift.gp" "$T/my-drift.gp"
(cd "$a" && gnuplot -d drift.gp) || fail "the edited script does not run by hand"
cp "$a/drift.png" "$T/by-hand.png"
"$CLOCKRING" analyze "$T/r" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "analyze"; }
cmp -s "$a/drift.gp" "$T/my-drift.gp" || fail "the edited drift.gp was overwritten"
cat "$T/err"
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "not one line about the kept script"
grep -qF "$a/drift.gp: kept your changed script" "$T/err" ||
	fail "the message does not name $a/drift.gp as kept"
grep -q "remove it and rerun analyze to get the stock one back" "$T/err" ||
	fail "the message does not say how to get the stock script back"
# The folder's image is the folder's script's: as drawn by hand, not the stock one.
cmp -s "$a/drift.png" "$T/by-hand.png" || fail "drift.png is not drawn with the edited script"
! cmp -s "$a/drift.png" "$T/stock-drift.png" || fail "drift.png is the stock one"
"$CLOCKRING" analyze --svg --quiet "$T/r" || fail "analyze --svg"
grep -q "My drift" "$a/drift.svg" || fail "drift.svg is not drawn with the edited script"
"$CLOCKRING" analyze --term "$T/r" >"$T/term" 2>/dev/null || fail "analyze --term"
grep -q "My drift" "$T/term" || fail "--term did not draw with the edited script"
# The other scripts are still analyze's, and so is the manifest's word on them.
(cd "$a" && sha256sum -c --quiet manifest.sha256 2>/dev/null) >"$T/changed"
grep -qx "drift.gp: FAILED" "$T/changed" || { cat "$T/changed"; fail "manifest does not show drift.gp changed"; }
[ "$(wc -l <"$T/changed")" -eq 1 ] || { cat "$T/changed"; fail "manifest shows other changes"; }

echo "3. removed, the stock script comes back"
rm "$a/drift.gp"
"$CLOCKRING" analyze "$T/r" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "analyze"; }
[ ! -s "$T/err" ] || { cat "$T/err"; fail "said something"; }
cmp -s "$a/drift.gp" "$T/stock-drift.gp" || fail "the stock drift.gp did not come back"
cmp -s "$a/drift.png" "$T/stock-drift.png" || fail "drift.png is not the stock one again"
[ "$(cat "$a/notes.txt")" = "the slow VM lags: ask why" ] || fail "notes.txt changed"
echo ok
