# tests/e2e/t_view_out.sh -- clockring view writes its page whole, keeps the user's files and refuses bad input in one line
. "$(dirname "$0")/lib.sh"

# refused NEEDLE ARGS...: `view ARGS` exits 2 with one stderr line holding NEEDLE
refused() {
	needle=$1
	shift
	expect_exit 2 "$CLOCKRING" view "$@"
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "view $*: not one line"; }
	grep -qF -- "$needle" "$T/err" || { cat "$T/err"; fail "view $*: no '$needle'"; }
}

run_ok "$T/run" --virtual --vms 3 --duration 10 --seed 3
expect_exit 0 "$CLOCKRING" view --help
grep -q '^usage: clockring view' "$T/out" || fail "no usage"

refused "needs a run directory"
refused "'$T/none'" "$T/none"
refused "unknown option '--bogus'" --bogus "$T/run"
refused "one run directory only" "$T/run" "$T/run"
refused "--window 'x': expected T0:T1" --window x "$T/run"
refused "--window '5:5': T1 must be greater than T0" --window 5:5 "$T/run"
refused "--window '10:20': nothing to show" --window 10:20 "$T/run"
refused "-o: needs a value" "$T/run" -o
[ ! -e "$T/run/analysis" ] || fail "bad input left $T/run/analysis"

# The default page, then again over itself; the data are arrays, not an
# object per tick.
expect_exit 0 "$CLOCKRING" view "$T/run"
page="$T/run/analysis/view.html"
grep -q '"vm":\[0,' "$page" || fail "no vm array in the page"
[ "$(grep -c '"seq":' "$page")" -eq 0 ] || fail "the page has an object per tick"
cp "$page" "$T/first.html"
expect_exit 0 "$CLOCKRING" view "$T/run"
cmp -s "$page" "$T/first.html" || fail "the same run gave another page"
[ -z "$(find "$T/run/analysis" -name '.*')" ] || fail "a temporary file is left"

# A file of the user's at the page's path is kept, and so is one at -o's.
echo "my notes" >"$page"
refused "not a page clockring view wrote, kept" "$T/run"
[ "$(cat "$page")" = "my notes" ] || fail "the user's view.html was touched"
echo "mine" >"$T/mine.html"
refused "not a page clockring view wrote" -o "$T/mine.html" "$T/run"
[ "$(cat "$T/mine.html")" = "mine" ] || fail "-o wrote over the user's file"
refused "not a file" -o "$T" "$T/run"

# -o: a page anywhere; a window cut at the run's end says so.
expect_exit 0 "$CLOCKRING" view -o "$T/some.html" --window 5:99 "$T/run"
grep -q "cut at the run's end, 10 model seconds" "$T/err" || { cat "$T/err"; fail "no note of the cut"; }
grep -q '"window":\[5.000000,10.000000\]' "$T/some.html" || fail "the window is not 5 to 10"

# A directory it cannot write into: one line, exit 1, nothing left.
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$T/ro" && chmod 555 "$T/ro"
	expect_exit 1 "$CLOCKRING" view -o "$T/ro/p.html" "$T/run"
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "not one line"; }
	[ -z "$(ls -A "$T/ro")" ] || fail "something was left in $T/ro"
fi
echo ok
