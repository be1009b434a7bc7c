/* analysis/rundir/logread.c -- streaming reader of one VM's event log (vmI.csv) */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/rundir/logread.h"
#include "vm/core/textline.h"

/*
 * The file is read with read(2) into one buffer, and lines are found in
 * it with memchr and parsed in place: no stdio, no copy of a line, nothing
 * allocated per line. A line cut by the end of the buffer is moved to its
 * start before the next read; it is at most max_line + 1 bytes, as
 * anything longer is not a log line.
 */
#define BUF_SIZE	(1 << 16)

struct logread {
	int fd;
	char *path;
	unsigned long line;	/* lines read so far; the header is line 1 */
	int state;		/* 0, or the sticky -1 / -2 of a failure */
	int eof;		/* read(2) said so: what is in buf is all */
	char why[200];		/* reason of that failure */
	int64_t shift_ns;	/* taken from every wall_ns (logread_shift) */
	bool vec;		/* the header has the vector column */
	size_t max_line;	/* LOGLINE_MAX, or with vectors their room */
	uint64_t size;		/* bytes when opened */
	uint64_t v[LOGLINE_VEC_MAX];	/* the vector of the line last read */
	char *p, *end;		/* the bytes of buf not yet taken */
	char buf[BUF_SIZE];
};

