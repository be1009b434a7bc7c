/* tests/check_reader.c -- unit tests of vm/reader: frames in, messages and the link's end to the core, bad peers cut off */
#include <sys/socket.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/clock.h"
#include "vm/core/core.h"
#include "vm/core/fault.h"
#include "vm/core/wire.h"
#include "vm/reader.h"
#include "vm/shared.h"

#define PEER	1	/* the reader's peer; we are VM 0 of a ring of 3 */
#define SEC	UINT64_C(1000000000)

/*
 * The reader reads sv[0]; the test plays the peer on sv[1] and then waits
 * for the reader to end, so every test looks at the core after the fact:
 * no timing.
 */
static int sv[2];
static struct shared *s;
static struct reader r;

static void
start_with(const struct fault *f, uint32_t nf)
{
	struct core_conf conf = { .id = 0, .n = 3, .draw_max = 10, .seed = 1,
		.on_failure = VM_ON_FAILURE_CONTINUE, .faults = f, .nfaults = nf };

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_ptr_nonnull(s = shared_new(&conf));
	shared_set_epoch(s, clock_mono_ns() - SEC / 1000, 1);
	ck_assert_int_eq(reader_start(&r, sv[0], PEER, s), 0);
}

static void
setup(void)
{
	start_with(NULL, 0);
}

static void
teardown(void)
{
	close(sv[0]);
	if (sv[1] != -1)
		close(sv[1]);
	shared_free(s);
}

static void
put(const uint8_t *buf, size_t len)
{
	ck_assert_int_eq(write(sv[1], buf, len), (ssize_t)len);
}

static void
send_msg(uint32_t src, uint64_t seq)
{
	struct step_msg m = { .src = src, .src_seq = seq, .lamport = seq + 100 };
	uint8_t buf[WIRE_MAX_FRAME];

	put(buf, wire_put_msg(buf, &m, 0));
}

static void
send_bye(void)
{
	uint8_t buf[WIRE_MAX_FRAME];

	put(buf, wire_put_bye(buf));
}

/* The peer hangs up; the reader must then end. */
static void
hang_up(bool half)
{
	if (half)
		shutdown(sv[1], SHUT_WR);
	else {
		close(sv[1]);
		sv[1] = -1;
	}
	reader_join(&r);
	ck_assert_int_eq(shared_wait_ends(s, 1, 0), 0);
}

/* The next tick takes message seq from PEER. */
static void
tick_takes(uint64_t seq)
{
	struct core_out out;

	ck_assert_int_eq(shared_tick(s, &out), 0);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_RECV);
	ck_assert_uint_eq(out.line[0].ev.msg.src, PEER);
	ck_assert_uint_eq(out.line[0].ev.msg.src_seq, seq);
	ck_assert_uint_eq(out.line[0].ev.msg.lamport, seq + 100);
}

/* After the end: did the core log PEER_DOWN for PEER, and how many PENDING? */
static int
finish(bool *down)
{
	struct core_out out;
	struct core_line line;
	int pending = 0;

	ck_assert_int_eq(shared_finish(s, &out), 0);
	*down = out.nline == 1 && out.line[0].ev.kind == STEP_PEER_DOWN &&
	    out.line[0].ev.dest[0] == PEER;
	while (shared_pending(s, &line))
		pending++;
	return pending;
}

static void
expect_broken(const char *why, int pending)
{
	bool down;

	ck_assert_int_eq(finish(&down), pending);
	ck_assert(down);
	ck_assert_str_eq(r.why, why);
}

/* Frames split anywhere across reads, even byte by byte, come out whole. */
START_TEST(frames_split_across_reads_reach_the_core_in_order)
{
	uint8_t buf[3 * WIRE_MAX_FRAME];
	size_t len = 0;

	for (uint64_t i = 0; i < 3; i++) {
		struct step_msg m = { .src = PEER, .src_seq = i, .lamport = i + 100 };
		len += wire_put_msg(buf + len, &m, 0);
	}
	for (size_t i = 0; i < len; i++)
		put(buf + i, 1);
	for (uint64_t i = 3; i < 200; i++)
		send_msg(PEER, i);
	send_bye();
	hang_up(true);
	for (uint64_t i = 0; i < 200; i++)
		tick_takes(i);
	bool down;
	ck_assert_int_eq(finish(&down), 0);
	ck_assert(!down);
}
END_TEST

START_TEST(bye_then_eof_is_a_clean_end)
{
	bool down;

	send_msg(PEER, 0);
	send_bye();
	hang_up(true);
	ck_assert_int_eq(finish(&down), 1);	/* never taken: PENDING */
	ck_assert(!down);
	ck_assert_str_eq(r.why, "");
}
END_TEST

START_TEST(eof_without_bye_is_a_broken_link)
{
	send_msg(PEER, 0);
	hang_up(false);
	expect_broken("closed without BYE", 1);
}
END_TEST

/* Only the neighbour at the other end may speak on a link. */
START_TEST(a_message_from_another_vm_cuts_the_link)
{
	uint8_t b;

	send_msg(PEER, 0);
	send_msg(2, 0);
	reader_join(&r);
	/* The reader shut the socket both ways: the peer sees EOF. */
	ck_assert_int_eq(read(sv[1], &b, 1), 0);
	expect_broken("message from vm 2 on the link of vm 1", 1);
}
END_TEST

