# tests/e2e/t_readme_vm_example.sh -- README's `clockring vm` example works as written from a clone
. "$(dirname "$0")/lib.sh"

readme="$(dirname "$0")/../../README.md"
# The indented lines of the paragraph that introduces `clockring vm`.
awk '/^`clockring vm` runs one VM/ {on = 1; next} on && /^## / {exit}
    on && /^    / {sub(/^    /, ""); print}' "$readme" >"$T/example"
[ "$(grep -c '^bin/clockring vm ' "$T/example")" -eq 2 ] ||
	{ cat "$T/example"; fail "README: the example does not start bin/clockring vm twice"; }
# As a clone has it, bin/clockring; on ports free here, as tests run at once.
p0=$(free_port)
p1=$(free_port)
while [ "$p1" = "$p0" ]; do p1=$(free_port); done
sed -e "s|^bin/clockring |\"\$CLOCKRING\" |" -e "s/:7000/:$p0/g" -e "s/:7001/:$p1/g" \
    "$T/example" >"$T/example.sh"
cat >>"$T/example.sh" <<'END'
last=$?
wait $!
first=$?
echo "$first $last" >status
END
(cd "$T" && CLOCKRING=$CLOCKRING bash example.sh) || fail "the example failed to run"
[ "$(cat "$T/status")" = "0 0" ] || fail "the VMs exited $(cat "$T/status"), not 0 0"
for i in 0 1; do
	ticks=$(grep -c ',\(INTERNAL\|SEND\|RECV\),' "$T/vm$i.csv")
	[ "$ticks" -eq 10 ] || fail "vm$i.csv: $ticks ticks, not 10"
done
echo ok
