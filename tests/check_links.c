/* tests/check_links.c -- unit tests of vm/links: sends, why a link broke, BYE only to live peers, the drain and its deadline */
#include <sys/socket.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/clock.h"
#include "vm/core/core.h"
#include "vm/core/wire.h"
#include "vm/links.h"
#include "vm/ring.h"
#include "vm/shared.h"

#define SEC	UINT64_C(1000000000)

/*
 * VM 1 of a ring of 3: its next is 2, its prev 0. Each link is a
 * socketpair: the VM holds end [0], the test plays the peer on end [1].
 */
static int next_sv[2], prev_sv[2];
static struct shared *s;
static struct links l;
static bool drained;

static void
setup(void)
{
	struct core_conf conf = { .id = 1, .n = 3, .draw_max = 3, .seed = 2,
		.on_failure = VM_ON_FAILURE_CONTINUE };

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, next_sv), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, prev_sv), 0);
	ck_assert_ptr_nonnull(s = shared_new(&conf));
	shared_set_epoch(s, clock_mono_ns() - SEC / 1000, 1);
	links_init(&l, 1, 3);
	l.ring.fd[RING_NEXT] = next_sv[0];
	l.ring.fd[RING_PREV] = prev_sv[0];
	ck_assert_int_eq(links_start(&l, s), 0);
	drained = false;
}

/* Whatever the test left open is closed, so the readers end. */
static void
teardown(void)
{
	if (next_sv[1] != -1)
		close(next_sv[1]);
	if (prev_sv[1] != -1)
		close(prev_sv[1]);
	if (!drained)
		links_drain(&l, s, clock_mono_ns() + 10 * SEC);
	links_close(&l);
	shared_free(s);
}

static int
send_to(uint32_t peer)
{
	struct step_msg m = { .src = 1, .src_seq = 5, .lamport = 6 };
	uint8_t buf[WIRE_MAX_FRAME];

	return links_send(&l, peer, buf, wire_put_msg(buf, &m, 0));
}

/* Read one MSG frame from a peer's end: it must be the one send_to sent. */
static void
expect_msg(int fd)
{
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_frame f;
	size_t used;
	const char *why;

	ck_assert_int_eq(read(fd, buf, 4 + WIRE_MSG_BODY), 4 + WIRE_MSG_BODY);
	ck_assert_int_eq(wire_get(buf, 4 + WIRE_MSG_BODY, &f, &used, &why), 1);
	ck_assert_int_eq(f.type, WIRE_MSG);
	ck_assert_uint_eq(f.msg.src_seq, 5);
}

static void
bye_and_close(int *sv)
{
	uint8_t buf[WIRE_MAX_FRAME];

	ck_assert_int_eq(write(sv[1], buf, wire_put_bye(buf)), 4 + WIRE_BYE_BODY);
	close(sv[1]);
	sv[1] = -1;
}

START_TEST(each_peer_is_sent_to_on_its_own_link)
{
	ck_assert_int_eq(send_to(2), 0);
	expect_msg(next_sv[1]);
	ck_assert_int_eq(send_to(0), 0);
	expect_msg(prev_sv[1]);
}
END_TEST

START_TEST(a_send_to_a_peer_gone_fails_with_its_errno)
{
	close(prev_sv[1]);
	prev_sv[1] = -1;
	ck_assert_int_eq(send_to(0), -1);
	ck_assert_int_eq(errno, EPIPE);
	ck_assert_int_eq(send_to(2), 0);
}
END_TEST

/* The reader of a broken link says why, for the VM's error line. */
START_TEST(why_names_what_broke_the_link)
{
	close(next_sv[1]);
	next_sv[1] = -1;
	bye_and_close(prev_sv);
	/* Read once the link has ended, as the VM does: not while it runs. */
	ck_assert_int_eq(shared_wait_ends(s, 2, clock_mono_ns() + 10 * SEC), 0);
	ck_assert_str_eq(links_why(&l, 2), "closed without BYE");
	ck_assert_str_eq(links_why(&l, 0), "");	/* a clean end */
}
END_TEST

/* BYE and half-close go only where the core has no peer down. */
START_TEST(bye_skips_the_links_that_are_down)
{
	struct core_out out, failed;
	uint8_t buf[64];

	do
		ck_assert_int_eq(shared_tick(s, &out), 0);
	while (out.nto == 0 || out.to[0] != 0);
	shared_send_failed(s, &out.line[0].ev, 0, &failed);	/* 0 is down */
	links_bye(&l, s);
	ck_assert_int_eq(read(next_sv[1], buf, sizeof buf), 5);	/* BYE */
	ck_assert_int_eq(read(next_sv[1], buf, sizeof buf), 0);	/* EOF */
	/* Neither BYE nor EOF on the link that is down. */
	ck_assert_int_eq(recv(prev_sv[1], buf, sizeof buf, MSG_DONTWAIT), -1);
	ck_assert_int_eq(errno, EAGAIN);
}
END_TEST

START_TEST(the_drain_ends_when_every_peer_has_said_bye)
{
	struct core_out out;

	bye_and_close(next_sv);
	bye_and_close(prev_sv);
	ck_assert_int_eq(links_drain(&l, s, clock_mono_ns() + 10 * SEC), 0);
	drained = true;
	ck_assert_int_eq(shared_finish(s, &out), 0);
	ck_assert_uint_eq(out.nline, 0);	/* clean ends: no PEER_DOWN */
}
END_TEST

/*
 * A peer that keeps its link open past the deadline: the drain gives up,
 * ends that reader (shut for reading: EOF without BYE) and joins it; the
 * core then has that link broken.
 */
START_TEST(the_drain_gives_up_at_its_deadline_and_ends_the_readers)
{
	struct core_out out;

	bye_and_close(next_sv);
	ck_assert_int_eq(links_drain(&l, s, clock_mono_ns() + SEC / 20), -1);
	drained = true;
	ck_assert_int_eq(shared_wait_ends(s, 2, 0), 0);
	ck_assert_int_eq(shared_finish(s, &out), 0);
	ck_assert_uint_eq(out.nline, 1);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_PEER_DOWN);
	ck_assert_uint_eq(out.line[0].ev.dest[0], 0);
}
END_TEST

Suite *
make_links_suite(void)
{
	Suite *suite = suite_create("links");
	TCase *tc = tcase_create("links");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, each_peer_is_sent_to_on_its_own_link);
	tcase_add_test(tc, a_send_to_a_peer_gone_fails_with_its_errno);
	tcase_add_test(tc, why_names_what_broke_the_link);
	tcase_add_test(tc, bye_skips_the_links_that_are_down);
	tcase_add_test(tc, the_drain_ends_when_every_peer_has_said_bye);
	tcase_add_test(tc, the_drain_gives_up_at_its_deadline_and_ends_the_readers);
	suite_add_tcase(suite, tc);
	return suite;
}
