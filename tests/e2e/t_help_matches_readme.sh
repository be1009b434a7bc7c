# tests/e2e/t_help_matches_readme.sh -- `run --help` and the README list the same options
. "$(dirname "$0")/lib.sh"

readme="$(dirname "$0")/../../README.md"
"$CLOCKRING" run --help | grep -o '^  --[a-z-]*' | tr -d ' ' | sort >"$T/help"
# The options table of `run`: the rows between its heading and "Exit status".
awk '/^`clockring run` options/ {on = 1; next} on && /^\| `--/ {print} on && /^Exit status/ {exit}' "$readme" |
	grep -o '^| `--[a-z-]*' | sed 's/^| `//' | sort >"$T/readme"
[ -s "$T/help" ] || fail "no options in --help"
diff "$T/help" "$T/readme" || fail "run --help and README.md differ (< help, > README)"
# Each option of `analyze --help` has its row in the README's section on analyze.
awk '/^`clockring analyze \[options\] RUN_DIR...` checks/ {on = 1} /^`clockring vm`/ {on = 0} on' \
    "$readme" >"$T/analyze.md"
grep -q '^| `--' "$T/analyze.md" || fail "no options table for analyze in README.md"
for o in $("$CLOCKRING" analyze --help | grep -o '^  --[a-z-]*'); do
	grep -q "^| \`$o[ \`]" "$T/analyze.md" || fail "analyze $o: no row in README.md"
done
# Each option of `replay --help` has its row in the README's section on replay.
awk '/^## Replay a run/ {on = 1; next} /^## / {on = 0} on' "$readme" >"$T/replay.md"
grep -q '^| `--' "$T/replay.md" || fail "no options table for replay in README.md"
"$CLOCKRING" replay --help >"$T/replay.help" || fail "replay --help exited $?"
grep -q '^  --' "$T/replay.help" || fail "no options in replay --help"
for o in $(grep -o '^  --[a-z-]*' "$T/replay.help"); do
	grep -q "^| \`$o[ \`]" "$T/replay.md" || fail "replay $o: no row in README.md"
done
# Each option of `view --help` has its row in the README's section on view.
awk '/^## A space-time page: clockring view/ {on = 1; next} /^## / {on = 0} on' "$readme" >"$T/view.md"
grep -q '^| `--' "$T/view.md" || fail "no options table for view in README.md"
"$CLOCKRING" view --help >"$T/view.help" || fail "view --help exited $?"
grep -q '^  --' "$T/view.help" || fail "no options in view --help"
for o in $(grep -o '^  \(-o FILE, \)\?--[a-z-]*' "$T/view.help" | grep -o -- '--[a-z-]*'); do
	grep -q "^| \`\(-o FILE\`, \`\)\?$o[ \`]" "$T/view.md" || fail "view $o: no row in README.md"
done
"$CLOCKRING" --help | grep -q "clockring COMMAND" || fail "--help"
"$CLOCKRING" --version | grep -q '^clockring [0-9]' || fail "--version"
echo ok
