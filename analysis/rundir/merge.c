/* analysis/rundir/merge.c -- the N logs of a run read as one stream in wall-clock order */
#include <stdint.h>
#include <stdlib.h>

#include "analysis/rundir/logpar.h"
#include "analysis/rundir/logread.h"
#include "analysis/rundir/merge.h"

/*
 * A binary min-heap of the logs that still have a line, keyed by the
 * wall_ns of that line: O(log N) per line, one current line per log in
 * memory, so the whole run streams through whatever its length. Each log
 * is read into its slot in place, or parsed ahead by other threads
 * (logpar.c) and taken from their blocks: the merge copies no line.
 */
struct source {
	struct logread *lr;
	struct log_event own;	/* its current line, read here */
	const struct log_event *ev;	/* its current line: own, or in a
					 * block of par's */
	uint32_t left;		/* lines of that block after ev */
};

/* A heap entry carries its key, so comparing touches only the heap. */
struct slot {
	uint64_t wall;		/* wall_ns of the log's current line */
	uint32_t src;
};

struct merge {
	uint32_t n;		/* logs */
	uint32_t started;	/* logs whose first line was read */
	uint32_t live;		/* logs in the heap */
	int stale;		/* heap[0] was handed out: read its next line */
	struct slot *heap;
	struct source *src;
	struct logpar *par;	/* NULL: the logs are read here */
};

static int
before(const struct slot *a, const struct slot *b)
{
	return a->wall < b->wall || (a->wall == b->wall && a->src < b->src);
}

static void
sift_down(struct merge *m, uint32_t i)
{
	struct slot *h = m->heap, tmp;

	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, min = i;

		if (l < m->live && before(&h[l], &h[min]))
			min = l;
		if (r < m->live && before(&h[r], &h[min]))
			min = r;
		if (min == i)
			return;
		tmp = h[i];
		h[i] = h[min];
		h[min] = tmp;
		i = min;
	}
}

static void
sift_up(struct merge *m, uint32_t i)
{
	struct slot *h = m->heap, tmp;

	while (i > 0 && before(&h[i], &h[(i - 1) / 2])) {
		tmp = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = tmp;
		i = (i - 1) / 2;
	}
}

void
merge_close(struct merge *m)
{
	if (m == NULL)
		return;
	logpar_close(m->par);
	free(m->src);
	free(m->heap);
	free(m);
}

struct merge *
merge_new(struct logread *const *lr, uint32_t n, unsigned threads)
{
	struct merge *m = calloc(1, sizeof *m);

	/* calloc(0) may give NULL: a merge of no logs still has room. */
	if (m == NULL || (m->src = calloc(n + 1, sizeof *m->src)) == NULL ||
	    (m->heap = calloc(n + 1, sizeof *m->heap)) == NULL) {
		merge_close(m);
		return NULL;
	}
	m->n = n;
	for (uint32_t i = 0; i < n; i++)
		m->src[i].lr = lr[i];
	/* Threads that cannot start only make the reading slower. */
	if (threads > 0)
		m->par = logpar_new(lr, n, threads);
	return m;
}

/* Read the next line of log i into its slot: 1, 0 at its end, or < 0. */
static int
pull(struct merge *m, uint32_t i, char *err, size_t errlen)
{
	struct source *s = &m->src[i];

	if (s->left > 0) {
		s->ev++;
		s->left--;
		return 1;
	}
	if (m->par != NULL) {
		int rc = logpar_next(m->par, i, &s->ev, &s->left, err, errlen);
		s->left -= rc == 1;
		return rc;
	}
	s->ev = &s->own;
	return logread_next(s->lr, &s->own, err, errlen);
}

/* Read the first line of the next log not started: 1 in the heap, or not. */
static int
start(struct merge *m, uint32_t *vm, char *err, size_t errlen)
{
	uint32_t i = m->started++;
	int rc;

	*vm = i;
	if (m->src[i].lr == NULL || (rc = pull(m, i, err, errlen)) == 0)
		return 0;
	if (rc < 0)
		return rc;
	m->heap[m->live] = (struct slot){ m->src[i].ev->wall_ns, i };
	sift_up(m, m->live++);
	return 1;
}

/* The line handed out last time stayed in place until now: replace it. */
static int
advance(struct merge *m, uint32_t *vm, char *err, size_t errlen)
{
	uint32_t top = m->heap[0].src;
	int rc = pull(m, top, err, errlen);

	m->stale = 0;
	if (rc == 1)
		m->heap[0].wall = m->src[top].ev->wall_ns;
	else
		m->heap[0] = m->heap[--m->live];
	sift_down(m, 0);
	*vm = top;
	return rc;
}

int
merge_next(struct merge *m, const struct log_event **ev, uint32_t *vm,
    char *err, size_t errlen)
{
	int rc;

	while (m->started < m->n)
		if ((rc = start(m, vm, err, errlen)) < 0)
			return rc;
	if (m->stale && (rc = advance(m, vm, err, errlen)) < 0)
		return rc;
	if (m->live == 0)
		return 0;
	*vm = m->heap[0].src;
	*ev = m->src[*vm].ev;
	m->stale = 1;
	return 1;
}
