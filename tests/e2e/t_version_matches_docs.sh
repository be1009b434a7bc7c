# tests/e2e/t_version_matches_docs.sh -- --version, run.meta and docs/FORMAT.md agree on version and format
. "$(dirname "$0")/lib.sh"

doc="$(dirname "$0")/../../docs/FORMAT.md"
version=$("$CLOCKRING" --version | sed -n 's/^clockring \([0-9][0-9.]*\)$/\1/p')
[ -n "$version" ] || fail "--version does not say 'clockring X.Y.Z'"
# "# clockring run directory, format 2" and "Format 2 (clockring 0.2) adds
# ...": the format described and the release that brought it.
format=$(sed -n 's/^# clockring run directory, format \([0-9]*\)$/\1/p' "$doc")
since=$(sed -n "s/^Format $format (clockring \([0-9.]*\)).*/\1/p" "$doc")
[ -n "$format" ] && [ -n "$since" ] || fail "FORMAT.md names no format and release"
# That release is this one or an older one: never one still to come.
newest=$(printf '%s\n%s\n' "$since" "$version" | sort -V | tail -n 1)
[ "$newest" = "$version" ] ||
	fail "FORMAT.md: format $format came with clockring $since, but this is clockring $version"
# What a run records is what FORMAT.md describes and --version says.
run_ok "$T/r" --vms 2 --rates 10,10 --duration 1 --speed 1
[ "$(meta "$T/r" format)" = "$format" ] ||
	fail "run.meta has format=$(meta "$T/r" format), FORMAT.md describes $format"
[ "$(meta "$T/r" version)" = "$version" ] ||
	fail "run.meta has version=$(meta "$T/r" version), --version says $version"
echo ok
