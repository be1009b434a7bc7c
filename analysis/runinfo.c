/* analysis/runinfo.c -- what the analysis of one run needs from its run.meta and the ends of its logs */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/logread.h"
#include "analysis/meta.h"
#include "analysis/runinfo.h"
#include "vm/core/fault.h"

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

/* Format 2 lists the faults injected; a format 1 run.meta has none. */
static int
read_faults(struct runinfo *ri, char *err, size_t errlen)
{
	char key[32], why[256], reason[128];
	const char *spec;
	uint64_t n;

	if (meta_get(ri->meta, "faults") == NULL)
		return 0;
	if (meta_u64(ri->meta, "faults", &n, why, sizeof why) == -1)
		return bad(ri, why, err, errlen);
	if (n > FAULT_MAX) {
		snprintf(why, sizeof why, "faults '%" PRIu64 "': more than %d",
		    n, FAULT_MAX);
		return bad(ri, why, err, errlen);
	}
	if ((ri->faults = calloc(n + 1, sizeof *ri->faults)) == NULL)
		return bad(ri, "out of memory", err, errlen);
	for (uint32_t i = 0; i < n; i++) {
		snprintf(key, sizeof key, "fault%" PRIu32, i);
		if (meta_str(ri->meta, key, &spec, why, sizeof why) == -1)
			return bad(ri, why, err, errlen);
		if (fault_parse(spec, &ri->faults[i], reason,
		    sizeof reason) == -1) {
			snprintf(why, sizeof why, "%s '%.64s': %s", key, spec,
			    reason);
			return bad(ri, why, err, errlen);
		}
	}
	ri->nfaults = (uint32_t)n;
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
	if (read_rates(ri, err, errlen) == -1)
		return -1;
	return read_faults(ri, err, errlen);
}

/* A VM that died rather than shut down: its log just ends. */
static int
died(const struct runinfo *ri, uint32_t vm)
{
	char key[32];
	const char *ended;

	snprintf(key, sizeof key, "vm%" PRIu32 ".exit", vm);
	ended = meta_get(ri->meta, key);
	return ended != NULL && meta_exit_died(ended);
}

/* The last line of VM vm's log, as logread_last tells it. */
static int
last_line(const struct runinfo *ri, uint32_t vm, struct log_event *ev)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/vm%" PRIu32 ".csv", ri->dir, vm);
	return logread_last(path, ev);
}

int
runinfo_deaths(struct runinfo *ri, char *err, size_t errlen)
{
	struct log_event ev;
	int rc;

	if ((ri->death = calloc(ri->nvms, sizeof *ri->death)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (uint32_t i = 0; i < ri->nvms; i++) {
		if (!died(ri, i))
			continue;
		if ((rc = last_line(ri, i, &ev)) == -1)
			continue;
		ri->death[i].died = 1;
		ri->death[i].silent = rc == 0;
		ri->death[i].last_seq = rc == 1 ? ev.seq : 0;
	}
	return 0;
}

/* Model seconds from start_wall_ns to wall, before any clamp. */
static double
since_start(const struct runinfo *ri, uint64_t wall)
{
	double ns = wall >= ri->start_wall_ns ?
	    (double)(wall - ri->start_wall_ns) :
	    -(double)(ri->start_wall_ns - wall);

	return ns / 1e9 * ri->speed;
}

double
runinfo_model_time(const struct runinfo *ri, uint64_t wall)
{
	return fmin(fmax(since_start(ri, wall), 0), ri->end_s);
}

/*
 * A complete run ran to its planned end. Any other (interrupted, failed,
 * or still "running" as the orchestrator left it) ended with the latest
 * line of its logs: a VM stopped early logs its PENDING lines right
 * after the stop, and a dead VM's log ends before. Only the end of each
 * log is read; one that cannot be told (missing, torn) does not count,
 * and reading it whole will say why.
 */
static void
find_end(struct runinfo *ri)
{
	struct log_event ev;

	ri->end_s = ri->duration_s;
	if (strcmp(ri->status, "complete") == 0)
		return;
	ri->end_s = 0;
	for (uint32_t i = 0; i < ri->nvms; i++)
		if (last_line(ri, i, &ev) == 1)
			ri->end_s = fmax(ri->end_s, since_start(ri, ev.wall_ns));
	ri->end_s = fmin(ri->end_s, ri->duration_s);
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
	find_end(ri);
	return 0;
}

void
runinfo_free(struct runinfo *ri)
{
	meta_free(ri->meta);
	free(ri->rates);
	free(ri->faults);
	free(ri->death);
	free(ri->dir);
	memset(ri, 0, sizeof *ri);
}
