/* lib/outfile.c -- create and close output files, whole or not at all, errors named */
#ifdef __linux__
#define _GNU_SOURCE	/* fopencookie, to keep the errno of a failed write */
#endif
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/outfile.h"

/* Where PATH is written until it is whole: DIR/.NAME.tmp-PID beside it. */
static int
temp_of(char tmp[OUTFILE_PATH_MAX], const char *path)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash != NULL ? (int)(slash - path + 1) : 0;

	return (size_t)snprintf(tmp, OUTFILE_PATH_MAX, "%.*s.%s.tmp-%ld",
	    dirlen, path, path + dirlen, (long)getpid()) < OUTFILE_PATH_MAX ?
	    0 : -1;
}

/* "No space left on device" when path's file system has no block left. */
static const char *
full_disk(const char *path)
{
	struct statvfs vfs;

	if (statvfs(path, &vfs) == -1)
		return NULL;
	if ((geteuid() == 0 ? vfs.f_bfree : vfs.f_bavail) == 0)
		return strerror(ENOSPC);
	return NULL;
}

#ifdef __linux__
/*
 * stdio drops what it could not write and keeps only a flag, not why: by
 * the time the file is closed, errno says nothing, and another writer may
 * have freed the space a full disk lacked. The file's own descriptor
 * keeps the errno of its first failed write, and fclose returns it.
 */
struct sink {
	int fd;
	int err;	/* errno of the first failed write, or 0 */
};

