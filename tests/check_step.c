/* tests/check_step.c -- unit tests of vm/core/step: the pure tick decision and Lamport rules */
#include <stdint.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/rng.h"
#include "vm/core/step.h"

/*
 * A generator whose next rng_range(1, draw_max) is want: scan seeds until
 * one gives it. *after is where the generator stands once that draw is made.
 */
static struct rng
rng_drawing(uint64_t want, uint32_t draw_max, struct rng *after)
{
	struct rng r;

	for (uint64_t seed = 0; seed < 100000; seed++) {
		rng_seed(&r, seed, 0);
		*after = r;
		if (rng_range(after, 1, draw_max) == want)
			return r;
	}
	ck_abort_msg("no seed draws %llu of 1..%u", (unsigned long long)want,
	    (unsigned)draw_max);
	return r;
}

/* One idle tick of VM id in a ring of n whose draw is want. */
static struct step_event
idle_tick(uint32_t id, uint32_t n, uint32_t draw_max, uint64_t want)
{
	struct rng after, r = rng_drawing(want, draw_max, &after);
	struct step_vm s;
	struct step_event ev;

	step_init(&s, id, n, draw_max);
	s.lamport = 41;
	step_tick(&s, NULL, &r, &ev);
	ck_assert_uint_eq(ev.lamport, 42);
	ck_assert_uint_eq(s.lamport, 42);
	ck_assert_uint_eq(ev.seq, 0);
	ck_assert_uint_eq(s.seq, 1);
	/* The tick made exactly the one draw, no more. */
	ck_assert(memcmp(&r, &after, sizeof r) == 0);
	return ev;
}

/* The tick sent to dest0 (and dest1 when ndest is 2), in that order. */
static void
check_send(struct step_event ev, uint32_t ndest, uint32_t dest0, uint32_t dest1)
{
	ck_assert_int_eq(ev.kind, STEP_SEND);
	ck_assert_uint_eq(ev.ndest, ndest);
	ck_assert_uint_eq(ev.dest[0], dest0);
	if (ndest == 2)
		ck_assert_uint_eq(ev.dest[1], dest1);
}

START_TEST(draw_1_sends_to_next)
{
	check_send(idle_tick(1, 3, 10, 1), 1, 2, 0);
	check_send(idle_tick(2, 3, 10, 1), 1, 0, 0);
}
END_TEST

START_TEST(draw_2_sends_to_prev)
{
	check_send(idle_tick(1, 3, 10, 2), 1, 0, 0);
	check_send(idle_tick(0, 3, 10, 2), 1, 2, 0);
}
END_TEST

START_TEST(draw_3_sends_to_next_then_prev)
{
	check_send(idle_tick(0, 3, 10, 3), 2, 1, 2);
	check_send(idle_tick(2, 3, 10, 3), 2, 0, 1);
}
END_TEST

START_TEST(draw_above_3_is_internal)
{
	for (uint64_t want = 4; want <= 10; want++) {
		struct step_event ev = idle_tick(1, 3, 10, want);
		ck_assert_int_eq(ev.kind, STEP_INTERNAL);
		ck_assert_uint_eq(ev.ndest, 0);
	}
	/* draw_max 3 never goes internal: every draw is a send. */
	ck_assert_int_eq(idle_tick(1, 3, 3, 3).kind, STEP_SEND);
}
END_TEST

START_TEST(with_two_vms_every_send_goes_once_to_the_one_peer)
{
	for (uint32_t id = 0; id < 2; id++)
		for (uint64_t want = 1; want <= 3; want++)
			check_send(idle_tick(id, 2, 10, want), 1, 1 - id, 0);
	ck_assert_int_eq(idle_tick(0, 2, 10, 4).kind, STEP_INTERNAL);
}
END_TEST

START_TEST(with_256_vms_next_and_prev_wrap_around)
{
	check_send(idle_tick(0, 256, 10, 3), 2, 1, 255);
	check_send(idle_tick(255, 256, 10, 3), 2, 0, 254);
	check_send(idle_tick(255, 256, 10, 1), 1, 0, 0);
	check_send(idle_tick(0, 256, 10, 2), 1, 255, 0);
}
END_TEST

