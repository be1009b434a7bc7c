/* sim/vqueue.c -- the virtual driver's queue of ticks: VM ids grouped by model time, soonest first, ties by id */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "sim/vqueue.h"

/*
 * A ring's ticks fall on few instants: at the default rates (1 to 6 a
 * second) every VM ticks at one of a dozen or so moments of each second,
 * hundreds of thousands of them at once in a big ring. So ticks are kept
 * as one slot per instant, a plain array of ids, found by a hash of the
 * time; a small heap orders the slots. Popping walks the soonest slot's
 * array in id order (sorted once, when its turn comes), which is a
 * sequential read that lets the driver fetch the VMs ahead of use,
 * instead of a heap of a million entries missing the cache at each level.
 * With rates that spread ticks over many instants it is a heap of slots.
 */
struct slot {
	uint64_t t;
	uint32_t *id;		/* the VMs ticking at t */
	uint32_t n, cap;
	uint32_t at;		/* popped so far: sorted once at > 0 */
};

struct vqueue {
	struct slot *slot;	/* every slot made, in use or free */
	uint32_t nslot;
	uint32_t *free;		/* slots not in use */
	uint32_t nfree;
	uint32_t *heap;		/* slots in use, by t */
	uint32_t nheap;
	uint32_t *hash;		/* slot + 1 by t, linear probing; 0 empty */
	uint32_t hcap;		/* a power of two, over twice nheap */
};

struct vqueue *
vqueue_new(void)
{
	return calloc(1, sizeof (struct vqueue));
}

void
vqueue_free(struct vqueue *q)
{
	if (q == NULL)
		return;
	for (uint32_t i = 0; i < q->nslot; i++)
		free(q->slot[i].id);
	free(q->slot);
	free(q->free);
	free(q->heap);
	free(q->hash);
	free(q);
}

void
vqueue_clear(struct vqueue *q)
{
	q->nfree = 0;
	for (uint32_t i = 0; i < q->nslot; i++)
		q->free[q->nfree++] = i;
	q->nheap = 0;
	if (q->hcap > 0)
		memset(q->hash, 0, q->hcap * sizeof *q->hash);
}

static uint32_t
hash_of(const struct vqueue *q, uint64_t t)
{
	t ^= t >> 29;
	t *= UINT64_C(0xbf58476d1ce4e5b9);
	return (uint32_t)(t >> 32) & (q->hcap - 1);
}

/* Where t's slot is in the table, or the empty place it would take. */
static uint32_t
probe(const struct vqueue *q, uint64_t t)
{
	uint32_t h = hash_of(q, t);

	while (q->hash[h] != 0 && q->slot[q->hash[h] - 1].t != t)
		h = (h + 1) & (q->hcap - 1);
	return h;
}

/* Room for another slot in use: the table at most half full. */
static int
grow_hash(struct vqueue *q)
{
	uint32_t old = q->hcap, *was = q->hash;

	if (2 * (q->nheap + 1) <= q->hcap)
		return 0;
	q->hcap = old ? 2 * old : 64;
	if ((q->hash = calloc(q->hcap, sizeof *q->hash)) == NULL) {
		q->hash = was;
		q->hcap = old;
		return -1;
	}
	for (uint32_t i = 0; i < old; i++)
		if (was[i] != 0)
			q->hash[probe(q, q->slot[was[i] - 1].t)] = was[i];
	free(was);
	return 0;
}

/* Backward-shift deletion keeps every probe run unbroken. */
static void
unhash(struct vqueue *q, uint64_t t)
{
	uint32_t i = probe(q, t), j = i, mask = q->hcap - 1;

	for (;;) {
		q->hash[i] = 0;
		for (;;) {
			j = (j + 1) & mask;
			if (q->hash[j] == 0)
				return;
			uint32_t home = hash_of(q, q->slot[q->hash[j] - 1].t);
			/* Stays if its home lies cyclically in (i, j]. */
			if (i <= j ? (home <= i || home > j) : (home <= i && home > j))
				break;
		}
		q->hash[i] = q->hash[j];
		i = j;
	}
}

