/* tests/check_sumrun.c -- analyze of a summary run (log=summary): a hand-worked run of 5 VMs, its figures, text and refusals */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/rundir/runinfo.h"
#include "analysis/stats/figures.h"
#include "analysis/stats/sumrun.h"
#include "tests/anarun.h"
#include "tests/rundir.h"
#include "tests/suites.h"

/*
 * Run S: 5 VMs, 2 model seconds in virtual time, the driver's files only.
 * Worked by hand (nearest rank: p50 is the 3rd of 5 sorted, p99 the 5th):
 *   rate        2 1 3 1 2        sorted 1 1 2 2 3    min 1 (VM 1), p50 2, max 3 (VM 2)
 *   drift_max   3 8 0 12 4       sorted 0 3 4 8 12   min 0 (VM 2), p50 4, p99 12 (VM 3)
 *   drift_mean  1.5 4.25 0 6.5 2 sorted 0 1.5 2 4.25 6.5: p50 2
 *   queue_max   0 3 1 4 1        sorted 0 1 1 3 4    min 0 (VM 0), p50 1, max 4 (VM 3)
 *   jump_max    1 5 1 9 2        sorted 1 1 2 5 9    p50 2, max 9 (VM 3)
 * ticks 20+10+30+10+20 = 90 = internal 47 + send 22 + recv 21; pending
 * 0+2+0+3+1 = 6, most at VM 3; jumps over 1: 6 of 90. jumps.csv: 84 of
 * size 1, 2 each of 2, 5 and 9: 90 jumps. series.csv: drift_max peaks at
 * 12 at t = 1, queue_max at 4 at t = 2, the end.
 */
static const char *const runs_meta[] = {
	"format=5", "version=0.6.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=42", "vms=5", "duration_s=2", "speed=1", "draw_max=10",
	"rate_min=1", "rate_max=3", "vm0.rate=2", "vm1.rate=1", "vm2.rate=3",
	"vm3.rate=1", "vm4.rate=2", "mode=virtual", "latency_min_ms=0.025",
	"latency_max_ms=0.025", "loss=0", "vector=0", "log=summary",
	"on_failure=stop", "faults=0", "start_wall_ns=0",
	"end_wall_ns=2000000000", "vm0.exit=ok", "vm1.exit=ok", "vm2.exit=ok",
	"vm3.exit=ok", "vm4.exit=ok", "status=complete",
};
/* vm,rate,ticks,internal,send,recv,pending,msgs_out,to_next,to_prev,
 * from_prev,from_next,final_clock,over_1,jmean,jmedian,jp95,jmax,
 * dmax,dmean,dfinal,qmax,qmean,dl_mean_t,dl_max_t,dl_mean_s,dl_max_s,
 * peer_down,drop,lost_out,lost_in,dropped_in,died,alive_until_s,loss */
static const char *const runs_vms[] = {
	sumrun_vms_header,
	"0,2,20,10,6,4,0,8,4,4,2,2,30,0,1.0000,1,1,1,3,1.5000,3,0,0.0000,1.0000,1.0000,0.5000,0.5000,0,0,0,0,0,0,2.0000,0",
	"1,1,10,3,1,6,2,1,1,0,3,3,28,2,1.8000,1,5,5,8,4.2500,6,3,1.2000,1.5000,3.0000,1.0000,2.0000,0,0,0,0,0,0,2.0000,0",
	"2,3,30,20,8,2,0,10,5,5,1,1,30,0,1.0000,1,1,1,0,0.0000,0,1,0.1000,0.7500,1.0000,0.2500,0.3333,0,0,0,0,0,0,2.0000,0",
	"3,1,10,2,2,6,3,2,1,1,3,3,25,3,2.5000,1,9,9,12,6.5000,12,4,2.0000,2.0000,4.0000,2.0000,4.0000,0,0,0,0,0,0,2.0000,0",
	"4,2,20,12,5,3,1,6,3,3,2,1,31,1,1.0500,1,2,2,4,2.0000,0,1,0.3000,1.5000,2.0000,0.7500,1.0000,0,0,0,0,0,0,2.0000,0",
};
static const char *const runs_series[] = {
	"t,alive,clock_min,clock_mean,clock_max,drift_mean,drift_p50,drift_p99,drift_max,queue_mean,queue_p99,queue_max",
	"0.000000,5,1,1.0000,1,0.0000,0,0,0,0.0000,0,0",
	"1.000000,5,4,9.8000,16,6.2000,6,12,12,0.6000,2,2",
	"2.000000,5,25,28.8000,31,2.2000,1,6,5,1.4000,4,4",
};
static const char *const runs_jumps[] = {
	"size,count", "1,84", "2,2", "5,2", "9,2",
};

