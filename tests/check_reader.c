/* tests/check_reader.c -- unit tests of vm/reader: slow links hold messages back, in order, until EOF */
#include <sys/socket.h>

#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/clock.h"
#include "vm/core/fault.h"
#include "vm/queue.h"
#include "vm/reader.h"
#include "vm/core/wire.h"

#define PEER	1	/* the reader's peer; we are VM 0 */
#define MS	1000000ull

/*
 * The reader reads sv[0]; the test plays the peer on sv[1]. Only lower
 * bounds on time are tight: a message must never come early. Upper bounds
 * are many times what is needed, as the machine may be busy.
 */
static int sv[2];
static struct queue *q;
static struct reader r;

static void
setup(void)
{
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_ptr_nonnull(q = queue_new());
}

static void
teardown(void)
{
	close(sv[0]);
	if (sv[1] != -1)
		close(sv[1]);
	queue_free(q);
}

/* A FAULT_SLOW from PEER to us over model seconds [at_s, at_s + for_s). */
static struct fault
slow(double at_s, double for_s, double delay_s)
{
	return (struct fault){ .kind = FAULT_SLOW, .vm = PEER, .to = 0,
	    .at_s = at_s, .for_s = for_s, .delay_s = delay_s };
}

static void
start(const struct fault *f, uint32_t n)
{
	ck_assert_int_eq(reader_start(&r, sv[0], PEER, q, f, n), 0);
}

/* Send message seq as the peer; returns when we began, on CLOCK_MONOTONIC. */
static uint64_t
send_msg(uint64_t seq)
{
	struct step_msg m = { .src = PEER, .src_seq = seq, .lamport = seq + 100 };
	uint8_t buf[WIRE_MAX_FRAME];
	size_t len = wire_put_msg(buf, &m);
	uint64_t t = clock_mono_ns();

	ck_assert_int_eq(write(sv[1], buf, len), (ssize_t)len);
	return t;
}

static void
send_bye(void)
{
	uint8_t buf[WIRE_MAX_FRAME];
	size_t len = wire_put_bye(buf);

	ck_assert_int_eq(write(sv[1], buf, len), (ssize_t)len);
}

static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * Wait (looking every millisecond, at most limit_ms) for the next message,
 * which must be seq; returns when we first saw it.
 */
static uint64_t
pop_seq(uint64_t seq, long limit_ms)
{
	uint64_t give_up = clock_mono_ns() + (uint64_t)limit_ms * MS;
	struct step_msg m;
	size_t left;

	/* No ck_assert in the loop: each one writes a checkpoint to a pipe. */
	while (!queue_pop(q, &m, &left)) {
		if (clock_mono_ns() >= give_up)
			ck_abort_msg("message %llu not on the queue after %ld ms",
			    (unsigned long long)seq, limit_ms);
		nap_ms(1);
	}
	ck_assert_uint_eq(m.src, PEER);
	ck_assert_uint_eq(m.src_seq, seq);
	ck_assert_uint_eq(m.lamport, seq + 100);
	return clock_mono_ns();
}

/* At speed 10, 3 model seconds of delay are 0.3 real ones. */
START_TEST(a_slow_link_holds_each_message_for_its_delay)
{
	struct fault f = slow(0, 1000, 3);
	uint64_t sent[3];

	start(&f, 1);
	reader_set_epoch(&r, clock_mono_ns(), 10);
	for (int i = 0; i < 3; i++) {
		sent[i] = send_msg((uint64_t)i);
		nap_ms(50);
	}
	for (int i = 0; i < 3; i++) {
		uint64_t seen = pop_seq((uint64_t)i, 10000);
		ck_assert_uint_ge(seen, sent[i] + 300 * MS);
		/* Not model seconds taken for real ones: that would be 3 s. */
		ck_assert_uint_lt(seen, sent[i] + 2500 * MS);
	}
	send_bye();
	shutdown(sv[1], SHUT_WR);
	reader_join(&r);
	ck_assert(!reader_failed(&r));
}
END_TEST

