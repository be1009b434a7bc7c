/* tests/check_shared.c -- unit tests of vm/shared: the core under one lock, its model time, the queue's order, threads, the wait for the links' ends */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/clock.h"
#include "vm/core/core.h"
#include "vm/core/fault.h"
#include "vm/shared.h"

#define SEC		UINT64_C(1000000000)
#define PER_LINK	50000

/* VM 0 of a ring of 3: messages come from 1 (next) and 2 (prev). */
static struct shared *s;
static struct fault slow;

static void
make(const struct fault *f, uint32_t nf, enum vm_on_failure on_failure)
{
	struct core_conf conf = { .id = 0, .n = 3, .draw_max = 10, .seed = 1,
		.on_failure = on_failure, .faults = f, .nfaults = nf };

	ck_assert_ptr_nonnull(s = shared_new(&conf));
}

static void
teardown(void)
{
	shared_free(s);
	s = NULL;
}

static void
arrive(uint32_t src, uint64_t seq)
{
	struct step_msg m = { .src = src, .src_seq = seq, .lamport = seq * 2 };

	ck_assert_int_eq(shared_arrive(s, src, &m), 0);
}

/* One tick: did it take a message (which must be src's seq)? */
static bool
tick_takes(uint32_t src, uint64_t seq)
{
	struct core_out out;

	ck_assert_int_eq(shared_tick(s, &out), 0);
	ck_assert_uint_gt(out.nline, 0);
	const struct step_event *ev = &out.line[0].ev;
	if (ev->kind != STEP_RECV)
		return false;
	ck_assert_uint_eq(ev->msg.src, src);
	ck_assert_uint_eq(ev->msg.src_seq, seq);
	return true;
}

/* What finish leaves: the number of PENDING lines. */
static int
pending_at_finish(void)
{
	struct core_out out;
	struct core_line line;
	int n = 0;

	ck_assert_int_eq(shared_finish(s, &out), 0);
	while (shared_pending(s, &line)) {
		ck_assert_int_eq(line.ev.kind, STEP_PENDING);
		n++;
	}
	return n;
}

/* 1000 s of delay on what 1 sends in [at_s, at_s + 1000). */
static const struct fault *
slow_from(double at_s)
{
	slow = (struct fault){ .kind = FAULT_SLOW, .vm = 1, .to = 0,
	    .at_s = at_s, .for_s = 1000, .delay_s = 1000 };
	return &slow;
}

/*
 * Model time is 0 until the start is known: a window from 0 holds what
 * comes before, one from 1 s does not.
 */
START_TEST(before_the_start_a_message_arrives_at_model_time_0)
{
	make(slow_from(0), 1, VM_ON_FAILURE_STOP);
	arrive(1, 0);
	shared_set_epoch(s, clock_mono_ns() - SEC / 1000, 1);
	ck_assert(!tick_takes(1, 0));
	ck_assert_int_eq(pending_at_finish(), 1);
	teardown();

	make(slow_from(1), 1, VM_ON_FAILURE_STOP);
	arrive(1, 0);
	shared_set_epoch(s, clock_mono_ns() - SEC / 1000, 1);
	ck_assert(tick_takes(1, 0));
	ck_assert_int_eq(pending_at_finish(), 0);
}
END_TEST

/*
 * Model time runs from the epoch at speed times real time: a start 2 real
 * seconds ago at speed 100 is model second 200, in the window [100, 1100)
 * and past the one at [1500, 2500). Wide margins: no timing in this test.
 */
START_TEST(after_the_start_model_time_is_real_time_times_speed)
{
	make(slow_from(100), 1, VM_ON_FAILURE_STOP);
	shared_set_epoch(s, clock_mono_ns() - 2 * SEC, 100);
	arrive(1, 0);
	ck_assert(!tick_takes(1, 0));
	ck_assert_int_eq(pending_at_finish(), 1);
	teardown();

	make(slow_from(1500), 1, VM_ON_FAILURE_STOP);
	shared_set_epoch(s, clock_mono_ns() - 2 * SEC, 100);
	arrive(1, 0);
	ck_assert(tick_takes(1, 0));
	teardown();

	make(slow_from(100), 1, VM_ON_FAILURE_STOP);
	shared_set_epoch(s, clock_mono_ns() - 2 * SEC, 1);	/* model second 2 */
	arrive(1, 0);
	ck_assert(tick_takes(1, 0));
}
END_TEST