static void
make_runs(char *dir, size_t len)
{
	rundir_make(dir, len);
	rundir_write(dir, "run.meta", runs_meta, NELEM(runs_meta));
	rundir_write(dir, "vms.csv", runs_vms, NELEM(runs_vms));
	rundir_write(dir, "series.csv", runs_series, NELEM(runs_series));
	rundir_write(dir, "jumps.csv", runs_jumps, NELEM(runs_jumps));
}

static void
load(const char *dir, struct sumrun *s, int want, const char *why)
{
	char err[1024] = "";
	struct runinfo ri;

	ck_assert_int_eq(runinfo_load(&ri, dir, err, sizeof err), 0);
	ck_assert_int_eq(ri.meta->log, RUNMETA_LOG_SUMMARY);
	ck_assert_int_eq(sumrun_load(s, &ri, err, sizeof err), want);
	if (why != NULL)
		ck_assert_msg(strstr(err, why) != NULL, "%s", err);
	runinfo_free(&ri);
}

/* vms.csv has summary.csv's columns, in order, but the hb_* ones. */
START_TEST(vms_columns_are_summary_columns_without_hb)
{
	size_t n = strlen(sumrun_vms_header);

	ck_assert_int_eq(strncmp(figures_csv_header, sumrun_vms_header, n), 0);
	ck_assert_str_eq(figures_csv_header + n, ",hb_ticks,hb_pairs,"
	    "hb_ordered,hb_lamport_ranked,hb_ranked_concurrent");
}
END_TEST

/* Nearest rank, whatever the order and however many equal values. */
START_TEST(nearest_rank_is_the_value_at_rank_ceil_p_n)
{
	static const struct {
		unsigned p;
		double want;
	} ranks[] = { { 50, 5 }, { 51, 6 }, { 99, 10 }, { 10, 1 },
		{ 0, 1 }, { 100, 10 } };
	double v[10], big[1001];

	for (size_t r = 0; r < NELEM(ranks); r++) {
		for (int i = 0; i < 10; i++)	/* 7 3 9 5 1 10 6 2 8 4 */
			v[i] = (double)((i * 7 + 7) % 10 + 1);
		ck_assert_msg(sumrun_rank(v, 10, ranks[r].p) == ranks[r].want,
		    "p%u", ranks[r].p);
	}
	v[0] = 4;
	ck_assert(sumrun_rank(v, 1, 99) == 4);
	/* 1001 values 0..1000 shuffled, half of them twice: rank 991 of the
	 * sorted 0 0 1 1 ... is 495. */
	for (int i = 0; i < 1001; i++)
		big[i] = (double)((i * 389 % 1001) / 2);
	ck_assert(sumrun_rank(big, 1001, 99) == 495);
	for (int i = 0; i < 1001; i++)
		big[i] = 3;
	ck_assert(sumrun_rank(big, 1001, 50) == 3);
}
END_TEST

START_TEST(the_spread_over_the_vms_is_as_worked_by_hand)
{
	struct sumrun *s = malloc(sizeof *s);
	char dir[256];

	make_runs(dir, sizeof dir);
	load(dir, s, 0, NULL);
	const struct sumrun_dist *d = &s->dist[SF_DRIFT_MAX];
	ck_assert(d->min == 0 && d->vm_min == 2 && d->p50 == 4 &&
	    d->p99 == 12 && d->max == 12 && d->vm_max == 3);
	d = &s->dist[SF_RATE];
	ck_assert(d->min == 1 && d->vm_min == 1 && d->p50 == 2 &&
	    d->max == 3 && d->vm_max == 2);
	ck_assert(s->dist[SF_DRIFT_MEAN].p50 == 2);
	d = &s->dist[SF_QUEUE_MAX];
	ck_assert(d->min == 0 && d->vm_min == 0 && d->p50 == 1 &&
	    d->max == 4 && d->vm_max == 3);
	d = &s->dist[SF_JUMP_MAX];
	ck_assert(d->p50 == 2 && d->max == 9 && d->vm_max == 3);
	free(s);
}
END_TEST

