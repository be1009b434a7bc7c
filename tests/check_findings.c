/* tests/check_findings.c -- the findings of summary.txt read as sentences, even for degenerate runs */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "tests/anarun.h"
#include "tests/suites.h"

/*
 * Run T: 2 VMs at speed 1 for 1 model second, both at rate 1: one tick
 * each, VM 1's a millisecond after VM 0's. Both clocks end at 1; VM 1 was
 * 1 behind for 0.001 s, a drift mean of 0.001. Nothing is sent.
 */
static const char *const runt_meta[] = {
	"format=2", "version=0.1.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=3", "vms=2", "duration_s=1", "speed=1", "draw_max=10",
	"rate_min=1", "rate_max=1", "vm0.rate=1", "vm1.rate=1",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001",
	"on_failure=stop", "faults=0",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(1000000000),
	"vm0.exit=ok", "vm1.exit=ok", "status=complete",
};

static const char *const runt_vm0[] = {
	LOGLINE_HEADER,
	"0,0,INTERNAL," W(0000000000) ",1,0,,,",
	NULL,	/* room for edits */
};

static const char *const runt_vm1[] = {
	LOGLINE_HEADER,
	"1,0,INTERNAL," W(0001000000) ",1,0,,,",
	NULL,
};

static const struct rundir_file run_t[] = {
	{ "run.meta", runt_meta, NELEM(runt_meta) },
	{ "vm0.csv", runt_vm0, NELEM(runt_vm0) },
	{ "vm1.csv", runt_vm1, NELEM(runt_vm1) },
};

/*
 * What run T's findings begin with: VM 1's millisecond of drift is no
 * "0.00 on average" and names no queue that never grew; equal clocks are
 * not a lead.
 */
#define LEVEL(clock)	\
	"- VM 1 (rate 1) drifted most: up to 1 tick behind the highest clock, " \
	"under\n  0.01 on average, 0 at the end.\n" \
	"- Both VMs ended with the same clock, " #clock ".\n" \
	"- No clock ever jumped: every tick raised a clock by 1.\n"

/* Run T with edits analyzed: its summary.txt from "findings" on must be want. */
static void
expect_findings(const struct rundir_edit *edits, size_t nedits,
    const char *want)
{
	char dir[256], *text, *found;

	anarun_analyzed(dir, sizeof dir, run_t, NELEM(run_t), edits, nedits);
	text = anarun_output(dir, "summary.txt");
	found = strstr(text, "\nfindings\n");
	ck_assert_msg(found != NULL, "no findings in:\n%s", text);
	ck_assert_str_eq(found + 10, want);
	free(text);
}

START_TEST(a_one_second_run_says_second_and_tick_in_the_singular)
{
	char dir[256], *text;

	anarun_analyzed(dir, sizeof dir, run_t, NELEM(run_t), NULL, 0);
	text = anarun_output(dir, "summary.txt");
	ck_assert_msg(strstr(text, "\nseed 3: 2 VMs for 1 model second at speed "
	    "1, draw_max 10\nrun complete, passes check\n") != NULL, "%s", text);
	free(text);
	/* A run without a message has one sentence on messages. */
	expect_findings(NULL, 0,
	    LEVEL(1)
	    "- No VM sent a message: every tick was an internal event.\n");
}
END_TEST

/* VM 0's one tick sends to VM 1, which is still holding it at the end. */
START_TEST(one_pending_message_is_one_message_for_one_vm)
{
	static const struct rundir_edit one[] = {
		{ "vm0.csv", 2, "0,0,SEND," W(0000000000) ",1,0,1,," },
		{ "vm1.csv", 3, "1,1,PENDING," W(1000005000) ",1,0,0,0,1" },
	};

	expect_findings(one, NELEM(one),
	    LEVEL(1)
	    "- No message was ever left waiting in a queue by a tick.\n"
	    "- No message was received.\n"
	    "- 1 message was still waiting at the end (pending), for VM 1.\n");
}
END_TEST

/*
 * Over 2 seconds VM 1 takes the message at 1.0, a second (a tick at rate
 * 1) after it was sent; VM 0 ticks at 1.0 too. Clocks end at 2 and 2.
 */
START_TEST(one_received_message_is_not_averaged)
{
	static const struct rundir_edit two[] = {
		{ "run.meta", 6, "duration_s=2" },
		{ "run.meta", 19, "end_wall_ns=" W(2000000000) },
		{ "vm0.csv", 2, "0,0,SEND," W(0000000000) ",1,0,1,," },
		{ "vm0.csv", 3, "0,1,INTERNAL," W(1000000000) ",2,0,,," },
		{ "vm1.csv", 3, "1,1,RECV," W(1000000000) ",2,0,0,0,1" },
	};

	/*
	 * Of the 6 pairs of the 4 ticks, the SEND happened before the RECV and
	 * each VM's two are ordered: 3; the SEND and VM 1's INTERNAL (both
	 * clock 1) and VM 0's INTERNAL and the RECV (both 2) are tied, which
	 * leaves 4 that Lamport order ranks, of them 1 concurrent: VM 0's
	 * INTERNAL (2) and VM 1's (1).
	 */
	expect_findings(two, NELEM(two),
	    LEVEL(2)
	    "- Of 4 pairs of events Lamport order ranks (the ticks of 0 to 2 "
	    "s), 25% are\n  concurrent: neither could have affected the "
	    "other.\n"
	    "- No message was ever left waiting in a queue by a tick.\n"
	    "- The one message VM 1 received waited longest: 1.00 of its ticks "
	    "(1.0000\n  model seconds).\n"
	    "- Every message sent was received before the end.\n");
}
END_TEST

