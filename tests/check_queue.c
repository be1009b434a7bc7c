/* tests/check_queue.c -- unit tests of vm/queue: FIFO order, growth, threads, producer wait */
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/queue.h"

#define PRODUCERS	4
#define PER_PRODUCER	50000

static struct queue *q;

static void
setup(void)
{
	q = queue_new();
	ck_assert_ptr_nonnull(q);
}

static void
teardown(void)
{
	queue_free(q);
	q = NULL;
}

static void
push(uint32_t src, uint64_t seq)
{
	struct step_msg m = { .src = src, .src_seq = seq, .lamport = seq * 2 };

	ck_assert_int_eq(queue_push(q, &m), 0);
}

/* Pop one message, which must be (src, seq), leaving left behind it. */
static void
pop_expect(uint32_t src, uint64_t seq, size_t left)
{
	struct step_msg m;
	size_t n = 12345;

	ck_assert(queue_pop(q, &m, &n));
	ck_assert_uint_eq(m.src, src);
	ck_assert_uint_eq(m.src_seq, seq);
	ck_assert_uint_eq(m.lamport, seq * 2);
	ck_assert_uint_eq(n, left);
}

/* Pop up to (not including) seq until, checking order and what is left. */
static void
pop_until(uint32_t src, uint64_t *popped, uint64_t until, uint64_t pushed)
{
	while (*popped < until) {
		pop_expect(src, *popped, pushed - *popped - 1);
		(*popped)++;
	}
}