/* A message after the window is not slowed itself, but may not overtake. */
START_TEST(a_message_after_the_window_waits_behind_held_ones)
{
	struct fault f = slow(0, 0.2, 0.6);
	uint64_t epoch = clock_mono_ns();

	start(&f, 1);
	reader_set_epoch(&r, epoch, 1);
	uint64_t first = send_msg(0);
	while (clock_mono_ns() < epoch + 300 * MS)
		nap_ms(5);
	send_msg(1);
	uint64_t seen0 = pop_seq(0, 10000);
	uint64_t seen1 = pop_seq(1, 10000);
	ck_assert_uint_ge(seen0, first + 600 * MS);
	ck_assert_uint_ge(seen1, seen0);
	close(sv[1]);
	sv[1] = -1;
	reader_join(&r);
}
END_TEST

/*
 * Bursts of messages, each held 50 ms, some released while others wait:
 * the hold wraps around and grows, and must keep every message in order.
 */
START_TEST(many_held_messages_keep_their_order)
{
	struct fault f = slow(0, 1000, 0.05);
	uint64_t seq = 0;

	start(&f, 1);
	reader_set_epoch(&r, clock_mono_ns(), 1);
	for (int burst = 0; burst < 8; burst++) {
		for (int i = 0; i < 3 + burst * 9; i++)
			send_msg(seq++);
		nap_ms(30);
	}
	for (uint64_t i = 0; i < seq; i++)
		pop_seq(i, 10000);
	send_bye();
	shutdown(sv[1], SHUT_WR);
	reader_join(&r);
	ck_assert(!reader_failed(&r));
	ck_assert_uint_eq(queue_len(q), 0);
}
END_TEST

/* A window later in the run, or one whose start is not known yet, holds
 * nothing: 100 s of delay would show. */
START_TEST(nothing_is_held_outside_the_windows_or_before_the_epoch)
{
	struct fault later = slow(1000, 10, 100);
	struct fault now = slow(0, 1000, 100);
	struct fault both[2] = { later, now };

	start(&later, 1);
	reader_set_epoch(&r, clock_mono_ns(), 1);
	send_msg(0);
	pop_seq(0, 10000);
	send_bye();
	shutdown(sv[1], SHUT_WR);
	reader_join(&r);

	close(sv[0]);
	close(sv[1]);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	start(both, 2);
	send_msg(1);
	pop_seq(1, 10000);
	send_bye();
	shutdown(sv[1], SHUT_WR);
	reader_join(&r);
}
END_TEST

/* Hold n messages for 1000 s: the queue stays empty while the link lives. */
static void
hold_many(uint64_t n)
{
	static struct fault f;

	f = slow(0, 1000, 1000);
	start(&f, 1);
	reader_set_epoch(&r, clock_mono_ns(), 1);
	for (uint64_t i = 0; i < n; i++)
		send_msg(i);
	nap_ms(200);
	ck_assert_uint_eq(queue_len(q), 0);
}

static void
expect_all(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		pop_seq(i, 0);
	ck_assert_uint_eq(queue_len(q), 0);
}

/* TCP delivered them: they must be logged (as PENDING) even so. */
START_TEST(held_messages_reach_the_queue_when_the_peer_says_bye)
{
	hold_many(100);
	send_bye();
	shutdown(sv[1], SHUT_WR);
	reader_join(&r);
	ck_assert(!reader_failed(&r));
	expect_all(100);
}
END_TEST

START_TEST(held_messages_reach_the_queue_when_the_link_breaks)
{
	hold_many(100);
	close(sv[1]);
	sv[1] = -1;
	reader_join(&r);
	ck_assert(reader_failed(&r));
	expect_all(100);
}
END_TEST

Suite *
make_reader_suite(void)
{
	Suite *s = suite_create("reader");
	TCase *slowc = tcase_create("slow");

	/* Generous: sanitizers and a busy machine slow the threads down. */
	tcase_set_timeout(slowc, 60);
	tcase_add_checked_fixture(slowc, setup, teardown);
	tcase_add_test(slowc, a_slow_link_holds_each_message_for_its_delay);
	tcase_add_test(slowc, a_message_after_the_window_waits_behind_held_ones);
	tcase_add_test(slowc, many_held_messages_keep_their_order);
	tcase_add_test(slowc, nothing_is_held_outside_the_windows_or_before_the_epoch);
	tcase_add_test(slowc, held_messages_reach_the_queue_when_the_peer_says_bye);
	tcase_add_test(slowc, held_messages_reach_the_queue_when_the_link_breaks);
	suite_add_tcase(s, slowc);
	return s;
}
