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
