/* analysis/logread.c -- streaming reader of one VM's event log (vmI.csv) */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/logread.h"

/*
 * The longest valid line is about 160 bytes (three 20-digit numbers and
 * five more); anything that does not fit is not a log line, so one fixed
 * buffer serves every line and nothing is allocated per line.
 */
#define LINE_SIZE	256
#define NFIELDS		9

enum field { F_VM, F_SEQ, F_EVENT, F_WALL, F_LAMPORT, F_QUEUE, F_PEERS,
	F_SRC_SEQ, F_MSG_LAMPORT };

static const char *const field_name[NFIELDS] = {
	"vm", "seq", "event", "wall_ns", "lamport", "queue_len", "peers",
	"src_seq", "msg_lamport",
};

static const char *const kind_name[] = {
	[LOG_INTERNAL] = "INTERNAL", [LOG_SEND] = "SEND",
	[LOG_RECV] = "RECV", [LOG_PENDING] = "PENDING",
};

struct logread {
	FILE *f;
	char *path;
	unsigned long line;	/* lines read so far; the header is line 1 */
	int state;		/* 0, or the sticky -1 / -2 of a failure */
	char why[200];		/* reason of that failure */
	char iobuf[1 << 16];	/* stdio reads the file 64 KiB at a time */
	char buf[LINE_SIZE];
};

