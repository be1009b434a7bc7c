#!/bin/sh
# tools/fuzz.sh -- build the libFuzzer harnesses of tests/fuzz/ and run each for a while
#
# usage: tools/fuzz.sh [NAME...]      (default: every tests/fuzz/fuzz_NAME.c)
#   FUZZ_SECONDS  how long each harness runs (default 30)
# Each harness starts from a copy of tests/fuzz/corpus/NAME/ in
# build/fuzz/corpus/NAME/ (the seed corpus is never written to). A crash
# leaves its input in build/fuzz/crashes/NAME/ and makes the exit status 1;
# copy it to tests/fuzz/regress/NAME/ once the bug is fixed.
set -eu

seconds=${FUZZ_SECONDS:-30}
out=build/fuzz
cc=${FUZZ_CC:-clang}
flags="-fsanitize=fuzzer,address,undefined -g -O1 -std=c11 -D_XOPEN_SOURCE=700 -pthread -I."
warn="-Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes \
-Wmissing-prototypes -Wpointer-arith -Wformat=2"

cd "$(dirname "$0")/.."
case $seconds in
''|0|*[!0-9]*) echo "clockring: FUZZ_SECONDS '$seconds': not a positive whole number" >&2; exit 2 ;;
esac
if [ $# -eq 0 ]; then
	set --
	for f in tests/fuzz/fuzz_*.c; do
		n=${f#tests/fuzz/fuzz_}
		set -- "$@" "${n%.c}"
	done
fi

tools/need.sh clang
# Debian keeps libFuzzer's runtime in a separate package on some releases.
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);
int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }' |
    $cc -fsanitize=fuzzer -x c -o /dev/null - 2>/dev/null; then
	tools/need.sh "libclang-rt-$($cc -dumpversion | cut -d. -f1)-dev"
fi

mkdir -p "$out/lib"
tmp=$out/gp_scripts.c.$$
tools/embed.sh analysis/plot/*.gp >"$tmp"
# Replaced only when changed, so its object is not rebuilt on every run.
if cmp -s "$tmp" "$out/gp_scripts.c"; then
	rm -f "$tmp"
else
	mv "$tmp" "$out/gp_scripts.c"
fi

# The library is compiled once, without -fsanitize=fuzzer's main, and
# linked into every harness. The project's own files keep the Makefile's
# warnings to gcc; only the harnesses get them here.
lib_src="$(ls lib/*.c vm/*.c vm/core/*.c analysis/*/*.c) sim/options.c sim/exprun.c $out/gp_scripts.c"
# Any source or header newer than the last build rebuilds all of it.
stamp=$out/lib/.stamp
stale=yes
if [ -e "$stamp" ] && [ -z "$(find lib vm analysis sim "$out/gp_scripts.c" \
    -name '*.[ch]' -newer "$stamp" | head -n 1)" ]; then
	stale=no
fi
objs=""
for src in $lib_src; do
	obj="$out/lib/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')"
	if [ "$stale" = yes ] || [ ! -e "$obj" ]; then
		# shellcheck disable=SC2086
		$cc $flags -fsanitize=fuzzer-no-link -c -o "$obj" "$src"
	fi
	objs="$objs $obj"
done
touch "$stamp"

status=0
report=""
for name in "$@"; do
	src=tests/fuzz/fuzz_$name.c
	[ -f "$src" ] || { echo "clockring: no harness '$src'" >&2; exit 2; }
	echo "fuzz: building $name" >&2
	# shellcheck disable=SC2086
	$cc $flags $warn -Werror -DFUZZ_MAIN -o "$out/fuzz_$name" "$src" $objs -lm

	work=$out/corpus/$name
	crashes=$out/crashes/$name
	rm -rf "$work"
	mkdir -p "$work" "$crashes"
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null || true
	fi
	echo "fuzz: running $name for ${seconds}s" >&2
	log=$out/fuzz_$name.log
	rc=0
	"$out/fuzz_$name" -max_total_time="$seconds" -print_final_stats=1 \
	    -artifact_prefix="$crashes/" "$work" >"$log" 2>&1 || rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
		line="$name: $runs runs, no crash"
	else
		status=1
		kept=$(find "$crashes" -type f | head -n 1)
		line="$name: CRASHED (exit $rc${runs:+, $runs runs}); input ${kept:-none}, log $log"
	fi
	report="$report$line
"
done
printf '%s' "$report"
exit $status
