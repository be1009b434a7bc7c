# tests/e2e/t_view_html.sh -- clockring view's page in a real browser: the cone of a clicked tick, the quiz, the tip, a window
#
# A virtual run of 4 VMs; its page opened by Debian's headless Chromium
# with #selftest=VM:SEQ, which clicks that tick through the canvas (on the
# Lamport and the model time axis), says on the console the counts of its
# causal past, future and concurrent ticks, how the keys and the wheel
# move the view, the hover tip, and the quiz's
# verdicts on the right clock and on one too high. Each is compared with
# tests/tools/cone, which counts pair by pair with vclock_before, and with
# the logs. VIEW_SCREENSHOT=FILE keeps the screenshot.
. "$(dirname "$0")/lib.sh"

"$(dirname "$0")/../../tools/need.sh" chromium || fail "chromium is needed"
# tests/tools/cone of the same build as the binary (make tools; make e2e does)
case ${E2E_SAN:-} in
address) build=asan ;;
thread) build=tsan ;;
*) build=release ;;
esac
CONE="$(dirname "$0")/../../build/$build/tools/cone"
[ -x "$CONE" ] || fail "no $CONE (make tools)"

# browse PAGE FRAGMENT NAME: the page in Chromium; its console in $T/NAME.out
browse() {
	rm -rf "$T/profile"
	timeout 120 chromium --headless=new --no-sandbox --disable-gpu \
		--disable-background-networking --no-first-run --disable-component-update \
		--disable-sync --user-data-dir="$T/profile" --enable-logging=stderr --v=0 \
		--screenshot="$T/$3.png" --window-size=1280,720 \
		"file://$1#$2" >"$T/$3.raw" 2>&1 ||
		{ tail -20 "$T/$3.raw"; fail "chromium exited $?"; }
	# The page's own lines, and any other line of its console (an error).
	grep -o '"clockring-view: [^"]*"' "$T/$3.raw" | tr -d '"' >"$T/$3.out"
	if grep 'CONSOLE' "$T/$3.raw" | grep -v '"clockring-view: ' | grep . ||
	    grep -q 'clockring-view: error' "$T/$3.out"; then
		fail "$3: the page's console has errors"
	fi
}

# said NAME LINE: the page said exactly LINE
said() {
	grep -qxF -- "clockring-view: $2" "$T/$1.out" ||
		{ cat "$T/$1.out"; fail "$1: the page did not say: $2"; }
}

run_ok "$T/run" --virtual --vms 4 --duration 20 --rate-min 2 --rate-max 6 --seed 11
"$CLOCKRING" view "$T/run" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "view failed"; }
page="$T/run/analysis/view.html"
[ "$(cat "$T/out")" = "view: $page" ] || { cat "$T/out"; fail "view did not name its page"; }
[ -s "$page" ] || fail "no page"
# Self-contained: no script, style or font fetched from anywhere.
if grep -Eiq '(src|href)=|@import|url\(|https?://' "$page"; then
	fail "the page fetches something"
fi

ticks=$(cat "$T"/run/vm*.csv | grep -Ec ',(INTERNAL|SEND|RECV),')
# A RECV of vm1 well into the run: its seq, and its cone pair by pair.
recv=$(awk -F, '$3 == "RECV" && ++n == 20 { print $2 }' "$T/run/vm1.csv")
[ -n "$recv" ] || fail "vm1 has not 20 RECVs"
set -- $("$CONE" "$T/run" 1 "$recv") || fail "cone failed"
past=$2 future=$4 conc=$6 lam=$8 prev=${12} msg=${14}
[ "$past" -gt 0 ] && [ "$future" -gt 0 ] && [ "$conc" -gt 0 ] ||
	fail "tick vm1 seq $recv: a cone without all three parts ($*)"
[ $((past + future + conc + 1)) -eq "$ticks" ] || fail "cone counts $* of $ticks ticks"

browse "$page" "selftest=1:$recv" recv
grep -q "^clockring-view: loaded $ticks ticks of 4 VMs, drawn at [0-9]* ms" "$T/recv.out" ||
	{ cat "$T/recv.out"; fail "the page did not load $ticks ticks"; }
for how in "lamport axis" "time axis" "by events"; do
	said recv "selftest $how: past $past future $future concurrent $conc"
done
said recv "selftest keys: + 0.50, - 2.00, right 0.20, wheel up 0.80, l lamport then time"
grep -q "^clockring-view: selftest tip: vm1 RECV seq $recv | Lamport $lam (message carried $msg) | vector \[" "$T/recv.out" ||
	{ cat "$T/recv.out"; fail "the tip is not vm1's RECV $recv"; }
rule="receive: max(own $prev, message $msg) + 1 = $lam"
said recv "selftest quiz $lam: right: $rule"
said recv "selftest quiz $((lam + 1)): wrong: you said $((lam + 1)), the clock is $lam — $rule"
head -c 8 "$T/recv.png" | od -An -c | grep -q 'P   N   G' || fail "no PNG screenshot"
[ "$(stat -c %s "$T/recv.png")" -gt 20000 ] || fail "the screenshot is nearly empty"
[ -z "${VIEW_SCREENSHOT:-}" ] || cp "$T/recv.png" "$VIEW_SCREENSHOT"

# A window that starts just before vm2's first SEND from 5 s on, to
# 10 s: only its ticks, and that SEND, vm2's first tick on the page,
# judged against vm2's clock before the window.
set -- $(awk -F, '$3 ~ /^(INTERNAL|SEND|RECV)$/ { if ($4 >= 5e9 && $3 == "SEND") {
	print $2, $5, last, $4 - 1000; exit } last = $5 }' "$T/run/vm2.csv")
[ $# -eq 4 ] || fail "vm2 sends nothing from 5 s on"
t0=$(awk -v ns="$4" 'BEGIN { printf "%.6f", ns / 1e9 }')
"$CLOCKRING" view --window "$t0:10" -o "$T/win.html" "$T/run" >/dev/null 2>"$T/err" ||
	{ cat "$T/err"; fail "view --window failed"; }
inwin=$(cat "$T"/run/vm*.csv | awk -F, -v ns="$4" '$3 ~ /^(INTERNAL|SEND|RECV)$/ &&
	$4 >= ns && $4 <= 10e9' | wc -l)
browse "$T/win.html" "selftest=2:$1" win
grep -q "^clockring-view: loaded $inwin ticks of 4 VMs" "$T/win.out" ||
	{ cat "$T/win.out"; fail "the window's page did not load $inwin ticks"; }
said win "selftest quiz $2: right: send: previous clock + 1 = $3 + 1 = $2"
echo ok