START_TEST(next_and_prev_are_ring_neighbours)
{
	struct step_vm s;

	step_init(&s, 0, 3, 10);
	ck_assert_uint_eq(step_next(&s), 1);
	ck_assert_uint_eq(step_prev(&s), 2);
	step_init(&s, 1, 2, 10);
	ck_assert_uint_eq(step_next(&s), 0);
	ck_assert_uint_eq(step_prev(&s), 0);
	step_init(&s, 255, 256, 10);
	ck_assert_uint_eq(step_next(&s), 0);
	ck_assert_uint_eq(step_prev(&s), 254);
}
END_TEST

/* A RECV at clock local of a message at clock msg: the clock after it. */
static uint64_t
recv_clock(uint64_t local, uint64_t msg)
{
	struct step_msg m = { .src = 2, .src_seq = 17, .lamport = msg };
	struct step_vm s;
	struct step_event ev;
	struct rng r, before;

	step_init(&s, 0, 3, 10);
	s.lamport = local;
	rng_seed(&r, 1, 0);
	before = r;
	step_tick(&s, &m, &r, &ev);
	ck_assert_int_eq(ev.kind, STEP_RECV);
	ck_assert_uint_eq(ev.ndest, 0);
	ck_assert_uint_eq(ev.msg.src, 2);
	ck_assert_uint_eq(ev.msg.src_seq, 17);
	ck_assert_uint_eq(ev.msg.lamport, msg);
	ck_assert_uint_eq(ev.lamport, s.lamport);
	/* A RECV never consumes a draw. */
	ck_assert(memcmp(&r, &before, sizeof r) == 0);
	return ev.lamport;
}

START_TEST(recv_takes_max_of_local_and_message_plus_one)
{
	ck_assert_uint_eq(recv_clock(10, 3), 11);	/* message below */
	ck_assert_uint_eq(recv_clock(10, 10), 11);	/* equal */
	ck_assert_uint_eq(recv_clock(10, 25), 26);	/* above */
	ck_assert_uint_eq(recv_clock(0, 0), 1);
	ck_assert_uint_eq(recv_clock(0, 1000), 1001);
}
END_TEST

START_TEST(pending_advances_seq_but_not_the_clock)
{
	struct step_msg m = { .src = 1, .src_seq = 9, .lamport = 500 };
	struct step_vm s;
	struct step_event ev;

	step_init(&s, 0, 3, 10);
	s.lamport = 7;
	s.seq = 4;
	step_pending(&s, &m, &ev);
	ck_assert_int_eq(ev.kind, STEP_PENDING);
	ck_assert_uint_eq(ev.seq, 4);
	ck_assert_uint_eq(s.seq, 5);
	ck_assert_uint_eq(ev.lamport, 7);
	ck_assert_uint_eq(s.lamport, 7);
	ck_assert_uint_eq(ev.msg.src, 1);
	ck_assert_uint_eq(ev.msg.src_seq, 9);
	ck_assert_uint_eq(ev.msg.lamport, 500);
}
END_TEST

START_TEST(peer_down_takes_one_seq_and_keeps_the_clock)
{
	struct step_vm s;
	struct step_event ev;

	step_init(&s, 1, 4, 10);
	s.lamport = 40;
	s.seq = 57;
	memset(&ev, 0xff, sizeof ev);
	step_peer_down(&s, 2, &ev);
	ck_assert_int_eq(ev.kind, STEP_PEER_DOWN);
	ck_assert_uint_eq(ev.seq, 57);
	ck_assert_uint_eq(s.seq, 58);
	ck_assert_uint_eq(ev.lamport, 40);
	ck_assert_uint_eq(s.lamport, 40);
	ck_assert_uint_eq(ev.ndest, 1);
	ck_assert_uint_eq(ev.dest[0], 2);
	ck_assert_uint_eq(ev.msg.src_seq, 0);
	ck_assert_uint_eq(ev.msg.lamport, 0);
}
END_TEST

/* A DROP names the message its SEND made, and the next tick goes on from
 * the SEND's clock and the DROP's seq as if the DROP were not there. */
