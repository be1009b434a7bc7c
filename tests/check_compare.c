/* tests/check_compare.c -- `clockring compare`: figures, spreads and files worked out by hand */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "analysis/compare/compare.h"
#include "analysis/compare/compare_load.h"
#include "analysis/compare/compare_set.h"
#include "tests/restree.h"
#include "tests/suites.h"

/*
 * The hand-made tree of restree.h, worked out. Baseline's runs (r = 1..3):
 *   max drift    max(2r + 1, 1)            3, 5, 7: mean 5, sd 2
 *   mean drift   (r + 0.5) / 2             0.75, 1.25, 1.75: mean 1.25, sd 0.5
 *   mean jump    (clocks 2 + r + 4) / 6    7/6, 8/6, 9/6: mean 8/6, sd 1/6
 *   jumps > 1    1 tick of 6               1/6 each: sd 0
 *   max jump     max(1 + r, 1)             2, 3, 4: mean 3, sd 1
 *   max queue    r                         1, 2, 3: mean 2, sd 1
 *   mean queue   (0.5 + 0) / 2             0.25
 *   pending      r - 1                     0, 1, 2: mean 1, sd 1
 *   sent         1 + 2                     3
 *   delay        (1.0 * 1 + 0.5 * 1) / 2   0.75 (weighted by messages received)
 *   ordered      (4 + r + 5) / (10 + 5)    10/15, 11/15, 12/15: mean 11/15, sd 1/15
 *   ranked conc. (4 - r) / (8 + 5)         3/13, 2/13, 1/13: mean 2/13, sd 1/13
 * Calm's runs (r = 1, 2): max drift max(r, 1) = 1, 2: mean 1.5, sd
 * sqrt(0.5) = 0.7071; mean jump 15/14 = 1.0714; jumps > 1 1/14 = 0.0714;
 * max jump 2; max queue 1; mean queue 0.25; pending 0; sent 4; delay 0.25;
 * ordered (5 + 10) / (20 + 10) = 0.5; ranked concurrent 13 / 28 = 0.4643.
 */
#define BASE_ROW "baseline,Baseline,3,2,1,6,10,2,10,stop,none," \
	"5.0000,2.0000,3.0000,7.0000," "1.2500,0.5000,0.7500,1.7500," \
	"1.3333,0.1667,1.1667,1.5000," "0.1667,0.0000,0.1667,0.1667," \
	"3.0000,1.0000,2.0000,4.0000," "2.0000,1.0000,1.0000,3.0000," \
	"0.2500,0.0000,0.2500,0.2500," "1.0000,1.0000,0.0000,2.0000," \
	"3.0000,0.0000,3.0000,3.0000," "0.7500,0.0000,0.7500,0.7500," \
	"0.7333,0.0667,0.6667,0.8000," "0.1538,0.0769,0.0769,0.2308\n"
#define CALM_ROW "calm,Calm,2,2,3,4,10,2,10,stop,none," \
	"1.5000,0.7071,1.0000,2.0000," "0.2500,0.0000,0.2500,0.2500," \
	"1.0714,0.0000,1.0714,1.0714," "0.0714,0.0000,0.0714,0.0714," \
	"2.0000,0.0000,2.0000,2.0000," "1.0000,0.0000,1.0000,1.0000," \
	"0.2500,0.0000,0.2500,0.2500," "0.0000,0.0000,0.0000,0.0000," \
	"4.0000,0.0000,4.0000,4.0000," "0.2500,0.0000,0.2500,0.2500," \
	"0.5000,0.0000,0.5000,0.5000," "0.4643,0.0000,0.4643,0.4643\n"

static char results[256];

/* The standard tree; plots left out (no gnuplot) unless a test draws them. */
static void
make_std(void)
{
	restree_make(results, sizeof results, restree_std, 2);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/nonexistent", 1), 0);
}

/* compare RESULTS must succeed; its output is freed. */
static void
compare_ok(const char *extra, const char *dir)
{
	char *out, *err;
	int rc = extra ? restree_call(compare_main, &out, &err, extra, dir,
	    results, (const char *)NULL) : restree_call(compare_main, &out,
	    &err, results, (const char *)NULL);

	ck_assert_msg(rc == 0, "compare exited %d: %s", rc, err);
	free(out);
	free(err);
}

