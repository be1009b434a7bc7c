/* sim/runmeta.c -- writes run.meta, the record of what was run and how it ended */
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

#include "sim/run.h"
#include "vm/core/fault.h"

/* The policy, then each fault in its one spelling, in the order given. */
static void
put_faults(FILE *f, const struct run_opts *o)
{
	char spec[FAULT_TEXT_MAX];

	fprintf(f, "on_failure=%s\nfaults=%u\n",
	    vmend_policy_name(o->on_failure), (unsigned)o->faults.n);
	for (uint32_t i = 0; i < o->faults.n; i++) {
		fault_format(&o->faults.f[i], spec, sizeof spec);
		fprintf(f, "fault%u=%s\n", (unsigned)i, spec);
	}
}

static void
put_meta(FILE *f, const struct run *r)
{
	const struct run_opts *o = r->o;
	char how[VMEND_TEXT_MAX];

	fprintf(f, "format=2\nversion=%s\nrun_id=", CLOCKRING_VERSION);
	for (int i = 0; i < WIRE_RUN_ID_LEN; i++)
		fprintf(f, "%02x", r->run_id[i]);
	fprintf(f, "\nseed=%" PRIu64 "\nvms=%u\nduration_s=%.15g\nspeed=%.15g\n"
	    "draw_max=%u\nrate_min=%u\nrate_max=%u\n", r->seed, (unsigned)o->vms,
	    o->duration_s, o->speed, (unsigned)o->draw_max,
	    (unsigned)r->rate_min, (unsigned)r->rate_max);
	for (uint32_t i = 0; i < o->vms; i++)
		fprintf(f, "vm%u.rate=%u\n", (unsigned)i, (unsigned)r->rates[i]);
	fprintf(f, "bind=%s\n", o->bind);
	for (uint32_t i = 0; i < o->vms; i++)
		fprintf(f, "vm%u.port=%u\n", (unsigned)i, (unsigned)r->ports[i]);
	put_faults(f, o);
	fprintf(f, "start_wall_ns=%" PRIu64 "\nend_wall_ns=%" PRIu64 "\n",
	    r->start_wall_ns, r->end_wall_ns);
	for (uint32_t i = 0; i < o->vms; i++) {
		vmend_format(&r->end[i], how, sizeof how);
		fprintf(f, "vm%u.exit=%s\n", (unsigned)i, how);
	}
	fprintf(f, "status=%s\n", r->status);
	if (r->failed_vm >= 0)
		fprintf(f, "failed_vm=%d\n", r->failed_vm);
	if (strcmp(r->status, "failed") == 0)
		fprintf(f, "error=%s\n", r->error);
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
runmeta_write(const struct run *r, char *err, size_t errlen)
{
	char path[PATH_MAX + 16], tmp[PATH_MAX + 16], *text = NULL;
	bool first = strcmp(r->status, "running") == 0;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int rc = 0, saved;

	snprintf(path, sizeof path, "%s/run.meta", r->dir);
	snprintf(tmp, sizeof tmp, "%s/.run.meta.tmp", r->dir);
	if (m != NULL) {
		put_meta(m, r);
		if ((ferror(m) != 0) | (fclose(m) == EOF))
			m = NULL;
	}
	if (m == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		rc = -1;
	} else if (replace(tmp, path, text, len) == -1) {
		saved = errno;
		if (first || (saved != ENOSPC && saved != EDQUOT) ||
		    overwrite(path, text, len) == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(saved));
			rc = -1;
		}
	}
	free(text);
	return rc;
}
