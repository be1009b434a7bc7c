/* tests/check_recent.c -- unit tests of sim/recent: recent events of every VM merged in model-time order, the newest kept */
#include <stdint.h>

#include <check.h>

#include "sim/recent.h"
#include "tests/suites.h"
#include "vm/core/logline.h"

static struct log_event
at(uint32_t vm, uint64_t seq, uint64_t ns)
{
	return (struct log_event){ .vm = vm, .seq = seq, .wall_ns = ns };
}

/* The held events from model time 0 on are these, in this order. */
static void
holds(const struct recent *s, const struct log_event *want, size_t n)
{
	const struct log_event *ev;

	ck_assert_uint_eq(recent_since(s, 0, &ev), n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(ev[i].vm == want[i].vm && ev[i].seq == want[i].seq,
		    "event %zu: vm %u seq %llu, not vm %u seq %llu", i,
		    (unsigned)ev[i].vm, (unsigned long long)ev[i].seq,
		    (unsigned)want[i].vm, (unsigned long long)want[i].seq);
}

START_TEST(batches_of_several_vms_merge_in_model_time_order)
{
	struct recent *s = recent_new(16);
	struct log_event b1[] = { at(1, 0, 10), at(1, 1, 40), at(0, 0, 20) };
	/* vm 0 stamped 30 before vm 1's 40, but put it after: it is late. */
	struct log_event b2[] = { at(0, 1, 30), at(0, 2, 50), at(1, 2, 50) };
	struct log_event want[] = { at(1, 0, 10), at(0, 0, 20), at(0, 1, 30),
		at(1, 1, 40), at(0, 2, 50), at(1, 2, 50) };

	ck_assert_ptr_nonnull(s);
	recent_add(s, b1, 3);
	recent_add(s, b2, 3);
	holds(s, want, 6);
	recent_free(s);
}
END_TEST

START_TEST(the_newest_are_kept_when_full)
{
	struct recent *s = recent_new(3);
	struct log_event b1[] = { at(0, 0, 10), at(0, 1, 20) };
	struct log_event b2[] = { at(1, 0, 15), at(1, 1, 30), at(1, 2, 40) };
	struct log_event want[] = { at(0, 1, 20), at(1, 1, 30), at(1, 2, 40) };

	ck_assert_ptr_nonnull(s);
	recent_add(s, b1, 2);
	recent_add(s, b2, 3);
	holds(s, want, 3);
	recent_free(s);
}
END_TEST

START_TEST(since_gives_the_window_from_a_model_time)
{
	struct recent *s = recent_new(8);
	struct log_event b[] = { at(0, 0, 10), at(0, 1, 20), at(1, 0, 20),
		at(1, 1, 30) };
	const struct log_event *ev;

	ck_assert_ptr_nonnull(s);
	recent_add(s, b, 4);
	ck_assert_uint_eq(recent_since(s, 20, &ev), 3);
	ck_assert_uint_eq(ev[0].wall_ns, 20);
	ck_assert_uint_eq(recent_since(s, 31, &ev), 0);
	ck_assert_uint_eq(recent_since(s, 0, &ev), 4);
	recent_free(s);
}
END_TEST

Suite *
make_recent_suite(void)
{
	Suite *s = suite_create("recent");
	TCase *tc = tcase_create("recent");

	tcase_add_test(tc, batches_of_several_vms_merge_in_model_time_order);
	tcase_add_test(tc, the_newest_are_kept_when_full);
	tcase_add_test(tc, since_gives_the_window_from_a_model_time);
	suite_add_tcase(s, tc);
	return s;
}
