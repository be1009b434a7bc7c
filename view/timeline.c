/* view/timeline.c -- a run's events kept compactly in memory, with checkpoints for stepping back cheaply */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "view/timeline.h"

/*
 * One event in 56 bytes rather than a log_event's 88: a million-event
 * run stays in memory. VM ids fit 16 bits (RUNMETA_MAX_VMS is 256); a
 * queue longer than 2^32 - 1 is shown as that.
 */
struct rec {
	uint64_t ns, seq, lamport, src_seq, msg_lamport;
	uint32_t queue_len;
	uint16_t vm;
	uint8_t kind, npeers;
	uint16_t peers[2];
};

struct timeline {
	uint32_t n, every;
	struct rec *rec;
	size_t len, cap;
	struct view_state *cp;	/* cp[j]: the ring after j * every events */
	size_t ncp, cpcap;
	struct view_state now;	/* the ring after every event added */
};

struct timeline *
timeline_new(uint32_t n, uint32_t every)
{
	struct timeline *t = calloc(1, sizeof *t);

	assert(every >= 1);
	if (t == NULL)
		return NULL;
	t->n = n;
	t->every = every;
	if (view_state_init(&t->now, n) == -1) {
		free(t);
		return NULL;
	}
	return t;
}

void
timeline_free(struct timeline *t)
{
	if (t == NULL)
		return;
	for (size_t j = 0; j < t->ncp; j++)
		view_state_free(&t->cp[j]);
	free(t->cp);
	free(t->rec);
	view_state_free(&t->now);
	free(t);
}

/* Room for one more of size sz in *p (cap *cap), doubling. */
static int
grow(void **p, size_t *cap, size_t len, size_t sz)
{
	size_t ncap = *cap ? *cap * 2 : 1024;
	void *np;

	if (len < *cap)
		return 0;
	if ((np = realloc(*p, ncap * sz)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	*p = np;
	*cap = ncap;
	return 0;
}

/* A copy of the ring as it is now, before event len. */
static int
checkpoint(struct timeline *t)
{
	if (grow((void **)&t->cp, &t->cpcap, t->ncp, sizeof *t->cp) == -1 ||
	    view_state_init(&t->cp[t->ncp], t->n) == -1)
		return -1;
	view_state_copy(&t->cp[t->ncp++], &t->now);
	return 0;
}

static void
pack(struct rec *r, const struct log_event *ev)
{
	*r = (struct rec){
		.ns = ev->wall_ns, .seq = ev->seq, .lamport = ev->lamport,
		.src_seq = ev->src_seq, .msg_lamport = ev->msg_lamport,
		.queue_len = ev->queue_len > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)ev->queue_len,
		.vm = (uint16_t)ev->vm, .kind = (uint8_t)ev->kind,
		.npeers = (uint8_t)ev->npeers,
		.peers = { (uint16_t)ev->peers[0], (uint16_t)ev->peers[1] },
	};
}

int
timeline_add(struct timeline *t, const struct log_event *ev)
{
	struct log_event back;

	if (t->len % t->every == 0 && checkpoint(t) == -1)
		return -1;
	if (grow((void **)&t->rec, &t->cap, t->len, sizeof *t->rec) == -1)
		return -1;
	pack(&t->rec[t->len++], ev);
	/* The state is built from the record, so a seek, which applies
	 * records, meets the same values as the running state did. */
	timeline_event(t, t->len - 1, &back);
	view_state_apply(&t->now, &back);
	return 0;
}

size_t
timeline_len(const struct timeline *t)
{
	return t->len;
}

void
timeline_event(const struct timeline *t, size_t i, struct log_event *ev)
{
	const struct rec *r = &t->rec[i];

	assert(i < t->len);
	*ev = (struct log_event){
		.vm = r->vm, .seq = r->seq, .kind = (enum log_kind)r->kind,
		.wall_ns = r->ns, .lamport = r->lamport,
		.queue_len = r->queue_len, .npeers = r->npeers,
		.peers = { r->peers[0], r->peers[1] },
		.src_seq = r->src_seq, .msg_lamport = r->msg_lamport,
	};
}

uint64_t
timeline_ns(const struct timeline *t, size_t i)
{
	assert(i < t->len);
	return t->rec[i].ns;
}

size_t
timeline_count_at(const struct timeline *t, uint64_t ns)
{
	size_t lo = 0, hi = t->len;

	while (lo < hi) {	/* the first event later than ns */
		size_t mid = lo + (hi - lo) / 2;

		if (t->rec[mid].ns <= ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
timeline_seek(const struct timeline *t, size_t k, struct view_state *s)
{
	size_t j = k / t->every, applied = 0;
	struct log_event ev;

	assert(k <= t->len);
	if (k == t->len) {	/* its checkpoint may not be taken yet */
		view_state_copy(s, &t->now);
		return 0;
	}
	view_state_copy(s, &t->cp[j]);
	for (size_t i = j * t->every; i < k; i++, applied++) {
		timeline_event(t, i, &ev);
		view_state_apply(s, &ev);
	}
	return applied;
}

size_t
timeline_bytes(const struct timeline *t)
{
	return sizeof *t + t->cap * sizeof *t->rec +
	    t->cpcap * sizeof *t->cp +
	    (t->ncp + 1) * (size_t)t->n * sizeof(struct view_vm);
}
