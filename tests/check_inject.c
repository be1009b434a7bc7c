/* tests/check_inject.c -- unit tests of sim/inject: the fault timetable, on real child processes */
#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "sim/inject.h"
#include "sim/options.h"
#include "sim/run.h"
#include "tests/suites.h"

#define S	1000000000u	/* one second in ns */
#define T0	(5 * (uint64_t)S)	/* CLOCK_MONOTONIC of model time 0 */

static struct run_opts o;
static struct run *r;

/* A run of three VMs at speed 2, VM 1 a child that only waits. */
static void
setup(const char *const *specs)
{
	char err[256];
	int n = 0;
	const char *args[2 * FAULT_MAX + 8];

	args[n++] = "--speed";
	args[n++] = "2";
	for (; *specs != NULL; specs++) {
		args[n++] = "--fault";
		args[n++] = *specs;
	}
	args[n] = NULL;
	ck_assert_msg(options_run(n, (char **)args, &o, err, sizeof err) == 0,
	    "%s", err);
	run_free(r);
	r = run_new(&o);
	ck_assert_ptr_nonnull(r);
	r->pid[1] = fork();
	ck_assert_int_ne(r->pid[1], -1);
	if (r->pid[1] == 0) {
		for (;;)
			pause();
	}
}

#define SETUP(...)	setup((const char *[]){ __VA_ARGS__, NULL })

/* What happened to VM 1 since we last looked: stopped, continued, killed. */
static char
seen(void)
{
	int st;
	pid_t p = waitpid(r->pid[1], &st, WUNTRACED | WCONTINUED | WNOHANG);

	if (p == 0)
		return '-';
	if (WIFSTOPPED(st))
		return 'T';
	if (WIFCONTINUED(st))
		return 'C';
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) {
		r->pid[1] = 0;	/* reaped, as the orchestrator would */
		return 'K';
	}
	return '?';
}

static void
nap_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000 };

	nanosleep(&ts, NULL);
}

/* waitpid may look before the signal has landed: give it a moment. */
static char
seen_soon(void)
{
	for (int i = 0; i < 200; i++) {
		char c = seen();
		if (c != '-')
			return c;
		nap_ms(5);
	}
	return '-';
}

static void
teardown(void)
{
	if (r->pid[1] > 0) {
		kill(r->pid[1], SIGKILL);
		waitpid(r->pid[1], NULL, 0);
	}
}

START_TEST(nothing_is_due_before_the_start)
{
	SETUP("kill:1@4");
	ck_assert_uint_eq(inject_next_ns(r), UINT64_MAX);
	inject_due(r, UINT64_MAX - 1);
	ck_assert_int_eq(seen(), '-');
	teardown();
}
END_TEST

START_TEST(a_kill_comes_at_start_plus_model_time_over_speed)
{
	SETUP("kill:1@4");
	inject_start(r, T0);
	ck_assert_uint_eq(inject_next_ns(r), T0 + 2 * (uint64_t)S);
	inject_due(r, T0 + 2 * (uint64_t)S - 1);
	ck_assert_int_eq(seen(), '-');
	inject_due(r, T0 + 2 * (uint64_t)S);
	ck_assert_int_eq(seen_soon(), 'K');
	ck_assert_int_eq(r->killed_by[1], 0);
	ck_assert_uint_eq(inject_next_ns(r), UINT64_MAX);
}
END_TEST

START_TEST(a_pause_stops_then_continues_the_vm)
{
	SETUP("slow:0->1@0+10:1s", "pause:1@1+3");
	inject_start(r, T0);
	/* The slow fault is the VM's business: nothing for us to time. */
	ck_assert_uint_eq(inject_next_ns(r), T0 + S / 2);
	inject_due(r, T0 + S / 2);
	ck_assert_int_eq(seen_soon(), 'T');
	ck_assert_uint_eq(inject_next_ns(r), T0 + 2 * (uint64_t)S);
	inject_due(r, T0 + 2 * (uint64_t)S);
	ck_assert_int_eq(seen_soon(), 'C');
	ck_assert_uint_eq(inject_next_ns(r), UINT64_MAX);
	ck_assert_int_eq(r->killed_by[1], -1);
	teardown();
}
END_TEST

/* The VM stops at the first pause to begin and goes on at the last to end. */
START_TEST(overlapping_pauses_stop_the_vm_once)
{
	SETUP("pause:1@2+6", "pause:1@4+2");
	inject_start(r, T0);
	inject_due(r, T0 + 1 * (uint64_t)S);
	ck_assert_int_eq(seen_soon(), 'T');
	inject_due(r, T0 + 3 * (uint64_t)S);	/* the inner pause ends */
	nap_ms(20);
	ck_assert_int_eq(seen(), '-');
	inject_due(r, T0 + 4 * (uint64_t)S);
	ck_assert_int_eq(seen_soon(), 'C');
	teardown();
}
END_TEST

START_TEST(a_paused_vm_can_be_killed_and_its_pause_end_is_passed_over)
{
	SETUP("pause:1@2+6", "kill:1@4");
	inject_start(r, T0);
	inject_due(r, T0 + 1 * (uint64_t)S);
	ck_assert_int_eq(seen_soon(), 'T');
	inject_due(r, T0 + 2 * (uint64_t)S);
	ck_assert_int_eq(seen_soon(), 'K');
	inject_due(r, T0 + 4 * (uint64_t)S);
	ck_assert_uint_eq(inject_next_ns(r), UINT64_MAX);
}
END_TEST

/* A VM already ended (pid 0) is left alone: its faults are passed over. */
START_TEST(faults_of_a_vm_that_ended_are_skipped)
{
	SETUP("kill:1@4");
	teardown();
	r->pid[1] = 0;
	inject_start(r, T0);
	inject_due(r, T0 + 10 * (uint64_t)S);
	ck_assert_int_eq(r->killed_by[1], -1);
	ck_assert_uint_eq(inject_next_ns(r), UINT64_MAX);
}
END_TEST

/* Ending the run: paused VMs go on (to act on SIGTERM), nothing more comes. */
START_TEST(stopping_resumes_paused_vms_and_cancels_what_is_left)
{
	SETUP("pause:1@2+6", "kill:1@5");
	inject_start(r, T0);
	inject_due(r, T0 + 1 * (uint64_t)S);
	ck_assert_int_eq(seen_soon(), 'T');
	inject_stop(r);
	ck_assert_int_eq(seen_soon(), 'C');
	ck_assert_uint_eq(inject_next_ns(r), UINT64_MAX);
	inject_due(r, T0 + 10 * (uint64_t)S);
	nap_ms(20);
	ck_assert_int_eq(seen(), '-');
	ck_assert_int_eq(r->killed_by[1], -1);
	teardown();
}
END_TEST

Suite *
make_inject_suite(void)
{
	Suite *s = suite_create("inject");
	TCase *tc = tcase_create("timetable");

	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, nothing_is_due_before_the_start);
	tcase_add_test(tc, a_kill_comes_at_start_plus_model_time_over_speed);
	tcase_add_test(tc, a_pause_stops_then_continues_the_vm);
	tcase_add_test(tc, overlapping_pauses_stop_the_vm_once);
	tcase_add_test(tc, a_paused_vm_can_be_killed_and_its_pause_end_is_passed_over);
	tcase_add_test(tc, faults_of_a_vm_that_ended_are_skipped);
	tcase_add_test(tc, stopping_resumes_paused_vms_and_cancels_what_is_left);
	suite_add_tcase(s, tc);
	return s;
}
