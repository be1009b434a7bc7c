/* vm/core/inbox.c -- what one link brings a VM: messages on their way to its queue, and the link's end */
#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vm/core/inbox.h"

/* An item: the model ns it joins the queue, then the message packed
 * (step_msg_store), at any alignment. */
#define ITEM_MSG	sizeof(uint64_t)

void
inbox_init(struct inbox *in, uint32_t src, uint32_t dst, uint64_t seed,
    const struct inbox_net *net, const struct fault *faults, uint32_t nfaults,
    uint32_t nv)
{
	memset(in, 0, sizeof *in);
	in->src = src;
	in->dst = dst;
	in->faults = faults;
	in->nfaults = nfaults;
	in->net = *net;
	rng_seed(&in->latency, seed, RNG_STREAM_LATENCY(src, dst));
	in->nv = nv;
	fifo_init(&in->held, ITEM_MSG + step_msg_size(nv));
	in->end_due = INBOX_NEVER;
}

void
inbox_free(struct inbox *in)
{
	fifo_free(&in->held);
}

static uint64_t
model_ns(double s)
{
	return s <= 0 ? 0 : s >= 1e9 ? (uint64_t)1e18 : (uint64_t)llround(s * 1e9);
}

/* Does model time t fall in fault f's window [T, T+D)? */
static bool
during(const struct fault *f, uint64_t t)
{
	return t >= model_ns(f->at_s) && t < model_ns(f->at_s + f->for_s);
}

/*
 * When a message that arrives at a (after the network's latency) may join
 * the queue, by the faults of this link: a slow window adds its delay (the
 * longest, where windows overlap); a partition between the two ends holds
 * it until the partition heals (the latest heal, where they overlap).
 */
static uint64_t
by_faults(const struct inbox *in, uint64_t a)
{
	uint64_t delay = 0, heal = 0;

	for (uint32_t i = 0; i < in->nfaults; i++) {
		const struct fault *f = &in->faults[i];
		if (!during(f, a))
			continue;
		if (f->kind == FAULT_SLOW && f->vm == in->src &&
		    f->to == in->dst && model_ns(f->delay_s) > delay)
			delay = model_ns(f->delay_s);
		if (fault_parts(f, in->src, in->dst) &&
		    model_ns(f->at_s + f->for_s) > heal)
			heal = model_ns(f->at_s + f->for_s);
	}
	return a + delay > heal ? a + delay : heal;
}

int
inbox_put(struct inbox *in, const struct step_msg *m, uint64_t t)
{
	const struct inbox_net *net = &in->net;
	uint64_t lat = net->latency_min_ns;
	char *it;

	if (net->latency_max_ns > net->latency_min_ns)
		lat = rng_range(&in->latency, net->latency_min_ns,
		    net->latency_max_ns);
	uint64_t due = by_faults(in, t + lat);
	/* FIFO: never ahead of the message before it on the link. */
	if (due < in->last_due)
		due = in->last_due;
	if ((it = fifo_push(&in->held)) == NULL)
		return -1;
	memcpy(it, &due, sizeof due);
	step_msg_store(it + ITEM_MSG, m, in->nv);
	in->last_due = due;
	return 0;
}

void
inbox_end(struct inbox *in, bool broken, uint64_t t)
{
	in->end_due = t > in->last_due ? t : in->last_due;
	in->end_broken = broken;
}

uint64_t
inbox_next_due(const struct inbox *in)
{
	uint64_t due;

	if (in->held.len == 0)
		return INBOX_NEVER;
	memcpy(&due, fifo_at(&in->held, 0), sizeof due);
	return due;
}

void
inbox_take(struct inbox *in, void *slot)
{
	assert(in->held.len > 0);
	memcpy(slot, (const char *)fifo_at(&in->held, 0) + ITEM_MSG,
	    step_msg_size(in->nv));
	fifo_pop(&in->held);
}

bool
inbox_broke_before(const struct inbox *in, uint64_t t)
{
	return in->end_broken && in->end_due < t && in->held.len == 0;
}
