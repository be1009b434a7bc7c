/* analysis/stats/msgs.c -- each message matched SEND to receipt per directed link: counts, delays */
#include <stdint.h>
#include <stdlib.h>

#include "analysis/stats/msgs.h"
#include "vm/core/fifo.h"

/*
 * Each directed link is one TCP connection, so its receipts come in the
 * order of its sends (check verifies it): the k-th receipt of a link is
 * its k-th message. Both ends go through one FIFO per link that holds
 * whichever end is ahead, sends or receipts, until the other end comes.
 * Memory grows with the messages in flight, not with the run, and a
 * receiver whose wall clock runs ahead of the sender's (another host)
 * still gets every receipt matched to the right send.
 */
/* One end of a message: its SEND, or its RECV / PENDING line. */
struct end {
	double t;		/* model time of the line */
	uint64_t lamport;	/* a send's clock, which its message carries */
	int pending;		/* a receipt that is a PENDING line */
	int lost;		/* no receipt at all: the stream ended first */
};

/*
 * An end as a link's FIFO holds it, in 16 bytes (a summary run keeps two
 * links per VM of a million): a send has its clock, a receipt only
 * whether it is PENDING, and a lost end is never held.
 */
struct held {
	double t;
	uint64_t lamport_or_pending;
};

struct link {
	struct msgs_link fig;
	struct fifo q;		/* unmatched ends (struct end), all of one
				 * kind */
	int q_receipts;		/* q holds receipts (1) or sends (0) */
};

struct msgs {
	uint32_t n;
	double end_s;		/* the run's real end */
	msgs_fn *fn;
	void *ctx;
	struct link *link;	/* 2n: src * 2 + 0 to next, + 1 to prev */
};

struct msgs *
msgs_new(uint32_t nvms, double end_s, msgs_fn *fn, void *ctx)
{
	struct msgs *m = calloc(1, sizeof *m);

	if (m == NULL || (m->link = calloc(2 * (size_t)nvms,
	    sizeof *m->link)) == NULL) {
		free(m);
		return NULL;
	}
	for (uint32_t i = 0; i < 2 * nvms; i++)
		fifo_init(&m->link[i].q, sizeof (struct held));
	m->n = nvms;
	m->end_s = end_s;
	m->fn = fn;
	m->ctx = ctx;
	return m;
}

void
msgs_free(struct msgs *m)
{
	if (m == NULL)
		return;
	for (uint32_t i = 0; i < 2 * m->n; i++)
		fifo_free(&m->link[i].q);
	free(m->link);
	free(m);
}

/* Ring neighbours without a division: this runs for every message. */
static uint32_t
next_of(const struct msgs *m, uint32_t i)
{
	return i + 1 == m->n ? 0 : i + 1;
}

static uint32_t
prev_of(const struct msgs *m, uint32_t i)
{
	return i == 0 ? m->n - 1 : i - 1;
}

/* The slot of link src -> dst, or -1 if dst is no neighbour of src. */
static int64_t
slot(const struct msgs *m, uint32_t src, uint32_t dst)
{
	if (src >= m->n)
		return -1;
	if (dst == next_of(m, src))
		return 2 * (int64_t)src;	/* with N = 2 also prev */
	if (dst == prev_of(m, src))
		return 2 * (int64_t)src + 1;
	return -1;
}

static uint32_t
dest(const struct msgs *m, int64_t li)
{
	uint32_t src = (uint32_t)(li / 2);

	return li % 2 == 0 ? next_of(m, src) : prev_of(m, src);
}

/* The links of vm: out to next and prev, in from prev and next. */
static void
links_of(const struct msgs *m, uint32_t vm, int64_t li[4])
{
	li[0] = 2 * (int64_t)vm;
	li[1] = 2 * (int64_t)vm + 1;
	li[2] = slot(m, prev_of(m, vm), vm);
	li[3] = slot(m, next_of(m, vm), vm);
}

void
msgs_prefetch(const struct msgs *m, uint32_t vm)
{
	int64_t li[4];

	links_of(m, vm, li);
	for (int i = 0; i < 4; i++)
		__builtin_prefetch(&m->link[li[i]]);
}

