/* vm/core/rng.h -- seeded random numbers: one reproducible stream per (seed, stream id) */
#ifndef VM_CORE_RNG_H
#define VM_CORE_RNG_H

#include <stdint.h>

/* The orchestrator draws rates from its own stream, apart from every VM's. */
#define RNG_STREAM_RATES UINT64_C(0xffffffff)

struct rng {
	uint64_t s[4];	/* xoshiro256** state, never all zero */
};

void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi);

#endif
