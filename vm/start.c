/* vm/start.c -- the start barrier of a ring started by hand: tokens around the ring, clock offsets */
#include <stdint.h>
#include <stdio.h>

#include "vm/clock.h"
#include "vm/ring.h"
#include "vm/start.h"
#include "vm/core/wire.h"

#define LEAD_NS		1000000000	/* tick 0 at least this far ahead */
#define LEAD_TRIPS	8	/* and this many round trips per VM */
#define ROUND2_NS	10000000000u	/* the start's round after linking */

/* The next frame from peer must be a want: 0, or -1 with err. */
static int
expect(const struct ring_conf *c, int fd, uint32_t peer, uint64_t deadline,
    enum wire_type want, struct wire_frame *f, char *err, size_t errlen)
{
	const char *why = NULL;

	if (ring_read_frame(c, fd, deadline, f, &why) == 0 && f->type == want)
		return 0;
	if (why == NULL)
		snprintf(err, errlen, "start: vm %u sent %s, not %s",
		    (unsigned)peer, wire_type_name(f->type), wire_type_name(want));
	else
		snprintf(err, errlen, "start: waiting for %s from vm %u: %s",
		    wire_type_name(want), (unsigned)peer, why);
	return -1;
}

static int
send_frame(int fd, uint32_t peer, const uint8_t *buf, size_t len, char *err,
    size_t errlen)
{
	if (ring_send(fd, buf, len) == 0)
		return 0;
	snprintf(err, errlen, "start: sending to vm %u: link lost", (unsigned)peer);
	return -1;
}

/* Ask the successor its time: its offset from ours, and the round trip. */
static int
probe(const struct ring_conf *c, int fd, uint64_t deadline,
    struct start_result *r, char *err, size_t errlen)
{
	uint32_t next = (c->id + 1) % c->n;
	uint8_t buf[WIRE_MAX_FRAME];
	uint64_t t0 = clock_real_ns();
	struct wire_frame f;

	if (send_frame(fd, next, buf, wire_put_ping(buf, t0), err, errlen) == -1 ||
	    expect(c, fd, next, deadline, WIRE_PONG, &f, err, errlen) == -1)
		return -1;
	uint64_t t3 = clock_real_ns();
	if (f.time.t0 != t0) {
		snprintf(err, errlen, "start: vm %u answered another PING",
		    (unsigned)next);
		return -1;
	}
	wire_offset(&f.time, t3, &r->next_offset_ns, &r->next_rtt_ns);
	return 0;
}

/* The predecessor asks our time: answer at once, stamped in and out. */
static int
answer(const struct ring_conf *c, int fd, uint64_t deadline, char *err,
    size_t errlen)
{
	uint32_t prev = (c->id + c->n - 1) % c->n;
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_frame f;

	if (expect(c, fd, prev, deadline, WIRE_PING, &f, err, errlen) == -1)
		return -1;
	f.time.t1 = clock_real_ns();
	f.time.t2 = clock_real_ns();
	return send_frame(fd, prev, buf, wire_put_pong(buf, &f.time), err, errlen);
}

/* Pass tick 0 on to the successor, in its clock. */
static int
pass_start(const struct ring_conf *c, int fd, const struct start_result *r,
    char *err, size_t errlen)
{
	uint8_t buf[WIRE_MAX_FRAME];
	uint64_t theirs = r->start_wall_ns + (uint64_t)r->next_offset_ns;

	return send_frame(fd, (c->id + 1) % c->n, buf, wire_put_start(buf, theirs),
	    err, errlen);
}

/* CLOCK_MONOTONIC when the real clock shows wall. */
static uint64_t
mono_at(uint64_t wall)
{
	uint64_t now = clock_real_ns(), mono = clock_mono_ns();

	return wall > now ? mono + (wall - now) : mono;
}

/*
 * VM 0: LINKED went round, so every VM is linked. It picks tick 0 far
 * enough ahead for the START to go round too (each VM asks its successor
 * the time first), and waits for it to come back before then.
 */
static int
lead(const struct ring_conf *c, const struct ring_links *l,
    struct start_result *r, char *err, size_t errlen)
{
	int next = l->fd[RING_NEXT], prev = l->fd[RING_PREV];
	uint32_t last = c->n - 1;
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_frame f;

	if (send_frame(next, 1, buf, wire_put_linked(buf), err, errlen) == -1 ||
	    expect(c, prev, last, c->deadline_ns, WIRE_LINKED, &f, err, errlen) == -1 ||
	    probe(c, next, clock_mono_ns() + ROUND2_NS, r, err, errlen) == -1)
		return -1;
	r->start_wall_ns = clock_real_ns() + LEAD_NS +
	    (uint64_t)LEAD_TRIPS * c->n * (uint64_t)(r->next_rtt_ns > 0 ?
	    r->next_rtt_ns : 0);
	uint64_t due = mono_at(r->start_wall_ns);
	if (pass_start(c, next, r, err, errlen) == -1 ||
	    answer(c, prev, due, err, errlen) == -1 ||
	    expect(c, prev, last, due, WIRE_START, &f, err, errlen) == -1)
		return -1;
	r->closure_ns = (int64_t)(f.start_ns - r->start_wall_ns);
	return 0;
}

/* Any other VM: pass LINKED on, then the START, in the successor's clock. */
static int
follow(const struct ring_conf *c, const struct ring_links *l,
    struct start_result *r, char *err, size_t errlen)
{
	int next = l->fd[RING_NEXT], prev = l->fd[RING_PREV];
	uint32_t p = c->id - 1, nx = (c->id + 1) % c->n;
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_frame f;

	if (expect(c, prev, p, c->deadline_ns, WIRE_LINKED, &f, err, errlen) == -1 ||
	    send_frame(next, nx, buf, wire_put_linked(buf), err, errlen) == -1)
		return -1;
	/* VM 0 waits for the rest of the ring until its own deadline. */
	uint64_t now = clock_mono_ns();
	uint64_t deadline = (now > c->deadline_ns ? now : c->deadline_ns) +
	    ROUND2_NS;
	if (answer(c, prev, deadline, err, errlen) == -1 ||
	    expect(c, prev, p, deadline, WIRE_START, &f, err, errlen) == -1)
		return -1;
	r->start_wall_ns = f.start_ns;
	now = clock_real_ns();
	if (now >= r->start_wall_ns) {
		snprintf(err, errlen, "start: tick 0 was due %.1f ms before the "
		    "start reached this VM", (double)(now - r->start_wall_ns) / 1e6);
		return -1;
	}
	if (probe(c, next, mono_at(r->start_wall_ns), r, err, errlen) == -1)
		return -1;
	return pass_start(c, next, r, err, errlen);
}

/*
 * Two rounds, each begun by VM 0 once it is linked: LINKED goes round the
 * ring, each VM passing it on once it is linked itself, so when it comes
 * back every VM is. Then START goes round with tick 0, each VM first
 * asking its successor the time (PING, PONG: NTP's four stamps) and
 * passing tick 0 on in the successor's own clock. Frames go one way
 * round, so with N = 2 the one link carries both.
 */
int
start_ring(const struct ring_conf *c, const struct ring_links *l,
    struct start_result *r, char *err, size_t errlen)
{
	*r = (struct start_result){ 0 };
	return c->id == 0 ? lead(c, l, r, err, errlen) :
	    follow(c, l, r, err, errlen);
}