/* A broken link is down once the core logs it, and BYE skips it. */
START_TEST(a_peer_is_down_once_the_core_has_logged_it)
{
	struct core_out out;

	make(NULL, 0, VM_ON_FAILURE_CONTINUE);
	shared_set_epoch(s, clock_mono_ns(), 1);
	shared_link_end(s, 2, true);
	ck_assert(!shared_down(s, 2));
	ck_assert_int_eq(shared_tick(s, &out), 0);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_PEER_DOWN);
	ck_assert(shared_down(s, 2));
	ck_assert(!shared_down(s, 1));
	shared_link_end(s, 1, false);	/* a clean end is no peer down */
	ck_assert_int_eq(shared_tick(s, &out), 0);
	ck_assert(!shared_down(s, 1));
}
END_TEST

/* A failed send takes the peer down; its reader's broken end adds nothing. */
START_TEST(a_failed_send_takes_its_peer_down_once)
{
	struct core_out out, failed;

	make(NULL, 0, VM_ON_FAILURE_CONTINUE);
	shared_set_epoch(s, clock_mono_ns(), 1);
	do
		ck_assert_int_eq(shared_tick(s, &out), 0);
	while (out.nto == 0);
	shared_send_failed(s, &out.line[0].ev, out.to[0], &failed);
	ck_assert_int_eq(failed.line[0].ev.kind, STEP_PEER_DOWN);
	ck_assert(shared_down(s, out.to[0]));
	shared_link_end(s, out.to[0], true);
	for (int i = 0; i < 20; i++) {
		ck_assert_int_eq(shared_tick(s, &out), 0);
		for (uint32_t l = 0; l < out.nline; l++)
			ck_assert_int_ne(out.line[l].ev.kind, STEP_PEER_DOWN);
	}
	ck_assert_int_eq(shared_finish(s, &out), 0);
	ck_assert_uint_eq(out.nline, 0);
}
END_TEST

/* The next tick takes (1, seq), leaving `left` in the queue. */
static void
take(uint64_t seq, uint64_t left)
{
	struct core_out out;

	ck_assert_int_eq(shared_tick(s, &out), 0);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_RECV);
	ck_assert_uint_eq(out.line[0].ev.msg.src_seq, seq);
	ck_assert_uint_eq(out.line[0].ev.msg.lamport, seq * 2);
	ck_assert_uint_eq(out.line[0].queue_len, left);
}

/* Take up to (not including) seq until, checking order and what is left. */
static void
take_until(uint64_t *taken, uint64_t until, uint64_t arrived)
{
	while (*taken < until) {
		take(*taken, arrived - *taken - 1);
		(*taken)++;
	}
}

static void
expect_empty(void)
{
	struct core_out out;

	ck_assert_int_eq(shared_tick(s, &out), 0);
	ck_assert_int_ne(out.line[0].ev.kind, STEP_RECV);
	ck_assert_uint_eq(out.line[0].queue_len, 0);
}

/*
 * Fill to first, take half so the head moves, then refill past the old
 * size: the queue wraps before it must grow. Whatever its initial
 * capacity, some first among these makes it grow on a wrapped ring.
 */
static void
wrap_then_grow(uint64_t *arrived, uint64_t *taken, uint64_t first)
{
	uint64_t base = *arrived;

	while (*arrived < base + first)
		arrive(1, (*arrived)++);
	take_until(taken, base + first / 2, *arrived);
	while (*arrived < base + 4 * first + 3)
		arrive(1, (*arrived)++);
	take_until(taken, *arrived, *arrived);
	expect_empty();
}

START_TEST(the_queue_keeps_order_as_it_grows_while_wrapped)
{
	static const uint64_t firsts[] = { 1, 2, 3, 16, 63, 64, 65, 100, 128, 1000 };
	uint64_t arrived = 0, taken = 0;

	make(NULL, 0, VM_ON_FAILURE_STOP);
	shared_set_epoch(s, clock_mono_ns() - SEC / 1000, 1);
	expect_empty();
	for (size_t i = 0; i < sizeof firsts / sizeof firsts[0]; i++)
		wrap_then_grow(&arrived, &taken, firsts[i]);
}
END_TEST

START_TEST(interleaved_arrivals_and_ticks_keep_order_through_many_grows)
{
	uint64_t arrived = 0, taken = 0;

	make(NULL, 0, VM_ON_FAILURE_STOP);
	shared_set_epoch(s, clock_mono_ns() - SEC / 1000, 1);
	/* Three in, two out: the head keeps wrapping while the queue grows. */
	for (int round = 0; round < 3000; round++) {
		for (int i = 0; i < 3; i++)
			arrive(1, arrived++);
		take_until(&taken, taken + 2, arrived);
	}
	take_until(&taken, arrived, arrived);
	expect_empty();
}
END_TEST

