/* tests/check_view.c -- unit tests of view/state and view/timeline: the ring built event by event, and stepped back from checkpoints */
#include <stdint.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "view/state.h"
#include "view/timeline.h"
#include "vm/core/rng.h"

static struct log_event
event(uint32_t vm, enum log_kind kind, uint64_t ns, uint64_t lamport,
    uint64_t queue)
{
	return (struct log_event){ .vm = vm, .kind = kind, .wall_ns = ns,
	    .lamport = lamport, .queue_len = queue, .npeers = kind == LOG_INTERNAL ?
	    0 : 1, .peers = { (vm + 1) % 3, 0 }, .seq = ns / 7, .src_seq =
	    kind == LOG_RECV ? 5 : 0, .msg_lamport = kind == LOG_RECV ? 9 : 0 };
}

static void
assert_same_event(const struct log_event *a, const struct log_event *b)
{
	ck_assert_uint_eq(a->vm, b->vm);
	ck_assert_uint_eq(a->seq, b->seq);
	ck_assert_int_eq(a->kind, b->kind);
	ck_assert_uint_eq(a->wall_ns, b->wall_ns);
	ck_assert_uint_eq(a->lamport, b->lamport);
	ck_assert_uint_eq(a->queue_len, b->queue_len);
	ck_assert_uint_eq(a->npeers, b->npeers);
	ck_assert_uint_eq(a->peers[0], b->peers[0]);
	ck_assert_uint_eq(a->peers[1], b->peers[1]);
	ck_assert_uint_eq(a->src_seq, b->src_seq);
	ck_assert_uint_eq(a->msg_lamport, b->msg_lamport);
}

static void
assert_same_state(const struct view_state *a, const struct view_state *b)
{
	ck_assert_uint_eq(a->n, b->n);
	ck_assert_uint_eq(a->now_ns, b->now_ns);
	ck_assert_uint_eq(a->events, b->events);
	ck_assert_mem_eq(a->vm, b->vm, a->n * sizeof *a->vm);
}

START_TEST(apply_sets_the_vms_clock_queue_time_and_counts)
{
	struct view_state s;
	struct log_event e1 = event(1, LOG_SEND, 100, 4, 2);
	struct log_event e2 = event(1, LOG_RECV, 250, 11, 1);
	struct log_event e3 = event(0, LOG_INTERNAL, 300, 2, 0);

	ck_assert_int_eq(view_state_init(&s, 3), 0);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_uint_eq(s.events, 0);
	view_state_apply(&s, &e1);
	view_state_apply(&s, &e2);
	view_state_apply(&s, &e3);
	ck_assert_uint_eq(s.vm[1].lamport, 11);
	ck_assert_uint_eq(s.vm[1].queue_len, 1);
	ck_assert_uint_eq(s.vm[1].last_ns, 250);
	ck_assert_uint_eq(s.vm[1].count[LOG_SEND], 1);
	ck_assert_uint_eq(s.vm[1].count[LOG_RECV], 1);
	ck_assert_uint_eq(s.vm[1].count[LOG_INTERNAL], 0);
	ck_assert_uint_eq(s.vm[0].lamport, 2);
	ck_assert_uint_eq(s.vm[0].count[LOG_INTERNAL], 1);
	ck_assert_uint_eq(s.vm[2].lamport, 0);
	ck_assert_uint_eq(s.now_ns, 300);
	ck_assert_uint_eq(s.events, 3);
	view_state_free(&s);
}
END_TEST

START_TEST(copy_is_whole_and_apart_from_its_source)
{
	struct view_state a, b;
	struct log_event e = event(2, LOG_RECV, 40, 7, 3);

	ck_assert_int_eq(view_state_init(&a, 3), 0);
	ck_assert_int_eq(view_state_init(&b, 3), 0);
	view_state_apply(&a, &e);
	view_state_copy(&b, &a);
	assert_same_state(&a, &b);
	ck_assert_ptr_ne(a.vm, b.vm);
	e.wall_ns = 50;
	view_state_apply(&a, &e);
	ck_assert_uint_eq(b.vm[2].count[LOG_RECV], 1);
	ck_assert_uint_eq(b.events, 1);
	view_state_free(&a);
	view_state_free(&b);
}
END_TEST