/* On failure errno is kept, so a caller can tell a missing file (ENOENT). */
struct logread *
logread_open(const char *path, char *err, size_t errlen)
{
	struct logread *lr = calloc(1, sizeof *lr);
	int saved;

	if (lr == NULL || (lr->path = strdup(path)) == NULL)
		goto fail;
	if ((lr->f = fopen(path, "r")) == NULL)
		goto fail;
	setvbuf(lr->f, lr->iobuf, _IOFBF, sizeof lr->iobuf);
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
	fclose(lr->f);
	free(lr->path);
	free(lr);
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

const char *
logread_kind_name(enum log_kind kind)
{
	return kind_name[kind];
}

/* Record why the line is bad; control bytes are masked so output stays sane. */
__attribute__((format(printf, 3, 4))) static int
fail(struct logread *lr, int state, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(lr->why, sizeof lr->why, fmt, ap);
	va_end(ap);
	for (char *p = lr->why; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	lr->state = state;
	return state;
}

/*
 * Read one line into buf, newline stripped: 1, 0 at EOF, or a failure.
 * fgets stops at a newline, so a line whose newline is not at strlen()
 * either did not fit, was cut off by the end of the file, or holds a NUL.
 */
static int
read_line(struct logread *lr)
{
	size_t len;

	if (fgets(lr->buf, sizeof lr->buf, lr->f) == NULL) {
		if (ferror(lr->f))
			return fail(lr, -2, "%s", strerror(errno));
		return 0;
	}
	lr->line++;
	len = strlen(lr->buf);
	if (len > 0 && lr->buf[len - 1] == '\n') {
		lr->buf[len - 1] = '\0';
		return 1;
	}
	if (len == sizeof lr->buf - 1)
		return fail(lr, -1, "line longer than %d bytes", LINE_SIZE - 2);
	if (feof(lr->f))
		return fail(lr, -1, "no newline at end of file (truncated?)");
	return fail(lr, -1, "NUL byte in line");
}

static int
check_header(struct logread *lr)
{
	if (strcmp(lr->buf, LOGREAD_HEADER) != 0)
		return fail(lr, -1, "bad header '%.80s' (expected '%s')",
		    lr->buf, LOGREAD_HEADER);
	return 0;
}

/* Cut the line at its commas; returns the number of fields it has. */
static int
split(char *s, char *field[NFIELDS])
{
	int n = 1;

	field[0] = s;
	for (; *s != '\0'; s++) {
		if (*s != ',')
			continue;
		if (n < NFIELDS)
			field[n] = s + 1;
		*s = '\0';
		n++;
	}
	return n;
}

/* A decimal number in [0, max]: digits only, no sign, no spaces. */
static int
parse_num(struct logread *lr, enum field f, const char *s, uint64_t max,
    uint64_t *v)
{
	uint64_t x = 0;
	const char *p = s;

	if (*p == '-')
		return fail(lr, -1, "%s '%s': negative", field_name[f], s);
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (x > (max - d) / 10)
			return fail(lr, -1, "%s '%s': too large",
			    field_name[f], s);
		x = x * 10 + d;
	}
	if (p == s || *p != '\0')
		return fail(lr, -1, "%s '%s': not a number", field_name[f], s);
	*v = x;
	return 0;
}

static int
parse_kind(struct logread *lr, const char *s, enum log_kind *kind)
{
	for (size_t k = 0; k < sizeof kind_name / sizeof kind_name[0]; k++) {
		if (strcmp(s, kind_name[k]) == 0) {
			*kind = (enum log_kind)k;
			return 0;
		}
	}
	return fail(lr, -1, "event '%s': not INTERNAL, SEND, RECV or PENDING",
	    s);
}

/* peers: empty for INTERNAL, "A" or "A|B" for SEND, "A" for RECV, PENDING. */
static int
parse_peers(struct logread *lr, char *s, struct log_event *ev)
{
	uint32_t max = ev->kind == LOG_SEND ? 2 : 1;
	uint64_t id;
	char *bar;

	ev->npeers = 0;
	if (ev->kind == LOG_INTERNAL)
		return *s == '\0' ? 0 :
		    fail(lr, -1, "peers '%s': must be empty for INTERNAL", s);
	if (*s == '\0')
		return fail(lr, -1, "peers: missing for %s",
		    kind_name[ev->kind]);
	for (;;) {
		if ((bar = strchr(s, '|')) != NULL)
			*bar = '\0';
		if (ev->npeers == max)
			return fail(lr, -1, "peers: more than %u for %s", max,
			    kind_name[ev->kind]);
		if (parse_num(lr, F_PEERS, s, UINT32_MAX, &id) == -1)
			return -1;
		ev->peers[ev->npeers++] = (uint32_t)id;
		if (bar == NULL)
			return 0;
		s = bar + 1;
	}
}

/* src_seq and msg_lamport: present for RECV and PENDING, empty otherwise. */
static int
parse_msg(struct logread *lr, char *field[NFIELDS], struct log_event *ev)
{
	int want = ev->kind == LOG_RECV || ev->kind == LOG_PENDING;

	for (enum field f = F_SRC_SEQ; f <= F_MSG_LAMPORT; f++) {
		if (want && *field[f] == '\0')
			return fail(lr, -1, "%s: missing for %s", field_name[f],
			    kind_name[ev->kind]);
		if (!want && *field[f] != '\0')
			return fail(lr, -1, "%s '%s': must be empty for %s",
			    field_name[f], field[f], kind_name[ev->kind]);
	}
	ev->src_seq = ev->msg_lamport = 0;
	if (!want)
		return 0;
	if (parse_num(lr, F_SRC_SEQ, field[F_SRC_SEQ], UINT64_MAX,
	    &ev->src_seq) == -1)
		return -1;
	return parse_num(lr, F_MSG_LAMPORT, field[F_MSG_LAMPORT], UINT64_MAX,
	    &ev->msg_lamport);
}

static int
parse_event(struct logread *lr, struct log_event *ev)
{
	char *field[NFIELDS];
	uint64_t vm;
	int n;

	if ((n = split(lr->buf, field)) != NFIELDS)
		return fail(lr, -1, "%d fields, expected %d", n, NFIELDS);
	if (parse_num(lr, F_VM, field[F_VM], UINT32_MAX, &vm) == -1 ||
	    parse_num(lr, F_SEQ, field[F_SEQ], UINT64_MAX, &ev->seq) == -1 ||
	    parse_kind(lr, field[F_EVENT], &ev->kind) == -1 ||
	    parse_num(lr, F_WALL, field[F_WALL], UINT64_MAX,
	    &ev->wall_ns) == -1 ||
	    parse_num(lr, F_LAMPORT, field[F_LAMPORT], UINT64_MAX,
	    &ev->lamport) == -1 ||
	    parse_num(lr, F_QUEUE, field[F_QUEUE], UINT64_MAX,
	    &ev->queue_len) == -1 ||
	    parse_peers(lr, field[F_PEERS], ev) == -1 ||
	    parse_msg(lr, field, ev) == -1)
		return -1;
	ev->vm = (uint32_t)vm;
	ev->line = lr->line;
	return 0;
}

static int
next_line(struct logread *lr)
{
	int rc;

	if (lr->line == 0) {
		if ((rc = read_line(lr)) == 0) {
			lr->line = 1;
			return fail(lr, -1, "empty file (no header)");
		}
		if (rc < 0 || check_header(lr) < 0)
			return lr->state;
	}
	return read_line(lr);
}

int
logread_next(struct logread *lr, struct log_event *ev, char *err,
    size_t errlen)
{
	int rc = lr->state;

	if (rc == 0 && (rc = next_line(lr)) == 1 && parse_event(lr, ev) == -1)
		rc = -1;
	/* A read error is about the file, not about a line of it. */
	if (rc == -1)
		snprintf(err, errlen, "%s:%lu: %s", lr->path, lr->line,
		    lr->why);
	else if (rc == -2)
		snprintf(err, errlen, "%s: %s", lr->path, lr->why);
	return rc;
}
