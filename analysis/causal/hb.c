/* analysis/causal/hb.c -- how many pairs of events happened-before orders, and how many concurrent ones Lamport order still ranks */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/causal/hb.h"

/*
 * a -> b exactly when V(b)[i] >= V(a)[i], i being a's VM; along the ticks
 * of one VM j, V[i] never falls, so the ticks of j that a happened before
 * are a suffix of them, found by binary search. Summed over every a and
 * every j, that counts all ordered pairs (each once: a -> b and b -> a
 * never both hold) in O(events * VMs * log events); the others are
 * concurrent. Lamport order ranks every pair but those of equal clocks:
 * grouping the events by clock, the same count within each group gives
 * how many tied pairs are ordered (none, in a run that passes check) and
 * so how many are concurrent.
 */

/* A set of events: runs of one VM each, in the VM's order. */
struct run {
	uint32_t vm;
	size_t lo, hi;		/* [lo, hi) of the set */
};

uint32_t
hb_distance(uint32_t n, uint32_t i, uint32_t j)
{
	uint32_t d = i > j ? i - j : j - i;

	return d < n - d ? d : n - d;
}

/*
 * pairs more pairs of VMs i and j, ordered of them causally ordered:
 * counted as they are (tie 0), or (tie 1) taken back from the ranked
 * ones, being pairs of equal clocks.
 */
static void
credit(struct hb *h, uint32_t i, uint32_t j, uint64_t pairs, uint64_t ordered,
    int tie)
{
	struct hb_tally *t[3] = { &h->all, &h->dist[hb_distance(h->n, i, j)],
		&h->vm[i < j ? i : j] };

	for (int k = 0; k < 3; k++)
		if (tie) {
			t[k]->ranked -= pairs;
			t[k]->ranked_concurrent -= pairs - ordered;
		} else {
			t[k]->pairs += pairs;
			t[k]->ordered += ordered;
			t[k]->ranked += pairs;
			t[k]->ranked_concurrent += pairs - ordered;
		}
}

/* Split set (sorted by VM, then order) into runs: how many. */
static size_t
runs_of(const struct vclock_run *r, const size_t *set, size_t len,
    struct run *run)
{
	size_t k = 0;

	for (size_t x = 0; x < len; x++) {
		uint32_t vm = r->ev[set[x]].vm;
		if (k == 0 || run[k - 1].vm != vm)
			run[k++] = (struct run){ .vm = vm, .lo = x, .hi = x };
		run[k - 1].hi = x + 1;
	}
	return k;
}

