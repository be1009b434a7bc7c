# tests/e2e/t_layers.sh -- make layers passes on the tree as it is, and fails on each kind of wrong include, naming file, line and include
. "$(dirname "$0")/lib.sh"

src=$(cd "$(dirname "$0")/../.." && pwd)
# A copy of the sources and the script, to break on purpose.
mkdir "$T/src"
(cd "$src" && { echo tools/layers.sh; find lib vm analysis view sim tests -name '*.[ch]'; } | tar cf - -T -) |
	(cd "$T/src" && tar xf -) || fail "cannot copy the sources"
"$T/src/tools/layers.sh" 2>"$T/err" || { cat "$T/err"; fail "the tree as it is breaks its layers"; }
[ ! -s "$T/err" ] || { cat "$T/err"; fail "layers said something of a good tree"; }

# broken FILE LINE NEEDLE: with LINE added as line 2 of FILE, the check
# fails with NEEDLE in its message; FILE is put back after.
broken() {
	file=$1
	cp "$T/src/$file" "$T/saved" || fail "no $file"
	sed -i "1a $2" "$T/src/$file"
	if "$T/src/tools/layers.sh" 2>"$T/err"; then
		fail "$file with '$2' passed"
	fi
	grep -qF -- "$3" "$T/err" || { cat "$T/err"; fail "$file with '$2': no '$3'"; }
	cp "$T/saved" "$T/src/$file"
}

broken vm/ring.c '#include "sim/options.h"' \
	'layers: vm/ring.c:2: #include "sim/options.h": vm/ may include only its own headers and those of vm/core/ lib/'
broken vm/links.c '#include "analysis/rundir/logread.h"' 'vm/links.c:2: #include "analysis/rundir/logread.h"'
# analysis/ takes the pure core of vm/, never a driver, and nothing of sim/.
broken analysis/stats/stats.c '#include "vm/shared.h"' 'analysis/stats/stats.c:2: #include "vm/shared.h"'
broken analysis/compare/compare_load.c '#include "sim/exprun.h"' \
	'analysis/compare/compare_load.c:2: #include "sim/exprun.h"'
# Within analysis/, only down the order: the checker knows no report.
broken analysis/check/check.c '#include "analysis/report/doc.h"' \
	'analysis/check/check.c:2: #include "analysis/report/doc.h": analysis/check/ may include only its own headers and those of analysis/rundir/ vm/core/ lib/'
broken lib/errmsg.c '#include "vm/core/num.h"' \
	'lib/errmsg.c:2: #include "vm/core/num.h": lib/ may include only its own headers'
broken vm/core/step.c '#include <pthread.h>' 'vm/core/step.c:2: #include <pthread.h>: the pure core takes only'
broken vm/core/step.c '#include "vm/clock.h"' 'vm/core/step.c:2: #include "vm/clock.h"'
# A folder without a rule fails until it is given its place.
echo '/* analysis/extra.c -- a file out of place */' >"$T/src/analysis/extra.c"
"$T/src/tools/layers.sh" 2>"$T/err" && fail "a file in a folder without a rule passed"
grep -qF 'analysis/extra.c:1: folder analysis/ has no rule in tools/layers.sh' "$T/err" ||
	{ cat "$T/err"; fail "the folder without a rule not named"; }
rm "$T/src/analysis/extra.c"
# And all is well again once each is put back.
"$T/src/tools/layers.sh" 2>"$T/err" || { cat "$T/err"; fail "the repaired tree fails"; }
echo ok
