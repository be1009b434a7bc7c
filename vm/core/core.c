/* vm/core/core.c -- one VM of the model, pure: its state and rules, an event in, the lines to log and messages to send out */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vm/core/core.h"

int
core_init(struct core *c, const struct core_conf *conf)
{
	uint32_t nv = conf->vector ? conf->n : 0;

	memset(c, 0, sizeof *c);
	c->on_failure = conf->on_failure;
	c->loss_share = conf->loss;
	step_init(&c->step, conf->id, conf->n, conf->draw_max);
	if (nv > 0) {
		if ((c->v = malloc(2 * nv * sizeof *c->v)) == NULL)
			return -1;
		c->mv = c->v + nv;
		step_vector(&c->step, c->v);
	}
	rng_seed(&c->rng, conf->seed, conf->id);
	rng_seed(&c->loss, conf->seed, RNG_STREAM_LOSS(conf->id));
	c->nin = conf->n == 2 ? 1 : 2;
	inbox_init(&c->in[0], step_next(&c->step), conf->id, conf->seed,
	    &conf->net, conf->faults, conf->nfaults, nv);
	if (c->nin == 2)
		inbox_init(&c->in[1], step_prev(&c->step), conf->id, conf->seed,
		    &conf->net, conf->faults, conf->nfaults, nv);
	fifo_init(&c->queue, step_msg_size(nv));
	return 0;
}

void
core_prefetch(const struct core *c)
{
	for (uint32_t i = 0; i < c->nin; i++)
		fifo_prefetch(&c->in[i].held);
	fifo_prefetch(&c->queue);
}

void
core_free(struct core *c)
{
	for (uint32_t i = 0; i < c->nin; i++)
		inbox_free(&c->in[i]);
	fifo_free(&c->queue);
	free(c->v);
}

/* The link to or from a neighbour: 0 next, 1 prev (N = 2: one, 0). */
static uint32_t
link_of(const struct core *c, uint32_t peer)
{
	assert(peer == step_next(&c->step) || peer == step_prev(&c->step));
	return peer == step_next(&c->step) ? 0 : 1;
}

int
core_arrive(struct core *c, uint32_t from, const struct step_msg *m,
    uint64_t t)
{
	assert(c->step.nv == 0 || m->v != NULL);
	return inbox_put(&c->in[link_of(c, from)], m, t);
}

void
core_link_end(struct core *c, uint32_t from, bool broken, uint64_t t)
{
	inbox_end(&c->in[link_of(c, from)], broken, t);
}

uint32_t
core_nv(const struct core *c)
{
	return c->step.nv;
}

size_t
core_queue_len(const struct core *c)
{
	return c->queue.len;
}

/*
 * Messages due before t join the queue in the order they became due;
 * from both links at one instant, the next's first. 0, or -1 (ENOMEM).
 */
static int
join_due(struct core *c, uint64_t t)
{
	for (;;) {
		uint32_t best = 0;
		uint64_t due = inbox_next_due(&c->in[0]);
		if (c->nin == 2 && inbox_next_due(&c->in[1]) < due) {
			best = 1;
			due = inbox_next_due(&c->in[1]);
		}
		if (due >= t)
			return 0;
		void *m = fifo_push(&c->queue);
		if (m == NULL)
			return -1;
		inbox_take(&c->in[best], m);
	}
}

/* An empty answer: no line, no send (cheaper than clearing all of it). */
static void
out_reset(struct core_out *out)
{
	out->nline = out->nto = 0;
	out->stop = false;
}

static void
add_line(struct core_out *out, const struct step_event *ev, uint64_t queue_len)
{
	assert(out->nline < CORE_LINES_MAX);
	out->line[out->nline++] = (struct core_line){ *ev, queue_len };
}

/* Link i is down from now on: PEER_DOWN, and under STOP no more ticks. */
static void
take_down(struct core *c, uint32_t i, struct core_out *out)
{
	struct step_event ev;

	c->down[i] = true;
	step_peer_down(&c->step, c->in[i].src, &ev);
	add_line(out, &ev, c->queue.len);
	if (c->on_failure == VM_ON_FAILURE_STOP)
		c->stopped = true;
}

/* Links whose broken end arrived before t, not logged yet. */
static void
notice_broken(struct core *c, uint64_t t, struct core_out *out)
{
	for (uint32_t i = 0; i < c->nin; i++)
		if (!c->down[i] && inbox_broke_before(&c->in[i], t))
			take_down(c, i, out);
}

static bool
lost(struct core *c)
{
	if (c->loss_share <= 0)
		return false;
	/* 53 random bits: a uniform double in [0, 1). */
	return (double)(rng_next(&c->loss) >> 11) * 0x1.0p-53 < c->loss_share;
}

/*
 * Where a SEND's message goes: not to a peer known down (DROP), nor where
 * the network loses it (LOSS); to the others, the driver sends it.
 */
static void
route(struct core *c, const struct step_event *send, struct core_out *out)
{
	struct step_event ev;

	out->msg = (struct step_msg){ .src = c->step.id, .src_seq = send->seq,
	    .lamport = send->lamport, .v = send->v };
	for (uint32_t k = 0; k < send->ndest; k++) {
		uint32_t to = send->dest[k];
		if (c->down[link_of(c, to)])
			step_drop(&c->step, send, to, &ev);
		else if (lost(c))
			step_loss(&c->step, send, to, &ev);
		else {
			out->to[out->nto++] = to;
			continue;
		}
		add_line(out, &ev, c->queue.len);
	}
}

/* The oldest queued message, its vector (if any) copied out to c->mv. */
static void
take_queued(struct core *c, struct step_msg *m)
{
	step_msg_load(m, fifo_at(&c->queue, 0), c->step.nv, c->mv);
	fifo_pop(&c->queue);
}

int
core_tick(struct core *c, uint64_t t, struct core_out *out)
{
	struct step_event ev;
	struct step_msg m;
	bool got;

	out_reset(out);
	if (join_due(c, t) == -1)
		return -1;
	notice_broken(c, t, out);
	if (c->stopped) {
		out->stop = true;
		return 0;
	}
	if ((got = c->queue.len > 0))
		take_queued(c, &m);
	step_tick(&c->step, got ? &m : NULL, &c->rng, &ev);
	add_line(out, &ev, c->queue.len);
	if (ev.kind == STEP_SEND)
		route(c, &ev, out);
	return 0;
}

void
core_send_failed(struct core *c, const struct step_event *send, uint32_t to,
    struct core_out *out)
{
	struct step_event ev;
	uint32_t i = link_of(c, to);

	out_reset(out);
	if (!c->down[i])
		take_down(c, i, out);
	step_drop(&c->step, send, to, &ev);
	add_line(out, &ev, c->queue.len);
	out->stop = c->stopped;
}

int
core_finish(struct core *c, struct core_out *out)
{
	out_reset(out);
	if (join_due(c, INBOX_NEVER) == -1)
		return -1;
	notice_broken(c, INBOX_NEVER, out);
	out->stop = true;
	return 0;
}

bool
core_pending(struct core *c, struct core_line *line)
{
	struct step_msg m;

	if (c->queue.len == 0)
		return false;
	take_queued(c, &m);
	step_pending(&c->step, &m, &line->ev);
	line->queue_len = c->queue.len;
	return true;
}
