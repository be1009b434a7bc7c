# tests/e2e/t_report_in_browser.sh -- a tiny suite's report in a real browser: every image loads
#
# Runs two experiments (2 repeats of 5 model seconds at speed 20), builds
# their report, and renders report.html with Debian's headless Chromium,
# which the page itself tells, on the console, how many images it holds
# and how many failed to load. REPORT_SCREENSHOT=FILE keeps the screenshot.
. "$(dirname "$0")/lib.sh"

"$(dirname "$0")/../../tools/need.sh" chromium || fail "chromium is needed"

# experiment NAME TITLE RATE_MIN RATE_MAX DRAW_MAX: a tiny experiment file
experiment() {
	cat >"$T/exp/$1.exp" <<END
title = $2
description = Rates $3-$4 ticks/s, idle draws 1-$5
run = --vms 3 --rate-min $3 --rate-max $4 --draw-max $5
repeat = 2
duration = 5
END
}
mkdir "$T/exp"
experiment base Base 1 6 10
experiment calm Calm 3 4 5
"$CLOCKRING" experiments --out "$T/res" --speed 20 "$T"/exp/*.exp >"$T/suite.out" 2>&1 ||
	{ cat "$T/suite.out"; fail "experiments"; }
"$CLOCKRING" report "$T/res" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "report"; }
[ -s "$T/res/report.md" ] && [ -s "$T/res/report.html" ] || fail "no report.md or report.html"

# Two plots of each experiment and four comparisons, every one on disk;
# and each other run's summary and two plots linked, on disk too.
images=8
grep '^!\[' "$T/res/report.md" | grep -o '](<[^>]*>)' | sed 's/^](<//; s/>)$//' >"$T/images"
[ "$(wc -l <"$T/images")" -eq $images ] ||
	{ cat "$T/images"; fail "report.md links $(wc -l <"$T/images") images, not $images"; }
grep -o '](<[^>]*>)' "$T/res/report.md" | sed 's/^](<//; s/>)$//' >"$T/links"
[ "$(wc -l <"$T/links")" -eq $((images + 2 * 3)) ] ||
	{ cat "$T/links"; fail "report.md has $(wc -l <"$T/links") links, not $((images + 2 * 3))"; }
while read -r link; do
	[ -s "$T/res/$link" ] || fail "report.md links $link, which is not there"
done <"$T/links"
for name in Base Calm; do
	grep -q "^### $name " "$T/res/report.md" || fail "no section for $name"
done

timeout 120 chromium --headless=new --no-sandbox --disable-gpu \
	--disable-background-networking --no-first-run --disable-component-update \
	--disable-sync --user-data-dir="$T/profile" --enable-logging=stderr --v=0 \
	--screenshot="$T/report.png" --window-size=1280,2000 \
	"file://$T/res/report.html" >"$T/chromium.out" 2>&1 ||
	{ tail -20 "$T/chromium.out"; fail "chromium exited $?"; }
grep -q "clockring-report: $images images, 0 broken" "$T/chromium.out" ||
	{ grep CONSOLE "$T/chromium.out"; fail "the page did not say: $images images, 0 broken"; }
head -c 8 "$T/report.png" | od -An -c | grep -q 'P   N   G' || fail "no PNG screenshot"
[ "$(stat -c %s "$T/report.png")" -gt 20000 ] || fail "the screenshot is nearly empty"
[ -z "${REPORT_SCREENSHOT:-}" ] || cp "$T/report.png" "$REPORT_SCREENSHOT"
echo ok