void
msgs_prefetch_ends(const struct msgs *m, uint32_t vm)
{
	int64_t li[4];

	links_of(m, vm, li);
	for (int i = 0; i < 4; i++)
		fifo_prefetch(&m->link[li[i]].q);
}

static void
match(struct msgs *m, int64_t li, const struct end *send,
    const struct end *receipt)
{
	struct msgs_link *f = &m->link[li].fig;
	struct msgs_msg msg = { send->t, receipt->t, (uint32_t)(li / 2),
		dest(m, li), send->lamport, receipt->pending, receipt->lost };
	double delay = receipt->t - send->t;

	if (msg.pending)
		msg.t_recv = m->end_s;
	else if (f->delays++ == 0 || delay > f->delay_max_s)
		f->delay_max_s = delay;
	if (!msg.pending)
		f->delay_sum_s += delay;
	m->fn(m->ctx, &msg);
}

/* The oldest end held by link l, taken off its FIFO. */
static struct end
take(struct link *l)
{
	const struct held *h = fifo_at(&l->q, 0);
	struct end e = { h->t, 0, 0, 0 };

	if (l->q_receipts)
		e.pending = h->lamport_or_pending != 0;
	else
		e.lamport = h->lamport_or_pending;
	fifo_pop(&l->q);
	return e;
}

/* One end of a message on link li: match it or wait for its other end. */
static int
meet(struct msgs *m, int64_t li, int receipt, const struct end *it)
{
	struct link *l = &m->link[li];
	struct end other;
	struct held *slot;

	if (l->q.len > 0 && l->q_receipts != receipt) {
		other = take(l);
		match(m, li, receipt ? &other : it, receipt ? it : &other);
		return 0;
	}
	l->q_receipts = receipt;
	if ((slot = fifo_push(&l->q)) == NULL)
		return -1;
	slot->t = it->t;
	slot->lamport_or_pending = receipt ? (uint64_t)it->pending : it->lamport;
	return 0;
}

int
msgs_send(struct msgs *m, uint32_t src, double t, const struct log_event *ev)
{
	struct end it = { t, ev->lamport, 0, 0 };
	int64_t li;

	for (uint32_t i = 0; i < ev->npeers; i++) {
		if ((li = slot(m, src, ev->peers[i])) < 0)
			continue;	/* only --no-check lets one through */
		m->link[li].fig.sent++;
		if (meet(m, li, 0, &it) == -1)
			return -1;
	}
	return 0;
}

int
msgs_receipt(struct msgs *m, uint32_t dst, double t,
    const struct log_event *ev)
{
	struct end it = { t, 0, ev->kind == LOG_PENDING, 0 };
	int64_t li = slot(m, ev->peers[0], dst);

	if (li < 0)
		return 0;
	if (it.pending)
		m->link[li].fig.pending++;
	else
		m->link[li].fig.received++;
	return meet(m, li, 1, &it);
}

/*
 * A DROP or LOSS: the SEND just before is the newest send of its link,
 * still waiting for its receipt unless the run is broken (a receipt of it
 * could not exist): it is taken back.
 */
int
msgs_drop(struct msgs *m, uint32_t src, const struct log_event *ev)
{
	int64_t li = slot(m, src, ev->peers[0]);
	struct link *l;

	if (li < 0)
		return 0;
	l = &m->link[li];
	if (ev->kind == LOG_LOSS)
		l->fig.net_lost++;
	else
		l->fig.dropped++;
	if (l->q_receipts || l->q.len == 0)
		return 0;
	fifo_unpush(&l->q);
	l->fig.sent--;
	return 1;
}

void
msgs_finish(struct msgs *m)
{
	static const struct end lost = { 0, 0, 1, 1 };

	for (int64_t li = 0; li < 2 * (int64_t)m->n; li++) {
		struct link *l = &m->link[li];
		while (!l->q_receipts && l->q.len > 0) {
			struct end send = take(l);
			l->fig.lost++;
			match(m, li, &send, &lost);
		}
	}
}

const struct msgs_link *
msgs_link(const struct msgs *m, uint32_t src, int to_prev)
{
	if (to_prev && m->n == 2)
		return NULL;
	return &m->link[2 * (size_t)src + (to_prev ? 1 : 0)].fig;
}
