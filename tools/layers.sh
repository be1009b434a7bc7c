#!/bin/sh
# tools/layers.sh -- fail on an #include that crosses the layers of the code the wrong way
#
# usage: tools/layers.sh      (make layers; part of make check)
# A file may include the headers of its own folder and of the folders its
# folder's rule names below ("*": any). A source folder with no rule fails
# too, so that a new folder takes its place in the order on purpose.
set -eu
cd "$(dirname "$0")/.."

# Lowest first: the pure core and lib/ use nothing of ours; vm/ drives the
# core; analysis/ takes only the core of vm/; view/ (the terminal view)
# takes only the core too; sim/ is on top of it all.
rules='
vm/core:
lib:
vm:                vm/core lib
analysis/rundir:   vm/core lib
analysis/check:    analysis/rundir vm/core lib
analysis/causal:   analysis/rundir vm/core lib
analysis/export:   analysis/causal analysis/rundir vm/core lib
analysis/plot:     vm/core lib
analysis/out:      analysis/plot vm/core lib
analysis/stats:    analysis/rundir analysis/causal analysis/check analysis/plot analysis/out vm/core lib
analysis/compare:  analysis/rundir analysis/causal analysis/stats analysis/plot analysis/out vm/core lib
analysis/report:   analysis/causal analysis/compare analysis/out vm/core lib
analysis/viewer:   analysis/causal analysis/check analysis/rundir vm/core lib
view:              vm/core lib
sim:               *
tests:             *
tests/fuzz:        *
tests/tools:       *
'
# The pure core has no threads, clocks or sockets and opens no files: of
# the C library, it includes only these headers.
core_libc='assert ctype errno float inttypes limits math stdarg stdbool stddef stdint stdio stdlib string'

# shellcheck disable=SC2016 # the awk program is awk's, not the shell's
find lib vm analysis view sim tests -name '*.[ch]' | sort | xargs awk \
    -v rules="$rules" -v core_libc="$core_libc" '
function folder(path) {
	return sub(/\/[^\/]*$/, "", path) ? path : "."
}
function fail(why) {
	printf "layers: %s:%d: %s\n", FILENAME, FNR, why >"/dev/stderr"
	bad = 1
}
BEGIN {
	n = split(rules, line, "\n")
	for (i = 1; i <= n; i++) {
		if (split(line[i], w, ":") != 2)
			continue
		may[w[1]] = " "
		told[w[1]] = ""
		k = split(w[2], list, " ")
		for (j = 1; j <= k; j++) {
			may[w[1]] = may[w[1]] list[j] " "
			told[w[1]] = told[w[1]] " " list[j] "/"
		}
	}
	k = split(core_libc, w, " ")
	for (j = 1; j <= k; j++) {
		libc[w[j] ".h"] = 1
		libc_told = libc_told " <" w[j] ".h>"
	}
}
FNR == 1 {
	dir = folder(FILENAME)
	if (!(dir in may))
		fail("folder " dir "/ has no rule in tools/layers.sh")
}
!(dir in may) { next }
/^[ \t]*#[ \t]*include[ \t]*"/ {
	split($0, q, "\"")
	to = folder(q[2])
	if (to != dir && may[dir] != " * " && index(may[dir], " " to " ") == 0)
		fail("#include \"" q[2] "\": " dir "/ may include only its own " \
		    "headers" (told[dir] == "" ? "" : " and those of" told[dir]))
}
dir == "vm/core" && /^[ \t]*#[ \t]*include[ \t]*</ {
	h = $0
	sub(/^[^<]*</, "", h)
	sub(/>.*/, "", h)
	if (!(h in libc))
		fail("#include <" h ">: the pure core takes only" libc_told)
}
END { exit bad }
' || { echo "layers: includes break the layers (README.md, How the code is laid out)" >&2; exit 1; }
