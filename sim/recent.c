/* sim/recent.c -- the recent events of every VM in model-time order, for a live view's space-time strip */
#include <stdint.h>
#include <stdlib.h>

#include "sim/recent.h"
#include "vm/core/logline.h"

/*
 * Two arrays of cap events: the held ones, in order, and room to merge
 * a batch into, swapped after. Each VM's events come in order, but one
 * VM's batch may hold events older than another's of the frame before
 * (stamped, then put a moment later): merging puts them in their place.
 */
struct recent {
	size_t cap, len;
	struct log_event *ev, *spare;
};

struct recent *
recent_new(size_t cap)
{
	struct recent *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->cap = cap;
	s->ev = calloc(cap, sizeof *s->ev);
	s->spare = calloc(cap, sizeof *s->spare);
	if (s->ev == NULL || s->spare == NULL) {
		recent_free(s);
		return NULL;
	}
	return s;
}

void
recent_free(struct recent *s)
{
	if (s == NULL)
		return;
	free(s->ev);
	free(s->spare);
	free(s);
}

/* Model time, then VM, then the VM's own order. */
static int
later(const struct log_event *a, const struct log_event *b)
{
	if (a->wall_ns != b->wall_ns)
		return a->wall_ns > b->wall_ns;
	if (a->vm != b->vm)
		return a->vm > b->vm;
	return a->seq > b->seq;
}

static int
cmp(const void *a, const void *b)
{
	return later(a, b) - later(b, a);
}

/* Merge from the newest down, so that what does not fit is the oldest. */
void
recent_add(struct recent *s, struct log_event *ev, size_t n)
{
	size_t i = s->len, j = n, k = s->len + n < s->cap ? s->len + n : s->cap;

	qsort(ev, n, sizeof *ev, cmp);
	s->len = k;
	while (k > 0) {
		if (j == 0 || (i > 0 && later(&s->ev[i - 1], &ev[j - 1])))
			s->spare[--k] = s->ev[--i];
		else
			s->spare[--k] = ev[--j];
	}
	struct log_event *t = s->ev;
	s->ev = s->spare;
	s->spare = t;
}

size_t
recent_since(const struct recent *s, uint64_t from_ns, const struct log_event **ev)
{
	size_t lo = 0, hi = s->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->ev[mid].wall_ns < from_ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	*ev = s->ev + lo;
	return s->len - lo;
}
