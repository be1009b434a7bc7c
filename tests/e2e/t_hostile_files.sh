# tests/e2e/t_hostile_files.sh -- broken logs and run.meta: a clear verdict, no crash, nothing half-written
. "$(dirname "$0")/lib.sh"

run_ok "$T/r" --vms 3 --rates 5,5,5 --duration 10 --speed 4 --seed 3

# spoil NAME COMMAND...: spoil a fresh copy of the run with COMMAND (run in
# it), then check and analyze it: each must say no (exit 1 or 2, never a
# crash), with an error naming a file, and leave no analysis behind.
spoil() {
	name=$1
	shift
	rm -rf "$T/x"
	cp -r "$T/r" "$T/x"
	(cd "$T/x" && "$@") || fail "$name: could not spoil"
	for cmd in check analyze; do
		"$CLOCKRING" "$cmd" "$T/x" >"$T/out" 2>"$T/err"
		rc=$?
		[ "$rc" -eq 1 ] || [ "$rc" -eq 2 ] ||
			{ cat "$T/out" "$T/err"; fail "$name: $cmd exited $rc"; }
		grep -q -e 'vm[0-9]\.csv' -e 'run\.meta' "$T/out" "$T/err" ||
			{ cat "$T/out" "$T/err"; fail "$name: $cmd named no file"; }
	done
	[ ! -e "$T/x/analysis" ] || fail "$name: analysis written"
	if ls -a "$T/x" | grep -q 'analysis.tmp'; then fail "$name: temp dir left"; fi
	echo "$name: refused ($(head -n 1 "$T/err" "$T/out" | grep -v '^==>' | grep . | head -n 1))"
}
spoil "binary garbage" sh -c 'head -c 65536 /dev/urandom >vm1.csv'
spoil "empty log" sh -c ': >vm2.csv'
spoil "missing log" rm vm2.csv
spoil "truncated log" sh -c 'head -c 300 vm0.csv >t && mv t vm0.csv'
spoil "a huge field" sh -c '{ head -n 2 vm1.csv; printf "1,1,INTERNAL,";
	head -c 200000 /dev/zero | tr "\\0" 7; printf ",2,0,,,\\n"; tail -n +4 vm1.csv; } >t &&
	mv t vm1.csv'
spoil "a line of 2 MB" sh -c 'head -c 2000000 /dev/zero | tr "\\0" x >>vm0.csv'
spoil "logs swapped" sh -c 'mv vm0.csv t && mv vm1.csv vm0.csv && mv t vm1.csv'
spoil "truncated run.meta" sh -c 'head -c 100 run.meta >t && mv t run.meta'
spoil "garbage run.meta" sh -c 'head -c 4096 /dev/urandom >run.meta'
spoil "run.meta of another format" sed -i 's/^format=[0-9]*$/format=9/' run.meta
spoil "vms says 4" sed -i 's/^vms=3$/vms=4/' run.meta
spoil "a negative seed" sed -i 's/^seed=.*/seed=-3/' run.meta
echo ok
