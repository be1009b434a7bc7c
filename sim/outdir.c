/* sim/outdir.c -- choose and create a run directory without touching old files */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/mkdirs.h"
#include "sim/outdir.h"
#include "sim/run.h"

void
outdir_discard(const struct run *r)
{
	char buf[PATH_MAX + 32];

	snprintf(buf, sizeof buf, "%s/.run.meta.tmp", r->dir);
	remove(buf);
	mkdirs_undo(r->dir, r->made);
}

static int
is_empty(const char *path, bool *empty)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (d == NULL)
		return -1;
	*empty = true;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
			*empty = false;
	closedir(d);
	return 0;
}

/* Even with --force, the files a run writes must not exist yet. */
static int
find_clash(const struct run *r, char *err, size_t errlen)
{
	char path[PATH_MAX + 32];

	for (int i = -1; i < (int)r->o->vms; i++) {
		if (i < 0)
			snprintf(path, sizeof path, "%s/run.meta", r->dir);
		else
			snprintf(path, sizeof path, "%s/vm%d.csv", r->dir, i);
		if (access(path, F_OK) == 0) {
			snprintf(err, errlen, "'%s' exists: a run never writes over "
			    "another (choose another --out)", path);
			return -1;
		}
	}
	return 0;
}

int
outdir_prepare(struct run *r, char *err, size_t errlen)
{
	const struct run_opts *o = r->o;
	bool empty;

	if (o->out != NULL) {
		snprintf(r->dir, sizeof r->dir, "%s", o->out);
	} else {
		char stamp[32];
		time_t now = time(NULL);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
		snprintf(r->dir, sizeof r->dir, "runs/%s-%" PRIu64, stamp, r->seed);
	}
	if (mkdirs_make(r->dir, &r->made) == -1 || is_empty(r->dir, &empty) == -1) {
		snprintf(err, errlen, "--out '%s': %s", r->dir, strerror(errno));
		goto fail;
	}
	if (!empty && !o->force) {
		snprintf(err, errlen, "--out '%s': exists and is not empty "
		    "(--force allows that; no file is ever overwritten)", r->dir);
		goto fail;
	}
	if (find_clash(r, err, errlen) == -1)
		goto fail;
	return 0;
fail:
	outdir_discard(r);
	return -1;
}