START_TEST(drop_names_its_send_and_keeps_the_clock)
{
	struct rng after, r = rng_drawing(3, 10, &after);
	struct step_vm s;
	struct step_event send, drop, next;

	step_init(&s, 1, 4, 10);
	s.lamport = 39;
	s.seq = 56;
	step_tick(&s, NULL, &r, &send);
	check_send(send, 2, 2, 0);
	ck_assert_uint_eq(send.lamport, 40);
	step_drop(&s, &send, send.dest[1], &drop);
	ck_assert_int_eq(drop.kind, STEP_DROP);
	ck_assert_uint_eq(drop.seq, 57);
	ck_assert_uint_eq(drop.lamport, 40);
	ck_assert_uint_eq(drop.ndest, 1);
	ck_assert_uint_eq(drop.dest[0], 0);
	ck_assert_uint_eq(drop.msg.src, 1);
	ck_assert_uint_eq(drop.msg.src_seq, 56);
	ck_assert_uint_eq(drop.msg.lamport, 40);
	ck_assert_uint_eq(s.lamport, 40);
	ck_assert_uint_eq(s.seq, 58);
	step_tick(&s, NULL, &r, &next);
	ck_assert_uint_eq(next.seq, 58);
	ck_assert_uint_eq(next.lamport, 41);
}
END_TEST

START_TEST(seq_counts_every_event_without_gaps)
{
	struct step_msg m = { .src = 1, .src_seq = 0, .lamport = 3 };
	struct step_vm s;
	struct step_event ev;
	struct rng r;

	step_init(&s, 0, 3, 10);
	rng_seed(&r, 6, 0);
	for (uint64_t i = 0; i < 60; i++) {
		if (i >= 50)
			step_pending(&s, &m, &ev);
		else
			step_tick(&s, i % 3 == 0 ? &m : NULL, &r, &ev);
		ck_assert_uint_eq(ev.seq, i);
	}
	ck_assert_uint_eq(s.seq, 60);
}
END_TEST

START_TEST(init_starts_at_clock_zero_and_seq_zero)
{
	struct step_vm s;

	memset(&s, 0xff, sizeof s);
	step_init(&s, 4, 9, 12);
	ck_assert_uint_eq(s.id, 4);
	ck_assert_uint_eq(s.n, 9);
	ck_assert_uint_eq(s.draw_max, 12);
	ck_assert_uint_eq(s.lamport, 0);
	ck_assert_uint_eq(s.seq, 0);
}
END_TEST

START_TEST(ticks_are_duration_times_rate_rounded_up)
{
	ck_assert_uint_eq(step_ticks(60, 6), 360);
	ck_assert_uint_eq(step_ticks(1, 1), 1);
	ck_assert_uint_eq(step_ticks(0.5, 3), 2);	/* 1.5 -> tick 0 and 1 */
	ck_assert_uint_eq(step_ticks(0.4, 1), 1);
	ck_assert_uint_eq(step_ticks(2.5, 2), 5);
	ck_assert_uint_eq(step_ticks(1e7, 1000), UINT64_C(10000000000));
}
END_TEST

START_TEST(ticks_ignore_binary_fraction_error)
{
	/* 0.1 * 30 happens to round to exactly 3.0; these products do not:
	 * 1.1 * 50 is 55.00000000000001 in binary, yet the run has 55 ticks. */
	ck_assert_uint_eq(step_ticks(0.1, 30), 3);
	ck_assert_uint_eq(step_ticks(1.1, 50), 55);
	ck_assert_uint_eq(step_ticks(1.1, 100), 110);
	ck_assert_uint_eq(step_ticks(2.2, 100), 220);
	ck_assert_uint_eq(step_ticks(8.3, 30), 249);
	/* Large products carry larger rounding errors: 32768300.000000004. */
	ck_assert_uint_eq(step_ticks(32768.3, 1000), 32768300);
	/* A true fraction still adds its tick. */
	ck_assert_uint_eq(step_ticks(32768.3001, 1000), 32768301);
}
END_TEST

START_TEST(tick_k_is_due_k_over_rate_times_speed_seconds)
{
	ck_assert_uint_eq(step_due_ns(0, 6, 1), 0);
	ck_assert_uint_eq(step_due_ns(1, 1, 1), 1000000000);
	ck_assert_uint_eq(step_due_ns(3, 6, 1), 500000000);
	ck_assert_uint_eq(step_due_ns(360, 6, 2), UINT64_C(30000000000));
	ck_assert_uint_eq(step_due_ns(1, 3, 1), 333333333);
	ck_assert_uint_eq(step_due_ns(2, 3, 1), 666666667);	/* rounded */
	ck_assert_uint_eq(step_due_ns(1, 1, 0.5), 2000000000);
	ck_assert_uint_eq(step_due_ns(7, 1000, 1000), 7000);
	ck_assert_uint_eq(step_due_ns(UINT64_C(10000000000), 1000, 1),
	    UINT64_C(10000000000000000));
}
END_TEST

