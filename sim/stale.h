/* sim/stale.h -- was a finished run made with the settings the suite would use now? */
#ifndef SIM_STALE_H
#define SIM_STALE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/rundir/expfile.h"
#include "sim/options.h"
#include "vm/core/runmeta.h"

/* Longest value said: a rate per VM, or every fault in its spelling. */
#define STALE_TEXT	(OPT_MAX_VMS * 5 + 16)
#define STALE_KEYS	15	/* settings compared (stale.c: keys) */

/* One setting that differs: as the run recorded it, and as it is now. */
struct stale_diff {
	const char *key;	/* run.meta's name for it: rate_max, speed... */
	const char *source;	/* where the value now comes from: the file,
				 * or the suite's --speed */
	char was[STALE_TEXT], now[STALE_TEXT];
};

/* The finished runs of one experiment made with other settings. */
struct stale {
	uint32_t runs;		/* how many */
	uint32_t ndiffs;
	struct stale_diff diff[STALE_KEYS];	/* each setting that differs, as
						 * in the first run it differs in */
};

/* A finished run's run.meta, and how to show what was missing or bad in it. */
struct stale_was {
	struct runmeta m;
	char shown[STALE_KEYS][STALE_TEXT];	/* a setting missing or bad:
						 * "(none)", "'ten'"; else "" */
	uint32_t bad_faults;	/* bit i: faultI missing or bad, shown "?" */
};

/* DIR/run.meta into was: 0, or -1 with err if it is no run.meta at all. */
int stale_read(const char *dir, struct stale_was *was, char *err,
    size_t errlen);
/*
 * Was repeat r of e, whose run.meta is was, made as the suite would make
 * it now at speed? 0 it was; 1 it was not, and st counts it and notes what
 * differs; -1 with the reason in err if e cannot be run at all.
 */
int stale_judge(const struct stale_was *was, const struct experiment *e,
    uint32_t repeat, double speed, struct stale *st, char *err,
    size_t errlen);
/* To f, no newline: "5 finished runs were made with rate_max 6, the file
 * now says 5[, and with ...]". */
void stale_say(const struct stale *st, FILE *f);

#endif
