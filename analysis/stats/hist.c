/* analysis/stats/hist.c -- exact histogram of clock jump sizes, one count per size */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stats/hist.h"

/* Make room for count[size]; doubling keeps growth off the per-line path. */
static int
grow(struct hist *h, uint64_t size)
{
	/* Most jumps are small: a million VMs each keep one of these. */
	uint32_t cap = h->cap ? h->cap : 8;
	uint32_t *c;

	while (cap <= size)
		cap *= 2;
	if ((c = realloc(h->count, (size_t)cap * sizeof *c)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	memset(c + h->cap, 0, (cap - h->cap) * sizeof *c);
	h->count = c;
	h->cap = cap;
	return 0;
}

int
hist_add(struct hist *h, uint64_t size)
{
	if (size > HIST_LIMIT) {
		errno = ERANGE;
		return -1;
	}
	if (size >= h->cap && grow(h, size) == -1)
		return -1;
	if (h->count[size] == UINT32_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	h->count[size]++;
	h->total++;
	h->sum += size;
	if (size > h->max)
		h->max = (uint32_t)size;
	return 0;
}

uint64_t
hist_count(const struct hist *h, uint64_t size)
{
	return size < h->cap ? h->count[size] : 0;
}

/* In integers, so 95% of 20 is exactly 19, never 19.000000000000004. */
uint64_t
hist_rank(uint64_t n, unsigned pct)
{
	uint64_t rank = (pct * n + 99) / 100;

	return rank > 0 ? rank : 1;
}

uint64_t
hist_percentile(const struct hist *h, unsigned pct)
{
	uint64_t rank = hist_rank(h->total, pct), seen = 0, s = 0;

	if (h->total == 0)
		return 0;
	while ((seen += h->count[s]) < rank)
		s++;		/* ends: the counts add up to total */
	return s;
}

void
hist_free(struct hist *h)
{
	free(h->count);
	memset(h, 0, sizeof *h);
}
