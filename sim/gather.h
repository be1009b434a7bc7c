/* sim/gather.h -- clockring merge: the parts of a ring started by hand, gathered into one run directory */
#ifndef SIM_GATHER_H
#define SIM_GATHER_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/runmeta.h"

/* One vmI.meta as read, and where it came from (for messages). */
struct gather_part {
	struct runmeta m;	/* is_part, part_vm its VM */
	const char *path;
};

/*
 * The run.meta of the ring whose n parts are given, in any order, into
 * out: 0, or -1 with one line in err when they are not one whole ring:
 * parts of different runs (run id), two parts of one VM, a VM without
 * a part, or parts that disagree on a setting (named). Pure.
 */
int gather_combine(const struct gather_part *p, uint32_t n, struct runmeta *out,
    char *err, size_t errlen);

/* clockring merge DIR... --out RUN_DIR: the exit status. */
int gather_main(int argc, char **argv);

#endif
