/* tests/check_stale.c -- unit tests of judging finished runs against an experiment as it is now */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/rundir/expfile.h"
#include "sim/exprun.h"
#include "sim/metafile.h"
#include "sim/options.h"
#include "sim/orch.h"
#include "sim/run.h"
#include "sim/stale.h"
#include "tests/rundir.h"
#include "tests/suites.h"

#define HEAD	"title = T\ndescription = D\nduration = 10\n"

static char err[512];
static struct stale st;

static void
load_exp(const char *text, struct experiment *e)
{
	ck_assert_msg(expfile_parse("x.exp", text, strlen(text), e, err,
	    sizeof err) == 0, "%s", err);
}

/* run.meta of repeat r of the experiment in text at speed, as a run writes it. */
static void
write_run(const char *dir, const char *text, uint32_t repeat, double speed)
{
	static struct experiment e;
	static struct run_opts o;
	struct run *rp;
	struct exprun_args a;

	load_exp(text, &e);
	exprun_args(&e, repeat, speed, dir, &a);
	ck_assert_msg(options_run(a.argc - 2, a.argv + 2, &o, err, sizeof err) ==
	    0, "%s", err);
	rp = run_new(&o);
	ck_assert_ptr_nonnull(rp);
	snprintf(rp->dir, sizeof rp->dir, "%s", dir);
	orch_rates(&o, rp->seed, rp->rates, &rp->rate_min, &rp->rate_max);
	for (uint32_t i = 0; i < o.vms; i++)
		rp->end[i].kind = VMEND_OK;
	rp->status = RUN_COMPLETE;
	ck_assert_msg(metafile_write(rp, err, sizeof err) == 0, "%s", err);
	run_free(rp);
}

/* Judge a run made from was (repeat r, speed 10) against now at speed. */
static int
judge(const char *was, uint32_t repeat, const char *now, double speed)
{
	static struct experiment e;
	static struct stale_was w;
	char dir[128];

	rundir_make(dir, sizeof dir);
	write_run(dir, was, repeat, 10);
	ck_assert_msg(stale_read(dir, &w, err, sizeof err) == 0, "%s", err);
	load_exp(now, &e);
	return stale_judge(&w, &e, repeat, speed, &st, err, sizeof err);
}