static void
expect_file(const char *name, const char *want)
{
	char *got = restree_read(results, name);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(a_run_s_figures_come_from_its_summary)
{
	char err[512];
	struct compare *c;

	make_std();
	ck_assert_ptr_nonnull(c = compare_load(results, err, sizeof err));
	ck_assert_uint_eq(c->nexps, 2);
	const struct compare_run *r = &c->exps[0].runs[2];	/* baseline 3 */
	ck_assert_str_eq(r->seed, "83");
	ck_assert_str_eq(r->rates, "3 3");
	ck_assert_double_eq(r->fig[CMP_MAX_DRIFT], 7);
	ck_assert_double_eq(r->fig[CMP_MEAN_DRIFT], 1.75);
	ck_assert_double_eq(r->fig[CMP_MEAN_JUMP], 1.5);
	ck_assert_double_eq_tol(r->fig[CMP_JUMP_SHARE], 1.0 / 6, 1e-12);
	ck_assert_double_eq(r->fig[CMP_MAX_JUMP], 4);
	ck_assert_double_eq(r->fig[CMP_MAX_QUEUE], 3);
	ck_assert_double_eq(r->fig[CMP_MEAN_QUEUE], 0.25);
	ck_assert_double_eq(r->fig[CMP_PENDING], 2);
	ck_assert_double_eq(r->fig[CMP_SENT], 3);
	ck_assert_double_eq(r->fig[CMP_DELAY], 0.75);
	ck_assert_double_eq_tol(c->exps[1].fig[CMP_MAX_DRIFT].sd, sqrt(0.5),
	    1e-12);
	compare_free(c);
}
END_TEST

/*
 * experiment.exp says one thing, run.meta another (the file was edited
 * after the run): the settings are run.meta's, faults and policy too.
 */
START_TEST(the_settings_are_run_meta_s_not_the_experiment_file_s)
{
	static const struct restree_exp tree[1] = { { "baseline",
		"title = Edited\ndescription = Since the run\n"
		"run = --vms 5 --rate-min 7 --rate-max 9 --draw-max 4\n"
		"repeat = 1\nduration = 11\nseed = 7\n",
		"rate_min=3\nrate_max=4\ndraw_max=10\non_failure=continue\n"
		"faults=2\nfault0=kill:1@1\nfault1=pause:0@0.5+0.5\n",
		restree_calm, 1 } };
	char err[512];
	struct compare *c;

	restree_make(results, sizeof results, tree, 1);
	ck_assert_ptr_nonnull(c = compare_load(results, err, sizeof err));
	const struct compare_set *s = c->exps[0].set;
	ck_assert_uint_eq(s->vms, 2);
	ck_assert_uint_eq(s->rate_min, 3);
	ck_assert_uint_eq(s->rate_max, 4);
	ck_assert_uint_eq(s->draw_max, 10);
	ck_assert_double_eq(s->duration_s, 2);
	ck_assert_double_eq(s->speed, 10);
	ck_assert_int_eq(s->on_failure, VM_ON_FAILURE_CONTINUE);
	ck_assert_str_eq(s->faults, "kill:1@1, pause:0@0.5+0.5");
	ck_assert_uint_eq(c->exps[0].mixed, 0);
	ck_assert_str_eq(c->exps[0].title, "Edited");
	compare_free(c);
	/* Format 1, from before --on-failure and faults: stop, none. */
	make_std();
	ck_assert_ptr_nonnull(c = compare_load(results, err, sizeof err));
	ck_assert_int_eq(c->exps[0].set->on_failure, VM_ON_FAILURE_STOP);
	ck_assert_str_eq(c->exps[0].set->faults, "");
	compare_free(c);
}
END_TEST

/* Edit run.meta of RESULTS/WHERE with a sed expression. */
static void
sed_meta(const char *where, const char *expr)
{
	char cmd[800];

	snprintf(cmd, sizeof cmd, "sed -i '%s' %s/%s/run.meta", expr, results,
	    where);
	ck_assert_int_eq(system(cmd), 0);
}

/*
 * Repeats of one experiment made with other settings: none is picked,
 * each is told with its repeats, and compare.csv leaves the cell empty.
 */
START_TEST(repeats_that_differ_are_told_apart_not_picked_from)
{
	char err[512], text[COMPARE_SET_TEXT], *out, *e2;
	struct compare *c;

	make_std();
	sed_meta("baseline/3", "s/^rate_max=6$/rate_max=5/");
	sed_meta("baseline/1", "s/^speed=10$/speed=20/");
	ck_assert_ptr_nonnull(c = compare_load(results, err, sizeof err));
	const struct compare_exp *e = &c->exps[0];
	ck_assert_uint_eq(e->mixed, 1u << SET_RATES | 1u << SET_SPEED);
	ck_assert_uint_eq(c->exps[1].mixed, 0);
	compare_set_text(text, sizeof text, e, SET_RATES);
	ck_assert_str_eq(text, "1-6 (repeats 1 and 2) or 1-5 (repeat 3)");
	compare_set_text(text, sizeof text, e, SET_SPEED);
	ck_assert_str_eq(text, "20 (repeat 1) or 10 (repeats 2 and 3)");
	compare_set_text(text, sizeof text, e, SET_DRAW);
	ck_assert_str_eq(text, "1-10");
	compare_free(c);
	ck_assert_int_eq(restree_call(compare_main, &out, &e2, results,
	    (const char *)NULL), 0);
	ck_assert_msg(strstr(out, "note: baseline: its repeats were not all "
	    "run alike: clock rates 1-6 (repeats 1 and 2) or 1-5 (repeat 3) "
	    "ticks/s; speed 20 (repeat 1) or 10 (repeats 2 and 3)\n") != NULL,
	    "%s", out);
	ck_assert_ptr_null(strstr(out, "note: calm"));
	free(out);
	free(e2);
	char *csv = restree_read(results, "compare/compare.csv");
	ck_assert_ptr_nonnull(strstr(csv, "\nbaseline,Baseline,3,2,,,10,2,,stop,"
	    "none,5.0000,"));
	free(csv);
}
END_TEST

/*
 * COMPARE_TYPICAL, case by case: VM 0's max drift of each repeat (VM 1's
 * is 1), and the repeat that must stand for the experiment.
 */
static const struct {
	int n, dmax[4], want;
} typical_cases[] = {
	{ 3, { 7, 3, 5 }, 3 },		/* the median, not repeat 1 */
	{ 4, { 9, 2, 6, 4 }, 4 },	/* even: the lower middle, 4 of 4, 6 */
	{ 2, { 8, 2 }, 2 },
	{ 2, { 2, 8 }, 1 },
	{ 3, { 5, 5, 5 }, 2 },		/* ties in repeat order */
	{ 4, { 3, 9, 3, 9 }, 3 },	/* 3 (1), 3 (3), 9 (2), 9 (4) */
	{ 1, { 4 }, 1 },
};

START_TEST(the_typical_run_has_the_median_max_drift)
{
	struct restree_run runs[4];
	struct restree_exp e = restree_std[0];
	char exp[512], err[512];
	struct compare *c;

	for (int r = 0; r < typical_cases[_i].n; r++) {
		runs[r] = restree_base[r % 3];
		runs[r].vm[0].dmax = typical_cases[_i].dmax[r];
	}
	snprintf(exp, sizeof exp, "title = T\ndescription = D\nrun = --vms 2\n"
	    "repeat = %d\nduration = 2\n", typical_cases[_i].n);
	e.exp = exp;
	e.runs = runs;
	e.nruns = (size_t)typical_cases[_i].n;
	restree_make(results, sizeof results, &e, 1);
	ck_assert_ptr_nonnull(c = compare_load(results, err, sizeof err));
	ck_assert_uint_eq(c->nexps, 1);
	ck_assert_uint_eq(c->exps[0].runs[c->exps[0].typical].repeat,
	    (unsigned)typical_cases[_i].want);
	compare_free(c);
}
END_TEST

START_TEST(means_and_spreads_across_repeats_are_worked_out_by_hand)
{
	char header[2048] = "experiment,title,runs,vms,rate_min,rate_max,"
	    "draw_max,duration_s,speed,on_failure,faults";
	static const char *const keys[] = { "max_drift", "mean_drift",
	    "mean_jump", "jump_over_1_share", "max_jump", "max_queue",
	    "mean_queue", "pending", "msgs_sent", "delay_mean_s",
	    "ordered_share", "ranked_concurrent_share" };
	char want[4096];

	for (size_t k = 0; k < NELEM(keys); k++)
		for (int p = 0; p < 4; p++)
			snprintf(header + strlen(header), sizeof header -
			    strlen(header), ",%s_%s", keys[k],
			    (const char *[]){ "mean", "sd", "min", "max" }[p]);
	make_std();
	compare_ok(NULL, NULL);
	snprintf(want, sizeof want, "%s\n%s%s", header, BASE_ROW, CALM_ROW);
	expect_file("compare/compare.csv", want);
}
END_TEST

START_TEST(every_run_has_a_row_with_its_seed_and_rates)
{
	make_std();
	compare_ok(NULL, NULL);
	expect_file("compare/runs.csv",
	    "experiment,repeat,seed,vms,rate_min,rate_max,draw_max,duration_s,"
	    "speed,on_failure,faults,rates,max_drift,mean_drift,mean_jump,"
	    "jump_over_1_share,max_jump,max_queue,mean_queue,pending,msgs_sent,"
	    "delay_mean_s,ordered_share,ranked_concurrent_share\n"
	    "baseline,1,81,2,1,6,10,2,10,stop,none,1 2,3.0000,0.7500,1.1667,"
	    "0.1667,2.0000,1.0000,0.2500,0.0000,3.0000,0.7500,0.6667,0.2308\n"
	    "baseline,2,82,2,1,6,10,2,10,stop,none,6 1,5.0000,1.2500,1.3333,"
	    "0.1667,3.0000,2.0000,0.2500,1.0000,3.0000,0.7500,0.7333,0.1538\n"
	    "baseline,3,83,2,1,6,10,2,10,stop,none,3 3,7.0000,1.7500,1.5000,"
	    "0.1667,4.0000,3.0000,0.2500,2.0000,3.0000,0.7500,0.8000,0.0769\n"
	    "calm,1,41,2,3,4,10,2,10,stop,none,3 4,1.0000,0.2500,1.0714,"
	    "0.0714,2.0000,1.0000,0.2500,0.0000,4.0000,0.2500,0.5000,0.4643\n"
	    "calm,2,42,2,3,4,10,2,10,stop,none,4 4,2.0000,0.2500,1.0714,"
	    "0.0714,2.0000,1.0000,0.2500,0.0000,4.0000,0.2500,0.5000,0.4643\n");
}
END_TEST

/*
 * At each sample, the largest value among the VMs of a run; then the mean,
 * min and max of that across the runs. Baseline's drift at t = 1 is
 * r (1, 2, 3), at t = 2 it is 2r + 1 (3, 5, 7); its longest queue at t = 2
 * is r. Calm's drift at t = 2 is max(r, 1): 1, 2.
 */
START_TEST(drift_and_queue_are_reduced_sample_by_sample)
{
	make_std();
	compare_ok(NULL, NULL);
	expect_file("compare/compare_drift.dat",
	    "# baseline: t mean min max (the largest drift among the VMs)\n"
	    "0.000000 0.0000 0 0\n1.000000 2.0000 1 3\n2.000000 5.0000 3 7\n"
	    "\n\n# calm: t mean min max (the largest drift among the VMs)\n"
	    "0.000000 0.0000 0 0\n1.000000 1.0000 1 1\n2.000000 1.5000 1 2\n");
	expect_file("compare/compare_queue.dat",
	    "# baseline: t mean min max (the longest queue among the VMs)\n"
	    "0.000000 0.0000 0 0\n1.000000 1.0000 1 1\n2.000000 2.0000 1 3\n"
	    "\n\n# calm: t mean min max (the longest queue among the VMs)\n"
	    "0.000000 0.0000 0 0\n1.000000 1.0000 1 1\n2.000000 1.0000 1 1\n");
}
END_TEST

/*
 * A VM dead before the end (a fault killed it) has NaN in the series from
 * then on: the largest value is among the others. Baseline's run 1 with
 * VM 1 dead at t = 2 reads as before; elsewhere NaN is no number.
 */
START_TEST(a_dead_vm_s_nan_is_passed_over_in_the_series)
{
	char cmd[600], *out, *err;

	make_std();
	snprintf(cmd, sizeof cmd, "sed -i 's/^2.000000 3 1$/2.000000 3 NaN/' "
	    "%s/baseline/1/analysis/drift.dat", results);
	ck_assert_int_eq(system(cmd), 0);
	compare_ok(NULL, NULL);
	expect_file("compare/compare_drift.dat",
	    "# baseline: t mean min max (the largest drift among the VMs)\n"
	    "0.000000 0.0000 0 0\n1.000000 2.0000 1 3\n2.000000 5.0000 3 7\n"
	    "\n\n# calm: t mean min max (the largest drift among the VMs)\n"
	    "0.000000 0.0000 0 0\n1.000000 1.0000 1 1\n2.000000 1.5000 1 2\n");
	snprintf(cmd, sizeof cmd, "sed -i 's/^1 1 4$/1 NaN 4/' "
	    "%s/baseline/1/analysis/jumps.dat", results);
	ck_assert_int_eq(system(cmd), 0);
	/* Baseline is left out, in one line; calm is compared. */
	ck_assert_int_eq(restree_call(compare_main, &out, &err, results,
	    (const char *)NULL), 0);
	ck_assert_msg(strstr(err, "jumps.dat:2: 'NaN': not a number") != NULL,
	    "%s", err);
	free(out);
	free(err);
}
END_TEST

/*
 * Baseline: 18 ticks, 15 of them jumps of 1 and one each of 2, 3 and 4.
 * Calm: 28 ticks, 26 jumps of 1 and 2 of 2.
 */
START_TEST(jump_sizes_become_shares_of_all_ticks)
{
	make_std();
	compare_ok(NULL, NULL);
	expect_file("compare/compare_jumps.dat",
	    "# size baseline calm\n"
	    "1 0.83333333 0.92857143\n2 0.05555556 0.07142857\n"
	    "3 0.05555556 0.00000000\n4 0.05555556 0.00000000\n");
}
END_TEST

START_TEST(the_table_shows_mean_and_sd_of_each_experiment)
{
	char *out, *err;

	make_std();
	ck_assert_int_eq(restree_call(compare_main, &out, &err, results,
	    (const char *)NULL), 0);
	ck_assert_msg(strstr(out, "baseline") && strstr(out, "5.0 ± 2.0") &&
	    strstr(out, "1.5 ± 0.7") && strstr(out, "16.7 ± 0.0%"), "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "/compare/compare.csv"));
	/* No gnuplot: one line says so, and the numbers are still there. */
	ck_assert_ptr_nonnull(strstr(err, "gnuplot"));
	ck_assert_ptr_eq(strchr(err, '\n'), err + strlen(err) - 1);
	free(out);
	free(err);
}
END_TEST

START_TEST(the_baseline_comes_first_whatever_its_name)
{
	struct restree_exp three[3] = { restree_std[1], restree_std[0],
		restree_std[1] };
	char err[512];
	struct compare *c;

	three[2].name = "alpha";
	restree_make(results, sizeof results, three, 3);
	ck_assert_ptr_nonnull(c = compare_load(results, err, sizeof err));
	ck_assert_uint_eq(c->nexps, 3);
	ck_assert_str_eq(c->exps[0].name, "baseline");
	ck_assert_str_eq(c->exps[1].name, "alpha");
	ck_assert_str_eq(c->exps[2].name, "calm");
	compare_free(c);
}
END_TEST

/*
 * What happens to calm's run 2 (a shell command, RESULTS, the rest of
 * the command) and what the line that tells of it must say.
 */
static const struct {
	const char *what, *cmd, *rest, *line;
} broken[] = {
	{ "missing", "rm -r ", "/calm/2", "calm: run 2 of 2 not done (no " },
	{ "not analyzed", "rm -r ", "/calm/2/analysis",
	  "calm: run 2 not analyzed (no " },
	{ "failed", "sed -i s/status=complete/status=failed/ ",
	  "/calm/2/run.meta", "calm: run 2: " },
	{ "its summary short of a VM", "sed -i 3d ",
	  "/calm/2/analysis/summary.csv", "1 rows for 2 VMs" },
	{ "other model times", "sed -i s/^2.000000/3.000000/ ",
	  "/calm/2/analysis/drift.dat",
	  "its model times differ from repeat 1's" },
	{ "no jumps.dat", "rm ", "/calm/2/analysis/jumps.dat",
	  "jumps.dat: No such" },
};

START_TEST(an_incomplete_experiment_is_left_out_in_one_line)
{
	char cmd[512], *out, *err;

	make_std();
	snprintf(cmd, sizeof cmd, "%s%s%s", broken[_i].cmd, results,
	    broken[_i].rest);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(restree_call(compare_main, &out, &err, results,
	    (const char *)NULL), 0);
	ck_assert_msg(strstr(err, "clockring: compare: left out, incomplete: "
	    "calm: ") != NULL && strstr(err, broken[_i].line) != NULL,
	    "%s: %s", broken[_i].what, err);
	ck_assert_ptr_null(strstr(out, "calm"));
	char *csv = restree_read(results, "compare/compare.csv");
	ck_assert_ptr_nonnull(strstr(csv, BASE_ROW));
	ck_assert_ptr_null(strstr(csv, "calm"));
	free(csv);
	free(out);
	free(err);
}
END_TEST

START_TEST(no_complete_experiment_exits_1)
{
	struct restree_exp one = restree_std[0];
	char *out, *err;

	one.nruns = 2;	/* of 3 */
	restree_make(results, sizeof results, &one, 1);
	ck_assert_int_eq(restree_call(compare_main, &out, &err, results,
	    (const char *)NULL), 1);
	ck_assert_ptr_nonnull(strstr(err, "run 3 of 3 not done"));
	ck_assert_ptr_nonnull(strstr(err, "clockring: compare: no complete "
	    "experiment in "));
	free(out);
	free(err);
	/* An empty directory holds none either. */
	rundir_make(results, sizeof results);
	ck_assert_int_eq(restree_call(compare_main, &out, &err, results,
	    (const char *)NULL), 1);
	ck_assert_ptr_nonnull(strstr(err, "no complete experiment in "));
	free(out);
	free(err);
}
END_TEST

static const struct {
	const char *args[3];
	const char *said;
} bad[] = {
	{ { NULL }, "no results directory given" },
	{ { "--fast", "RESULTS" }, "unknown option '--fast'" },
	{ { "RESULTS", "RESULTS" }, "one results directory only" },
	{ { "RESULTS", "--out" }, "--out: needs a directory" },
	{ { "/nonexistent/results" }, "'/nonexistent/results': No such file" },
	{ { "RESULTS/baseline/experiment.exp" }, "not a directory" },
};

START_TEST(bad_usage_exits_2_with_one_line)
{
	const char *argv[4] = { NULL };
	char arg[3][512], *out, *err;

	make_std();
	for (int k = 0; k < 3 && bad[_i].args[k] != NULL; k++) {
		const char *a = bad[_i].args[k];
		int ours = strncmp(a, "RESULTS", 7) == 0;
		snprintf(arg[k], sizeof arg[k], "%s%s", ours ? results : a,
		    ours ? a + 7 : "");
		argv[k] = arg[k];
	}
	ck_assert_int_eq(restree_call(compare_main, &out, &err, argv[0],
	    argv[1], argv[2], (const char *)NULL), 2);
	ck_assert_msg(strncmp(err, "clockring: compare: ", 20) == 0 &&
	    strstr(err, bad[_i].said) && strstr(err, "--help") &&
	    strchr(err, '\n') == err + strlen(err) - 1, "%s", err);
	ck_assert_str_eq(out, "");
	free(out);
	free(err);
}
END_TEST

/*
 * --out naming a file: the line names that path as given (not a path
 * made from it), exit 2, and nothing is written anywhere.
 */
START_TEST(an_out_that_is_a_file_is_named_as_given)
{
	char file[512], want[1024], *out, *err;

	make_std();
	snprintf(file, sizeof file, "%s/notes.txt", results);
	restree_text(results, "notes.txt", "mine\n");
	ck_assert_int_eq(restree_call(compare_main, &out, &err, "--out", file,
	    results, (const char *)NULL), 2);
	snprintf(want, sizeof want, "clockring: compare: --out '%s': not a "
	    "directory (see 'clockring compare --help')\n", file);
	ck_assert_str_eq(err, want);
	ck_assert_str_eq(out, "");
	free(out);
	free(err);
	char *kept = restree_read(results, "notes.txt");
	ck_assert_str_eq(kept, "mine\n");
	free(kept);
	snprintf(file, sizeof file, "%s/compare", results);
	ck_assert_int_eq(access(file, F_OK), -1);
}
END_TEST

START_TEST(help_is_printed_and_exits_0)
{
	char *out, *err;

	ck_assert_int_eq(restree_call(compare_main, &out, &err, "--help",
	    (const char *)NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: clockring compare"));
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

static const char *const outputs[] = {
	"compare.csv", "runs.csv", "compare_drift.dat", "compare_queue.dat",
	"compare_jumps.dat", "compare_figs.dat", "compare_runs.dat",
	"comparevars.gp",
};

/* Again, and into another directory (made with its parents): same bytes. */
START_TEST(the_same_results_give_the_same_bytes)
{
	char other[512], a[64], b[64];

	make_std();
	compare_ok(NULL, NULL);
	snprintf(other, sizeof other, "%s/x/y", results);
	compare_ok("--out", other);
	for (size_t i = 0; i < NELEM(outputs); i++) {
		snprintf(a, sizeof a, "compare/%s", outputs[i]);
		snprintf(b, sizeof b, "x/y/%s", outputs[i]);
		char *first = restree_read(results, a);
		char *second = restree_read(results, b);
		ck_assert_msg(strcmp(first, second) == 0, "%s differs",
		    outputs[i]);
		free(first);
		free(second);
	}
}
END_TEST

START_TEST(the_comparison_plots_are_drawn)
{
	char path[64];

	make_std();
	ck_assert_int_eq(unsetenv("CLOCKRING_GNUPLOT"), 0);
	compare_ok(NULL, NULL);
	for (size_t i = 0; i < compare_nplots; i++) {
		snprintf(path, sizeof path, "compare/%s.png", compare_plots[i]);
		char *png = restree_read(results, path);
		ck_assert_msg(strncmp(png, "\x89PNG", 4) == 0, "%s", path);
		free(png);
	}
}
END_TEST

/*
 * One experiment whose clocks never jumped by more than 1: every share is
 * 100%, a single value on the log scale, which must still make a plot (a
 * warning from gnuplot makes compare fail).
 */
START_TEST(a_comparison_where_no_clock_ever_jumped_is_drawn)
{
	static const struct restree_run steady[1] = { { "2 2",
		{ { 4, 0, 0, 1, 4, 0, 1, 1, 0.5, 0, 0, 0 },
		  { 4, 0, 0, 1, 4, 0, 1, 1, 0.5, 0, 0, 0 } },
		"0.000000 0 0\n2.000000 1 1\n", "0.000000 0 0\n2.000000 0 0\n",
		"1 4 4\n", { NULL, NULL } } };
	static const struct restree_exp tree[1] = { { "baseline",
		"title = Steady\ndescription = No jumps\nrun = --vms 2 --rates 2,2\n"
		"repeat = 1\n"
		"duration = 2\nseed = 7\n",
		"rate_min=2\nrate_max=2\ndraw_max=10\n", steady, 1 } };
	char *png;

	restree_make(results, sizeof results, tree, 1);
	compare_ok(NULL, NULL);
	png = restree_read(results, "compare/compare_jumps.png");
	ck_assert(strncmp(png, "\x89PNG", 4) == 0);
	free(png);
}
END_TEST

/*
 * A run analyzed by a clockring from before happened-before has no hb_*
 * columns: its figures are not known, shown as "-", not as 0.
 */
START_TEST(an_analysis_without_happened_before_shows_a_dash)
{
	struct restree_run old[3] = { restree_base[0], restree_base[1],
		restree_base[2] };
	const struct restree_exp tree[1] = { { "baseline", RESTREE_BASE_EXP,
		"rate_min=1\nrate_max=6\ndraw_max=10\n", old, 3 } };
	char err[512], *out, *e2, *runs;
	struct compare *c;

	for (int r = 0; r < 3; r++)
		old[r].hb[0] = old[r].hb[1] = NULL;
	restree_make(results, sizeof results, tree, 1);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/nonexistent", 1), 0);
	ck_assert_ptr_nonnull(c = compare_load(results, err, sizeof err));
	ck_assert(isnan(c->exps[0].runs[0].fig[CMP_ORDERED]));
	ck_assert(isnan(c->exps[0].fig[CMP_HIDDEN].mean));
	ck_assert_double_eq(c->exps[0].fig[CMP_MAX_DRIFT].mean, 5);
	compare_free(c);
	ck_assert_int_eq(restree_call(compare_main, &out, &e2, results,
	    (const char *)NULL), 0);
	ck_assert_msg(strstr(out, "ordered pairs\n") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "3 ± 0               -\n") != NULL,
	    "%s", out);
	runs = restree_read(results, "compare/runs.csv");
	ck_assert_msg(strstr(runs, ",0.7500,nan,nan\n") != NULL, "%s", runs);
	free(runs);
	free(out);
	free(e2);
}
END_TEST

Suite *
make_compare_suite(void)
{
	Suite *s = suite_create("compare");
	TCase *t = tcase_create("results trees made by hand");

	tcase_set_timeout(t, 60);
	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_test(t, a_run_s_figures_come_from_its_summary);
	tcase_add_test(t, the_settings_are_run_meta_s_not_the_experiment_file_s);
	tcase_add_test(t, repeats_that_differ_are_told_apart_not_picked_from);
	tcase_add_test(t,
	    means_and_spreads_across_repeats_are_worked_out_by_hand);
	tcase_add_test(t, every_run_has_a_row_with_its_seed_and_rates);
	tcase_add_test(t, drift_and_queue_are_reduced_sample_by_sample);
	tcase_add_test(t, a_dead_vm_s_nan_is_passed_over_in_the_series);
	tcase_add_test(t, jump_sizes_become_shares_of_all_ticks);
	tcase_add_test(t, the_table_shows_mean_and_sd_of_each_experiment);
	tcase_add_test(t, the_baseline_comes_first_whatever_its_name);
	tcase_add_loop_test(t, the_typical_run_has_the_median_max_drift, 0,
	    NELEM(typical_cases));
	tcase_add_loop_test(t, an_incomplete_experiment_is_left_out_in_one_line,
	    0, NELEM(broken));
	tcase_add_test(t, no_complete_experiment_exits_1);
	tcase_add_loop_test(t, bad_usage_exits_2_with_one_line, 0, NELEM(bad));
	tcase_add_test(t, an_out_that_is_a_file_is_named_as_given);
	tcase_add_test(t, help_is_printed_and_exits_0);
	tcase_add_test(t, the_same_results_give_the_same_bytes);
	tcase_add_test(t, the_comparison_plots_are_drawn);
	tcase_add_test(t, a_comparison_where_no_clock_ever_jumped_is_drawn);
	tcase_add_test(t, an_analysis_without_happened_before_shows_a_dash);
	suite_add_tcase(s, t);
	return s;
}
