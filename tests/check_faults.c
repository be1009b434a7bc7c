/* tests/check_faults.c -- unit tests of `clockring check` on runs with faults injected */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/rundir/logread.h"
#include "tests/checkrun.h"
#include "tests/rundir.h"
#include "tests/suites.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])
#define W(off)		"170000000" #off

/*
 * A correct 3-VM run with `--fault kill:2@1 --on-failure continue`: rate 2
 * for 2 model seconds, ticks 0.1 ms late. vm2 took one message and ticked
 * twice before it was killed at 1 s. vm0's SEND seq 1 and vm1's SEND seq 2
 * to vm2 were in flight then: lost with it. Each neighbour then found vm2
 * down and dropped its next send to it (vm0 seq 3, vm1 seq 4).
 */
static const char *const meta[] = {
	"format=2", "version=0.2.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=42", "vms=3", "duration_s=2", "speed=1", "draw_max=10",
	"rate_min=2", "rate_max=2", "vm0.rate=2", "vm1.rate=2", "vm2.rate=2",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001", "vm2.port=40002",
	"on_failure=continue", "faults=1", "fault0=kill:2@1",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(2000000000),
	"vm0.exit=ok", "vm1.exit=ok", "vm2.exit=killed", "status=complete",
};

static const char *const vm0[] = {
	LOGLINE_HEADER,
	"0,0,SEND," W(0000100000) ",1,0,1|2,,",
	"0,1,SEND," W(0500100000) ",2,0,2,,",
	"0,2,PEER_DOWN," W(0900000000) ",2,0,2,,",
	"0,3,SEND," W(1000100000) ",3,0,2,,",
	"0,4,DROP," W(1000100001) ",3,0,2,3,3",
	"0,5,RECV," W(1500100000) ",4,0,1,2,3",
};

static const char *const vm1[] = {
	LOGLINE_HEADER,
	"1,0,INTERNAL," W(0000100000) ",1,0,,,",
	"1,1,RECV," W(0500100000) ",2,0,0,0,1",
	"1,2,SEND," W(1000100000) ",3,0,2|0,,",
	"1,3,PEER_DOWN," W(1200000000) ",3,0,2,,",
	"1,4,SEND," W(1500100000) ",4,0,2,,",
	"1,5,DROP," W(1500100001) ",4,0,2,4,4",
};

static const char *const vm2[] = {
	LOGLINE_HEADER,
	"2,0,RECV," W(0000100000) ",2,0,0,0,1",
	"2,1,INTERNAL," W(0500100000) ",3,0,,,",
};

static const struct rundir_file run[] = {
	{ "run.meta", meta, NELEM(meta) }, { "vm0.csv", vm0, NELEM(vm0) },
	{ "vm1.csv", vm1, NELEM(vm1) }, { "vm2.csv", vm2, NELEM(vm2) },
};

/* Check the run with edits; its output, to be freed; exit status in *rc. */
static char *
checked(char *dir, size_t len, const struct rundir_edit *e, size_t ne, int *rc)
{
	char *out, *err;

	rundir_make_run(dir, len, run, NELEM(run), e, ne);
	*rc = run_check(dir, &out, &err);
	ck_assert_str_eq(err, "");
	free(err);
	return out;
}

/* The run with edits breaks rules: exit 1, and each of want is named. */
static void
expect_violations(const struct rundir_edit *e, size_t ne,
    const char *const *want, size_t nwant)
{
	char dir[256];
	int rc;
	char *out = checked(dir, sizeof dir, e, ne, &rc);

	ck_assert_msg(rc == 1, "exit %d, output:\n%s", rc, out);
	for (size_t i = 0; i < nwant; i++)
		assert_names(out, dir, want[i]);
	free(out);
}

