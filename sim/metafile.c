/* sim/metafile.c -- run.meta of a run: what was asked and how it ended, written whole (the format: vm/core/runmeta) */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/metafile.h"
#include "sim/orch.h"
#include "sim/run.h"
#include "vm/core/runmeta.h"

_Static_assert(OPT_MAX_VMS == RUNMETA_MAX_VMS, "a real run.meta holds every VM");
_Static_assert(OPT_MAX_VIRTUAL_VMS <= RUNMETA_MAX_RING, "run.meta takes any ring");
_Static_assert((int)OPT_LOG_SUMMARY == (int)RUNMETA_LOG_SUMMARY &&
    (int)OPT_LOG_OFF == (int)RUNMETA_LOG_OFF, "one list of log levels");

/* What a run records of its options, rates aside. */
static void
settings(const struct run_opts *o, uint64_t seed, struct runmeta *m)
{
	memset(m, 0, sizeof *m);
	m->format = RUNMETA_FORMAT;
	snprintf(m->version, sizeof m->version, "%s", CLOCKRING_VERSION);
	m->seed = seed;
	m->vms = o->vms;
	m->duration_s = o->duration_s;
	m->speed = o->speed;
	m->draw_max = o->draw_max;
	m->virtual = o->virtual;
	m->latency_min_ms = o->latency.min_ms;
	m->latency_max_ms = o->latency.max_ms;
	m->loss = o->loss;
	m->vector = o->vector;
	m->log = (enum runmeta_log)o->log;
	snprintf(m->bind, sizeof m->bind, "%s", o->bind);
	m->on_failure = o->on_failure;
	m->nfaults = o->faults.n;
	memcpy(m->fault, o->faults.f, sizeof m->fault);
	m->failed_vm = -1;
	m->status = RUN_RUNNING;
}

int
metafile_settings(const struct run_opts *o, uint64_t seed, struct runmeta *m)
{
	uint32_t *rates = malloc(o->vms * sizeof *rates);

	if (rates == NULL)
		return -1;
	settings(o, seed, m);
	orch_rates(o, seed, rates, &m->rate_min, &m->rate_max);
	for (uint32_t i = 0; i < o->vms && i < RUNMETA_MAX_VMS; i++)
		m->rate[i] = rates[i];
	free(rates);
	return 0;
}

/* The record of r as it stands: its settings, then how far it got. */
static void
of_run(const struct run *r, struct runmeta *m)
{
	settings(r->o, r->seed, m);
	memcpy(m->run_id, r->run_id, sizeof m->run_id);
	m->rate_min = r->rate_min;
	m->rate_max = r->rate_max;
	/* A bigger ring lists no VM (runmeta_per_vm): its rates and exits
	 * are in vms.csv, or follow from the seed (docs/FORMAT.md). */
	for (uint32_t i = 0; i < r->o->vms && i < RUNMETA_MAX_VMS; i++) {
		m->rate[i] = r->rates[i];
		m->port[i] = r->ports[i];
		m->end[i] = r->end[i];
	}
	m->start_wall_ns = r->start_wall_ns;
	m->end_wall_ns = r->end_wall_ns;
	m->status = r->status;
	m->failed_vm = r->failed_vm;
	snprintf(m->error, sizeof m->error, "%s", r->error);
}

/* Write all of text to fd: 0, or -1 with errno. */
static int
write_all(int fd, const char *text, size_t len, off_t at)
{
	while (len > 0) {
		ssize_t n = pwrite(fd, text, len, at);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		text += n;
		at += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write beside, then rename: a reader sees the old run.meta or the new one. */
static int
replace(const char *tmp, const char *path, const char *text, size_t len)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd == -1)
		return -1;
	if ((write_all(fd, text, len, 0) == -1) | (close(fd) == -1) ||
	    rename(tmp, path) == -1) {
		int saved = errno;
		remove(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}

/*
 * A full disk has no room for a second copy, but the old run.meta's own
 * blocks can take the new text, as long as they hold all of it: then
 * nothing is written half, and the run's end is recorded after all.
 */
static int
overwrite(const char *path, const char *text, size_t len)
{
	struct stat st;
	int fd = open(path, O_WRONLY), rc = -1;

	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == 0 && (uint64_t)st.st_blocks * 512 >= len &&
	    write_all(fd, text, len, 0) == 0 && ftruncate(fd, (off_t)len) == 0)
		rc = 0;
	close(fd);
	return rc;
}

/*
 * Write beside, then rename. The last write (any but status=running), on
 * a full disk, writes over the first instead.
 */
int
metafile_write(const struct run *r, char *err, size_t errlen)
{
	char path[PATH_MAX + 16], tmp[PATH_MAX + 16], *text;
	bool first = r->status == RUN_RUNNING;
	struct runmeta *m = malloc(sizeof *m);
	size_t len = 0;
	int rc = 0, saved;

	snprintf(path, sizeof path, "%s/run.meta", r->dir);
	snprintf(tmp, sizeof tmp, "%s/.run.meta.tmp", r->dir);
	if (strlen(r->o->bind) >= sizeof m->bind) {
		free(m);
		snprintf(err, errlen, "%s: --bind '%.64s...': longer than %zu "
		    "bytes", path, r->o->bind, sizeof m->bind - 1);
		return -1;
	}
	if (m != NULL)
		of_run(r, m);
	if (m == NULL || (text = runmeta_format(m, &len)) == NULL) {
		free(m);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (replace(tmp, path, text, len) == -1) {
		saved = errno;
		if (first || (saved != ENOSPC && saved != EDQUOT) ||
		    overwrite(path, text, len) == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(saved));
			rc = -1;
		}
	}
	free(text);
	free(m);
	return rc;
}
