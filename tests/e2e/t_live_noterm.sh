# tests/e2e/t_live_noterm.sh -- run --live without a terminal: said in one line, then the run as without --live
. "$(dirname "$0")/lib.sh"

# said ERRFILE: exactly the one line, naming why.
said() {
	[ "$(wc -l <"$1")" -eq 1 ] || { cat "$1"; fail "not one line on stderr"; }
	grep -q '^clockring: --live: no terminal (.*); running without the view$' "$1" ||
		{ cat "$1"; fail "--live without a terminal: no such line"; }
}

# Virtual: not paced without the view (600 model s at --speed 1 would take
# ten minutes), and the same bytes as without --live.
args="--virtual --vms 4 --seed 5 --duration 600 --fault kill:2@300 --on-failure continue"
# shellcheck disable=SC2086
timeout 60 "$CLOCKRING" run --quiet --live --speed 1 --out "$T/live" $args \
    </dev/null >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/err"; fail "virtual --live exited $rc"; }
said "$T/err"
[ ! -s "$T/out" ] || fail "--quiet --live printed on stdout"
# shellcheck disable=SC2086
run_ok "$T/plain" $args
for f in "$T"/plain/vm*.csv; do
	cmp "$f" "$T/live/${f##*/}" || fail "${f##*/}: --live changed the log"
done
diff "$T/plain/run.meta" "$T/live/run.meta" || fail "--live changed run.meta"
[ "$(meta "$T/live" speed)" = 1 ] || fail "the view's --speed reached run.meta"
check_ok "$T/live"

# Real time, standard output not a terminal either: runs, passes check.
"$CLOCKRING" run --live --vms 3 --speed 2 --duration 4 --out "$T/real" \
    </dev/null >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/err"; fail "real --live exited $rc"; }
said "$T/err"
grep -q "logs in $T/real" "$T/out" || fail "the run said nothing on stdout"
[ "$(meta "$T/real" status)" = complete ] || fail "real --live: not complete"
check_ok "$T/real"

# --speed with --virtual means the view's pace: without --live, nothing.
bad "--speed: no meaning with --virtual" --virtual --speed 2
echo ok
