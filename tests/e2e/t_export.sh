# tests/e2e/t_export.sh -- `clockring export` of a virtual run, read back as ShiViz and Perfetto take it; bad input refused, files never written over
. "$(dirname "$0")/lib.sh"
check=$(tool exportcheck) || exit 1

# Four VMs, some messages lost (SENDs no one took) and some pending at the end.
run_ok "$T/run" --virtual --seed 7 --vms 4 --duration 20 --loss 0.1
ticks=$(awk -F, 'FNR > 1 && ($3 == "INTERNAL" || $3 == "SEND" || $3 == "RECV")' \
    "$T"/run/vm*.csv | wc -l)
recvs=$(awk -F, 'FNR > 1 && $3 == "RECV"' "$T"/run/vm*.csv | wc -l)
[ "$recvs" -gt 0 ] || fail "the run received nothing"
want="ok: $ticks events, 4 hosts"

# ShiViz, on standard output: every tick once, every RECV with its SEND,
# the clocks as ShiViz recomputes them (exportcheck), and every line a
# match of line 1's expression by PCRE too, named groups and all.
"$CLOCKRING" export --shiviz "$T/run" >"$T/run.shiviz" 2>"$T/err" ||
	{ st=$?; cat "$T/err"; fail "export --shiviz exited $st"; }
[ ! -s "$T/err" ] || { cat "$T/err"; fail "export --shiviz said something"; }
"$check" shiviz "$T/run.shiviz" >"$T/check" || fail "the ShiViz file fails its checks"
grep -qx "$want, $recvs receives matched, 0 flows" "$T/check" ||
	{ cat "$T/check"; fail "not every tick or RECV in the ShiViz file (want $ticks, $recvs)"; }
[ -z "$(sed -n 2p "$T/run.shiviz")" ] || fail "line 2 is not empty"
n=$(tail -n +3 "$T/run.shiviz" | grep -cvP "$(head -n 1 "$T/run.shiviz")")
[ "$n" -eq 0 ] || fail "$n lines do not match line 1's expression (PCRE)"

# Perfetto, with -o: valid JSON, an arrow per RECV, both ends there.
"$CLOCKRING" export --perfetto -o "$T/run.json" "$T/run" >"$T/out" 2>"$T/err" ||
	{ st=$?; cat "$T/err"; fail "export --perfetto exited $st"; }
if [ -s "$T/out" ] || [ -s "$T/err" ]; then fail "export -o printed something"; fi
"$check" perfetto "$T/run.json" >"$T/check" || fail "the Perfetto file fails its checks"
grep -qx "$want, 0 receives matched, $recvs flows" "$T/check" ||
	{ cat "$T/check"; fail "not every tick or message in the Perfetto file"; }
for f in "$T"/.*.tmp-*; do
	[ ! -e "$f" ] || fail "a temporary file left beside the export: $f"
done

# The same twice: the export depends on the logs alone.
"$CLOCKRING" export --perfetto "$T/run" | cmp -s - "$T/run.json" ||
	fail "two exports of one run differ"

# An existing file is refused, untouched, in one line; so is bad input.
sum=$(cksum <"$T/run.json")
expect_exit 2 "$CLOCKRING" export --shiviz -o "$T/run.json" "$T/run"
grep -q "'$T/run.json': exists" "$T/err" || { cat "$T/err"; fail "no word on the existing file"; }
[ "$(cksum <"$T/run.json")" = "$sum" ] || fail "an existing file was written over"
[ ! -s "$T/out" ] || fail "an export refused wrote on standard output"
mkdir "$T/empty"
for args in "--shiviz --perfetto $T/run" "$T/run" "--shiviz" \
    "--shiviz --frob $T/run" "--shiviz $T/run $T/run" "--shiviz $T/nowhere" \
    "--shiviz $T/empty" "--perfetto -o $T/no/such/dir/x.json $T/run" \
    "--perfetto -o $T/empty $T/run" "--perfetto -o"; do
	# shellcheck disable=SC2086 # one word per argument
	expect_exit 2 "$CLOCKRING" export $args
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "export $args: not one line"; }
	[ ! -s "$T/out" ] || fail "export $args: wrote on standard output"
done
[ -z "$(ls "$T/empty")" ] || fail "a refused export left a file"

# A write that fails is told, with the status of a failure.
"$CLOCKRING" export --shiviz "$T/run" >/dev/full 2>"$T/err"
st=$?
[ "$st" -eq 1 ] || { cat "$T/err"; fail "a write to /dev/full exited $st, not 1"; }
grep -q "standard output" "$T/err" || { cat "$T/err"; fail "a failed write not told"; }
# Each option of `export --help` has its row in the README's section.
readme="$(dirname "$0")/../../README.md"
awk '/^## Open a run in ShiViz or Perfetto/ {on = 1; next} /^## / {on = 0} on' \
    "$readme" >"$T/export.md"
"$CLOCKRING" export --help >"$T/help" || fail "export --help exited $?"
grep -q '^  --perfetto' "$T/help" || fail "no options in export --help"
for o in $(grep -o '^  -[a-z-]*' "$T/help"); do
	grep -q "^| \`$o[ \`]" "$T/export.md" || fail "export $o: no row in README.md"
done
"$CLOCKRING" --help | grep -q '^  export ' || fail "export not in clockring --help"
echo ok
