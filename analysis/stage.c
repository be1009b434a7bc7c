/* analysis/stage.c -- build RUN_DIR/analysis in a temporary directory, then swap it in */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/stage.h"

static int
unlink_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb, (void)type, (void)ftw;
	remove(path);
	return 0;	/* go on: remove what can be removed */
}

void
stage_discard(const char *path)
{
	nftw(path, unlink_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int
path_in(char buf[STAGE_PATH_MAX], const char *dir, const char *name,
    char *err, size_t errlen)
{
	if ((size_t)snprintf(buf, STAGE_PATH_MAX, "%s/%s", dir, name) <
	    STAGE_PATH_MAX)
		return 0;
	snprintf(err, errlen, "%.64s...: path too long", dir);
	return -1;
}

/* The pid in ".analysis.tmp-PID" or ".analysis.old-PID" of a dead process. */
static long
dead_pid(const char *name)
{
	char *end;
	long pid;

	if (strncmp(name, ".analysis.tmp-", 14) != 0 &&
	    strncmp(name, ".analysis.old-", 14) != 0)
		return 0;
	errno = 0;
	pid = strtol(name + 14, &end, 10);
	if (name[14] < '1' || name[14] > '9' || *end != '\0' || errno != 0 ||
	    pid != (pid_t)pid)
		return 0;
	/* Alive, or another user's: not ours to judge. */
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH ? pid : 0;
}

/*
 * What an analysis killed half-way left: its temporary directory goes,
 * and an older analysis it had moved aside goes back if none replaced it.
 */
static void
sweep(const char *run_dir)
{
	char path[STAGE_PATH_MAX], final[STAGE_PATH_MAX];
	DIR *d = opendir(run_dir);
	struct dirent *e;

	if (d == NULL)
		return;
	snprintf(final, sizeof final, "%s/analysis", run_dir);
	while ((e = readdir(d)) != NULL) {
		if (dead_pid(e->d_name) == 0 ||
		    (size_t)snprintf(path, sizeof path, "%s/%s", run_dir,
		    e->d_name) >= sizeof path)
			continue;
		if (e->d_name[10] == 'o' && access(final, F_OK) == -1 &&
		    errno == ENOENT && rename(path, final) == 0)
			continue;
		stage_discard(path);
	}
	closedir(d);
}

int
stage_create(const char *run_dir, char tmp[STAGE_PATH_MAX], char *err,
    size_t errlen)
{
	char name[64];

	sweep(run_dir);

	snprintf(name, sizeof name, ".analysis.tmp-%ld", (long)getpid());
	if (path_in(tmp, run_dir, name, err, errlen) == -1)
		return -1;
	/* Our pid, so a left-over of a crashed analysis: never in use. */
	stage_discard(tmp);
	if (mkdir(tmp, 0755) == -1) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * rename() replaces only an empty directory, so an older analysis is
 * moved aside first and removed once the new one is in place; if that
 * fails, it is moved back. Either way no half-written analysis is seen.
 */
int
stage_commit(const char *tmp, const char *run_dir, char *err, size_t errlen)
{
	char final[STAGE_PATH_MAX], old[STAGE_PATH_MAX], name[64];

	snprintf(name, sizeof name, ".analysis.old-%ld", (long)getpid());
	if (path_in(final, run_dir, "analysis", err, errlen) == -1 ||
	    path_in(old, run_dir, name, err, errlen) == -1)
		return -1;
	if (rename(tmp, final) == 0)
		return 0;
	if (errno != EEXIST && errno != ENOTEMPTY && errno != ENOTDIR &&
	    errno != EISDIR)
		goto fail;
	stage_discard(old);
	if (rename(final, old) == -1)
		goto fail;
	if (rename(tmp, final) == -1) {
		int saved = errno;
		rename(old, final);
		errno = saved;
		goto fail;
	}
	stage_discard(old);
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", final, strerror(errno));
	return -1;
}