static ssize_t
sink_write(void *cookie, const char *buf, size_t len)
{
	struct sink *s = cookie;
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(s->fd, buf + done, len - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (s->err == 0)
				s->err = n == 0 ? EIO : errno;
			break;	/* short: stdio sets the stream's error flag */
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

static int
sink_close(void *cookie)
{
	struct sink *s = cookie;
	int err = close(s->fd) == -1 ? errno : 0;

	if (s->err != 0)
		err = s->err;
	free(s);
	errno = err;
	return err != 0 ? -1 : 0;
}

static FILE *
open_new(const char *path)
{
	static const cookie_io_functions_t io = { .write = sink_write,
	    .close = sink_close };
	struct sink *s = malloc(sizeof *s);
	FILE *f;

	if (s == NULL)
		return NULL;
	s->err = 0;
	if ((s->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1) {
		free(s);
		return NULL;
	}
	if ((f = fopencookie(s, "w", io)) == NULL) {
		close(s->fd);
		free(s);
	}
	return f;
}
#else
static FILE *
open_new(const char *path)
{
	return fopen(path, "w");
}
#endif

FILE *
outfile_open(const char *dir, const char *name, char path[OUTFILE_PATH_MAX],
    char *err, size_t errlen)
{
	char tmp[OUTFILE_PATH_MAX];
	FILE *f;

	if ((size_t)snprintf(path, OUTFILE_PATH_MAX, "%s/%s", dir, name) >=
	    OUTFILE_PATH_MAX || temp_of(tmp, path) == -1) {
		snprintf(err, errlen, "%.64s...: path too long", dir);
		return NULL;
	}
	if ((f = open_new(tmp)) == NULL)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return f;
}

/*
 * Put the whole file tmp in place as path. keep: never replace a file
 * there, so link, which fails on one; a file system without hard links
 * (EPERM) gets a rename, once no file is there.
 */
static int
place(const char *tmp, const char *path, int keep)
{
	struct stat st;

	if (!keep)
		return rename(tmp, path);
	if (link(tmp, path) == 0) {
		unlink(tmp);	/* path holds the file now */
		return 0;
	}
	if (errno != EPERM)
		return -1;
	if (lstat(path, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(tmp, path);
}

/*
 * The reason of a failed write comes from fclose (the errno of the first
 * one, kept by the sink), or from the flush of what was still buffered.
 * Failing both, a full disk is the likely reason, said if it is full.
 * Only a file written whole replaces PATH; otherwise PATH stays as it was.
 */
static int
close_as(FILE *f, const char *path, int keep, char *err, size_t errlen)
{
	char tmp[OUTFILE_PATH_MAX];
	int why = 0;	/* errno, or -1: failed, reason unknown */

	temp_of(tmp, path);	/* it fitted in outfile_open */
	if (fflush(f) != 0)
		why = errno;
	else if (ferror(f))
		why = -1;
	if (fclose(f) != 0)
		why = errno;
	if (why == 0 && place(tmp, path, keep) == -1)
		why = errno;
	if (why == 0)
		return 0;
	if (why > 0)
		snprintf(err, errlen, "%s: %s", path, strerror(why));
	else {
		snprintf(err, errlen, "%s: write error", path);
		outfile_say_full(tmp, err, errlen);
	}
	remove(tmp);
	return -1;
}

int
outfile_close(FILE *f, const char *path, char *err, size_t errlen)
{
	return close_as(f, path, 0, err, errlen);
}

int
outfile_close_new(FILE *f, const char *path, char *err, size_t errlen)
{
	return close_as(f, path, 1, err, errlen);
}

void
outfile_discard(FILE *f, const char *path)
{
	char tmp[OUTFILE_PATH_MAX];

	fclose(f);
	if (temp_of(tmp, path) == 0)
		remove(tmp);
}

/* The last bytes of a file, as many as fit in buf: how many, or -1. */
static long
tail(const char *path, unsigned char *buf, size_t len)
{
	FILE *f = fopen(path, "rb");
	long size, n = -1;

	if (f == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0) {
		n = size < (long)len ? size : (long)len;
		if (fseek(f, size - n, SEEK_SET) != 0 ||
		    fread(buf, 1, (size_t)n, f) != (size_t)n)
			n = -1;
	}
	fclose(f);
	return n;
}

/* A PNG ends with its IEND chunk; an SVG with </svg> and blank space. */
static int
ends_whole(const unsigned char *b, long n, const char *ext)
{
	static const unsigned char iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N',
	    'D', 0xae, 0x42, 0x60, 0x82 };

	if (strcmp(ext, "png") == 0)
		return n >= 12 && memcmp(b + n - 12, iend, 12) == 0;
	while (n > 0 && strchr(" \t\r\n", b[n - 1]) != NULL)
		n--;
	return strcmp(ext, "svg") != 0 ||
	    (n >= 6 && memcmp(b + n - 6, "</svg>", 6) == 0);
}

int
outfile_check_image(const char *dir, const char *name, const char *ext,
    char *err, size_t errlen)
{
	unsigned char buf[64];
	char path[OUTFILE_PATH_MAX];
	const char *why;
	long n;

	if ((size_t)snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext) >=
	    sizeof path) {
		snprintf(err, errlen, "%.64s...: path too long", dir);
		return -1;
	}
	if ((n = tail(path, buf, sizeof buf)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (ends_whole(buf, n, ext))
		return 0;
	why = full_disk(dir);
	snprintf(err, errlen, "%s: cut short%s%s", path, why ? ": " :
	    " (gnuplot did not finish it)", why ? why : "");
	return -1;
}

void
outfile_say_full(const char *path, char *err, size_t errlen)
{
	const char *why = full_disk(path);
	size_t n = strlen(err);

	if (why != NULL && strstr(err, why) == NULL && n + 1 < errlen)
		snprintf(err + n, errlen - n, ": %s", why);
}

void
outfile_blame(const char *dir, char *err, size_t errlen)
{
	size_t n = strlen(dir);
	char said[OUTFILE_PATH_MAX];

	if (strncmp(err, dir, n) != 0 && strlen(err) < sizeof said) {
		snprintf(said, sizeof said, "%s", err);
		snprintf(err, errlen, "%s: %s", dir, said);
	}
	outfile_say_full(dir, err, errlen);
}
