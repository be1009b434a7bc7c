# tests/e2e/t_bad_input.sh -- every bad value: one clear line, exit 2, nothing touched
. "$(dirname "$0")/lib.sh"

bad "--vms 'abc'" --vms abc
bad "--vms '1'" --vms 1
bad "--vms '257'" --vms 257
bad "--vms: missing value" --vms
bad "--vms: missing value" --vms --speed 2
bad "--duration '0'" --duration 0
bad "--duration '-5'" --duration -5
bad "--duration 'nan'" --duration nan
bad "--speed '0'" --speed 0
bad "--speed 'fast'" --speed fast
bad "--rate-min '0'" --rate-min 0
bad "--rate-min 5 is more than --rate-max 2" --rate-min 5 --rate-max 2
bad "--rates '1,2': 2 rates for 3 VMs" --rates 1,2
bad "--rates '1,0,2'" --rates 1,0,2
bad "--rates '1,,2'" --rates 1,,2
bad "--draw-max '2'" --draw-max 2
bad "--seed '-1'" --seed -1
bad "--seed '18446744073709551616'" --seed 18446744073709551616
bad "--base-port '70000'" --base-port 70000
bad "--base-port 65534" --base-port 65534
bad "--connect-timeout '0'" --connect-timeout 0
bad "unknown option '--colour'" --colour
bad "unexpected argument 'now'" now
bad "--force 'yes': takes no value" --force=yes
bad "--bind: 'no.such.host.invalid'" --bind no.such.host.invalid
# Numbers are plain decimals: what strtod would also take is refused.
bad "--speed '0x10': not a plain decimal number" --speed 0x10
bad "--duration '1e1': not a plain decimal number" --duration 1e1
bad "--connect-timeout '+5'" --connect-timeout +5
bad "--speed '.5'" --speed .5
bad "--seed '0x10': not a whole number" --seed 0x10
# Given rates are not drawn: a range beside them is an error, in any order.
bad "--rates '3,1,6' and --rate-min: give the rates or the range" --rates 3,1,6 --rate-min 2
bad "--rates '3,1,6' and --rate-max" --rate-max 6 --rates 3,1,6

# The other commands read numbers the same way.
one_line() {	# one_line NEEDLE: $T/err is that one line
	[ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF -- "$1" "$T/err" ||
		{ cat "$T/err"; fail "no one line '$1'"; }
}
expect_exit 2 "$CLOCKRING" experiments --speed 0x10 --out "$T/res" experiments/none.exp
one_line "--speed '0x10': not a plain decimal number"
expect_exit 2 "$CLOCKRING" experiments --jobs 1e1 --out "$T/res" experiments/none.exp
one_line "--jobs '1e1': not a whole number"
expect_exit 2 "$CLOCKRING" analyze --window 1e0:2 "$T/nowhere"
one_line "--window '1e0:2': expected T0:T1"
vm_base="vm --id 0 --vms 2 --run-id 0123456789abcdef0123456789abcdef --listen 127.0.0.1:0 --next 127.0.0.1:1 --connect-timeout 0.5"
# shellcheck disable=SC2086
expect_exit 2 "$CLOCKRING" $vm_base --log "$T/vm.csv" --start-at 1e9
one_line "--start-at '1e9': not a plain decimal number"
[ ! -e "$T/vm.csv" ] || fail "vm with a bad --start-at created its log"
# An .exp file's run line goes through the same parser, named by file:line.
mkdir "$T/exp"
printf 'title = T\ndescription = D\nrepeat = 1\nduration = 1\nrun = --vms 3 --rates 3,1,6 --rate-min 2\n' >"$T/exp/both.exp"
expect_exit 2 "$CLOCKRING" experiments --speed 10 --out "$T/res" "$T/exp/both.exp"
one_line "both.exp:5: run: --rates '3,1,6' and --rate-min"
[ ! -e "$T/res" ] || fail "a refused experiment created its results"

# A log that exists is bad input to `clockring vm`, and stays as it was.
echo "precious" >"$T/taken.csv"
# shellcheck disable=SC2086
expect_exit 2 "$CLOCKRING" $vm_base --log "$T/taken.csv"
one_line "--log '$T/taken.csv': exists"
[ "$(cat "$T/taken.csv")" = precious ] || fail "vm wrote over an existing log"

expect_exit 2 "$CLOCKRING" frobnicate
grep -q "unknown command 'frobnicate'" "$T/err" || fail "unknown command"
expect_exit 2 "$CLOCKRING" check
expect_exit 2 "$CLOCKRING" check "$T/nowhere"

# A non-empty out dir is refused and left exactly as it was.
mkdir "$T/full"
echo "precious" >"$T/full/notes.txt"
before=$(ls -la --time-style=full-iso "$T/full"; cat "$T/full/notes.txt")
expect_exit 2 "$CLOCKRING" run --out "$T/full" --duration 1
grep -q "not empty" "$T/err" || fail "no 'not empty' message"
[ "$(ls -la --time-style=full-iso "$T/full"; cat "$T/full/notes.txt")" = "$before" ] ||
	fail "the non-empty out dir changed"
# --force runs beside other files, but never over an earlier run's files.
run_ok "$T/full" --force --vms 2 --rates 10,10 --duration 4 --speed 4
[ "$(cat "$T/full/notes.txt")" = precious ] || fail "--force lost a file"
sum=$(cat "$T/full"/* | cksum)
expect_exit 2 "$CLOCKRING" run --out "$T/full" --force --vms 2 --duration 1
grep -q "exists" "$T/err" || fail "no 'exists' message"
[ "$(cat "$T/full"/* | cksum)" = "$sum" ] || fail "a second run changed the first"

# A port in use: a hand-started VM listens on it while waiting for its
# ring; a run wanting that port is refused before it starts anything.
port=$(free_port)
"$CLOCKRING" vm --id 1 --vms 3 --run-id 0123456789abcdef0123456789abcdef \
    --listen "127.0.0.1:$port" --next 127.0.0.1:1 --log "$T/holder.csv" \
    --connect-timeout 5 2>/dev/null &
holder=$!
sleep 0.3
expect_exit 2 "$CLOCKRING" run --vms 2 --duration 1 --base-port "$((port - 1))" --out "$T/second"
grep -q "Address already in use" "$T/err" || { cat "$T/err"; fail "port in use not named"; }
[ ! -e "$T/second/run.meta" ] || fail "a refused run wrote run.meta"
kill "$holder"
wait "$holder"
echo ok