static bool
sooner(const struct vqueue *q, uint32_t a, uint32_t b)
{
	return q->slot[a].t < q->slot[b].t;
}

static void
heap_up(struct vqueue *q, uint32_t i)
{
	uint32_t s = q->heap[i];

	while (i > 0 && sooner(q, s, q->heap[(i - 1) / 2])) {
		q->heap[i] = q->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	q->heap[i] = s;
}

static void
heap_down(struct vqueue *q)
{
	uint32_t s = q->heap[0], i = 0;

	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= q->nheap)
			break;
		if (c + 1 < q->nheap && sooner(q, q->heap[c + 1], q->heap[c]))
			c++;
		if (!sooner(q, q->heap[c], s))
			break;
		q->heap[i] = q->heap[c];
		i = c;
	}
	q->heap[i] = s;
}

/* A slot for t, in the table and the heap: its index, or -1. */
static int64_t
new_slot(struct vqueue *q, uint64_t t, uint32_t h)
{
	uint32_t s;

	if (q->nfree == 0) {
		uint32_t n = q->nslot + 1;
		struct slot *sl = realloc(q->slot, n * sizeof *sl);
		if (sl == NULL)
			return -1;
		q->slot = sl;
		uint32_t *f = realloc(q->free, n * sizeof *f);
		uint32_t *hp = f == NULL ? NULL : realloc(q->heap, n * sizeof *hp);
		if (f != NULL)
			q->free = f;
		if (hp == NULL)
			return -1;
		q->heap = hp;
		q->slot[q->nslot] = (struct slot){ 0 };
		q->free[q->nfree++] = q->nslot++;
	}
	s = q->free[--q->nfree];
	q->slot[s].t = t;
	q->slot[s].n = q->slot[s].at = 0;
	q->hash[h] = s + 1;
	q->heap[q->nheap] = s;
	heap_up(q, q->nheap++);
	return s;
}

int
vqueue_push(struct vqueue *q, uint64_t t, uint32_t id)
{
	int64_t s;

	if (grow_hash(q) == -1)
		return -1;
	uint32_t h = probe(q, t);
	if (q->hash[h] != 0)
		s = q->hash[h] - 1;
	else if ((s = new_slot(q, t, h)) == -1)
		return -1;
	struct slot *sl = &q->slot[s];
	assert(sl->at == 0);	/* never into the instant being popped */
	if (sl->n == sl->cap) {
		uint32_t cap = sl->cap ? 2 * sl->cap : 16;
		uint32_t *a = realloc(sl->id, cap * sizeof *a);
		if (a == NULL)
			return -1;
		sl->id = a;
		sl->cap = cap;
	}
	sl->id[sl->n++] = id;
	return 0;
}

bool
vqueue_peek(const struct vqueue *q, uint64_t *t)
{
	if (q->nheap == 0)
		return false;
	*t = q->slot[q->heap[0]].t;
	return true;
}

static int
by_id(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Ids come in ascending runs, one per instant that pushed them. */
static void
sort_ids(struct slot *sl)
{
	for (uint32_t i = 1; i < sl->n; i++)
		if (sl->id[i] < sl->id[i - 1]) {
			qsort(sl->id, sl->n, sizeof *sl->id, by_id);
			return;
		}
}

uint32_t
vqueue_pop(struct vqueue *q)
{
	uint32_t s = q->heap[0];
	struct slot *sl = &q->slot[s];

	if (sl->at == 0)
		sort_ids(sl);
	uint32_t id = sl->id[sl->at++];
	if (sl->at == sl->n) {
		unhash(q, sl->t);
		q->free[q->nfree++] = s;
		q->heap[0] = q->heap[--q->nheap];
		if (q->nheap > 0)
			heap_down(q);
	}
	return id;
}

bool
vqueue_ahead(const struct vqueue *q, uint32_t k, uint32_t *id)
{
	const struct slot *sl;

	if (q->nheap == 0)
		return false;
	sl = &q->slot[q->heap[0]];
	if (sl->at == 0 || sl->at + k >= sl->n)
		return false;
	*id = sl->id[sl->at + k];
	return true;
}