static void *
link_thread(void *arg)
{
	uint32_t src = (uint32_t)(uintptr_t)arg;

	for (uint64_t i = 0; i < PER_LINK; i++) {
		struct step_msg m = { .src = src, .src_seq = i, .lamport = i * 2 };
		if (shared_arrive(s, src, &m) != 0)
			break;
	}
	shared_link_end(s, src, false);
	return NULL;
}

/* Two readers and the tick loop at once: nothing lost, doubled or reordered. */
START_TEST(concurrent_links_lose_nothing_and_keep_their_order)
{
	pthread_t t[2];
	uint64_t next[3] = { 0 };
	uint64_t total = 0;
	struct core_out out;

	make(NULL, 0, VM_ON_FAILURE_STOP);
	shared_set_epoch(s, clock_mono_ns(), 1);
	for (uintptr_t i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, link_thread,
		    (void *)(i + 1)), 0);
	/* No ck_assert per tick: each one writes a checkpoint to a pipe. */
	while (total < 2 * PER_LINK) {
		if (shared_tick(s, &out) != 0)
			break;
		const struct step_event *ev = &out.line[0].ev;
		if (ev->kind != STEP_RECV)
			continue;
		if (ev->msg.src < 1 || ev->msg.src > 2 ||
		    ev->msg.src_seq != next[ev->msg.src] ||
		    ev->msg.lamport != ev->msg.src_seq * 2)
			break;
		next[ev->msg.src]++;
		total++;
	}
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
	ck_assert_uint_eq(next[1], PER_LINK);
	ck_assert_uint_eq(next[2], PER_LINK);
	ck_assert_int_eq(shared_wait_ends(s, 2, clock_mono_ns()), 0);
	ck_assert_int_eq(pending_at_finish(), 0);
}
END_TEST

static void *
late_end(void *arg)
{
	struct timespec nap = { 0, 20 * 1000000L };

	nanosleep(&nap, NULL);
	shared_link_end(s, (uint32_t)(uintptr_t)arg, false);
	return NULL;
}

START_TEST(wait_ends_returns_0_once_every_link_has_ended)
{
	pthread_t t[2];

	make(NULL, 0, VM_ON_FAILURE_STOP);
	ck_assert_int_eq(shared_wait_ends(s, 0, 0), 0);
	for (uintptr_t i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, late_end,
		    (void *)(i + 1)), 0);
	ck_assert_int_eq(shared_wait_ends(s, 2, clock_mono_ns() + 20 * SEC), 0);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
}
END_TEST

START_TEST(wait_ends_returns_minus_1_at_the_deadline_while_one_runs)
{
	make(NULL, 0, VM_ON_FAILURE_STOP);
	shared_link_end(s, 1, false);
	ck_assert_int_eq(shared_wait_ends(s, 2, 0), -1);
	ck_assert_int_eq(shared_wait_ends(s, 2, clock_mono_ns() + SEC / 20), -1);
	ck_assert_int_eq(shared_wait_ends(s, 1, 0), 0);
	shared_link_end(s, 2, false);
	ck_assert_int_eq(shared_wait_ends(s, 2, 0), 0);
}
END_TEST

Suite *
make_shared_suite(void)
{
	Suite *suite = suite_create("shared");
	TCase *time = tcase_create("time");
	TCase *order = tcase_create("order");
	TCase *threads = tcase_create("threads");

	tcase_add_checked_fixture(time, NULL, teardown);
	tcase_add_test(time, before_the_start_a_message_arrives_at_model_time_0);
	tcase_add_test(time, after_the_start_model_time_is_real_time_times_speed);
	tcase_add_test(time, a_peer_is_down_once_the_core_has_logged_it);
	tcase_add_test(time, a_failed_send_takes_its_peer_down_once);
	suite_add_tcase(suite, time);
	tcase_add_checked_fixture(order, NULL, teardown);
	tcase_add_test(order, the_queue_keeps_order_as_it_grows_while_wrapped);
	tcase_add_test(order, interleaved_arrivals_and_ticks_keep_order_through_many_grows);
	suite_add_tcase(suite, order);

	/* Generous: ThreadSanitizer slows the 100000 contended arrivals a lot. */
	tcase_set_timeout(threads, 120);
	tcase_add_checked_fixture(threads, NULL, teardown);
	tcase_add_test(threads, concurrent_links_lose_nothing_and_keep_their_order);
	tcase_add_test(threads, wait_ends_returns_0_once_every_link_has_ended);
	tcase_add_test(threads, wait_ends_returns_minus_1_at_the_deadline_while_one_runs);
	suite_add_tcase(suite, threads);
	return suite;
}
