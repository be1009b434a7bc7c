# tests/e2e/t_classroom.sh -- docs/CLASSROOM.md's questions: each command runs as written and prints what the guide quotes
. "$(dirname "$0")/lib.sh"

guide="$(dirname "$0")/../../docs/CLASSROOM.md"
# The indented lines of the questions: "$ command" lines, each followed by
# the lines of its output that the guide quotes ("..." skips some).
awk '/^## Questions for students/ {on = 1; next} on && /^## / {exit}
    on && /^    / {sub(/^    /, ""); print}' "$guide" >"$T/quoted"
[ "$(grep -c '^\$ ' "$T/quoted")" -ge 8 ] ||
	{ cat "$T/quoted"; fail "CLASSROOM.md: the questions lost their commands"; }

n=0
while IFS= read -r line; do
	case $line in
	'$ '*)
		n=$((n + 1))
		cmd=${line#\$ }
		# As a clone has it, bin/clockring: here the binary under test.
		(cd "$T" && eval "${cmd//bin\/clockring/\"\$CLOCKRING\"}") \
		    >"$T/out$n" 2>&1 || { cat "$T/out$n"; fail "'$cmd' failed"; }
		;;
	'...') ;;
	*)
		grep -qxF -- "$line" "$T/out$n" ||
			{ cat "$T/out$n"; fail "'$cmd' did not print: $line"; }
		;;
	esac
done <"$T/quoted"
echo "ran the guide's $n commands; each printed what it quotes"
echo ok
