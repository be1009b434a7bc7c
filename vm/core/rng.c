/* vm/core/rng.c -- xoshiro256** seeded through splitmix64, per run seed and stream */
#include <assert.h>
#include <stdint.h>

#include "vm/core/rng.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/*
 * Mixing the stream id through splitmix64 before adding it to the seed keeps
 * streams of neighbouring ids (VM 0, VM 1, ...) unrelated, and splitmix64
 * output is never all zero over four draws, as xoshiro requires.
 */
void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t mix = stream;
	uint64_t x = seed ^ splitmix64(&mix);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in lo..hi inclusive; rejection keeps every value equally likely. */
uint64_t
rng_range(struct rng *r, uint64_t lo, uint64_t hi)
{
	assert(lo <= hi);
	uint64_t span = hi - lo + 1;
	if (span == 0)	/* the full 64-bit range */
		return rng_next(r);
	uint64_t limit = UINT64_MAX - UINT64_MAX % span;
	uint64_t x;
	do
		x = rng_next(r);
	while (x >= limit);
	return lo + x % span;
}
