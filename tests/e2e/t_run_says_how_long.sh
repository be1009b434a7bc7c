# tests/e2e/t_run_says_how_long.sh -- a run that takes a while says on its first line how long in real time
. "$(dirname "$0")/lib.sh"

# started DIR ARGS...: start `run --out DIR ARGS`, stop it (Ctrl-C) once
# its run.meta is written; its output is in DIR.out.
started() {
	dir=$1
	shift
	"$CLOCKRING" run --out "$dir" "$@" >"$dir.out" 2>"$dir.err" &
	pid=$!
	for _ in $(seq 100); do
		[ -e "$dir/run.meta" ] && break
		sleep 0.05
	done
	kill -INT "$pid"
	wait "$pid"
	[ $? -eq 130 ] || { cat "$dir.err"; fail "run $* was not interrupted"; }
}

# first_line WANT ARGS...: the first line of `run ARGS` ends in WANT.
first_line() {
	want=$1
	shift
	rm -rf "$T/r" "$T/r.out"
	started "$T/r" "$@"
	line=$(head -n 1 "$T/r.out")
	case $line in
	*"$want") ;;
	*) fail "run $*: first line '$line', not ending in '$want'" ;;
	esac
}

first_line "60 model seconds at speed 1 (1 min real time), seed 7" --seed 7
first_line "90 model seconds at speed 1 (1 min 30 s real time), seed 7" --seed 7 --duration 90
first_line "7200 model seconds at speed 2 (1 h real time), seed 7" --seed 7 --duration 7200 --speed 2
first_line "9000 model seconds at speed 1 (2 h 30 min real time), seed 7" --seed 7 --duration 9000
first_line "30 model seconds at speed 0.5 (1 min real time), seed 7" --seed 7 --duration 30 --speed 0.5
# Over in moments: nothing to wait for, nothing said.
first_line "2 model seconds at speed 1, seed 7" --seed 7 --duration 2
# --quiet stays quiet.
rm -rf "$T/q"
started "$T/q" --quiet
[ ! -s "$T/q.out" ] || { cat "$T/q.out"; fail "--quiet printed"; }
echo ok
