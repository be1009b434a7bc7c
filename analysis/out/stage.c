/* analysis/out/stage.c -- build output in a temporary directory, then move it into place file by file */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/out/stage.h"

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
	if (path[0] != '\0')
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

/* The pid in ".NAME.tmp-PID" of a dead process; 0 for any other entry. */
static long
dead_pid(const char *entry, const char *name)
{
	size_t n = strlen(name);
	char *end;
	long pid;

	if (entry[0] != '.' || strncmp(entry + 1, name, n) != 0 ||
	    strncmp(entry + 1 + n, ".tmp-", 5) != 0)
		return 0;
	entry += 6 + n;
	errno = 0;
	pid = strtol(entry, &end, 10);
	if (entry[0] < '1' || entry[0] > '9' || *end != '\0' || errno != 0 ||
	    pid != (pid_t)pid)
		return 0;
	/* Alive, or another user's: not ours to judge. */
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH ? pid : 0;
}

/* What a stage killed half-way left in dir, its temporary directory, goes. */
static void
sweep(const char *dir, const char *name)
{
	char path[STAGE_PATH_MAX];
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (dead_pid(e->d_name, name) != 0 &&
		    (size_t)snprintf(path, sizeof path, "%s/%s", dir,
		    e->d_name) < sizeof path)
			stage_discard(path);
	closedir(d);
}

int
stage_create(const char *dir, const char *name, char tmp[STAGE_PATH_MAX],
    char *err, size_t errlen)
{
	char entry[STAGE_PATH_MAX];

	tmp[0] = '\0';
	sweep(dir, name);
	if ((size_t)snprintf(entry, sizeof entry, ".%s.tmp-%ld", name,
	    (long)getpid()) >= sizeof entry ||
	    path_in(tmp, dir, entry, err, errlen) == -1) {
		snprintf(err, errlen, "%.64s...: path too long", dir);
		return -1;
	}
	/* Our pid, so a left-over of a crashed stage: never in use. */
	stage_discard(tmp);
	if (mkdir(tmp, 0755) == -1) {
		/* Name what we could not write, not our temporary name. */
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		tmp[0] = '\0';
		return -1;
	}
	return 0;
}

/* Move tmp/NAME into dir, replacing dir/NAME. */
static int
move(const char *tmp, const char *dir, const char *name, char *err,
    size_t errlen)
{
	char from[STAGE_PATH_MAX], to[STAGE_PATH_MAX];

	if (path_in(from, tmp, name, err, errlen) == -1 ||
	    path_in(to, dir, name, err, errlen) == -1)
		return -1;
	if (rename(from, to) == 0)
		return 0;
	snprintf(err, errlen, "%s: %s", to, strerror(errno));
	return -1;
}

/*
 * Each file moves by rename(), which needs no space: once every file is
 * written whole in tmp, moving them cannot run out of disk half-way.
 */
int
stage_publish_last(const char *tmp, const char *dir, const char *last,
    char *err, size_t errlen)
{
	DIR *d = opendir(tmp);
	struct dirent *e;
	int rc = 0;

	if (d == NULL) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    (last != NULL && strcmp(e->d_name, last) == 0))
			continue;
		rc = move(tmp, dir, e->d_name, err, errlen);
	}
	closedir(d);
	if (rc == 0 && last != NULL)
		rc = move(tmp, dir, last, err, errlen);
	if (rc == 0 && rmdir(tmp) == -1) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		rc = -1;
	}
	return rc;
}

int
stage_publish(const char *tmp, const char *dir, char *err, size_t errlen)
{
	return stage_publish_last(tmp, dir, NULL, err, errlen);
}

void
stage_name_final(char *err, size_t errlen, const char *tmp, const char *final)
{
	size_t n = strlen(tmp);
	char *copy;

	if (n == 0 || strncmp(err, tmp, n) != 0 || (err[n] != '/' &&
	    err[n] != ':') || (copy = strdup(err + n)) == NULL)
		return;
	snprintf(err, errlen, "%s%s", final, copy);
	free(copy);
}