/* n events of 3 VMs in time order, drawn from seed. */
static void
fill(struct timeline *t, struct log_event *ev, size_t n, uint64_t seed)
{
	struct rng r;
	uint64_t ns = 0, clock[3] = { 0 };

	rng_seed(&r, seed, 0);
	for (size_t i = 0; i < n; i++) {
		uint32_t vm = (uint32_t)(rng_next(&r) % 3);

		ns += rng_next(&r) % 3;	/* ties too */
		clock[vm] += 1 + rng_next(&r) % 4;
		ev[i] = event(vm, (enum log_kind)(rng_next(&r) % LOG_KINDS), ns,
		    clock[vm], rng_next(&r) % 5);
		ck_assert_int_eq(timeline_add(t, &ev[i]), 0);
	}
}

START_TEST(timeline_gives_back_each_event_as_added)
{
	enum { N = 3000 };
	static struct log_event ev[N];
	struct timeline *t = timeline_new(3, 64);
	struct log_event got;

	ck_assert_ptr_nonnull(t);
	fill(t, ev, N, 7);
	ck_assert_uint_eq(timeline_len(t), N);
	for (size_t i = 0; i < N; i++) {
		timeline_event(t, i, &got);
		assert_same_event(&got, &ev[i]);
		ck_assert_uint_eq(timeline_ns(t, i), ev[i].wall_ns);
	}
	timeline_free(t);
}
END_TEST

START_TEST(count_at_is_the_events_up_to_a_time)
{
	enum { N = 500 };
	static struct log_event ev[N];
	struct timeline *t = timeline_new(3, 16);

	fill(t, ev, N, 3);
	for (uint64_t ns = 0; ns <= ev[N - 1].wall_ns + 1; ns++) {
		size_t want = 0;

		while (want < N && ev[want].wall_ns <= ns)
			want++;
		ck_assert_uint_eq(timeline_count_at(t, ns), want);
	}
	timeline_free(t);
}
END_TEST

/*
 * Forward N events one by one, then back N one by one: each state on the
 * way back is the one met on the way forward, and each step back applies
 * fewer events than lie between two checkpoints.
 */
START_TEST(forward_then_back_meets_the_same_states)
{
	enum { N = 2000, EVERY = 50 };
	static struct log_event ev[N];
	static struct view_state fwd[N + 1];
	struct timeline *t = timeline_new(3, EVERY);
	struct view_state back;

	fill(t, ev, N, 11);
	ck_assert_int_eq(view_state_init(&fwd[0], 3), 0);
	for (size_t k = 1; k <= N; k++) {
		ck_assert_int_eq(view_state_init(&fwd[k], 3), 0);
		view_state_copy(&fwd[k], &fwd[k - 1]);
		view_state_apply(&fwd[k], &ev[k - 1]);
	}
	ck_assert_int_eq(view_state_init(&back, 3), 0);
	for (size_t k = N + 1; k-- > 0;) {
		ck_assert_uint_lt(timeline_seek(t, k, &back), EVERY);
		assert_same_state(&back, &fwd[k]);
	}
	for (size_t k = 0; k <= N; k++)
		view_state_free(&fwd[k]);
	view_state_free(&back);
	timeline_free(t);
}
END_TEST

START_TEST(an_empty_timeline_seeks_to_the_empty_ring)
{
	struct timeline *t = timeline_new(4, 8);
	struct view_state s;

	ck_assert_int_eq(view_state_init(&s, 4), 0);
	s.events = 99;
	ck_assert_uint_eq(timeline_seek(t, 0, &s), 0);
	ck_assert_uint_eq(s.events, 0);
	ck_assert_uint_eq(timeline_count_at(t, 1000), 0);
	view_state_free(&s);
	timeline_free(t);
}
END_TEST

Suite *
make_view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("state");

	tcase_add_test(tc, apply_sets_the_vms_clock_queue_time_and_counts);
	tcase_add_test(tc, copy_is_whole_and_apart_from_its_source);
	suite_add_tcase(s, tc);
	tc = tcase_create("timeline");
	tcase_add_test(tc, timeline_gives_back_each_event_as_added);
	tcase_add_test(tc, count_at_is_the_events_up_to_a_time);
	tcase_add_test(tc, forward_then_back_meets_the_same_states);
	tcase_add_test(tc, an_empty_timeline_seeks_to_the_empty_ring);
	suite_add_tcase(s, tc);
	return s;
}
