/* tests/check_feed.c -- unit tests of vm/feed: lines in and out, the oldest lost when the reader is behind, figures always exact */
#include <sys/wait.h>

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/logline.h"
#include "vm/core/step.h"
#include "vm/feed.h"

#define BIG	(20 * FEED_RING)

/* Line k of a VM: kinds in turn, fields that tell k from any other. */
static struct step_event
line(uint64_t k)
{
	static const enum step_kind kinds[] = { STEP_INTERNAL, STEP_SEND,
		STEP_RECV, STEP_DROP };
	struct step_event ev = { .kind = kinds[k % 4], .seq = k,
		.lamport = 2 * k + 1 };

	if (ev.kind == STEP_SEND)
		ev = (struct step_event){ .kind = STEP_SEND, .seq = k,
		    .lamport = 2 * k + 1, .ndest = 2, .dest = { 2, 0 } };
	else if (ev.kind != STEP_INTERNAL)
		ev.msg = (struct step_msg){ .src = 2, .src_seq = k / 2,
		    .lamport = k }, ev.ndest = 1, ev.dest[0] = 2;
	return ev;
}

static void
put(struct feed *f, uint32_t vm, uint64_t k)
{
	struct step_event ev = line(k);

	feed_put(f, vm, &ev, 1000 + 7 * k, k % 5);
}

/* ev is line k of VM vm, as its log has it, byte for byte. */
static void
is_line(const struct log_event *ev, uint32_t vm, uint64_t k)
{
	struct step_event s = line(k);
	struct log_event want;
	char a[LOGLINE_MAX + 1], b[LOGLINE_MAX + 1];

	logline_of_step(&want, vm, &s, 1000 + 7 * k, k % 5);
	size_t na = logline_format(a, &want), nb = logline_format(b, ev);
	ck_assert_msg(na == nb && memcmp(a, b, na) == 0, "line %llu: %.*s vs %.*s",
	    (unsigned long long)k, (int)na, a, (int)nb, b);
}

START_TEST(lines_come_out_as_they_were_logged)
{
	struct feed *f = feed_new(3);
	struct log_event out[8];
	uint64_t next = 0, lost = 0;

	ck_assert_ptr_nonnull(f);
	for (uint64_t k = 0; k < 6; k++)
		put(f, 1, k);
	ck_assert_uint_eq(feed_read(f, 1, &next, out, 8, &lost), 6);
	for (uint64_t k = 0; k < 6; k++)
		is_line(&out[k], 1, k);
	ck_assert_uint_eq(next, 6);
	ck_assert_uint_eq(lost, 0);
	/* The other VMs' channels are their own. */
	ck_assert_uint_eq(feed_read(f, 0, &(uint64_t){ 0 }, out, 8, &lost), 0);
	put(f, 1, 6);
	ck_assert_uint_eq(feed_read(f, 1, &next, out, 8, &lost), 1);
	is_line(&out[0], 1, 6);
	feed_free(f);
}
END_TEST

START_TEST(a_reader_behind_loses_the_oldest_and_counts_them)
{
	static struct log_event out[FEED_RING];
	struct feed *f = feed_new(2);
	uint64_t next = 0, lost = 0;

	ck_assert_ptr_nonnull(f);
	/* Far more than the ring holds, with no reader: put never waits. */
	for (uint64_t k = 0; k < BIG; k++)
		put(f, 0, k);
	size_t got = feed_read(f, 0, &next, out, FEED_RING, &lost);
	ck_assert_uint_eq(got + lost, BIG);
	ck_assert_uint_ge(got, FEED_RING - 1);
	for (size_t i = 0; i < got; i++)
		is_line(&out[i], 0, BIG - got + i);
	ck_assert_uint_eq(next, BIG);
	feed_free(f);
}
END_TEST

START_TEST(a_short_read_takes_the_newest)
{
	struct feed *f = feed_new(2);
	struct log_event out[4];
	uint64_t next = 0, lost = 0;

	ck_assert_ptr_nonnull(f);
	for (uint64_t k = 0; k < 10; k++)
		put(f, 0, k);
	ck_assert_uint_eq(feed_read(f, 0, &next, out, 4, &lost), 4);
	for (uint64_t i = 0; i < 4; i++)
		is_line(&out[i], 0, 6 + i);
	ck_assert_uint_eq(lost, 6);
	feed_free(f);
}
END_TEST