START_TEST(the_totals_series_and_jumps_are_as_worked_by_hand)
{
	struct sumrun *s = malloc(sizeof *s);
	char dir[256];

	make_runs(dir, sizeof dir);
	load(dir, s, 0, NULL);
	ck_assert_uint_eq(s->ticks, 90);
	ck_assert_uint_eq(s->internal, 47);
	ck_assert_uint_eq(s->send, 22);
	ck_assert_uint_eq(s->recv, 21);
	ck_assert_uint_eq(s->pending, 6);
	ck_assert_uint_eq(s->pending_vm, 3);
	ck_assert_uint_eq(s->over1, 6);
	ck_assert_uint_eq(s->msgs_out, 27);
	ck_assert_uint_eq(s->jumps, 90);
	ck_assert_uint_eq(s->jump_sizes, 84 + 4 + 10 + 18);
	ck_assert_uint_eq(s->jump_max, 9);
	ck_assert(s->end_s == 2);
	ck_assert(s->drift_peak == 12 && s->drift_peak_t == 1);
	ck_assert(s->queue_peak == 4 && s->queue_peak_t == 2);
	free(s);
}
END_TEST

/* Each file broken one way, and the word on it. */
static const struct {
	const char *file, *line, *why;
} broken[] = {
	{ "vms.csv", "vm,rate", "vms.csv:1: not the header" },
	{ "vms.csv", NULL, "vms.csv: 4 rows for 5 VMs" },
	{ "vms.csv", "9,2,20", "vms.csv:5: not 35 numbers" },
	{ "series.csv", "0.5,5,1,1,1,0,0,0,0,0,0,0", "series.csv:5: t goes back" },
	{ "jumps.csv", "3,1", "jumps.csv:6: not a size above the last" },
	{ "jumps.csv", "size;count", "jumps.csv:1: not the header" },
};

START_TEST(a_broken_file_is_refused_with_where)
{
	struct sumrun *s = malloc(sizeof *s);
	char dir[256], path[512];
	FILE *f;

	make_runs(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/%s", dir, broken[_i].file);
	if (broken[_i].line == NULL) {	/* the last VM's row left out */
		rundir_write(dir, "vms.csv", runs_vms, NELEM(runs_vms) - 1);
	} else if (strchr(broken[_i].line, ',') == NULL ||
	    strncmp(broken[_i].line, "vm,", 3) == 0) {
		rundir_write(dir, broken[_i].file, &broken[_i].line, 1);
	} else if (strcmp(broken[_i].file, "vms.csv") == 0) {
		const char *rows[] = { runs_vms[0], runs_vms[1], runs_vms[2],
			runs_vms[3], broken[_i].line, runs_vms[5] };
		rundir_write(dir, "vms.csv", rows, NELEM(rows));
	} else {
		ck_assert_ptr_nonnull(f = fopen(path, "a"));
		fprintf(f, "%s\n", broken[_i].line);
		fclose(f);
	}
	load(dir, s, -1, broken[_i].why);
	free(s);
}
END_TEST

/* analyze prints and writes the text of the hand-worked figures. */
START_TEST(analyze_tells_the_spread_and_the_extreme_vms)
{
	char dir[256], *out, *err, *txt;

	make_runs(dir, sizeof dir);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", dir,
	    (const char *)NULL), 0);
	txt = anarun_output(dir, "summary.txt");
	ck_assert_ptr_nonnull(strstr(out, txt));
	ck_assert_ptr_nonnull(strstr(txt, "seed 42: 5 VMs for 2 model "
	    "seconds, virtual time"));
	ck_assert_ptr_nonnull(strstr(txt, "ticks 90: internal 47, send 22, "
	    "recv 21\n"));
	ck_assert_ptr_nonnull(strstr(txt, "\ndrift, max               0 "
	    "        4        12        12       2       3\n"));
	ck_assert_ptr_nonnull(strstr(txt, "\nrate (ticks/s)           1 "
	    "        2         3         3       1       2\n"));
	ck_assert_ptr_nonnull(strstr(txt, "\ndrift, mean           0.00 "
	    "     2.00      6.50      6.50       2       3\n"));
	ck_assert_ptr_nonnull(strstr(txt, "90 jumps, 6 of them over 1 "
	    "(6.7%); mean 1.29, largest 9\n"));
	/* A ring of 5 keeps its row per VM. */
	ck_assert_ptr_nonnull(strstr(txt, "\n  3     1       10       25 "
	    "      3     9        12      6.50       4     2.00\n"));
	ck_assert_msg(strstr(txt, "- VM 3 drifted furthest: up to 12 ticks "
	    "behind the highest clock; half the VMs\n  stayed within 4, 99% "
	    "within 12.") != NULL, "%s", txt);
	ck_assert_ptr_nonnull(strstr(txt, "- 6 messages were still waiting "
	    "at the end (pending), 3 of them for VM 3."));
	free(txt);
	/* summary.csv is vms.csv as the driver wrote it. */
	char path[512], *vms;
	snprintf(path, sizeof path, "%s/vms.csv", dir);
	txt = anarun_output(dir, "summary.csv");
	ck_assert_str_eq(txt, vms = anarun_slurp(path));
	free(vms);
	free(txt);
	free(out);
	free(err);
}
END_TEST