static void
expect_empty(void)
{
	struct step_msg m;
	size_t n = 12345;

	ck_assert(!queue_pop(q, &m, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(queue_len(q), 0);
}

START_TEST(pop_on_an_empty_queue_returns_false_and_zero_left)
{
	expect_empty();
	push(1, 1);
	pop_expect(1, 1, 0);
	expect_empty();
}
END_TEST

START_TEST(messages_come_out_in_the_order_pushed)
{
	for (uint64_t i = 0; i < 10; i++)
		push((uint32_t)i % 3, i);
	ck_assert_uint_eq(queue_len(q), 10);
	for (uint64_t i = 0; i < 10; i++)
		pop_expect((uint32_t)i % 3, i, 9 - i);
	expect_empty();
}
END_TEST

START_TEST(left_counts_what_remains_after_each_pop)
{
	push(0, 0);
	push(0, 1);
	push(0, 2);
	pop_expect(0, 0, 2);
	push(0, 3);
	ck_assert_uint_eq(queue_len(q), 3);
	pop_expect(0, 1, 2);
	pop_expect(0, 2, 1);
	pop_expect(0, 3, 0);
	expect_empty();
}
END_TEST

/*
 * Fill to first, pop half so the head moves, then refill past the old size:
 * the ring wraps before it must grow. Whatever the initial capacity, some
 * first among these makes the grow happen on a wrapped ring.
 */
static void
wrap_then_grow(uint64_t first)
{
	uint64_t pushed = 0, popped = 0;

	while (pushed < first)
		push(7, pushed++);
	pop_until(7, &popped, first / 2, pushed);
	while (pushed < 4 * first + 3)
		push(7, pushed++);
	ck_assert_uint_eq(queue_len(q), pushed - popped);
	pop_until(7, &popped, pushed, pushed);
	expect_empty();
}

START_TEST(queue_grows_past_its_capacity_while_wrapped)
{
	static const uint64_t firsts[] = { 1, 2, 3, 16, 63, 64, 65, 100, 128, 1000 };

	for (size_t i = 0; i < sizeof firsts / sizeof firsts[0]; i++)
		wrap_then_grow(firsts[i]);
}
END_TEST

START_TEST(interleaved_push_and_pop_keep_order_through_many_grows)
{
	uint64_t pushed = 0, popped = 0;

	/* Three in, two out: the head keeps wrapping while the queue grows. */
	for (int round = 0; round < 3000; round++) {
		for (int i = 0; i < 3; i++)
			push(1, pushed++);
		pop_until(1, &popped, popped + 2, pushed);
	}
	pop_until(1, &popped, pushed, pushed);
	expect_empty();
}
END_TEST

static void *
producer(void *arg)
{
	uint32_t src = (uint32_t)(uintptr_t)arg;

	for (uint64_t i = 0; i < PER_PRODUCER; i++) {
		struct step_msg m = { .src = src, .src_seq = i, .lamport = i * 2 };
		if (queue_push(q, &m) != 0)
			break;
	}
	queue_producer_done(q);
	return NULL;
}

START_TEST(concurrent_producers_lose_nothing_and_keep_their_order)
{
	pthread_t t[PRODUCERS];
	uint64_t next[PRODUCERS] = { 0 };
	uint64_t total = 0;

	for (uintptr_t i = 0; i < PRODUCERS; i++) {
		queue_producer_start(q);
		ck_assert_int_eq(pthread_create(&t[i], NULL, producer, (void *)i), 0);
	}
	while (total < (uint64_t)PRODUCERS * PER_PRODUCER) {
		struct step_msg m;
		size_t left;
		/* Never more queued than is still unreceived. */
		ck_assert_uint_le(queue_len(q), PRODUCERS * PER_PRODUCER - total);
		if (!queue_pop(q, &m, &left)) {
			sched_yield();
			continue;
		}
		ck_assert_uint_lt(m.src, PRODUCERS);
		/* Anything lost, doubled or reordered breaks this sequence. */
		ck_assert_uint_eq(m.src_seq, next[m.src]);
		ck_assert_uint_eq(m.lamport, m.src_seq * 2);
		next[m.src]++;
		total++;
	}
	for (int i = 0; i < PRODUCERS; i++) {
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
		ck_assert_uint_eq(next[i], PER_PRODUCER);
	}
	expect_empty();
}
END_TEST

/* An absolute CLOCK_MONOTONIC deadline ms milliseconds from now. */
static struct timespec
deadline_in(long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += ms % 1000 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

static void *
late_producer(void *arg)
{
	struct timespec nap = { 0, 20 * 1000000L };

	(void)arg;
	nanosleep(&nap, NULL);
	queue_producer_done(q);
	return NULL;
}

START_TEST(wait_producers_returns_0_with_no_producer)
{
	struct timespec dl = deadline_in(10000);

	ck_assert_int_eq(queue_wait_producers(q, &dl), 0);
	queue_producer_start(q);
	queue_producer_done(q);
	ck_assert_int_eq(queue_wait_producers(q, &dl), 0);
}
END_TEST

START_TEST(wait_producers_returns_0_once_every_producer_is_done)
{
	pthread_t t[3];
	struct timespec dl = deadline_in(20000);

	for (int i = 0; i < 3; i++) {
		queue_producer_start(q);
		ck_assert_int_eq(pthread_create(&t[i], NULL, late_producer, NULL), 0);
	}
	ck_assert_int_eq(queue_wait_producers(q, &dl), 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
}
END_TEST

START_TEST(wait_producers_returns_minus_1_at_the_deadline_while_one_runs)
{
	struct timespec past = deadline_in(0), soon = deadline_in(50);

	queue_producer_start(q);
	queue_producer_start(q);
	queue_producer_done(q);
	ck_assert_int_eq(queue_wait_producers(q, &past), -1);
	ck_assert_int_eq(queue_wait_producers(q, &soon), -1);
	queue_producer_done(q);
	ck_assert_int_eq(queue_wait_producers(q, &soon), 0);
}
END_TEST

Suite *
make_queue_suite(void)
{
	Suite *s = suite_create("queue");
	TCase *order = tcase_create("order");
	TCase *threads = tcase_create("threads");

	tcase_add_checked_fixture(order, setup, teardown);
	tcase_add_test(order, pop_on_an_empty_queue_returns_false_and_zero_left);
	tcase_add_test(order, messages_come_out_in_the_order_pushed);
	tcase_add_test(order, left_counts_what_remains_after_each_pop);
	tcase_add_test(order, queue_grows_past_its_capacity_while_wrapped);
	tcase_add_test(order, interleaved_push_and_pop_keep_order_through_many_grows);
	suite_add_tcase(s, order);

	/* Generous: ThreadSanitizer slows the 200000 contended pushes a lot. */
	tcase_set_timeout(threads, 120);
	tcase_add_checked_fixture(threads, setup, teardown);
	tcase_add_test(threads, concurrent_producers_lose_nothing_and_keep_their_order);
	tcase_add_test(threads, wait_producers_returns_0_with_no_producer);
	tcase_add_test(threads, wait_producers_returns_0_once_every_producer_is_done);
	tcase_add_test(threads, wait_producers_returns_minus_1_at_the_deadline_while_one_runs);
	suite_add_tcase(s, threads);
	return s;
}