START_TEST(figures_are_exact_after_the_ring_was_overrun)
{
	struct feed *f = feed_new(2);
	struct feed_figures fig;

	ck_assert_ptr_nonnull(f);
	for (uint64_t k = 0; k < BIG + 3; k++)
		put(f, 1, k);
	feed_figures(f, 1, &fig);
	ck_assert_uint_eq(fig.lines, BIG + 3);
	ck_assert_uint_eq(fig.lamport, 2 * (BIG + 2) + 1);
	ck_assert_uint_eq(fig.queue_len, (BIG + 2) % 5);
	ck_assert_uint_eq(fig.wall_ns, 1000 + 7 * (BIG + 2));
	/* Kinds in turn: INTERNAL, SEND, RECV, DROP; BIG + 3 = 4q + 3. */
	ck_assert_uint_eq(fig.count[LOG_INTERNAL], BIG / 4 + 1);
	ck_assert_uint_eq(fig.count[LOG_SEND], BIG / 4 + 1);
	ck_assert_uint_eq(fig.count[LOG_RECV], BIG / 4 + 1);
	ck_assert_uint_eq(fig.count[LOG_DROP], BIG / 4);
	ck_assert_uint_eq(fig.count[LOG_PENDING], 0);
	feed_figures(f, 0, &fig);
	ck_assert_uint_eq(fig.lines + fig.lamport, 0);
	feed_free(f);
}
END_TEST

START_TEST(a_forked_vm_writes_what_the_parent_reads)
{
	struct feed *f = feed_new(2);
	struct log_event out[8];
	struct feed_figures fig;
	uint64_t next = 0, lost = 0;
	int st;
	pid_t pid;

	ck_assert_ptr_nonnull(f);
	switch (pid = fork()) {
	case -1:
		ck_abort_msg("fork");
		break;
	case 0:
		for (uint64_t k = 0; k < 5; k++)
			put(f, 1, k);
		_exit(0);
	default:
		ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	}
	ck_assert_uint_eq(feed_read(f, 1, &next, out, 8, &lost), 5);
	is_line(&out[4], 1, 4);
	feed_figures(f, 1, &fig);
	ck_assert_uint_eq(fig.lamport, 9);
	feed_free(f);
}
END_TEST

static void *
writer(void *arg)
{
	for (uint64_t k = 0; k < BIG; k++)
		put(arg, 0, k);
	return NULL;
}

/* A writer racing its reader: what is read is whole, in order, and every
 * line is read or counted lost, never both. */
START_TEST(a_racing_reader_gets_whole_lines_or_counts_them_lost)
{
	static struct log_event out[FEED_RING];
	struct feed *f = feed_new(1);
	uint64_t next = 0, lost = 0, seen = 0, want = 0;
	pthread_t t;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(pthread_create(&t, NULL, writer, f), 0);
	while (next < BIG) {
		uint64_t was_lost = lost;
		size_t got = feed_read(f, 0, &next, out, FEED_RING, &lost);
		want += lost - was_lost;
		for (size_t i = 0; i < got; i++, want++)
			is_line(&out[i], 0, want);
		seen += got;
	}
	pthread_join(t, NULL);
	ck_assert_uint_eq(seen + lost, BIG);
	feed_free(f);
}
END_TEST

Suite *
make_feed_suite(void)
{
	Suite *s = suite_create("feed");
	TCase *tc = tcase_create("feed");

	tcase_add_test(tc, lines_come_out_as_they_were_logged);
	tcase_add_test(tc, a_reader_behind_loses_the_oldest_and_counts_them);
	tcase_add_test(tc, a_short_read_takes_the_newest);
	tcase_add_test(tc, figures_are_exact_after_the_ring_was_overrun);
	tcase_add_test(tc, a_forked_vm_writes_what_the_parent_reads);
	tcase_add_test(tc, a_racing_reader_gets_whole_lines_or_counts_them_lost);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
