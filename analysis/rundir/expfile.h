/* analysis/rundir/expfile.h -- experiment files (NAME.exp): keys and values, the words of `run`, seeds */
#ifndef ANALYSIS_RUNDIR_EXPFILE_H
#define ANALYSIS_RUNDIR_EXPFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vm/core/fault.h"

#define EXP_MAX_RUN_WORDS	64	/* words of the `run` key */
#define EXP_MAX_ARGS	(EXP_MAX_RUN_WORDS + FAULT_MAX + 2)	/* and faults, on_failure, --virtual */
#define EXP_MAX_REPEAT	100
#define EXP_MAX_BYTES	65536	/* an experiment file is a few lines */
#define EXP_MAX_POINTS	32	/* values of a sweep */

enum exp_key {
	EXP_TITLE, EXP_DESCRIPTION, EXP_RUN, EXP_REPEAT, EXP_DURATION,
	EXP_SEED, EXP_FAULT, EXP_ON_FAILURE, EXP_MODE, EXP_SWEEP, EXP_POINT,
	EXP_KEYS
};

struct experiment {
	char name[64];		/* the file name without .exp: names results/NAME */
	char title[128];
	char description[256];
	char run[512];		/* the `run` value as written */
	char fault[512];	/* the `fault` value as written, or "" */
	char on_failure[16];	/* the `on_failure` value as written, or "" */
	bool is_virtual;	/* mode = virtual */
	char source[256];	/* the file it was read from */
	char sweep[64];		/* the option swept, "vms", or "" */
	uint32_t npoints;	/* its values: each a point of its own */
	uint64_t points[EXP_MAX_POINTS];
	bool is_point;		/* one point of a sweep: point = value */
	uint64_t point;
	uint32_t repeat;	/* runs of this experiment, each its own seed */
	double duration_s;	/* model seconds of each run */
	uint64_t seed;		/* base seed; repeat r runs with expfile_seed */
	unsigned line[EXP_KEYS];	/* where each key was given; 0: not */
	int nrun;		/* the words of `run`, first in argv */
	int argc;		/* options of `clockring run`, in argbuf: the
				 * words of `run`, then --fault=SPEC for each
				 * fault, --on-failure=P and --virtual */
	char *argv[EXP_MAX_ARGS];
	char argbuf[512 + 1024];
};

/*
 * Read the experiment file at path (text, len bytes) into e: 0, or -1 with
 * "PATH[:LINE]: reason" in err. Its keys and values are judged here, the
 * words of `run` only as words: what they mean to `clockring run` is
 * judged by whoever runs them (sim/exprun.c).
 */
int expfile_load(const char *path, struct experiment *e, char *err,
    size_t errlen);
int expfile_parse(const char *path, const char *text, size_t len,
    struct experiment *e, char *err, size_t errlen);
/*
 * The experiments e stands for, each run `repeat` times into results/NAME:
 * e itself; or, for a sweep (`sweep = vms 3 10 100`), one per value,
 * named NAME-VALUE (ring-size-3), its `run` given --vms VALUE, with e's
 * seed and `point = VALUE`. The one place the suite and its plan learn
 * which runs an experiment has. How many (at most max), or -1 with err.
 */
int expfile_points(const struct experiment *e, struct experiment *out,
    size_t max, char *err, size_t errlen);
/* The seed of repeat r (1..repeat): the same for the same file name. */
uint64_t expfile_seed(const struct experiment *e, uint32_t repeat);
/*
 * e as an experiment file that expfile_parse reads back as e, with a first
 * comment naming where it came from: what the suite keeps beside the runs.
 */
void expfile_write(FILE *f, const struct experiment *e, const char *source);

#endif
