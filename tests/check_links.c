/* tests/check_links.c -- unit tests of vm/links: which peers are down, and what is sent to them */
#include <sys/socket.h>

#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/clock.h"
#include "vm/core/fault.h"
#include "vm/links.h"
#include "vm/queue.h"
#include "vm/ring.h"
#include "vm/core/wire.h"

/*
 * VM 1 of a ring of 3: its next is 2, its prev 0. Each link is a
 * socketpair: the VM holds end [0], the test plays the peer on end [1].
 */
static int next_sv[2], prev_sv[2];
static struct queue *q;
static struct links l;

static void
setup(void)
{
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, next_sv), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, prev_sv), 0);
	ck_assert_ptr_nonnull(q = queue_new());
	links_init(&l, 1, 3);
	l.ring.fd[RING_NEXT] = next_sv[0];
	l.ring.fd[RING_PREV] = prev_sv[0];
	ck_assert_int_eq(links_start(&l, q, NULL, 0), 0);
}

/* Whatever the test left open is closed, so the readers end. */
static void
teardown(void)
{
	if (next_sv[1] != -1)
		close(next_sv[1]);
	if (prev_sv[1] != -1)
		close(prev_sv[1]);
	links_drain(&l, q, clock_mono_ns() + 10000000000ull);
	links_close(&l);
	queue_free(q);
}

static enum links_sent
send_to(uint32_t peer)
{
	struct step_msg m = { .src = 1, .src_seq = 5, .lamport = 6 };
	uint8_t buf[WIRE_MAX_FRAME];

	return links_send(&l, peer, buf, wire_put_msg(buf, &m));
}

/* links_next_down until it names a link, for at most ten seconds. */
static int
wait_down(void)
{
	uint64_t give_up = clock_mono_ns() + 10000000000ull;
	struct timespec ms = { 0, 1000000L };
	int i;

	while ((i = links_next_down(&l)) == -1 && clock_mono_ns() < give_up)
		nanosleep(&ms, NULL);
	return i;
}

START_TEST(a_peer_that_vanishes_is_down_once_and_gets_nothing_more)
{
	close(next_sv[1]);
	next_sv[1] = -1;
	ck_assert_int_eq(wait_down(), RING_NEXT);
	ck_assert_uint_eq(l.peer[RING_NEXT], 2);
	ck_assert_int_eq(links_next_down(&l), -1);
	ck_assert_int_eq(send_to(2), LINKS_DOWN);
	ck_assert_int_eq(send_to(0), LINKS_SENT);
	ck_assert_int_eq(links_next_down(&l), -1);
}
END_TEST

/* A failed send takes the peer down; its reader, ending too, adds nothing. */
START_TEST(a_failed_send_takes_its_peer_down_once)
{
	struct timespec nap = { 0, 100000000L };

	close(prev_sv[1]);
	prev_sv[1] = -1;
	ck_assert_int_eq(send_to(0), LINKS_BROKE);
	ck_assert_int_eq(errno, EPIPE);
	ck_assert_int_eq(send_to(0), LINKS_DOWN);
	nanosleep(&nap, NULL);
	ck_assert_int_eq(links_next_down(&l), -1);
	ck_assert_int_eq(send_to(2), LINKS_SENT);
}
END_TEST

/* BYE and half-close go only where someone listens. */
START_TEST(bye_skips_the_links_that_are_down)
{
	uint8_t buf[64];

	l.down[RING_PREV] = true;	/* as if a send to 0 had failed */
	links_bye(&l);
	ck_assert_int_eq(read(next_sv[1], buf, sizeof buf), 5);	/* BYE */
	ck_assert_int_eq(read(next_sv[1], buf, sizeof buf), 0);	/* EOF */
	/* Neither BYE nor EOF on the link that is down. */
	ck_assert_int_eq(recv(prev_sv[1], buf, sizeof buf, MSG_DONTWAIT), -1);
	ck_assert_int_eq(errno, EAGAIN);
}
END_TEST

Suite *
make_links_suite(void)
{
	Suite *s = suite_create("links");
	TCase *down = tcase_create("down");

	tcase_set_timeout(down, 60);
	tcase_add_checked_fixture(down, setup, teardown);
	tcase_add_test(down, a_peer_that_vanishes_is_down_once_and_gets_nothing_more);
	tcase_add_test(down, a_failed_send_takes_its_peer_down_once);
	tcase_add_test(down, bye_skips_the_links_that_are_down);
	suite_add_tcase(s, down);
	return s;
}