START_TEST(killed_vm_run_passes_and_names_each_message_lost_with_it)
{
	char dir[256], want[1024];
	int rc;
	char *out = checked(dir, sizeof dir, NULL, 0, &rc);

	snprintf(want, sizeof want,
	    "ok: %s: 3 VMs, 14 events, 5 messages (3 received, 0 pending, "
	    "2 lost with dead VMs); 2 dropped, never sent\n"
	    "vm0: rate 2, 4 ticks (expected 4), spacing error 0.00%% (jitter "
	    "0.00%%), max lateness 0.10 ms\n"
	    "vm1: rate 2, 4 ticks (expected 4), spacing error 0.00%% (jitter "
	    "0.00%%), max lateness 0.10 ms\n"
	    "vm2: rate 2, 2 ticks (planned 4), spacing error 0.00%% (jitter "
	    "0.00%%), max lateness 0.10 ms, ended killed\n"
	    "lost with vm2 (killed): 1 message vm0->vm2, seq 1\n"
	    "lost with vm2 (killed): 1 message vm1->vm2, seq 2\n", dir);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(rc, 0);
	free(out);
}
END_TEST

START_TEST(message_lost_between_live_vms_is_still_a_violation)
{
	static const struct rundir_edit e[] = {
		{ "vm0.csv", 7, "0,5,INTERNAL," W(1500100000) ",4,0,,," } };
	static const char *const want[] = { "vm1.csv:4: lost: message to vm0 "
		"(seq 2, lamport 3) never received" };

	expect_violations(e, NELEM(e), want, NELEM(want));
}
END_TEST

START_TEST(message_skipped_before_one_received_is_lost_even_to_a_dead_vm)
{
	static const struct rundir_edit e[] = {
		{ "vm2.csv", 2, "2,0,RECV," W(0000100000) ",3,0,0,1,2" },
		{ "vm2.csv", 3, "2,1,INTERNAL," W(0500100000) ",4,0,,," },
	};
	static const char *const want[] = { "vm0.csv:2: lost: message to vm2 "
		"(seq 0, lamport 1) never received" };

	expect_violations(e, NELEM(e), want, NELEM(want));
}
END_TEST

START_TEST(peer_down_names_only_a_vm_that_ended_badly)
{
	static const struct rundir_edit e[] = {
		{ "vm0.csv", 4, "0,2,PEER_DOWN," W(0900000000) ",2,0,1,," } };
	static const char *const want[] = {
		"vm0.csv:4: peer-down: PEER_DOWN for vm1, but run.meta has "
		"vm1.exit=ok",
		"vm0.csv:6: drop: DROP to vm2 before any PEER_DOWN for it",
	};

	expect_violations(e, NELEM(e), want, NELEM(want));
}
END_TEST

START_TEST(peer_found_down_twice_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 7,
		"1,5,DROP," W(1500100001) ",4,0,2,4,4\n"
		"1,6,PEER_DOWN," W(1600000000) ",4,0,2,," } };
	static const char *const want[] = { "vm1.csv:8: peer-down: vm2 was "
		"already found down on line 5" };

	expect_violations(e, NELEM(e), want, NELEM(want));
}
END_TEST

START_TEST(send_to_a_peer_known_down_must_be_dropped)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 7, NULL } };
	static const char *const want[] = { "vm1.csv:6: drop: SEND to vm2, "
		"found down on line 5, has no DROP" };

	expect_violations(e, NELEM(e), want, NELEM(want));
}
END_TEST

START_TEST(drop_must_follow_its_send_and_keep_the_clock)
{
	static const struct rundir_edit wrong_seq[] = { { "vm0.csv", 6,
		"0,4,DROP," W(1000100001) ",3,0,2,1,3" } };
	static const char *const want_seq[] = { "vm0.csv:6: drop: DROP of seq 1 "
		"to vm2 does not follow a SEND of that seq and clock to vm2" };
	static const struct rundir_edit ticks[] = { { "vm0.csv", 6,
		"0,4,DROP," W(1000100001) ",4,0,2,3,3" } };
	static const char *const want_clock[] = { "vm0.csv:6: drop: DROP "
		"changes lamport from 3 to 4" };

	expect_violations(wrong_seq, NELEM(wrong_seq), want_seq, NELEM(want_seq));
	expect_violations(ticks, NELEM(ticks), want_clock, NELEM(want_clock));
}
END_TEST

