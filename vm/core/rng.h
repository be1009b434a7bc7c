/* vm/core/rng.h -- seeded random numbers: one reproducible stream per (seed, stream id) */
#ifndef VM_CORE_RNG_H
#define VM_CORE_RNG_H

#include <stdint.h>

/*
 * Streams: VM i draws its ticks from stream i. The orchestrator draws
 * rates from its own, and the network its own per link and per sender,
 * apart from every VM's (ids are below 2^20, a million VMs and more).
 */
#define RNG_STREAM_RATES UINT64_C(0xffffffff)
#define RNG_STREAM_RUN_ID (RNG_STREAM_RATES - 1)	/* a virtual run's id */
#define RNG_STREAM_LATENCY(src, dst) \
	((UINT64_C(1) << 40) | ((uint64_t)(src) << 20) | (uint64_t)(dst))
#define RNG_STREAM_LOSS(src)	((UINT64_C(2) << 40) | (uint64_t)(src))

struct rng {
	uint64_t s[4];	/* xoshiro256** state, never all zero */
};

void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi);

#endif
