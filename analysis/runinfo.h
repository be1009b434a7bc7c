/* analysis/runinfo.h -- what the analysis of one run needs from its run.meta and the ends of its logs */
#ifndef ANALYSIS_RUNINFO_H
#define ANALYSIS_RUNINFO_H

#include <stddef.h>
#include <stdint.h>

struct fault;
struct meta;

/* A VM killed by a fault or a signal: its log just ends, and so does it. */
struct runinfo_death {
	int died;		/* vmI.exit says it died (meta_exit_died) */
	int silent;		/* died before logging any line */
	uint64_t last_seq;	/* seq of its last line: dead after it */
};

struct runinfo {
	char *dir;		/* the run dir as given, trailing '/' dropped */
	struct meta *meta;	/* owns the strings below */
	uint32_t nvms;
	uint64_t *rates;	/* nvms entries: ticks per model second */
	double duration_s, speed;	/* as planned */
	double end_s;		/* the real end, model seconds: duration_s
				 * if complete, else the logs' latest line */
	uint64_t start_wall_ns;	/* wall clock of model time 0 */
	const char *seed, *draw_max, *status;	/* as run.meta writes them */
	double win_t0, win_t1;	/* the space-time window, model seconds */
	const char *check_fail;	/* NULL, or check's verdict on a bad run */
	uint32_t nfaults;	/* faults=K, 0 before format 2 */
	struct fault *faults;	/* fault0 .. faultK-1, in that order */
	struct runinfo_death *death;	/* nvms, by runinfo_deaths; or NULL */
};

/*
 * Fill ri from DIR/run.meta, and end_s from the last line of each log:
 * 0, or -1 with "PATH[:LINE]: reason" in err.
 */
int runinfo_load(struct runinfo *ri, const char *dir, char *err,
    size_t errlen);
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