START_TEST(format_1_has_no_peer_down_or_drop_lines)
{
	static const struct rundir_edit e[] = { { "run.meta", 1, "format=1" } };
	static const char *const want[] = {
		"vm0.csv:4: columns: PEER_DOWN lines come with format 2",
		"vm0.csv:6: columns: DROP lines come with format 2",
	};

	expect_violations(e, NELEM(e), want, NELEM(want));
}
END_TEST

START_TEST(killed_needs_a_kill_fault_and_on_failure_continue)
{
	static const struct rundir_edit no_fault[] = {
		{ "run.meta", 19, "faults=0" }, { "run.meta", 20, NULL } };
	static const char *const want_fault[] = { "run.meta:24: meta: "
		"vm2.exit=killed, but no kill fault names vm2" };
	static const struct rundir_edit stop[] = {
		{ "run.meta", 18, "on_failure=stop" } };
	static const char *const want_stop[] = { "run.meta:25: run-status: "
		"status=complete but vm2.exit=killed with on_failure=stop" };

	expect_violations(no_fault, NELEM(no_fault), want_fault,
	    NELEM(want_fault));
	expect_violations(stop, NELEM(stop), want_stop, NELEM(want_stop));
}
END_TEST

START_TEST(fault_keys_must_describe_faults_that_fit_the_run)
{
	static const struct rundir_edit e[] = {
		{ "run.meta", 18, "on_failure=maybe" },
		{ "run.meta", 20, "fault0=kill:7@1" },
	};
	static const char *const want[] = {
		"run.meta:18: meta: on_failure 'maybe': not stop or continue",
		"run.meta:20: meta: fault0 'kill:7@1': no vm 7 in a ring of 3",
	};

	expect_violations(e, NELEM(e), want, NELEM(want));
}
END_TEST

START_TEST(paused_vm_spacing_is_not_judged)
{
	static const struct rundir_edit e[] = {
		{ "run.meta", 19, "faults=2" },
		{ "run.meta", 20, "fault0=kill:2@1\nfault1=pause:1@0.2+0.5" },
	};
	char dir[256];
	int rc;
	char *out = checked(dir, sizeof dir, e, NELEM(e), &rc);

	ck_assert_msg(rc == 0, "exit %d, output:\n%s", rc, out);
	ck_assert_msg(strstr(out, "vm1: rate 2, 4 ticks (expected 4), spacing "
	    "error not judged (paused), ") != NULL, "output:\n%s", out);
	free(out);
}
END_TEST

Suite *
make_faults_suite(void)
{
	Suite *s = suite_create("check_faults");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, rundir_setup, rundir_teardown);
	tcase_add_test(tc, killed_vm_run_passes_and_names_each_message_lost_with_it);
	tcase_add_test(tc, message_lost_between_live_vms_is_still_a_violation);
	tcase_add_test(tc, message_skipped_before_one_received_is_lost_even_to_a_dead_vm);
	tcase_add_test(tc, peer_down_names_only_a_vm_that_ended_badly);
	tcase_add_test(tc, peer_found_down_twice_is_reported);
	tcase_add_test(tc, send_to_a_peer_known_down_must_be_dropped);
	tcase_add_test(tc, drop_must_follow_its_send_and_keep_the_clock);
	tcase_add_test(tc, format_1_has_no_peer_down_or_drop_lines);
	tcase_add_test(tc, killed_needs_a_kill_fault_and_on_failure_continue);
	tcase_add_test(tc, fault_keys_must_describe_faults_that_fit_the_run);
	tcase_add_test(tc, paused_vm_spacing_is_not_judged);
	suite_add_tcase(s, tc);
	return s;
}
