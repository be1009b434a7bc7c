# tests/e2e/t_make_plots.sh -- `make plots RUN=DIR` analyzes a run whose path has spaces and quotes
#
# The recipe of this tree's Makefile runs with the binary under test:
# BIN names it, and -o keeps make from rebuilding it (or anything) and
# from running the deps installer. The outer make's flags stay outside.
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v make >/dev/null || fail "no make"
plots() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$repo" \
	    -o "$CLOCKRING" -o deps plots BIN="$CLOCKRING" "$@"
}

dir="$T/my runs/Ada's \"first\" run"
run_ok "$dir" --vms 3 --rates 2,3,5 --duration 5 --speed 2 --seed 15
plots RUN="$dir" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "make plots RUN='$dir'"; }
[ -s "$dir/analysis/summary.csv" ] || fail "no analysis in '$dir'"
[ -s "$dir/analysis/drift.png" ] || fail "no plots in '$dir'"
grep -qxF "numbers: $dir/analysis/summary.txt, summary.csv" "$T/out" ||
	{ cat "$T/out"; fail "the summary's paths are not '$dir'"; }
[ ! -e "$T/my" ] || fail "'$T/my' made: the path was split"

# Without RUN, one line of usage and exit 2.
plots >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 2 ] || fail "make plots without RUN exited $rc, not 2"
grep -q "usage: make plots RUN=RUN_DIR" "$T/err" || { cat "$T/err"; fail "no usage line"; }
echo ok
