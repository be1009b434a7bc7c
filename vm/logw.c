/* vm/logw.c -- the event log writer: one CSV line per event, written out each tick */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/core/logline.h"
#include "vm/logw.h"

struct logw {
	FILE *f;
	char *path;
	uint32_t vm;
	int err;	/* first errno of a failed write, kept for logw_close */
	char buf[1 << 16];
};

/* O_EXCL: a log is never written over, whatever the caller checked before. */
struct logw *
logw_open(const char *path, uint32_t vm, char *err, size_t errlen)
{
	struct logw *w = calloc(1, sizeof *w);
	int fd = -1;

	if (w == NULL || (w->path = strdup(path)) == NULL)
		goto fail;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1 ||
	    (w->f = fdopen(fd, "w")) == NULL)
		goto fail;
	/* The tick loop says when lines go out (logw_flush); the buffer only
	 * gathers the few lines of one tick into one write. */
	setvbuf(w->f, w->buf, _IOFBF, sizeof w->buf);
	w->vm = vm;
	if (fputs(LOGLINE_HEADER "\n", w->f) == EOF || fflush(w->f) == EOF)
		goto fail;
	return w;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (w != NULL && w->f != NULL)
		fclose(w->f);
	else if (fd != -1)
		close(fd);
	if (w != NULL)
		free(w->path);
	free(w);
	return NULL;
}

/* Buffered: the line reaches the file at logw_flush (or if the buffer fills). */
int
logw_event(struct logw *w, const struct step_event *ev, uint64_t wall_ns,
    size_t queue_len)
{
	char line[LOGLINE_MAX + 1];
	struct log_event le;
	size_t n;

	logline_of_step(&le, w->vm, ev, wall_ns, queue_len);
	n = logline_format(line, &le);
	if (fwrite(line, 1, n, w->f) == n)
		return 0;
	if (w->err == 0)
		w->err = errno;
	return -1;
}

/*
 * Hand what is buffered to the kernel, so it outlives the process: a VM
 * killed with SIGKILL keeps every line flushed. Cheap when nothing is
 * buffered (no system call).
 */
int
logw_flush(struct logw *w)
{
	if (fflush(w->f) == 0)
		return 0;
	if (w->err == 0)
		w->err = errno;
	return -1;
}

/* Flush and close; a write error anywhere in the log's life is reported. */
int
logw_close(struct logw *w, char *err, size_t errlen)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (fclose(w->f) == EOF && w->err == 0)
		w->err = errno;
	if (w->err != 0) {
		snprintf(err, errlen, "%s: %s", w->path, strerror(w->err));
		rc = -1;
	}
	free(w->path);
	free(w);
	return rc;
}
