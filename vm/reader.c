/* vm/reader.c -- one thread per link: frames in, messages onto the queue */
#include <sys/socket.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/clock.h"
#include "vm/core/fault.h"
#include "vm/reader.h"
#include "vm/core/wire.h"

#define READ_BUF 8192

/*
 * Messages a slow link holds back, oldest first, each with the
 * CLOCK_MONOTONIC time it may join the queue. They leave in the order they
 * came, so one due early waits behind one due later: the link stays FIFO.
 * Only messages that arrive while something is held are kept here.
 */
struct held {
	struct step_msg msg;
	uint64_t due_ns;
};

struct hold {
	struct held *buf;
	size_t cap, head, len;	/* len messages from buf[head], wrapping */
};

/* What the thread keeps between reads. */
struct link_in {
	uint8_t buf[READ_BUF];
	size_t len;		/* bytes of a partial frame in buf */
	bool bye;
	uint64_t arrived_ns;	/* when the bytes in hand were read */
	struct hold hold;
};

static int
hold_push(struct hold *h, const struct step_msg *m, uint64_t due_ns)
{
	if (h->len == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		struct held *buf = malloc(cap * sizeof *buf);
		if (buf == NULL)
			return -1;
		for (size_t i = 0; i < h->len; i++)
			buf[i] = h->buf[(h->head + i) % h->cap];
		free(h->buf);
		h->buf = buf;
		h->cap = cap;
		h->head = 0;
	}
	h->buf[(h->head + h->len++) % h->cap] = (struct held){ *m, due_ns };
	return 0;
}

/*
 * Move held messages to the queue, oldest first, while they are due at
 * now_ns (all of them with UINT64_MAX). -1 if the queue is out of memory.
 */
static int
release(struct reader *r, struct hold *h, uint64_t now_ns)
{
	while (h->len > 0 && h->buf[h->head].due_ns <= now_ns) {
		if (queue_push(r->q, &h->buf[h->head].msg) == -1) {
			snprintf(r->why, sizeof r->why, "queue: out of memory");
			return -1;
		}
		h->head = (h->head + 1) % h->cap;
		h->len--;
	}
	return 0;
}

/*
 * How long a message arriving at arrived_ns is held: the longest delay of
 * the slow windows that model time falls in, or 0. Model time is unknown,
 * and nothing is delayed, until reader_set_epoch.
 */
static uint64_t
delay_ns(struct reader *r, uint64_t arrived_ns)
{
	uint64_t epoch = atomic_load_explicit(&r->epoch_ns, memory_order_acquire);
	double t, delay = 0;

	if (epoch == 0)
		return 0;
	t = (double)(int64_t)(arrived_ns - epoch) / 1e9 * r->speed;
	for (uint32_t i = 0; i < r->nslow; i++) {
		const struct fault *f = &r->slow[i];
		if (t >= f->at_s && t < f->at_s + f->for_s && f->delay_s > delay)
			delay = f->delay_s;
	}
	double ns = delay / r->speed * 1e9;
	return ns < 1e18 ? (uint64_t)ns : (uint64_t)1e18;	/* no overflow */
}

/* A message from the peer: onto the queue, or held if the link is slow now
 * or something is held already. */
static int
deliver(struct reader *r, struct link_in *in, const struct step_msg *m)
{
	uint64_t delay = delay_ns(r, in->arrived_ns);

	if (delay == 0 && in->hold.len == 0)
		return queue_push(r->q, m);
	return hold_push(&in->hold, m, in->arrived_ns + delay);
}

/* Act on one decoded frame: READER_RUNNING to go on, or how the link ends. */
static int
take_frame(struct reader *r, struct link_in *in, const struct wire_frame *f)
{
	switch (f->type) {
	case WIRE_MSG:
		if (in->bye || f->msg.src != r->peer) {
			snprintf(r->why, sizeof r->why, in->bye ?
			    "message after BYE" : "message from vm %u on the link of vm %u",
			    (unsigned)f->msg.src, (unsigned)r->peer);
			return READER_PROTOCOL;
		}
		if (deliver(r, in, &f->msg) == -1) {
			snprintf(r->why, sizeof r->why, "queue: out of memory");
			return READER_BROKEN;
		}
		return READER_RUNNING;
	case WIRE_BYE:
		in->bye = true;
		return READER_RUNNING;
	default:
		snprintf(r->why, sizeof r->why, "unexpected HELLO");
		return READER_PROTOCOL;
	}
}

