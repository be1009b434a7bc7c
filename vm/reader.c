/* vm/reader.c -- one thread per link: frames in, messages and the link's end to the core */
#include <sys/socket.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vm/core/wire.h"
#include "vm/reader.h"
#include "vm/shared.h"

#define READ_BUF 8192

enum end {
	RUNNING,		/* still reading */
	CLEAN,			/* BYE, then EOF: the peer finished */
	BROKEN,			/* EOF without BYE, reset or read error */
	PROTOCOL,		/* a bad frame: we close the link */
};

/* What the thread keeps between reads. */
struct link_in {
	uint8_t buf[READ_BUF];
	size_t len;		/* bytes of a partial frame in buf */
	bool bye;
};

/*
 * Act on one decoded frame: RUNNING to go on, or how the link ends. A
 * message goes to the core at once, stamped with the model time now;
 * when it may be taken (latency, a slow link) is the core's business.
 */
static enum end
take_frame(struct reader *r, struct link_in *in, const struct wire_frame *f)
{
	switch (f->type) {
	case WIRE_MSG:
		if (in->bye || f->msg.src != r->peer) {
			snprintf(r->why, sizeof r->why, in->bye ?
			    "message after BYE" : "message from vm %u on the link of vm %u",
			    (unsigned)f->msg.src, (unsigned)r->peer);
			return PROTOCOL;
		}
		/* The core trusts a vector to be its own length: judged here. */
		if (f->nvec != shared_nv(r->s)) {
			snprintf(r->why, sizeof r->why, "message with %u vector "
			    "entries in a ring that keeps %u", (unsigned)f->nvec,
			    (unsigned)shared_nv(r->s));
			return PROTOCOL;
		}
		if (shared_arrive(r->s, r->peer, &f->msg) == -1) {
			snprintf(r->why, sizeof r->why, "queue: out of memory");
			return BROKEN;
		}
		return RUNNING;
	case WIRE_BYE:
		in->bye = true;
		return RUNNING;
	default:
		snprintf(r->why, sizeof r->why, "unexpected %s", wire_type_name(f->type));
		return PROTOCOL;
	}
}

/* Decode every whole frame in hand; keep a partial one for the next read. */
static enum end
take_frames(struct reader *r, struct link_in *in)
{
	size_t off = 0, used;
	struct wire_frame f;
	const char *why;
	int rc;

	while ((rc = wire_get(in->buf + off, in->len - off, &f, &used, &why)) == 1) {
		enum end end = take_frame(r, in, &f);
		if (end != RUNNING)
			return end;
		off += used;
	}
	if (rc == -1) {
		snprintf(r->why, sizeof r->why, "%s", why);
		return PROTOCOL;
	}
	memmove(in->buf, in->buf + off, in->len - off);
	in->len -= off;
	return RUNNING;
}

/* One read: RUNNING to go on, or how the link ends. */
static enum end
read_some(struct reader *r, struct link_in *in)
{
	ssize_t n;

	while ((n = read(r->fd, in->buf + in->len, sizeof in->buf - in->len)) == -1 &&
	    errno == EINTR)
		;
	if (n > 0) {
		in->len += (size_t)n;
		return take_frames(r, in);
	}
	if (in->bye && n == 0)
		return CLEAN;
	snprintf(r->why, sizeof r->why, "%s", n == 0 ?
	    "closed without BYE" : strerror(errno));
	return BROKEN;
}

/*
 * Read until EOF. A peer that finishes sends BYE and then half-closes, so
 * EOF after BYE means every message it sent is in the core; EOF without
 * BYE means it died or the link broke. Either way the core hears of the
 * end, behind the last message (why is written before, so whoever learns
 * of a broken end from the core may read it).
 */
static void *
run(void *arg)
{
	struct reader *r = arg;
	struct link_in in = { .len = 0 };
	enum end end = RUNNING;

#ifdef __linux__
	/* Named, so that top -H, a debugger or a test can tell readers apart. */
	prctl(PR_SET_NAME, "cr-reader");
#endif
	while (end == RUNNING)
		end = read_some(r, &in);
	if (end == PROTOCOL)
		shutdown(r->fd, SHUT_RDWR);
	shared_link_end(r->s, r->peer, end != CLEAN);
	return NULL;
}

int
reader_start(struct reader *r, int fd, uint32_t peer, struct shared *s)
{
	r->fd = fd;
	r->peer = peer;
	r->s = s;
	r->why[0] = '\0';
	int rc = pthread_create(&r->thread, NULL, run, r);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	return 0;
}

void
reader_join(struct reader *r)
{
	pthread_join(r->thread, NULL);
}
