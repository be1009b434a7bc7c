/* analysis/runinfo.h -- what the analysis of one run needs from its run.meta */
#ifndef ANALYSIS_RUNINFO_H
#define ANALYSIS_RUNINFO_H

#include <stddef.h>
#include <stdint.h>

struct meta;

struct runinfo {
	char *dir;		/* the run dir as given, trailing '/' dropped */
	struct meta *meta;	/* owns the strings below */
	uint32_t nvms;
	uint64_t *rates;	/* nvms entries: ticks per model second */
	double duration_s, speed;
	uint64_t start_wall_ns;	/* wall clock of model time 0 */
	const char *seed, *draw_max, *status;	/* as run.meta writes them */
	double win_t0, win_t1;	/* the space-time window, model seconds */
	const char *check_fail;	/* NULL, or check's verdict on a bad run */
};

/* Fill ri from DIR/run.meta: 0, or -1 with "PATH[:LINE]: reason" in err. */
int runinfo_load(struct runinfo *ri, const char *dir, char *err,
    size_t errlen);
void runinfo_free(struct runinfo *ri);

#endif
