/* analysis/runinfo.c -- what the analysis of one run needs from its run.meta */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/meta.h"
#include "analysis/runinfo.h"

/*
 * A reason from a meta getter, with the file in front. check has already
 * judged the run, but --no-check lets a broken run.meta this far.
 */
static int
bad(const struct runinfo *ri, const char *why, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s/run.meta: %s", ri->dir, why);
	return -1;
}

static int
read_rates(struct runinfo *ri, char *err, size_t errlen)
{
	char key[32], why[256];

	if ((ri->rates = calloc(ri->nvms, sizeof *ri->rates)) == NULL)
		return bad(ri, "out of memory", err, errlen);
	for (uint32_t i = 0; i < ri->nvms; i++) {
		snprintf(key, sizeof key, "vm%" PRIu32 ".rate", i);
		if (meta_u64(ri->meta, key, &ri->rates[i], why,
		    sizeof why) == -1)
			return bad(ri, why, err, errlen);
		if (ri->rates[i] == 0)
			return bad(ri, "a rate of 0 ticks per second", err,
			    errlen);
	}
	return 0;
}

static int
read_keys(struct runinfo *ri, char *err, size_t errlen)
{
	char why[256];
	uint64_t n;

	if (meta_u64(ri->meta, "vms", &n, why, sizeof why) == -1 ||
	    meta_double(ri->meta, "duration_s", &ri->duration_s, why,
	    sizeof why) == -1 ||
	    meta_double(ri->meta, "speed", &ri->speed, why, sizeof why) == -1 ||
	    meta_u64(ri->meta, "start_wall_ns", &ri->start_wall_ns, why,
	    sizeof why) == -1 ||
	    meta_str(ri->meta, "seed", &ri->seed, why, sizeof why) == -1 ||
	    meta_str(ri->meta, "draw_max", &ri->draw_max, why,
	    sizeof why) == -1 ||
	    meta_str(ri->meta, "status", &ri->status, why, sizeof why) == -1)
		return bad(ri, why, err, errlen);
	/* Bounds that keep the arithmetic sane, whatever the file says. */
	if (n < 2 || n > 256)
		return bad(ri, "vms must be from 2 to 256", err, errlen);
	if (!(ri->duration_s > 0) || !(ri->speed > 0))
		return bad(ri, "duration_s and speed must be positive", err,
		    errlen);
	ri->nvms = (uint32_t)n;
	return read_rates(ri, err, errlen);
}

int
runinfo_load(struct runinfo *ri, const char *dir, char *err, size_t errlen)
{
	size_t n = strlen(dir);

	memset(ri, 0, sizeof *ri);
	while (n > 1 && dir[n - 1] == '/')
		n--;	/* as check names it: DIR/vm0.csv, not DIR//vm0.csv */
	if ((ri->dir = strndup(dir, n)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if ((ri->meta = meta_load(ri->dir, err, errlen)) == NULL ||
	    read_keys(ri, err, errlen) == -1) {
		runinfo_free(ri);
		return -1;
	}
	return 0;
}

void
runinfo_free(struct runinfo *ri)
{
	meta_free(ri->meta);
	free(ri->rates);
	free(ri->dir);
	memset(ri, 0, sizeof *ri);
}