static const char *
said(void)
{
	static char buf[4096];
	FILE *f = fmemopen(buf, sizeof buf, "w");

	ck_assert_ptr_nonnull(f);
	stale_say(&st, f);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static void
setup(void)
{
	memset(&st, 0, sizeof st);
}

START_TEST(a_run_made_as_the_suite_would_now_is_kept)
{
	const char *text = HEAD "run = --vms 4 --rate-min 2 --rate-max 5 "
	    "--draw-max 7\nfault = pause:1@2+3 kill:3@8\non_failure = continue\n";

	ck_assert_int_eq(judge(text, 2, text, 10), 0);
	ck_assert_uint_eq(st.runs, 0);
	ck_assert_uint_eq(st.ndiffs, 0);
}
END_TEST

START_TEST(a_changed_rate_max_is_named_with_old_and_new_value)
{
	ck_assert_int_eq(judge(HEAD "run = --rate-max 6\n", 1,
	    HEAD "run = --rate-max 5\n", 10), 1);
	ck_assert_uint_eq(st.runs, 1);
	ck_assert_uint_eq(st.ndiffs, 1);
	ck_assert_str_eq(said(), "1 finished run was made with rate_max 6, the "
	    "file now says 5");
}
END_TEST

START_TEST(another_speed_is_named_as_the_suites_option)
{
	ck_assert_int_eq(judge(HEAD, 1, HEAD, 20), 1);
	ck_assert_str_eq(said(), "1 finished run was made with speed 10, "
	    "--speed now says 20");
}
END_TEST

/* A setting that changes a result: the file before and after, and the
 * key named. */
static const char *const changed[][3] = {
	{ "run = --vms 3\n", "run = --vms 4\n", "vms 3, the file now says 4" },
	{ "duration = 10\n", "duration = 12.5\n",
	  "duration_s 10, the file now says 12.5" },
	{ "run = --draw-max 10\n", "run = --draw-max 5\n",
	  "draw_max 10, the file now says 5" },
	{ "seed = 1\n", "seed = 2\n", "seed " },
	{ "run = --rate-min 1\n", "run = --rate-min 2\n",
	  "rate_min 1, the file now says 2" },
	{ "run = --rates 4,6,2\n", "run = --rates 4,5,2\n",
	  "rates 4,6,2, the file now says 4,5,2" },
	{ "on_failure = stop\n", "on_failure = continue\n",
	  "on_failure stop, the file now says continue" },
	{ "run = --vms 3\n", "fault = kill:1@5\n",
	  "faults none, the file now says kill:1@5" },
	{ "fault = kill:1@5\n", "fault = kill:1@6\n",
	  "faults kill:1@5, the file now says kill:1@6" },
	{ "mode = virtual\nrun = --log summary\n", "mode = virtual\n",
	  "log summary, the file now says full" },
	{ "mode = virtual\nrun = --log summary\n",
	  "mode = virtual\nrun = --log off\n",
	  "log summary, the file now says off" },
};

START_TEST(each_setting_that_changes_a_result_is_compared)
{
	char was[256], now[256];

	snprintf(was, sizeof was, "title = T\ndescription = D\n%s", changed[_i][0]);
	snprintf(now, sizeof now, "title = T\ndescription = D\n%s", changed[_i][1]);
	ck_assert_int_eq(judge(was, 1, now, 10), 1);
	ck_assert_uint_eq(st.ndiffs, 1);
	ck_assert_msg(strstr(said(), changed[_i][2]) != NULL, "%s: not in '%s'",
	    changed[_i][2], said());
}
END_TEST

START_TEST(where_the_vms_listen_and_wait_does_not_matter)
{
	ck_assert_int_eq(judge(HEAD, 1, HEAD "run = --bind 127.0.0.2 --base-port "
	    "20000 --connect-timeout 3\n", 10), 0);
}
END_TEST

START_TEST(faults_compare_in_their_one_spelling)
{
	ck_assert_int_eq(judge(HEAD "fault = pause:1@2+1, slow:0->1@1+2:200ms\n",
	    1, HEAD "fault = pause:1@2.0+1.00 slow:0->1@1+2:0.2s\n", 10), 0);
}
END_TEST

/* The same seed and range draw the same rates, whatever the repeat. */
START_TEST(each_repeat_keeps_its_own_seed)
{
	ck_assert_int_eq(judge(HEAD, 3, HEAD, 10), 0);
	ck_assert_int_eq(judge(HEAD, 3, HEAD "seed = 5\n", 10), 1);
}
END_TEST

/*
 * Rates given by hand, then drawn from the very range they span: the range
 * in run.meta is the same, the rates are not, and the rates are named.
 */
START_TEST(rates_drawn_are_told_from_rates_given)
{
	static struct experiment e;
	static struct run_opts o;
	struct exprun_args a;
	uint32_t rates[OPT_MAX_VMS], lo, hi;

	load_exp(HEAD "run = --vms 2 --rate-min 1 --rate-max 6\n", &e);
	exprun_args(&e, 1, 10, ".", &a);
	ck_assert_int_eq(options_run(a.argc - 2, a.argv + 2, &o, err,
	    sizeof err), 0);
	orch_rates(&o, o.seed, rates, &lo, &hi);
	ck_assert(!(rates[0] == 1 && rates[1] == 6));	/* else no test */
	ck_assert_int_eq(judge(HEAD "run = --vms 2 --rates 1,6\n", 1,
	    HEAD "run = --vms 2 --rate-min 1 --rate-max 6\n", 10), 1);
	ck_assert_ptr_nonnull(strstr(said(), "rates 1,6, the file now says "));
}
END_TEST

START_TEST(every_difference_is_said_once_for_all_runs)
{
	ck_assert_int_eq(judge(HEAD "run = --rate-max 6\n", 1,
	    HEAD "run = --rate-max 5\n", 10), 1);
	ck_assert_int_eq(judge(HEAD "run = --rate-max 4\n", 2,
	    HEAD "run = --rate-max 5\n", 20), 1);
	ck_assert_int_eq(judge(HEAD "run = --rate-max 5\n", 3,
	    HEAD "run = --rate-max 5\n", 10), 0);
	ck_assert_uint_eq(st.runs, 2);
	ck_assert_str_eq(said(), "2 finished runs were made with rate_max 6, "
	    "the file now says 5, and with speed 10, --speed now says 20");
}
END_TEST

/* Rewrite DIR/run.meta without the lines starting with drop, as format 1. */
static void
as_format_1(const char *dir)
{
	char path[256], line[512], *text = NULL;
	size_t len = 0;
	FILE *in, *out = open_memstream(&text, &len);

	snprintf(path, sizeof path, "%s/run.meta", dir);
	ck_assert_ptr_nonnull(in = fopen(path, "r"));
	while (fgets(line, sizeof line, in) != NULL)
		if (strncmp(line, "on_failure=", 11) != 0 &&
		    strncmp(line, "faults=", 7) != 0 &&
		    strncmp(line, "mode=", 5) != 0 &&
		    strncmp(line, "latency_", 8) != 0 &&
		    strncmp(line, "vector=", 7) != 0 &&
		    strncmp(line, "log=", 4) != 0)
			fputs(strcmp(line, "format=5\n") ? line : "format=1\n", out);
	fclose(in);
	fclose(out);
	rundir_write_raw(dir, "run.meta", text, len);
	free(text);
}

START_TEST(a_run_of_format_1_had_no_faults_and_stopped_on_failure)
{
	static struct experiment e;
	static struct stale_was w;
	char dir[128];

	rundir_make(dir, sizeof dir);
	write_run(dir, HEAD, 1, 10);
	as_format_1(dir);
	ck_assert_msg(stale_read(dir, &w, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(w.m.format, 1);
	load_exp(HEAD, &e);
	ck_assert_int_eq(stale_judge(&w, &e, 1, 10, &st, err, sizeof err), 0);
	load_exp(HEAD "on_failure = continue\n", &e);
	ck_assert_int_eq(stale_judge(&w, &e, 1, 10, &st, err, sizeof err), 1);
}
END_TEST

START_TEST(a_missing_or_bad_value_differs_and_is_shown)
{
	static struct experiment e;
	static struct stale_was w;
	char dir[128], seed[48];
	const char *const lines[] = { "format=2", seed, "vms=3",
		"duration_s=ten", "speed=10", "rate_min=1", "rate_max=6",
		"on_failure=stop", "faults=0", "status=complete" };

	load_exp(HEAD, &e);
	snprintf(seed, sizeof seed, "seed=%" PRIu64, expfile_seed(&e, 1));
	rundir_make(dir, sizeof dir);
	rundir_write(dir, "run.meta", lines, sizeof lines / sizeof *lines);
	ck_assert_msg(stale_read(dir, &w, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(stale_judge(&w, &e, 1, 10, &st, err, sizeof err), 1);
	const char *want = "1 finished run was made with duration_s 'ten', the "
	    "file now says 10, and with draw_max (none), the file now says 10, "
	    "and with rates ?,?,?, the file now says ";
	ck_assert_msg(strncmp(said(), want, strlen(want)) == 0, "%s", said());
}
END_TEST

Suite *
make_stale_suite(void)
{
	Suite *s = suite_create("stale");
	TCase *tc = tcase_create("judge");

	tcase_add_unchecked_fixture(tc, rundir_setup, rundir_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, a_run_made_as_the_suite_would_now_is_kept);
	tcase_add_test(tc, a_changed_rate_max_is_named_with_old_and_new_value);
	tcase_add_test(tc, another_speed_is_named_as_the_suites_option);
	tcase_add_loop_test(tc, each_setting_that_changes_a_result_is_compared,
	    0, (int)(sizeof changed / sizeof changed[0]));
	tcase_add_test(tc, where_the_vms_listen_and_wait_does_not_matter);
	tcase_add_test(tc, faults_compare_in_their_one_spelling);
	tcase_add_test(tc, each_repeat_keeps_its_own_seed);
	tcase_add_test(tc, rates_drawn_are_told_from_rates_given);
	tcase_add_test(tc, every_difference_is_said_once_for_all_runs);
	tcase_add_test(tc, a_run_of_format_1_had_no_faults_and_stopped_on_failure);
	tcase_add_test(tc, a_missing_or_bad_value_differs_and_is_shown);
	suite_add_tcase(s, tc);
	return s;
}
