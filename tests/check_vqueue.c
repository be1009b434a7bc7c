/* tests/check_vqueue.c -- the virtual driver's queue of ticks: by time, then id, as a driver uses it */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "sim/vqueue.h"
#include "tests/suites.h"
#include "vm/core/rng.h"

#define N	300

/* The soonest (time, id) of next[], by a plain scan: the reference. */
static uint32_t
soonest(const uint64_t *next)
{
	uint32_t best = 0;

	for (uint32_t i = 1; i < N; i++)
		if (next[i] < next[best])
			best = i;
	return best;
}

/*
 * VMs ticking at a few rates (many ties) or at spread times: each pop is
 * the reference's, and each VM's next tick goes back in, later.
 */
START_TEST(pops_come_by_time_then_id_as_ticks_go_back_in)
{
	static uint64_t next[N];
	struct vqueue *q = vqueue_new();
	struct rng r;
	uint64_t t;

	ck_assert_ptr_nonnull(q);
	rng_seed(&r, 42, (uint64_t)_i);
	for (int round = 0; round < 2; round++) {
		vqueue_clear(q);
		for (uint32_t i = N; i-- > 0;) {	/* ids pushed out of order */
			next[i] = _i == 0 ? rng_range(&r, 0, 3) * 1000 :
			    rng_range(&r, 0, 1000000);
			ck_assert_int_eq(vqueue_push(q, next[i], i), 0);
		}
		for (int k = 0; k < 20000; k++) {
			uint32_t want = soonest(next), got;
			ck_assert(vqueue_peek(q, &t));
			ck_assert_uint_eq(t, next[want]);
			got = vqueue_pop(q);
			ck_assert_uint_eq(got, want);
			next[got] += _i == 0 ? rng_range(&r, 1, 3) * 1000 :
			    rng_range(&r, 1, 1000000);
			ck_assert_int_eq(vqueue_push(q, next[got], got), 0);
		}
	}
	vqueue_free(q);
}
END_TEST

START_TEST(an_empty_queue_has_nothing_to_peek)
{
	struct vqueue *q = vqueue_new();
	uint64_t t;
	uint32_t id;

	ck_assert(!vqueue_peek(q, &t));
	ck_assert_int_eq(vqueue_push(q, 5, 1), 0);
	ck_assert_int_eq(vqueue_push(q, 5, 0), 0);
	ck_assert(!vqueue_ahead(q, 1, &id));	/* its turn has not come */
	ck_assert_uint_eq(vqueue_pop(q), 0);
	ck_assert(!vqueue_ahead(q, 1, &id));
	ck_assert_uint_eq(vqueue_pop(q), 1);
	ck_assert(!vqueue_peek(q, &t));
	vqueue_free(q);
}
END_TEST

Suite *
make_vqueue_suite(void)
{
	Suite *s = suite_create("vqueue");
	TCase *tc = tcase_create("order");

	tcase_add_loop_test(tc, pops_come_by_time_then_id_as_ticks_go_back_in,
	    0, 2);
	tcase_add_test(tc, an_empty_queue_has_nothing_to_peek);
	suite_add_tcase(s, tc);
	return s;
}
