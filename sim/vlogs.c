/* sim/vlogs.c -- the full logs of a big virtual ring: a small buffer per VM, a bounded set of open files */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/vlogs.h"
#include "vm/core/logline.h"

/*
 * A log per VM of a million would need a million open files and, at
 * logw's 64 KiB each, 64 GB of buffers. Here each VM has a slice of one
 * arena (VLOGS_BUDGET over N, a line at least), written out when full;
 * its file is opened for that (O_APPEND, created with its header the
 * first time) and kept among the VLOGS_FILES open last, the least
 * recently used closed to make room. The bytes are a logw's.
 */
struct vlog {
	uint32_t used;		/* bytes of its slice not yet written */
	int fd;			/* -1: not open now */
	int err;		/* first errno of a failed write, or 0 */
	uint8_t made;		/* its file exists */
	uint32_t older, newer;	/* the open files, least recent first */
};

struct vlogs {
	const char *dir;
	uint32_t n;
	size_t slice;		/* bytes of buffer each */
	char *arena;		/* n slices */
	struct vlog *vm;
	uint32_t nopen, oldest, newest;	/* the list of open files */
};

#define NONE	UINT32_MAX

struct vlogs *
vlogs_open(const char *dir, uint32_t n, char *err, size_t errlen)
{
	struct vlogs *l = calloc(1, sizeof *l);
	size_t slice = VLOGS_BUDGET / n;

	if (slice < LOGLINE_MAX + 1)
		slice = LOGLINE_MAX + 1;
	if (slice > 65536)
		slice = 65536;
	if (l == NULL || (l->vm = calloc(n, sizeof *l->vm)) == NULL ||
	    (l->arena = malloc(n * slice)) == NULL) {
		vlogs_free(l);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->dir = dir;
	l->n = n;
	l->slice = slice;
	l->oldest = l->newest = NONE;
	for (uint32_t i = 0; i < n; i++)
		l->vm[i].fd = -1;
	return l;
}

static void
unlink_open(struct vlogs *l, uint32_t i)
{
	struct vlog *v = &l->vm[i];

	if (v->older != NONE)
		l->vm[v->older].newer = v->newer;
	else
		l->oldest = v->newer;
	if (v->newer != NONE)
		l->vm[v->newer].older = v->older;
	else
		l->newest = v->older;
}

static void
close_file(struct vlogs *l, uint32_t i)
{
	struct vlog *v = &l->vm[i];

	unlink_open(l, i);
	if (close(v->fd) == -1 && v->err == 0)
		v->err = errno;
	v->fd = -1;
	l->nopen--;
}

/* VM i's file open, the most recently used: 0, or -1 with v->err. */
static int
file(struct vlogs *l, uint32_t i)
{
	struct vlog *v = &l->vm[i];
	char path[4200];

	if (v->fd >= 0) {
		unlink_open(l, i);
	} else {
		if (l->nopen == VLOGS_FILES)
			close_file(l, l->oldest);
		snprintf(path, sizeof path, "%s/vm%u.csv", l->dir, (unsigned)i);
		v->fd = open(path, O_WRONLY | O_APPEND |
		    (v->made ? 0 : O_CREAT | O_EXCL), 0644);
		if (v->fd == -1) {
			v->err = errno;
			return -1;
		}
		v->made = 1;
		l->nopen++;
	}
	v->older = l->newest;
	v->newer = NONE;
	if (l->newest != NONE)
		l->vm[l->newest].newer = i;
	else
		l->oldest = i;
	l->newest = i;
	return 0;
}

/* VM i's slice into its file: 0, or -1 with v->err (the first error). */
static int
write_out(struct vlogs *l, uint32_t i)
{
	struct vlog *v = &l->vm[i];
	const char *p = l->arena + i * l->slice;
	size_t off = 0;

	if (v->used == 0)
		return 0;
	if (file(l, i) == -1)
		return -1;
	while (off < v->used) {
		ssize_t w = write(v->fd, p + off, v->used - off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			v->err = w == 0 ? EIO : errno;
			return -1;
		}
		off += (size_t)w;
	}
	v->used = 0;
	return 0;
}

/* A log not yet begun starts with its header. */
static void
header(struct vlogs *l, uint32_t vm)
{
	static const char line[] = LOGLINE_HEADER "\n";
	struct vlog *v = &l->vm[vm];

	if (v->made || v->used > 0)
		return;
	memcpy(l->arena + vm * l->slice, line, sizeof line - 1);
	v->used = sizeof line - 1;
}

int
vlogs_event(struct vlogs *l, uint32_t vm, const struct step_event *ev,
    uint64_t wall_ns, size_t queue_len)
{
	struct vlog *v = &l->vm[vm];
	char *slice = l->arena + vm * l->slice;
	struct log_event le;

	if (v->err != 0)
		return -1;
	header(l, vm);
	if (v->used + LOGLINE_MAX + 1 > l->slice && write_out(l, vm) == -1)
		return -1;
	logline_of_step(&le, vm, ev, wall_ns, queue_len);
	v->used += (uint32_t)logline_format(slice + v->used, &le);
	return 0;
}

int
vlogs_close_vm(struct vlogs *l, uint32_t vm, char *err, size_t errlen)
{
	struct vlog *v = &l->vm[vm];

	/* Even a VM that logged nothing leaves a log that reads. */
	if (v->err == 0) {
		header(l, vm);
		write_out(l, vm);
	}
	if (v->fd >= 0)
		close_file(l, vm);
	if (v->err == 0)
		return 0;
	snprintf(err, errlen, "%s/vm%u.csv: %s", l->dir, (unsigned)vm,
	    strerror(v->err));
	return -1;
}

void
vlogs_free(struct vlogs *l)
{
	if (l == NULL)
		return;
	for (uint32_t i = 0; l->vm != NULL && i < l->n; i++)
		if (l->vm[i].fd >= 0)
			close(l->vm[i].fd);
	free(l->vm);
	free(l->arena);
	free(l);
}
