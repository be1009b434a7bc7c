/* analysis/rundir/runinfo.h -- what the analysis of one run needs from its run.meta and the ends of its logs */
#ifndef ANALYSIS_RUNDIR_RUNINFO_H
#define ANALYSIS_RUNDIR_RUNINFO_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/runmeta.h"

/* A VM killed by a fault or a signal: its log just ends, and so does it. */
struct runinfo_death {
	int died;		/* vmI.exit says it died (vmend_died) */
	int silent;		/* died before logging any line */
	uint64_t last_seq;	/* seq of its last line: dead after it */
};

struct runinfo {
	char *dir;		/* the run dir as given, trailing '/' dropped */
	struct runmeta *meta;	/* what its run.meta says; a key it does
				 * not need may be bad (at its default) */
	char *problem[RUNMETA_KEYS];	/* each key missing or bad: the
					 * reader's first word on it, or NULL */
	int nomem;		/* a problem could not be kept */
	uint32_t nvms;		/* the most used of it, for short: */
	double duration_s, speed;	/* as planned */
	uint64_t start_wall_ns;	/* wall clock of model time 0 */
	double end_s;		/* the real end, model seconds: duration_s
				 * if complete, else the logs' latest line */
	double win_t0, win_t1;	/* the space-time window, model seconds */
	const char *check_fail;	/* NULL, or check's verdict on a bad run */
	struct runinfo_death *death;	/* nvms, by runinfo_deaths; or NULL */
};

/*
 * Fill ri from DIR/run.meta, and end_s from the last line of each log:
 * 0, or -1 with "PATH[:LINE]: reason" in err (a key analysis needs is
 * missing or bad).
 */
int runinfo_load(struct runinfo *ri, const char *dir, char *err,
    size_t errlen);
/*
 * Were the keys good, all of them? 0, or -1 with the reader's word on the
 * first that was not, "PATH[:LINE]: why", in err.
 */
int runinfo_need(const struct runinfo *ri, const enum runmeta_key *keys,
    size_t n, char *err, size_t errlen);
/*
 * Which VMs died, and after which line of their logs (read from the end
 * of each dead VM's log): 0, or -1 with err (out of memory). A log whose
 * end cannot be read counts as not dead: reading it whole will say why.
 */
int runinfo_deaths(struct runinfo *ri, char *err, size_t errlen);
/* The model time of wall clock wall_ns, held within [0, end_s]. */
double runinfo_model_time(const struct runinfo *ri, uint64_t wall_ns);
void runinfo_free(struct runinfo *ri);

#endif