/* How many events of run q event a happened before. */
static uint64_t
successors(const struct vclock_run *r, const size_t *set, size_t a,
    const struct run *q)
{
	uint32_t i = r->ev[a].vm, c = vclock_of(r, a)[i];
	size_t lo = q->lo, hi = q->hi;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (vclock_of(r, set[mid])[i] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Within a's own VM the suffix starts at a itself. */
	return q->hi - lo - (q->vm == i);
}

/* Every pair of set (sorted by VM, then order) into h. */
static void
count_set(const struct vclock_run *r, struct hb *h, const size_t *set,
    size_t len, int tie, struct run *run)
{
	size_t nrun = runs_of(r, set, len, run);

	for (size_t p = 0; p < nrun; p++) {
		uint64_t cp = run[p].hi - run[p].lo;
		credit(h, run[p].vm, run[p].vm, cp * (cp - 1) / 2, 0, tie);
		for (size_t q = p + 1; q < nrun; q++)
			credit(h, run[p].vm, run[q].vm,
			    cp * (run[q].hi - run[q].lo), 0, tie);
	}
	for (size_t p = 0; p < nrun; p++)
		for (size_t x = run[p].lo; x < run[p].hi; x++)
			for (size_t q = 0; q < nrun; q++)
				credit(h, run[p].vm, run[q].vm, 0,
				    successors(r, set, set[x], &run[q]), tie);
}

/* An event's place among those of equal clocks. */
struct tie_key {
	uint64_t lamport;
	uint32_t vm;
	size_t at;		/* its index: each VM's in its log's order */
};

static int
by_clock(const void *pa, const void *pb)
{
	const struct tie_key *a = pa, *b = pb;

	if (a->lamport != b->lamport)
		return a->lamport < b->lamport ? -1 : 1;
	if (a->vm != b->vm)
		return a->vm < b->vm ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

/*
 * The tied pairs, group by group of equal clocks (each sorted by VM, then
 * order), taken from the ranked. 0, or -1 (ENOMEM).
 */
static int
count_ties(const struct vclock_run *r, struct hb *h, size_t *set,
    struct run *run)
{
	struct tie_key *key = malloc((r->nev ? r->nev : 1) * sizeof *key);

	if (key == NULL)
		return -1;
	for (size_t x = 0; x < r->nev; x++)
		key[x] = (struct tie_key){ r->ev[x].lamport, r->ev[x].vm, x };
	qsort(key, r->nev, sizeof *key, by_clock);
	for (size_t x = 0; x < r->nev; x++)
		set[x] = key[x].at;
	for (size_t lo = 0, hi; lo < r->nev; lo = hi) {
		for (hi = lo + 1; hi < r->nev &&
		    key[hi].lamport == key[lo].lamport; hi++)
			;
		if (hi - lo > 1)
			count_set(r, h, set + lo, hi - lo, 1, run);
	}
	free(key);
	return 0;
}

/* Every event, VM by VM, each VM's in its order: after each VM's ticks. */
static void
by_vm(const struct vclock_run *r, const struct hb *h, size_t *set,
    struct run *run)
{
	size_t at = 0;

	for (uint32_t i = 0; i < r->n; i++) {
		run[i].lo = at;
		at += h->ticks[i];
	}
	for (size_t x = 0; x < r->nev; x++)
		set[run[r->ev[x].vm].lo++] = x;
}

int
hb_count(const struct vclock_run *r, struct hb *h)
{
	uint32_t n = r->n;
	size_t *set = malloc((r->nev ? r->nev : 1) * sizeof *set);
	struct run *run = malloc((n ? n : 1) * sizeof *run);
	int rc;

	h->n = n;
	h->events = r->nev;
	memset(&h->all, 0, sizeof h->all);
	h->dist = calloc(n / 2 + 1, sizeof *h->dist);
	h->vm = calloc(n ? n : 1, sizeof *h->vm);
	h->ticks = calloc(n ? n : 1, sizeof *h->ticks);
	if (set == NULL || run == NULL || h->dist == NULL || h->vm == NULL ||
	    h->ticks == NULL) {
		free(set);
		free(run);
		hb_free(h);
		errno = ENOMEM;
		return -1;
	}
	for (size_t x = 0; x < r->nev; x++)
		h->ticks[r->ev[x].vm]++;
	by_vm(r, h, set, run);	/* run as scratch, before count_set's */
	count_set(r, h, set, r->nev, 0, run);
	rc = count_ties(r, h, set, run);
	free(set);
	free(run);
	if (rc == -1) {
		hb_free(h);
		errno = ENOMEM;
	}
	return rc;
}

void
hb_free(struct hb *h)
{
	free(h->dist);
	free(h->vm);
	free(h->ticks);
	h->dist = NULL;
	h->vm = NULL;
	h->ticks = NULL;
}

struct hb_window {
	struct vclock_build *b;
	uint32_t n;
	double t0, last;	/* the span's start; its latest tick taken */
	size_t events;
	int cut;
};

struct hb_window *
hb_window_new(uint32_t n, double t0)
{
	struct hb_window *w = calloc(1, sizeof *w);

	if (w == NULL || (w->b = vclock_build_new(n)) == NULL) {
		free(w);
		return NULL;
	}
	w->n = n;
	w->t0 = t0;
	w->last = t0;
	return w;
}

int
hb_window_add(struct hb_window *w, double t, const struct log_event *ev)
{
	if (w->cut)
		return 0;
	if (w->events == HB_MAX_EVENTS ||
	    (w->events + 1) * w->n > HB_MAX_CELLS) {
		w->cut = 1;
		return 0;
	}
	if (vclock_build_add(w->b, ev) == -1)
		return -1;
	w->events++;
	w->last = t;
	return 0;
}

int
hb_window_end(struct hb_window *w, double t1, struct hb *h, char *err,
    size_t errlen)
{
	struct vclock_run r;
	int rc;

	memset(h, 0, sizeof *h);
	h->t0 = w->t0;
	h->t1 = w->cut ? w->last : t1;
	h->cut = w->cut;
	rc = vclock_build_end(w->b, &r, err, errlen);
	w->b = NULL;
	hb_window_free(w);
	if (rc == -1)
		return -1;
	if ((rc = hb_count(&r, h)) == -1)
		snprintf(err, errlen, "out of memory counting the pairs of %zu "
		    "events", r.nev);
	vclock_free(&r);
	return rc;
}

void
hb_window_free(struct hb_window *w)
{
	if (w == NULL)
		return;
	vclock_build_free(w->b);
	free(w);
}
