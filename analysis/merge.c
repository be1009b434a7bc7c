/* analysis/merge.c -- the N logs of a run read as one stream in wall-clock order */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/logread.h"
#include "analysis/merge.h"

/*
 * A binary min-heap of the logs that still have a line, keyed by the
 * wall_ns of that line: O(log N) per line, one current line per log in
 * memory, so the whole run streams through whatever its length.
 */
struct source {
	struct logread *lr;
	struct log_event ev;	/* its current line, at the heap's mercy */
};

/* A heap entry carries its key, so comparing touches only the heap. */
struct slot {
	uint64_t wall;		/* wall_ns of the log's current line */
	uint32_t src;
};

struct merge {
	uint32_t n;		/* logs */
	uint32_t live;		/* logs in the heap */
	int stale;		/* heap[0] was handed out: read its next line */
	struct slot *heap;
	struct source *src;
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

/* Read the next line of src[i]: 1, 0 at its end, -1 with err. */
static int
pull(struct merge *m, uint32_t i, char *err, size_t errlen)
{
	int rc = logread_next(m->src[i].lr, &m->src[i].ev, err, errlen);

	return rc < 0 ? -1 : rc;
}

void
merge_close(struct merge *m)
{
	if (m == NULL)
		return;
	for (uint32_t i = 0; i < m->n; i++)
		logread_close(m->src[i].lr);
	free(m->src);
	free(m->heap);
	free(m);
}

struct merge *
merge_open(const char *dir, uint32_t nvms, char *err, size_t errlen)
{
	struct merge *m = calloc(1, sizeof *m);
	char path[4096];
	int rc;

	if (m == NULL || (m->src = calloc(nvms, sizeof *m->src)) == NULL ||
	    (m->heap = calloc(nvms, sizeof *m->heap)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	m->n = nvms;
	for (uint32_t i = 0; i < nvms; i++) {
		snprintf(path, sizeof path, "%s/vm%" PRIu32 ".csv", dir, i);
		if ((m->src[i].lr = logread_open(path, err, errlen)) == NULL ||
		    (rc = pull(m, i, err, errlen)) == -1)
			goto fail;
		if (rc == 1)
			m->heap[m->live++] = (struct slot){
				m->src[i].ev.wall_ns, i };
	}
	for (uint32_t i = m->live / 2; i-- > 0;)
		sift_down(m, i);
	return m;
fail:
	merge_close(m);
	return NULL;
}

int
merge_next(struct merge *m, const struct log_event **ev, uint32_t *vm,
    char *err, size_t errlen)
{
	int rc;

	/* The line handed out last time stayed in place until now. */
	if (m->stale) {
		uint32_t top = m->heap[0].src;
		m->stale = 0;
		if ((rc = pull(m, top, err, errlen)) == -1)
			return -1;
		if (rc == 0)
			m->heap[0] = m->heap[--m->live];
		else
			m->heap[0].wall = m->src[top].ev.wall_ns;
		sift_down(m, 0);
	}
	if (m->live == 0)
		return 0;
	*vm = m->heap[0].src;
	*ev = &m->src[*vm].ev;
	m->stale = 1;
	return 1;
}
