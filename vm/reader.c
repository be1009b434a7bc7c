/* vm/reader.c -- one thread per link: frames in, messages onto the queue */
#include <sys/socket.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vm/reader.h"
#include "vm/wire.h"

#define READ_BUF 8192

/* Act on one decoded frame: 1 to go on, or the reader_end to stop with. */
static int
take_frame(struct reader *r, const struct wire_frame *f, bool *bye)
{
	switch (f->type) {
	case WIRE_MSG:
		if (*bye || f->msg.src != r->peer) {
			snprintf(r->why, sizeof r->why, *bye ?
			    "message after BYE" : "message from vm %u on the link of vm %u",
			    (unsigned)f->msg.src, (unsigned)r->peer);
			return READER_PROTOCOL;
		}
		if (queue_push(r->q, &f->msg) == -1) {
			snprintf(r->why, sizeof r->why, "queue: out of memory");
			return READER_BROKEN;
		}
		return 1;
	case WIRE_BYE:
		*bye = true;
		return 1;
	default:
		snprintf(r->why, sizeof r->why, "unexpected HELLO");
		return READER_PROTOCOL;
	}
}

/* Decode every whole frame in buf; keep a partial one for the next read. */
static int
take_frames(struct reader *r, uint8_t *buf, size_t *len, bool *bye)
{
	size_t off = 0, used;
	struct wire_frame f;
	const char *why;
	int rc;

	while ((rc = wire_get(buf + off, *len - off, &f, &used, &why)) == 1) {
		if ((rc = take_frame(r, &f, bye)) != 1)
			return rc;
		off += used;
	}
	if (rc == -1) {
		snprintf(r->why, sizeof r->why, "%s", why);
		return READER_PROTOCOL;
	}
	memmove(buf, buf + off, *len - off);
	*len -= off;
	return 1;
}

/*
 * Read until EOF. A peer that finishes sends BYE and then half-closes, so
 * EOF after BYE means every message it sent is on our queue; EOF without
 * BYE means it died or the link broke.
 */
static void *
run(void *arg)
{
	struct reader *r = arg;
	uint8_t buf[READ_BUF];
	size_t len = 0;
	bool bye = false;
	int end = READER_RUNNING;

#ifdef __linux__
	/* Named, so that top -H, a debugger or a test can tell readers apart. */
	prctl(PR_SET_NAME, "cr-reader");
#endif
	while (end == READER_RUNNING) {
		ssize_t n = read(r->fd, buf + len, sizeof buf - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			end = bye && n == 0 ? READER_CLEAN : READER_BROKEN;
			if (end == READER_BROKEN)
				snprintf(r->why, sizeof r->why, "%s", n == 0 ?
				    "closed without BYE" : strerror(errno));
			break;
		}
		len += (size_t)n;
		int rc = take_frames(r, buf, &len, &bye);
		if (rc != 1)
			end = rc;
	}
	if (end == READER_PROTOCOL)
		shutdown(r->fd, SHUT_RDWR);
	atomic_store(&r->end, end);
	queue_producer_done(r->q);
	return NULL;
}

int
reader_start(struct reader *r, int fd, uint32_t peer, struct queue *q)
{
	r->fd = fd;
	r->peer = peer;
	r->q = q;
	r->why[0] = '\0';
	atomic_init(&r->end, READER_RUNNING);
	queue_producer_start(q);
	int rc = pthread_create(&r->thread, NULL, run, r);
	if (rc != 0) {
		queue_producer_done(q);
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

/* Has this link ended any way but cleanly? Safe to ask while it runs. */
bool
reader_failed(struct reader *r)
{
	int end = atomic_load(&r->end);
	return end == READER_BROKEN || end == READER_PROTOCOL;
}