/* Decode every whole frame in hand; keep a partial one for the next read. */
static int
take_frames(struct reader *r, struct link_in *in)
{
	size_t off = 0, used;
	struct wire_frame f;
	const char *why;
	int rc;

	while ((rc = wire_get(in->buf + off, in->len - off, &f, &used, &why)) == 1) {
		if ((rc = take_frame(r, in, &f)) != READER_RUNNING)
			return rc;
		off += used;
	}
	if (rc == -1) {
		snprintf(r->why, sizeof r->why, "%s", why);
		return READER_PROTOCOL;
	}
	memmove(in->buf, in->buf + off, in->len - off);
	in->len -= off;
	return READER_RUNNING;
}

/*
 * While messages are held: release those due, then wait in poll() until
 * the socket has something or the next one is due, and again.
 * READER_RUNNING when there is something to read (or nothing held), else
 * how the link ends.
 */
static int
wait_readable(struct reader *r, struct hold *h)
{
	struct pollfd p = { .fd = r->fd, .events = POLLIN };

	for (;;) {
		uint64_t now = clock_mono_ns();
		if (release(r, h, now) == -1)
			return READER_BROKEN;
		if (h->len == 0)
			return READER_RUNNING;
		uint64_t ms = (h->buf[h->head].due_ns - now + 999999) / 1000000;
		int rc = poll(&p, 1, ms > INT_MAX ? INT_MAX : (int)ms);
		if (rc > 0)
			return READER_RUNNING;	/* data, EOF or an error: read() tells */
		if (rc == -1 && errno != EINTR) {
			snprintf(r->why, sizeof r->why, "poll: %s", strerror(errno));
			return READER_BROKEN;
		}
	}
}

/* One read: READER_RUNNING to go on, or how the link ends. */
static int
read_some(struct reader *r, struct link_in *in)
{
	ssize_t n;

	while ((n = read(r->fd, in->buf + in->len, sizeof in->buf - in->len)) == -1 &&
	    errno == EINTR)
		;
	if (n > 0) {
		in->arrived_ns = clock_mono_ns();
		in->len += (size_t)n;
		return take_frames(r, in);
	}
	if (in->bye && n == 0)
		return READER_CLEAN;
	snprintf(r->why, sizeof r->why, "%s", n == 0 ?
	    "closed without BYE" : strerror(errno));
	return READER_BROKEN;
}

/*
 * Read until EOF. A peer that finishes sends BYE and then half-closes, so
 * EOF after BYE means every message it sent is on our queue; EOF without
 * BYE means it died or the link broke. Whatever way the link ends, held
 * messages join the queue at once: TCP delivered them, so they must be
 * logged (as RECV or PENDING).
 */
static void *
run(void *arg)
{
	struct reader *r = arg;
	struct link_in in = { .len = 0 };
	int end = READER_RUNNING;

#ifdef __linux__
	/* Named, so that top -H, a debugger or a test can tell readers apart. */
	prctl(PR_SET_NAME, "cr-reader");
#endif
	while (end == READER_RUNNING) {
		if (in.hold.len > 0)
			end = wait_readable(r, &in.hold);
		if (end == READER_RUNNING)
			end = read_some(r, &in);
	}
	if (end == READER_PROTOCOL)
		shutdown(r->fd, SHUT_RDWR);
	if (release(r, &in.hold, UINT64_MAX) == -1 && end == READER_CLEAN)
		end = READER_BROKEN;	/* a message is lost: not clean */
	free(in.hold.buf);
	atomic_store(&r->end, end);
	queue_producer_done(r->q);
	return NULL;
}

/*
 * slow: the FAULT_SLOW faults of this link, from peer to us (at most
 * FAULT_MAX); they take effect once reader_set_epoch says when model time
 * began.
 */
int
reader_start(struct reader *r, int fd, uint32_t peer, struct queue *q,
    const struct fault *slow, uint32_t nslow)
{
	r->fd = fd;
	r->peer = peer;
	r->q = q;
	r->why[0] = '\0';
	r->nslow = nslow < FAULT_MAX ? nslow : FAULT_MAX;
	if (r->nslow > 0)
		memcpy(r->slow, slow, r->nslow * sizeof *slow);
	r->speed = 1;
	atomic_init(&r->epoch_ns, 0);
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

/*
 * Model time 0 is at mono_start_ns, and runs speed times faster than real
 * time. Once only: speed is published by the store of the epoch.
 */
void
reader_set_epoch(struct reader *r, uint64_t mono_start_ns, double speed)
{
	r->speed = speed;
	atomic_store_explicit(&r->epoch_ns, mono_start_ns ? mono_start_ns : 1,
	    memory_order_release);
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