/*
 * VM 0 at rate 2 sends at 0, 1 and 1.5; VM 1 takes the first at 1 and
 * holds the other two at the end: every pending message is for VM 1.
 */
START_TEST(pending_messages_all_for_one_vm_say_so)
{
	static const struct rundir_edit both[] = {
		{ "run.meta", 6, "duration_s=2" },
		{ "run.meta", 10, "rate_max=2" },
		{ "run.meta", 11, "vm0.rate=2" },
		{ "run.meta", 19, "end_wall_ns=" W(2000000000) },
		{ "vm0.csv", 2, "0,0,SEND," W(0000000000) ",1,0,1,," },
		{ "vm0.csv", 3, "0,1,INTERNAL," W(0500000000) ",2,0,,,\n"
		    "0,2,SEND," W(1000000000) ",3,0,1,,\n"
		    "0,3,SEND," W(1500000000) ",4,0,1,," },
		{ "vm1.csv", 3, "1,1,RECV," W(1000000000) ",2,0,0,0,1\n"
		    "1,2,PENDING," W(2000005000) ",2,1,0,2,3\n"
		    "1,3,PENDING," W(2000006000) ",2,0,0,3,4" },
	};
	char dir[256], *text;

	anarun_analyzed(dir, sizeof dir, run_t, NELEM(run_t), both,
	    NELEM(both));
	text = anarun_output(dir, "summary.txt");
	ck_assert_msg(strstr(text, "\n- 2 messages were still waiting at the "
	    "end (pending), all for VM 1.\n") != NULL, "%s", text);
	free(text);
}
END_TEST

/*
 * Interrupted before the first tick: the logs hold their headers alone.
 * One sentence says so, and every plot is still drawn, its time axis
 * one empty second (the run had none), VM 0's lane named.
 */
START_TEST(a_run_stopped_before_its_first_tick_says_so_and_is_drawn)
{
	static const struct rundir_edit none[] = {
		{ "run.meta", 20, "vm0.exit=interrupted" },
		{ "run.meta", 21, "vm1.exit=interrupted" },
		{ "run.meta", 22, "status=interrupted" },
		{ "vm0.csv", 2, NULL }, { "vm1.csv", 2, NULL },
	};
	char dir[256], *out, *err, *text;
	int rc;

	rundir_make_run(dir, sizeof dir, run_t, NELEM(run_t), none,
	    NELEM(none));
	ck_assert_int_eq(unsetenv("CLOCKRING_GNUPLOT"), 0);
	rc = anarun_analyze(&out, &err, "--quiet", "--svg", dir,
	    (const char *)NULL);
	ck_assert_msg(rc == 0, "analyze exited %d: %s", rc, err);
	free(out);
	free(err);
	text = anarun_output(dir, "summary.txt");
	ck_assert_msg(strstr(text, "\nrun stopped at 0 of 1 model second "
	    "(interrupted), passes check\n") != NULL, "%s", text);
	ck_assert_str_eq(strstr(text, "\nfindings\n") + 10,
	    "- No VM ticked: the run stopped before its first tick.\n");
	free(text);
	text = anarun_output(dir, "spacetime.svg");
	ck_assert_ptr_nonnull(strstr(text, ">VM 0 (1/s)<"));
	ck_assert_ptr_nonnull(strstr(text, ">no tick and no message in this "
	    "window<"));
	free(text);
	text = anarun_output(dir, "jumps.svg");
	ck_assert_ptr_nonnull(strstr(text, ">no tick, so no clock jump<"));
	free(text);
}
END_TEST

Suite *
make_findings_suite(void)
{
	Suite *s = suite_create("findings");
	TCase *tc = tcase_create("degenerate runs");

	tcase_add_unchecked_fixture(tc, rundir_setup, rundir_teardown);
	/* gnuplot draws five plots in the last test */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, a_one_second_run_says_second_and_tick_in_the_singular);
	tcase_add_test(tc, one_pending_message_is_one_message_for_one_vm);
	tcase_add_test(tc, one_received_message_is_not_averaged);
	tcase_add_test(tc, pending_messages_all_for_one_vm_say_so);
	tcase_add_test(tc,
	    a_run_stopped_before_its_first_tick_says_so_and_is_drawn);
	suite_add_tcase(s, tc);
	return s;
}
