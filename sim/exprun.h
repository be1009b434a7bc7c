/* sim/exprun.h -- an experiment as `clockring run` takes it: its words judged by the run option parser, the words of each repeat */
#ifndef SIM_EXPRUN_H
#define SIM_EXPRUN_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/rundir/expfile.h"
#include "vm/core/num.h"

/* The words of `clockring run` for one repeat, as the suite runs it. */
struct exprun_args {
	char *argv[EXP_MAX_ARGS + 8];	/* "clockring", "run", options, NULL */
	int argc;			/* of argv, without the NULL */
	char prog[10], cmd[4];
	char duration[NUM_TEXT_MAX + 16], speed[NUM_TEXT_MAX + 16], seed[32];
	char out[PATH_MAX + 8];
};

/*
 * The words of e, read from path by expfile_parse, as `clockring run`
 * judges them with the suite's own options added: 0, or -1 with
 * "PATH:LINE: KEY...: reason" in err, on the line of the key that gave
 * the bad word. The whole file is read by then: a fault must fit the
 * ring of `run` and the `duration` wherever they are given.
 */
int exprun_check(const struct experiment *e, const char *path, char *err,
    size_t errlen);
/* `clockring run` of repeat r (1..repeat) of e at speed into dir: its
 * options, after the first two words, are what options_run takes. */
void exprun_args(const struct experiment *e, uint32_t repeat, double speed,
    const char *dir, struct exprun_args *a);

#endif
