/* analysis/rundir/runinfo.c -- what the analysis of one run needs from its run.meta and the ends of its logs */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/rundir/logread.h"
#include "analysis/rundir/meta.h"
#include "analysis/rundir/runinfo.h"
#include "vm/core/vmend.h"

/* A VM that died rather than shut down: its log just ends. */
static int
died(const struct runinfo *ri, uint32_t vm)
{
	return vmend_died(&ri->meta->end[vm]);
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
	if (ri->meta->status == RUN_COMPLETE)
		return;
	ri->end_s = 0;
	for (uint32_t i = 0; i < ri->nvms; i++)
		if (last_line(ri, i, &ev) == 1)
			ri->end_s = fmax(ri->end_s, since_start(ri, ev.wall_ns));
	ri->end_s = fmin(ri->end_s, ri->duration_s);
}

/* The reader's first word on each key, where it is, kept for runinfo_need. */
static void
told(void *ctx, const struct runmeta_problem *p)
{
	struct runinfo *ri = ctx;
	char where[4200];

	if (ri->problem[p->key] != NULL)
		return;
	if (p->line > 0)
		snprintf(where, sizeof where, "%s/run.meta:%lu: %s", ri->dir,
		    p->line, p->why);
	else
		snprintf(where, sizeof where, "%s/run.meta: %s", ri->dir, p->why);
	/* Out of memory, the key reads as bad all the same. */
	ri->problem[p->key] = strdup(where);
	ri->nomem |= ri->problem[p->key] == NULL;
}

int
runinfo_need(const struct runinfo *ri, const enum runmeta_key *keys,
    size_t n, char *err, size_t errlen)
{
	if (ri->nomem) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (ri->problem[keys[i]] != NULL) {
			snprintf(err, errlen, "%s", ri->problem[keys[i]]);
			return -1;
		}
	}
	return 0;
}

/*
 * What analysis uses of run.meta; a bad port or run_id does not stop it
 * (--no-check), as readers ignore what they do not use.
 */
static const enum runmeta_key needed[] = {
	RUNMETA_KEY_SEED, RUNMETA_KEY_VMS, RUNMETA_KEY_DURATION,
	RUNMETA_KEY_SPEED, RUNMETA_KEY_DRAW_MAX, RUNMETA_KEY_RATE,
	RUNMETA_KEY_FAULTS, RUNMETA_KEY_FAULT, RUNMETA_KEY_START,
	RUNMETA_KEY_EXIT, RUNMETA_KEY_STATUS,
};

int
runinfo_load(struct runinfo *ri, const char *dir, char *err, size_t errlen)
{
	size_t n = strlen(dir);

	memset(ri, 0, sizeof *ri);
	while (n > 1 && dir[n - 1] == '/')
		n--;	/* as check names it: DIR/vm0.csv, not DIR//vm0.csv */
	if ((ri->dir = strndup(dir, n)) == NULL ||
	    (ri->meta = malloc(sizeof *ri->meta)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (meta_read(ri->dir, ri->meta, NULL, told, ri, err, errlen) == -1 ||
	    runinfo_need(ri, needed, sizeof needed / sizeof needed[0], err,
	    errlen) == -1)
		goto fail;
	ri->nvms = ri->meta->vms;
	ri->duration_s = ri->meta->duration_s;
	ri->speed = ri->meta->speed;
	ri->start_wall_ns = ri->meta->start_wall_ns;
	find_end(ri);
	return 0;
fail:
	runinfo_free(ri);
	return -1;
}

void
runinfo_free(struct runinfo *ri)
{
	for (int k = 0; k < RUNMETA_KEYS; k++)
		free(ri->problem[k]);
	free(ri->meta);
	free(ri->death);
	free(ri->dir);
	memset(ri, 0, sizeof *ri);
}
