/* sim/expfile.h -- experiment files (experiments/NAME.exp): parsing, validation, seeds */
#ifndef SIM_EXPFILE_H
#define SIM_EXPFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/options.h"
#include "vm/core/fault.h"
#include "vm/core/num.h"

#define EXP_MAX_RUN_WORDS	64	/* words of the `run` key */
#define EXP_MAX_ARGS	(EXP_MAX_RUN_WORDS + FAULT_MAX + 2)	/* and faults, on_failure, --virtual */
#define EXP_MAX_REPEAT	100
#define EXP_MAX_BYTES	65536	/* an experiment file is a few lines */

struct experiment {
	char name[64];		/* the file name without .exp: names results/NAME */
	char title[128];
	char description[256];
	char run[512];		/* the `run` value as written */
	char fault[512];	/* the `fault` value as written, or "" */
	char on_failure[16];	/* the `on_failure` value as written, or "" */
	bool is_virtual;	/* mode = virtual */
	uint32_t repeat;	/* runs of this experiment, each its own seed */
	double duration_s;	/* model seconds of each run */
	uint64_t seed;		/* base seed; repeat r runs with expfile_seed */
	int argc;		/* options of `clockring run`, in argbuf: the
				 * words of `run`, then --fault=SPEC for each
				 * fault and --on-failure=P */
	char *argv[EXP_MAX_ARGS];
	char argbuf[512 + 1024];
};

/* The words of `clockring run` for one repeat, as the suite runs it. */
struct exp_args {
	char *argv[EXP_MAX_ARGS + 8];	/* "clockring", "run", options, NULL */
	int argc;			/* of argv, without the NULL */
	char prog[10], cmd[4];
	char duration[NUM_TEXT_MAX + 16], speed[NUM_TEXT_MAX + 16], seed[32];
	char out[PATH_MAX + 8];
};

int expfile_load(const char *path, struct experiment *e, char *err,
    size_t errlen);
int expfile_parse(const char *path, const char *text, size_t len,
    struct experiment *e, char *err, size_t errlen);
uint64_t expfile_seed(const struct experiment *e, uint32_t repeat);
/* `clockring run` of repeat r (1..repeat) of e at speed into dir: its
 * options, after the first two words, are what options_run takes. */
void expfile_args(const struct experiment *e, uint32_t repeat, double speed,
    const char *dir, struct exp_args *a);

#endif