/*
 * An in-memory ring of three VMs. Each inbox is an array read from head
 * (nothing is ever taken back), big enough for two messages per tick.
 */
#define NET_VMS		3
#define NET_TICKS	900

struct inbox {
	struct step_msg m[2 * NET_TICKS];
	int head, len;
};

struct net {
	struct step_vm vm[NET_VMS];
	struct rng rng[NET_VMS];
	struct inbox in[NET_VMS];
	uint64_t last[NET_VMS];	/* the clock after each VM's last event */
	int sends, recvs;
};

/* One tick of VM i by the real rules: take a queued message, else draw. */
static void
net_tick(struct net *nt, uint32_t i)
{
	struct inbox *in = &nt->in[i];
	const struct step_msg *m = in->head < in->len ? &in->m[in->head++] : NULL;
	struct step_event ev;

	step_tick(&nt->vm[i], m, &nt->rng[i], &ev);
	ck_assert_uint_gt(ev.lamport, nt->last[i]);
	nt->last[i] = ev.lamport;
	if (ev.kind == STEP_RECV) {
		ck_assert_uint_gt(ev.lamport, ev.msg.lamport);
		nt->recvs++;
	}
	for (uint32_t d = 0; d < ev.ndest; d++) {
		struct inbox *to = &nt->in[ev.dest[d]];
		to->m[to->len++] = (struct step_msg){ .src = i, .src_seq = ev.seq,
		    .lamport = ev.lamport };
		nt->sends++;
	}
}

START_TEST(ring_of_three_keeps_the_lamport_clock_property)
{
	static struct net nt;
	struct rng order;

	for (uint32_t i = 0; i < NET_VMS; i++) {
		step_init(&nt.vm[i], i, NET_VMS, 10);
		rng_seed(&nt.rng[i], 77, i);
	}
	/* VMs tick in a random order, as if their rates differed. */
	rng_seed(&order, 77, RNG_STREAM_RATES);
	for (int t = 0; t < NET_TICKS; t++)
		net_tick(&nt, (uint32_t)rng_range(&order, 0, NET_VMS - 1));
	/* Not vacuous: messages flowed both ways. */
	ck_assert_int_gt(nt.sends, 100);
	ck_assert_int_gt(nt.recvs, 100);
	/* What is left is logged as PENDING, at an unchanged clock. */
	for (uint32_t i = 0; i < NET_VMS; i++) {
		struct inbox *in = &nt.in[i];
		while (in->head < in->len) {
			struct step_event ev;
			step_pending(&nt.vm[i], &in->m[in->head++], &ev);
			ck_assert_uint_eq(ev.lamport, nt.last[i]);
		}
	}
}
END_TEST

Suite *
make_step_suite(void)
{
	Suite *s = suite_create("step");
	TCase *draw = tcase_create("draw");
	TCase *clock = tcase_create("clock");
	TCase *timing = tcase_create("timing");

	tcase_add_test(draw, draw_1_sends_to_next);
	tcase_add_test(draw, draw_2_sends_to_prev);
	tcase_add_test(draw, draw_3_sends_to_next_then_prev);
	tcase_add_test(draw, draw_above_3_is_internal);
	tcase_add_test(draw, with_two_vms_every_send_goes_once_to_the_one_peer);
	tcase_add_test(draw, with_256_vms_next_and_prev_wrap_around);
	tcase_add_test(draw, next_and_prev_are_ring_neighbours);
	suite_add_tcase(s, draw);

	tcase_add_test(clock, recv_takes_max_of_local_and_message_plus_one);
	tcase_add_test(clock, pending_advances_seq_but_not_the_clock);
	tcase_add_test(clock, peer_down_takes_one_seq_and_keeps_the_clock);
	tcase_add_test(clock, drop_names_its_send_and_keeps_the_clock);
	tcase_add_test(clock, seq_counts_every_event_without_gaps);
	tcase_add_test(clock, init_starts_at_clock_zero_and_seq_zero);
	tcase_add_test(clock, ring_of_three_keeps_the_lamport_clock_property);
	suite_add_tcase(s, clock);

	tcase_add_test(timing, ticks_are_duration_times_rate_rounded_up);
	tcase_add_test(timing, ticks_ignore_binary_fraction_error);
	tcase_add_test(timing, tick_k_is_due_k_over_rate_times_speed_seconds);
	suite_add_tcase(s, timing);
	return s;
}