/*
 * A ring of 20, over SUMRUN_TABLE_MAX: no row per VM, the spread only.
 * VM i has drift_max i, so the median is 9 (rank 10), p99 19 (rank 20).
 */
START_TEST(a_big_ring_has_the_spread_but_no_table_per_vm)
{
	char dir[256], path[512], *out, *err, *txt;
	FILE *f;

	make_runs(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/run.meta", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	for (size_t i = 0; i < NELEM(runs_meta); i++)
		if (strncmp(runs_meta[i], "vms=", 4) == 0)
			fputs("vms=20\n", f);
		else if (strncmp(runs_meta[i], "vm", 2) != 0)
			fprintf(f, "%s\n", runs_meta[i]);
	for (int i = 0; i < 20; i++)
		fprintf(f, "vm%d.rate=2\nvm%d.exit=ok\n", i, i);
	fclose(f);
	snprintf(path, sizeof path, "%s/vms.csv", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fprintf(f, "%s\n", sumrun_vms_header);
	for (int i = 0; i < 20; i++)
		fprintf(f, "%d,2,4,4,0,0,0,0,0,0,0,0,4,0,1.0000,1,1,1,%d,"
		    "1.0000,0,0,0.0000,0.0000,0.0000,0.0000,0.0000,0,0,0,0,0,"
		    "0,2.0000,0\n", i, i);
	fclose(f);
	rundir_write(dir, "jumps.csv", (const char *[]){ "size,count",
	    "1,80" }, 2);
	ck_assert_msg(anarun_analyze(&out, &err, "--no-plots", dir,
	    (const char *)NULL) == 0, "%s", err);
	txt = anarun_output(dir, "summary.txt");
	ck_assert_ptr_null(strstr(txt, "\nper VM\n"));
	ck_assert_ptr_nonnull(strstr(txt, "over the 20 VMs"));
	ck_assert_ptr_nonnull(strstr(txt, "\ndrift, max               0 "
	    "        9        19        19       0      19\n"));
	ck_assert_ptr_null(strstr(out, "\n 19     2"));
	free(txt);
	free(out);
	free(err);
}
END_TEST

/* --log off: nothing to analyze, exit 2, nothing written. */
START_TEST(a_run_that_logged_nothing_is_bad_usage)
{
	const char *meta[NELEM(runs_meta)];
	char dir[256], path[512], *out, *err;

	rundir_make(dir, sizeof dir);
	for (size_t i = 0; i < NELEM(runs_meta); i++)
		meta[i] = strcmp(runs_meta[i], "log=summary") == 0 ?
		    "log=off" : runs_meta[i];
	rundir_write(dir, "run.meta", meta, NELEM(meta));
	ck_assert_int_eq(anarun_analyze(&out, &err, dir, (const char *)NULL),
	    2);
	ck_assert_str_eq(out, "");
	snprintf(path, sizeof path, "clockring: analyze: %s: run with --log "
	    "off: no logs, nothing to analyze (see 'clockring analyze "
	    "--help')\n", dir);
	ck_assert_str_eq(err, path);
	snprintf(path, sizeof path, "%s/analysis", dir);
	ck_assert_int_eq(access(path, F_OK), -1);
	free(out);
	free(err);
}
END_TEST

Suite *
make_sumrun_suite(void)
{
	Suite *s = suite_create("sumrun");
	TCase *t = tcase_create("summary run");

	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_test(t, vms_columns_are_summary_columns_without_hb);
	tcase_add_test(t, nearest_rank_is_the_value_at_rank_ceil_p_n);
	tcase_add_test(t, the_spread_over_the_vms_is_as_worked_by_hand);
	tcase_add_test(t, the_totals_series_and_jumps_are_as_worked_by_hand);
	tcase_add_loop_test(t, a_broken_file_is_refused_with_where, 0,
	    (int)NELEM(broken));
	tcase_add_test(t, analyze_tells_the_spread_and_the_extreme_vms);
	tcase_add_test(t, a_big_ring_has_the_spread_but_no_table_per_vm);
	tcase_add_test(t, a_run_that_logged_nothing_is_bad_usage);
	suite_add_tcase(s, t);
	return s;
}