/* On failure errno is kept, so a caller can tell a missing file (ENOENT). */
struct logread *
logread_open(const char *path, char *err, size_t errlen)
{
	struct logread *lr = malloc(sizeof *lr);
	struct stat st;
	int saved;

	if (lr == NULL)
		goto fail;
	memset(lr, 0, offsetof(struct logread, buf));
	lr->fd = -1;
	if ((lr->path = strdup(path)) == NULL ||
	    (lr->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		goto fail;
	lr->p = lr->end = lr->buf;
	lr->max_line = LOGLINE_MAX;
	if (fstat(lr->fd, &st) == 0 && st.st_size > 0)
		lr->size = (uint64_t)st.st_size;
	return lr;
fail:
	saved = errno;
	snprintf(err, errlen, "%s: %s", path, strerror(saved));
	if (lr != NULL)
		free(lr->path);
	free(lr);
	errno = saved;
	return NULL;
}

void
logread_close(struct logread *lr)
{
	if (lr == NULL)
		return;
	close(lr->fd);
	free(lr->path);
	free(lr);
}

void
logread_in_run_clock(struct logread *lr, const struct runmeta *m, uint32_t vm)
{
	int64_t offset;
	uint64_t err;

	if (runmeta_offset(m, vm, &offset, &err) == 0)
		logread_shift(lr, offset);
}

uint64_t
logread_size(const struct logread *lr)
{
	return lr->size;
}

unsigned long
logread_line(const struct logread *lr)
{
	return lr->line;
}

const char *
logread_reason(const struct logread *lr)
{
	return lr->why;
}

/* Control bytes in a reason are masked, so output stays sane. */
static int
failed(struct logread *lr, int state)
{
	for (char *p = lr->why; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	lr->state = state;
	return state;
}

/* Record why the line (or the file) is bad. */
__attribute__((format(printf, 3, 4))) static int
fail(struct logread *lr, int state, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(lr->why, sizeof lr->why, fmt, ap);
	va_end(ap);
	return failed(lr, state);
}

/* Keep the unread tail, then fill the rest of buf: 0, or -1 (errno). */
static int
refill(struct logread *lr)
{
	size_t keep = (size_t)(lr->end - lr->p);
	ssize_t n;

	memmove(lr->buf, lr->p, keep);
	lr->p = lr->buf;
	lr->end = lr->buf + keep;
	while (!lr->eof && lr->end < lr->buf + sizeof lr->buf) {
		n = read(lr->fd, lr->end, (size_t)(lr->buf + sizeof lr->buf -
		    lr->end));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		lr->eof = n == 0;
		lr->end += n;
	}
	return 0;
}

/*
 * The line at p has no newline within max_line + 1 bytes, or the file
 * ends first: say why as fgets into a buffer that size would.
 */
static int
bad_end(struct logread *lr)
{
	size_t n = (size_t)(lr->end - lr->p);

	if (n <= lr->max_line)
		return fail(lr, -1, "no newline at end of file (truncated?)");
	if (memchr(lr->p, '\0', lr->max_line + 1) != NULL)
		return fail(lr, -1, "NUL byte in line");
	return fail(lr, -1, "line longer than %zu bytes", lr->max_line);
}

/*
 * The next line: 1 with *s and *n (its newline follows it in buf), 0 at
 * the end of the file, or a failure.
 */
static int
next_line(struct logread *lr, const char **s, size_t *n)
{
	char *nl = memchr(lr->p, '\n', (size_t)(lr->end - lr->p));

	if (nl == NULL) {
		if (refill(lr) == -1)
			return fail(lr, -2, "%s", strerror(errno));
		if (lr->p == lr->end)
			return 0;
		nl = memchr(lr->p, '\n', (size_t)(lr->end - lr->p));
	}
	lr->line++;
	if (nl == NULL || (size_t)(nl - lr->p) > lr->max_line)
		return bad_end(lr);
	/* After git's autocrlf, say so rather than that a number is bad. */
	if (nl > lr->p && nl[-1] == '\r')
		return fail(lr, -1, "%s", TEXTLINE_CR);
	*s = lr->p;
	*n = (size_t)(nl - lr->p);
	lr->p = nl + 1;
	return 1;
}

/* Either header: without vectors (formats 1 to 4) or with (format 4). */
static int
check_header(struct logread *lr, const char *s, size_t n)
{
	static const char header[] = LOGLINE_HEADER,
	    with_vec[] = LOGLINE_HEADER_VEC;

	if (n == sizeof header - 1 && memcmp(s, header, n) == 0)
		return 0;
	if (n == sizeof with_vec - 1 && memcmp(s, with_vec, n) == 0) {
		lr->vec = true;
		lr->max_line = LOGLINE_MAX_ANY;
		return 0;
	}
	if (memchr(s, '\0', n) != NULL)
		return fail(lr, -1, "NUL byte in line");
	/* Quote at most 80 bytes, and no control bytes: a binary file must
	 * not garble the terminal it is reported on. */
	char shown[81];
	size_t len = n < 80 ? n : 80;
	for (size_t i = 0; i < len; i++)
		shown[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	shown[len] = '\0';
	return fail(lr, -1, "bad header '%s' (expected '%s')", shown, header);
}

/* The next event line, the header checked first: 1, 0 at the end, or < 0. */
static int
read_event_line(struct logread *lr, const char **s, size_t *n)
{
	int rc;

	if (lr->line == 0) {
		if ((rc = next_line(lr, s, n)) == 0) {
			lr->line = 1;
			return fail(lr, -1, "empty file (no header)");
		}
		if (rc < 0 || check_header(lr, *s, *n) < 0)
			return lr->state;
	}
	return next_line(lr, s, n);
}

void
logread_shift(struct logread *lr, int64_t offset_ns)
{
	lr->shift_ns = offset_ns;
}

int
logread_next(struct logread *lr, struct log_event *ev, char *err,
    size_t errlen)
{
	const char *s;
	size_t n;
	int rc = lr->state;

	if (rc == 0 && (rc = read_event_line(lr, &s, &n)) == 1) {
		if (logline_parse(s, n, ev, lr->vec ? lr->v : NULL, lr->why, sizeof lr->why) == 0) {
			ev->line = lr->line;
			ev->wall_ns -= (uint64_t)lr->shift_ns;
			return 1;
		}
		rc = failed(lr, -1);
	}
	/* A read error is about the file, not about a line of it. */
	if (rc == -1)
		snprintf(err, errlen, "%s:%lu: %s", lr->path, lr->line,
		    lr->why);
	else if (rc == -2)
		snprintf(err, errlen, "%s: %s", lr->path, lr->why);
	return rc;
}

/* Does the line at s have the vector column (nine commas, not eight)? */
static bool
has_vec_column(const char *s, size_t n)
{
	int commas = 0;

	for (size_t i = 0; i < n; i++)
		commas += s[i] == ',';
	return commas == 9;
}

/*
 * A killed VM's log just ends: the analysis wants its last line before
 * the stream reaches it, so it is read from the end of the file, whatever
 * the log's length. Two newlines and a line between them fit in buf.
 */
int
logread_last(const char *path, struct log_event *ev)
{
	char buf[LOGLINE_MAX_ANY + 2], why[8];
	uint64_t v[LOGLINE_VEC_MAX];
	size_t len;
	const char *s;
	struct stat st;
	off_t off;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = -1;

	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1 || st.st_size == 0)
		goto done;
	off = st.st_size > (off_t)sizeof buf ? st.st_size - (off_t)sizeof buf : 0;
	while ((n = pread(fd, buf, sizeof buf, off)) == -1 && errno == EINTR)
		;
	if (n <= 0 || buf[n - 1] != '\n')
		goto done;	/* unreadable, or a torn last line */
	for (s = buf + n - 1; s > buf && s[-1] != '\n'; s--)
		;
	if (s == buf) {
		/* The file's first line is its header: no event line. */
		rc = off == 0 ? 0 : -1;
		goto done;
	}
	len = (size_t)(buf + n - 1 - s);
	if (logline_parse(s, len, ev, has_vec_column(s, len) ? v : NULL, why,
	    sizeof why) == 0) {
		ev->line = 0;
		ev->nvec = 0;	/* v is ours: the vector is not given */
		ev->vec = NULL;
		rc = 1;
	}
done:
	close(fd);
	return rc;
}
