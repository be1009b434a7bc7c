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
	int fd;
	char *path;
	uint32_t vm;
	size_t max_line;	/* the longest line it may write, '\n' included */
	int err;	/* first errno of a failed write, kept for logw_close */
	struct logline_vcache vc;	/* the vector column written last */
	size_t used;	/* bytes of buf not yet written */
	char buf[1 << 16];
};

/* Hand buf to the kernel whole: 0, or -1 with w->err (the first error). */
static int
write_out(struct logw *w)
{
	size_t off = 0;

	while (off < w->used) {
		ssize_t n = write(w->fd, w->buf + off, w->used - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (w->err == 0)
				w->err = n == 0 ? EIO : errno;
			return -1;
		}
		off += (size_t)n;
	}
	w->used = 0;
	return 0;
}

/* O_EXCL: a log is never written over, whatever the caller checked before. */
struct logw *
logw_open(const char *path, uint32_t vm, uint32_t nv, char *err,
    size_t errlen)
{
	static const char header[] = LOGLINE_HEADER "\n",
	    with_vec[] = LOGLINE_HEADER_VEC "\n";
	struct logw *w = calloc(1, sizeof *w);

	if (w == NULL || (w->path = strdup(path)) == NULL)
		goto fail;
	if ((w->fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1)
		goto fail;
	w->vm = vm;
	w->max_line = (nv > 0 ? LOGLINE_MAX_VEC(nv) : LOGLINE_MAX) + 1;
	/* The header goes out at once: even a VM killed before its first
	 * tick leaves a log that reads. */
	w->used = nv > 0 ? sizeof with_vec - 1 : sizeof header - 1;
	memcpy(w->buf, nv > 0 ? with_vec : header, w->used);
	if (write_out(w) == -1) {
		errno = w->err;
		close(w->fd);
		goto fail;
	}
	return w;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (w != NULL)
		free(w->path);
	free(w);
	return NULL;
}

/*
 * Formatted straight into the buffer: the line reaches the file at
 * logw_flush, or when the buffer fills. After a failed write every line
 * is refused, so none is written out of order.
 */
int
logw_event(struct logw *w, const struct step_event *ev, uint64_t wall_ns,
    size_t queue_len)
{
	struct log_event le;

	if (w->err != 0 ||
	    (w->used + w->max_line > sizeof w->buf && write_out(w) == -1))
		return -1;
	logline_of_step(&le, w->vm, ev, wall_ns, queue_len);
	w->used += logline_format_cached(w->buf + w->used, &le, &w->vc);
	return 0;
}

/*
 * Hand what is buffered to the kernel, so it outlives the process: a VM
 * killed with SIGKILL keeps every line flushed. Cheap when nothing is
 * buffered (no system call).
 */
int
logw_flush(struct logw *w)
{
	if (w->err != 0)
		return -1;
	return write_out(w);
}

/* Flush and close; a write error anywhere in the log's life is reported. */
int
logw_close(struct logw *w, char *err, size_t errlen)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (w->err == 0)
		write_out(w);
	if (close(w->fd) == -1 && w->err == 0)
		w->err = errno;
	if (w->err != 0) {
		snprintf(err, errlen, "%s: %s", w->path, strerror(w->err));
		rc = -1;
	}
	free(w->path);
	free(w);
	return rc;
}
