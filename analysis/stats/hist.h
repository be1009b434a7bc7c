/* analysis/stats/hist.h -- exact histogram of clock jump sizes, one count per size */
#ifndef ANALYSIS_STATS_HIST_H
#define ANALYSIS_STATS_HIST_H

#include <stddef.h>
#include <stdint.h>

/*
 * Sizes are counted in an array indexed by size, grown on demand: a jump
 * is at most the final clock, so the array is bounded by it, and any
 * percentile is exact. Larger than HIST_LIMIT is refused as corrupt. A
 * count is 32 bits (a summary run keeps a histogram for each of a million
 * VMs): one more jump of a size already counted UINT32_MAX times is
 * refused, never wrapped (a log of some 100 GB per VM).
 */
#define HIST_LIMIT	(UINT64_C(1) << 24)

struct hist {
	uint32_t *count;	/* count[s]: jumps of size s */
	uint32_t cap;		/* entries of count (HIST_LIMIT + 1 at most) */
	uint32_t max;		/* largest size, 0 while empty */
	uint64_t total;		/* jumps counted */
	uint64_t sum;		/* of their sizes */
};

/* 0, or -1 with errno ENOMEM, ERANGE (size above HIST_LIMIT) or EOVERFLOW
 * (its count at UINT32_MAX). */
int hist_add(struct hist *h, uint64_t size);
uint64_t hist_count(const struct hist *h, uint64_t size);
/*
 * The nearest-rank rule every percentile of clockring uses: of n values
 * (n > 0) in order, the pct-th percentile is the one at 1-based rank
 * ceil(pct * n / 100), and at least the first.
 */
uint64_t hist_rank(uint64_t n, unsigned pct);
/* Nearest rank: the smallest size with at least pct% of jumps at or below. */
uint64_t hist_percentile(const struct hist *h, unsigned pct);
void hist_free(struct hist *h);

#endif