/* The core takes a vector of its own length only: the reader judges it. */
START_TEST(a_message_with_a_vector_the_ring_does_not_keep_cuts_the_link)
{
	uint64_t v[2] = { 1, 2 };
	struct step_msg m = { .src = PEER, .src_seq = 1, .lamport = 2, .v = v };
	uint8_t buf[WIRE_MAX_FRAME];

	send_msg(PEER, 0);
	put(buf, wire_put_msg(buf, &m, 2));
	reader_join(&r);
	expect_broken("message with 2 vector entries in a ring that keeps 0", 1);
}
END_TEST

START_TEST(a_message_after_bye_cuts_the_link)
{
	send_bye();
	send_msg(PEER, 0);
	reader_join(&r);
	expect_broken("message after BYE", 0);
}
END_TEST

START_TEST(a_hello_after_the_handshake_cuts_the_link)
{
	struct wire_hello h = { .version = WIRE_VERSION, .id = PEER, .n = 3,
		.set = { .duration_s = 1, .speed = 1 } };
	uint8_t buf[WIRE_MAX_FRAME];

	put(buf, wire_put_hello(buf, &h));
	reader_join(&r);
	expect_broken("unexpected HELLO", 0);
}
END_TEST

/* The start barrier is over before the readers start: a late token is wrong. */
START_TEST(a_start_token_after_the_barrier_cuts_the_link)
{
	uint8_t buf[WIRE_MAX_FRAME];

	put(buf, wire_put_start(buf, 1));
	reader_join(&r);
	expect_broken("unexpected START", 0);
}
END_TEST

/* A frame the codec refuses ends the link with the codec's reason. */
START_TEST(a_bad_frame_cuts_the_link_with_the_codecs_reason)
{
	uint8_t bad[] = { 0, 0, 0, 1, 99 };	/* length 1, type 99 */
	struct wire_frame f;
	size_t used;
	const char *why;

	ck_assert_int_eq(wire_get(bad, sizeof bad, &f, &used, &why), -1);
	put(bad, sizeof bad);
	reader_join(&r);
	expect_broken(why, 0);
}
END_TEST

/* 1000 s of delay on what PEER sends from model time 0: n messages held. */
static void
hold_many(uint64_t n)
{
	static struct fault f = { .kind = FAULT_SLOW, .vm = PEER, .to = 0,
		.at_s = 0, .for_s = 1000, .delay_s = 1000 };

	start_with(&f, 1);
	for (uint64_t i = 0; i < n; i++)
		send_msg(PEER, i);
}

/* A tick now takes nothing and finds no peer down: all is held. */
static void
tick_finds_all_held(void)
{
	struct core_out out;

	ck_assert_int_eq(shared_tick(s, &out), 0);
	ck_assert_int_ne(out.line[0].ev.kind, STEP_RECV);
	for (uint32_t i = 0; i < out.nline; i++)
		ck_assert_int_ne(out.line[i].ev.kind, STEP_PEER_DOWN);
}

/*
 * The reader stamps each message with the model time it came: in a slow
 * window the core holds it. When the link breaks the end comes behind
 * what is held: no PEER_DOWN while the messages are held, then at the
 * end PEER_DOWN and every one of them PENDING (TCP delivered them).
 */
START_TEST(held_messages_stay_ahead_of_a_broken_end)
{
	hold_many(100);
	hang_up(false);
	tick_finds_all_held();
	expect_broken("closed without BYE", 100);
}
END_TEST

START_TEST(held_messages_are_pending_after_a_clean_end)
{
	bool down;

	hold_many(100);
	send_bye();
	hang_up(true);
	tick_finds_all_held();
	ck_assert_int_eq(finish(&down), 100);
	ck_assert(!down);
}
END_TEST

Suite *
make_reader_suite(void)
{
	Suite *suite = suite_create("reader");
	TCase *frames = tcase_create("frames");
	TCase *slow = tcase_create("slow");

	tcase_set_timeout(frames, 60);
	tcase_add_checked_fixture(frames, setup, teardown);
	tcase_add_test(frames, frames_split_across_reads_reach_the_core_in_order);
	tcase_add_test(frames, bye_then_eof_is_a_clean_end);
	tcase_add_test(frames, eof_without_bye_is_a_broken_link);
	tcase_add_test(frames, a_message_from_another_vm_cuts_the_link);
	tcase_add_test(frames, a_message_after_bye_cuts_the_link);
	tcase_add_test(frames, a_message_with_a_vector_the_ring_does_not_keep_cuts_the_link);
	tcase_add_test(frames, a_hello_after_the_handshake_cuts_the_link);
	tcase_add_test(frames, a_start_token_after_the_barrier_cuts_the_link);
	tcase_add_test(frames, a_bad_frame_cuts_the_link_with_the_codecs_reason);
	suite_add_tcase(suite, frames);
	tcase_set_timeout(slow, 60);
	tcase_add_checked_fixture(slow, NULL, teardown);
	tcase_add_test(slow, held_messages_stay_ahead_of_a_broken_end);
	tcase_add_test(slow, held_messages_are_pending_after_a_clean_end);
	suite_add_tcase(suite, slow);
	return suite;
}
