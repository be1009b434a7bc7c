/* tests/check_replay.c -- unit tests of sim/replay: a run's logs read once into a timeline in model time */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "analysis/rundir/runinfo.h"
#include "sim/replay.h"
#include "tests/anarun.h"
#include "tests/suites.h"

/* Run A (tests/anarun.h) read into a timeline. */
static struct timeline *
load_run_a(char *dir, size_t len, struct runinfo *ri)
{
	struct timeline *t;
	char err[512] = "";

	rundir_make_run(dir, len, run_a, NELEM(run_a), NULL, 0);
	ck_assert_msg(runinfo_load(ri, dir, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(replay_load(ri, &t, err, sizeof err) == 0, "%s", err);
	return t;
}

START_TEST(load_merges_the_logs_in_model_time)
{
	char dir[256];
	struct runinfo ri;
	struct timeline *t = load_run_a(dir, sizeof dir, &ri);
	struct log_event ev;

	ck_assert_uint_eq(timeline_len(t), 4 + 4 + 8);
	timeline_event(t, 0, &ev);
	ck_assert_uint_eq(ev.vm, 0);	/* model time 0: ties by VM */
	ck_assert_uint_eq(ev.wall_ns, 0);
	ck_assert_int_eq(ev.kind, LOG_SEND);
	timeline_event(t, 3, &ev);
	ck_assert_uint_eq(ev.vm, 2);	/* vm2's tick at 0.25 s */
	ck_assert_uint_eq(ev.wall_ns, 250000000);
	for (size_t i = 1; i < timeline_len(t); i++)
		ck_assert_uint_le(timeline_ns(t, i - 1), timeline_ns(t, i));
	/* PENDING lines logged after the end are held at the end */
	ck_assert_uint_eq(timeline_ns(t, timeline_len(t) - 1), 2000000000);
	timeline_free(t);
	runinfo_free(&ri);
}
END_TEST

/* Stepping back reads no log: with the logs gone, every state is still there. */
START_TEST(stepping_back_needs_no_log)
{
	char dir[256], path[300];
	struct runinfo ri;
	struct timeline *t = load_run_a(dir, sizeof dir, &ri);
	struct view_state s;

	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/vm%d.csv", dir, i);
		ck_assert_int_eq(unlink(path), 0);
	}
	ck_assert_int_eq(view_state_init(&s, 3), 0);
	timeline_seek(t, timeline_len(t), &s);
	ck_assert_uint_eq(s.vm[0].lamport, 4);
	ck_assert_uint_eq(s.vm[1].lamport, 7);
	ck_assert_uint_eq(s.vm[2].lamport, 8);
	timeline_seek(t, 5, &s);
	ck_assert_uint_eq(s.events, 5);
	ck_assert_uint_eq(s.vm[1].count[LOG_SEND], 1);
	ck_assert_uint_eq(s.now_ns, 500000000);
	view_state_free(&s);
	timeline_free(t);
	runinfo_free(&ri);
}
END_TEST

/* A ring across machines: each log read in VM 0's clock, as check does. */
START_TEST(a_ring_across_machines_is_read_in_vm0s_clock)
{
	char dir[256], err[512] = "";
	struct rundir_edit offsets = { "run.meta", NELEM(runa_meta),
	    "status=complete\nvm0.next_offset_ns=100000000\nvm0.next_rtt_ns=1000"
	    "\nvm1.next_offset_ns=0\nvm1.next_rtt_ns=1000"
	    "\nvm2.next_offset_ns=-100000000\nvm2.next_rtt_ns=1000" };
	struct runinfo ri;
	struct timeline *t;
	struct log_event ev;
	size_t sends = 0;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), &offsets, 1);
	ck_assert_msg(runinfo_load(&ri, dir, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(replay_load(&ri, &t, err, sizeof err) == 0, "%s", err);
	for (size_t i = 0; i < timeline_len(t); i++) {
		timeline_event(t, i, &ev);
		if (ev.vm != 1 || ev.kind != LOG_SEND)
			continue;
		/* vm1's clock runs 0.1 s ahead of vm0's: its 0.5 s is 0.4 s */
		ck_assert_uint_eq(ev.wall_ns, 400000000);
		sends++;
	}
	ck_assert_uint_eq(sends, 1);
	timeline_free(t);
	runinfo_free(&ri);
}
END_TEST

START_TEST(a_bad_log_is_said_with_its_line)
{
	char dir[256], err[512] = "";
	struct rundir_edit bad = { "vm1.csv", 3, "1,1,SEND,oops,2,0,2|0,," };
	struct runinfo ri;
	struct timeline *t;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), &bad, 1);
	ck_assert_int_eq(runinfo_load(&ri, dir, err, sizeof err), 0);
	ck_assert_int_eq(replay_load(&ri, &t, err, sizeof err), -1);
	ck_assert_ptr_null(t);
	ck_assert_msg(strstr(err, "vm1.csv:3") != NULL, "%s", err);
	runinfo_free(&ri);
}
END_TEST

Suite *
make_replay_suite(void)
{
	Suite *s = suite_create("replay");
	TCase *tc = tcase_create("load");

	tcase_add_unchecked_fixture(tc, rundir_setup, rundir_teardown);
	tcase_add_test(tc, load_merges_the_logs_in_model_time);
	tcase_add_test(tc, stepping_back_needs_no_log);
	tcase_add_test(tc, a_ring_across_machines_is_read_in_vm0s_clock);
	tcase_add_test(tc, a_bad_log_is_said_with_its_line);
	suite_add_tcase(s, tc);
	return s;
}
