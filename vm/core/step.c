/* vm/core/step.c -- the pure per-tick decision: Lamport rules, draws, destinations */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "vm/core/step.h"

void
step_init(struct step_vm *s, uint32_t id, uint32_t n, uint32_t draw_max)
{
	assert(n >= 2 && id < n && draw_max >= 3);
	memset(s, 0, sizeof *s);
	s->id = id;
	s->n = n;
	s->draw_max = draw_max;
}

void
step_vector(struct step_vm *s, uint64_t *v)
{
	assert(s->n <= STEP_VEC_MAX);
	memset(v, 0, s->n * sizeof *v);
	s->v = v;
	s->nv = s->n;
}

/* The packed form: src, src_seq, lamport, then the vector. */
#define PACKED_HEAD	(sizeof(uint32_t) + 2 * sizeof(uint64_t))

size_t
step_msg_size(uint32_t nv)
{
	return PACKED_HEAD + nv * sizeof(uint64_t);
}

void
step_msg_store(void *slot, const struct step_msg *m, uint32_t nv)
{
	char *p = slot;

	memcpy(p, &m->src, sizeof m->src);
	memcpy(p + 4, &m->src_seq, sizeof m->src_seq);
	memcpy(p + 12, &m->lamport, sizeof m->lamport);
	if (nv > 0)
		memcpy(p + PACKED_HEAD, m->v, nv * sizeof *m->v);
}

void
step_msg_load(struct step_msg *m, const void *slot, uint32_t nv, uint64_t *v)
{
	const char *p = slot;

	memcpy(&m->src, p, sizeof m->src);
	memcpy(&m->src_seq, p + 4, sizeof m->src_seq);
	memcpy(&m->lamport, p + 12, sizeof m->lamport);
	m->v = NULL;
	if (nv > 0) {
		memcpy(v, p + PACKED_HEAD, nv * sizeof *v);
		m->v = v;
	}
}

uint32_t
step_next(const struct step_vm *s)
{
	return (s->id + 1) % s->n;
}

uint32_t
step_prev(const struct step_vm *s)
{
	return (s->id + s->n - 1) % s->n;
}

static void
take(struct step_vm *s, const struct step_msg *msg, struct step_event *ev)
{
	ev->kind = STEP_RECV;
	ev->msg = *msg;
	s->lamport = (msg->lamport > s->lamport ? msg->lamport : s->lamport) + 1;
	/* V = max(V, m.V); the tick's own + 1 follows in step_tick. */
	for (uint32_t k = 0; k < s->nv; k++)
		if (msg->v[k] > s->v[k])
			s->v[k] = msg->v[k];
}

/*
 * An idle tick draws r in 1..draw_max: 1 sends to next, 2 to prev, 3 to
 * both, anything else is internal. With N = 2 next and prev are the same
 * peer, and "both" is one message to it: a message is named by (source,
 * seq, destination), so two copies would be indistinguishable.
 */
static void
draw(struct step_vm *s, struct rng *rng, struct step_event *ev)
{
	uint64_t r = rng_range(rng, 1, s->draw_max);

	s->lamport++;
	ev->kind = r <= 3 ? STEP_SEND : STEP_INTERNAL;
	if (r == 1 || r == 3)
		ev->dest[ev->ndest++] = step_next(s);
	if ((r == 2 || r == 3) && (ev->ndest == 0 || s->n > 2))
		ev->dest[ev->ndest++] = step_prev(s);
}

/* One tick: take msg if the queue gave one (msg != NULL), else draw. */
void
step_tick(struct step_vm *s, const struct step_msg *msg, struct rng *rng,
    struct step_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->seq = s->seq++;
	if (msg != NULL)
		take(s, msg, ev);
	else
		draw(s, rng, ev);
	ev->lamport = s->lamport;
	ev->nv = s->nv;
	if (s->nv > 0) {
		s->v[s->id]++;	/* every tick is an event of the vector */
		ev->v = s->v;
	}
}

/* A message still queued at the end is logged, but never changes the clock. */
void
step_pending(struct step_vm *s, const struct step_msg *msg,
    struct step_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = STEP_PENDING;
	ev->seq = s->seq++;
	ev->msg = *msg;
	ev->lamport = s->lamport;
	ev->nv = s->nv;
	ev->v = msg->v;
}

/* A neighbour found gone: logged so the log says why its messages stop. */
void
step_peer_down(struct step_vm *s, uint32_t peer, struct step_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = STEP_PEER_DOWN;
	ev->seq = s->seq++;
	ev->lamport = s->lamport;
	ev->nv = s->nv;		/* a column, but no vector: not an event */
	ev->dest[ev->ndest++] = peer;
}

/*
 * The message send (a SEND event of ours) carried to dest was not sent, as
 * dest is down: logged so that every message is still accounted for. The
 * clock does not move; the message is named as its receipt would name it,
 * and the line carries its vector, send's (which must still be valid).
 */
static void
undelivered(struct step_vm *s, enum step_kind kind,
    const struct step_event *send, uint32_t dest, struct step_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = kind;
	ev->seq = s->seq++;
	ev->lamport = s->lamport;
	ev->dest[ev->ndest++] = dest;
	ev->msg = (struct step_msg){ .src = s->id, .src_seq = send->seq,
	    .lamport = send->lamport, .v = send->v };
	ev->nv = s->nv;
	ev->v = send->v;
}

void
step_drop(struct step_vm *s, const struct step_event *send, uint32_t dest,
    struct step_event *ev)
{
	undelivered(s, STEP_DROP, send, dest, ev);
}

/*
 * The network lost the message send carried to dest (--loss): logged by
 * the sender, like a DROP, so that every message is accounted for.
 */
void
step_loss(struct step_vm *s, const struct step_event *send, uint32_t dest,
    struct step_event *ev)
{
	undelivered(s, STEP_LOSS, send, dest, ev);
}

/*
 * Ticks fall at model times k / rate < duration_s. A decimal duration is
 * seldom exact in binary (1.1 * 50 = 55.000000000000007), so a product a
 * hair above a whole number counts as that number; the hair grows with the
 * product, whose rounding error does too.
 */
uint64_t
step_ticks(double duration_s, uint32_t rate)
{
	double x = duration_s * rate;

	return (uint64_t)ceil(x - (1e-9 + x * 1e-12));
}

/* When tick k is due, in ns after the start: k / (rate * speed) seconds. */
uint64_t
step_due_ns(uint64_t k, uint32_t rate, double speed)
{
	return (uint64_t)llround((double)k * 1e9 / ((double)rate * speed));
}
