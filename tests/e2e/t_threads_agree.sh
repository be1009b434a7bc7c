# tests/e2e/t_threads_agree.sh -- check and analyze say the same, to the byte, whether the logs are parsed in threads or in one (CLOCKRING_THREADS=1)
. "$(dirname "$0")/lib.sh"
export CLOCKRING_GNUPLOT=/nonexistent	# the numbers, not gnuplot's timing

# A bad count is bad input, said in one line; nothing is read.
run_ok "$T/small" --virtual --vms 3 --duration 20 --seed 1
for bad in 0 abc -1 1x 99999; do
	CLOCKRING_THREADS=$bad expect_exit 2 "$CLOCKRING" check "$T/small"
	[ "$(wc -l <"$T/err")" -eq 1 ] &&
	    grep -qF "clockring: check: CLOCKRING_THREADS '$bad': not a count of threads (1 to 1024)" "$T/err" ||
		{ cat "$T/err"; fail "check with CLOCKRING_THREADS=$bad"; }
	CLOCKRING_THREADS=$bad expect_exit 2 "$CLOCKRING" analyze --no-plots "$T/small"
	[ "$(wc -l <"$T/err")" -eq 1 ] &&
	    grep -qF "clockring: analyze: CLOCKRING_THREADS '$bad': not a count of threads (1 to 1024)" "$T/err" ||
		{ cat "$T/err"; fail "analyze with CLOCKRING_THREADS=$bad"; }
	[ ! -e "$T/small/analysis" ] || fail "analyze wrote with CLOCKRING_THREADS=$bad"
done

# same DIR ARGS...: `ARGS DIR` prints the same (stdout, stderr, exit
# status) and writes the same files with one thread, the default (threads
# for logs of 4 MiB or more) and three whatever the size; analyze writes
# into $T/an-N.
same() {
	dir=$1
	shift
	for n in 1 "" 3; do
		rm -rf "$T/an-$n"
		CLOCKRING_THREADS=$n "$CLOCKRING" "$@" "$dir" >"$T/out-$n" 2>"$T/err-$n"
		echo "exit $?" >>"$T/out-$n"
		[ -d "$dir/analysis" ] && mv "$dir/analysis" "$T/an-$n"
		# Where the files went is named: the same place each time.
		sed -i "s|$T/an-$n|ANALYSIS|g" "$T/out-$n"
	done
	for n in "" 3; do
		cmp -s "$T/out-1" "$T/out-$n" && cmp -s "$T/err-1" "$T/err-$n" || {
			diff "$T/out-1" "$T/out-$n"
			diff "$T/err-1" "$T/err-$n"
			fail "$* $dir: CLOCKRING_THREADS=${n:-default} prints otherwise than 1"
		}
		if [ -d "$T/an-1" ] || [ -d "$T/an-$n" ]; then
			diff -r "$T/an-1" "$T/an-$n" >/dev/null ||
				fail "$* $dir: CLOCKRING_THREADS=${n:-default} writes otherwise than 1"
		fi
	done
}

# every DIR: check (its report kept in $T/check), analyze, and analyze
# --no-check, each the same.
every() {
	same "$1" check
	cp "$T/out-1" "$T/check"
	same "$1" analyze --no-plots
	same "$1" analyze --no-plots --no-check
}

# Runs of every kind: lines enough for several blocks a log, loss,
# faults, a stopped run, vectors off, a ring with more logs than threads.
"$CLOCKRING" run --virtual --quiet --out "$T/loss" --vms 4 --rates 40,50,60,70 \
    --duration 400 --loss 0.05 --latency 5:80 --seed 2 || fail "run loss"
every "$T/loss"
"$CLOCKRING" run --virtual --quiet --out "$T/faults" --vms 5 --duration 120 \
    --fault kill:2@30 --fault pause:3@10+5 --fault partition:0-1\|3,4@50+10 \
    --on-failure continue --seed 3 || fail "run faults"
every "$T/faults"
"$CLOCKRING" run --virtual --quiet --out "$T/stopped" --vms 3 --duration 60 \
    --fault kill:1@20 --seed 4 >/dev/null 2>&1
[ "$(meta "$T/stopped" status)" = failed ] || fail "the killed run did not stop"
every "$T/stopped"
run_ok "$T/novec" --virtual --no-vector --vms 6 --duration 60 --seed 5
every "$T/novec"
run_ok "$T/wide" --virtual --vms 40 --duration 20 --seed 6
every "$T/wide"

# Broken logs: check's violations, their order and their count.
cp -r "$T/loss" "$T/tampered"
sed -i '200,260s/,RECV,\([0-9]*\),\([0-9]*\),/,RECV,\1,7\2,/; 1000d; 3000s/,SEND,/,INTERNAL,/' \
    "$T/tampered/vm1.csv"
sed -i '500s/^2,/7,/; 900,910d' "$T/tampered/vm2.csv"
every "$T/tampered"
grep -q "^\.\.\. and [0-9]* more$" "$T/check" || { cat "$T/check"; fail "tampered: fewer violations than shown"; }

cp -r "$T/loss" "$T/badline"
sed -i '5000s/.*/5000,garbage/' "$T/badline/vm0.csv"
head -c 300000 "$T/loss/vm3.csv" >"$T/badline/vm3.csv"	# a torn last line
head -n 700 "$T/loss/vm2.csv" >"$T/badline/vm2.csv"	# ends early
every "$T/badline"
grep -q "vm0.csv:5000: columns" "$T/check" || { cat "$T/check"; fail "badline: not said"; }
echo ok
