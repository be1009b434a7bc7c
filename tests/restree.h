/* tests/restree.h -- hand-made results trees and a harness for the tests of compare and report */
#ifndef TESTS_RESTREE_H
#define TESTS_RESTREE_H

#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "tests/anarun.h"

/*
 * A results tree as `clockring experiments` leaves it, written by hand:
 * RESULTS/NAME/experiment.exp and RESULTS/NAME/R/{run.meta, analysis/}
 * with summary.csv, summary.txt, drift.dat, queue.dat, jumps.dat and two
 * plots (a real 1x1 PNG). Runs have 2 VMs over 2 model seconds.
 */

/* One VM's row of summary.csv: the columns compare reads; the rest are 0. */
struct restree_vm {
	int ticks, recv, pending, sent, clock, over1, jmax, dmax;
	double dmean;
	int qmax;
	double qmean, delay;
};

struct restree_run {
	const char *rates;		/* "1 2": the rates of VM 0 and VM 1 */
	struct restree_vm vm[2];
	const char *drift, *queue, *jumps;	/* data lines, each with '\n' */
	const char *hb[2];	/* each VM's hb_* columns, "ticks,pairs,
				 * ordered,ranked,ranked_concurrent"; NULL:
				 * none, as an older clockring analyzed */
};

struct restree_exp {
	const char *name;		/* RESULTS/NAME */
	const char *exp;		/* experiment.exp */
	const char *settings;		/* rate_min, rate_max, draw_max lines;
					 * and on_failure, faults... */
	const struct restree_run *runs;
	size_t nruns;			/* runs written: 1..nruns */
};

/* 1x1 pixel, what every run's drift.png and queue.png hold. */
static const unsigned char restree_png[70] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
	0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};
/* The same, as the report's HTML inlines it. */
#define RESTREE_PNG_BASE64 \
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQV" \
	"R42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

/*
 * The tree most tests use, worked out by hand in check_compare.c:
 * "baseline", 3 runs, rates drawn from 1-6; run r (1..3):
 *   VM 0: 2 ticks, clock 2 + r (jumps 1 and 1 + r), drift_max 2r + 1,
 *         drift_mean r, queue_max r, queue_mean 0.5, pending r - 1,
 *         1 message sent, 1 received after 1.0 s on average
 *   VM 1: 4 ticks, clock 4 (every jump 1), drift_max 1, drift_mean 0.5,
 *         no queue, 2 messages sent, 1 received after 0.5 s
 *   happened-before: VM 0 2 ticks, 10 pairs, 4 + r ordered, 8 ranked,
 *         4 - r of them concurrent; VM 1 4 ticks, 5 pairs, all ordered
 *         and ranked
 * "calm", 2 runs, rates drawn from 3-4; run r (1..2):
 *   VM 0: 6 ticks, clock 7 (five jumps of 1, one of 2), drift_max r
 *   VM 1: 8 ticks, clock 8, drift_max 1; both queue_max 1, queue_mean
 *         0.25, drift_mean 0.25, 2 sent, 1 received after 0.25 s
 *   happened-before: VM 0 6 ticks, 20 pairs, 5 ordered, 18 ranked, 13
 *         of them concurrent; VM 1 8 ticks, 10 pairs, all ordered and
 *         ranked
 */
#define RESTREE_BASE_EXP "title = Baseline\ndescription = Rates 1-6, idle " \
	"draws 1-10\nrun = --vms 2 --rate-min 1 --rate-max 6\nrepeat = 3\n" \
	"duration = 2\nseed = 7\n"
#define RESTREE_BASE_VM1 { 4, 1, 0, 2, 4, 0, 1, 1, 0.5, 0, 0, 0.5 }
/*
 * Baseline's run r: its rates, then r, 2r + 1 and 1 + r as text, and VM
 * 0's happened-before columns.
 */
#define RESTREE_BASE_RUN(rates, r, drift, jump, hb0) { rates, \
	{ { 2, 1, r - 1, 1, 2 + r, 1, 1 + r, 2 * r + 1, r, r, 0.5, 1.0 }, \
	  RESTREE_BASE_VM1 }, \
	"0.000000 0 0\n1.000000 " #r " 0\n2.000000 " drift " 1\n", \
	"0.000000 0 0\n1.000000 1 0\n2.000000 " #r " 0\n", \
	"1 1 4\n" jump " 1 0\n", { hb0, "4,5,5,5,0" } }
static const struct restree_run restree_base[3] = {
	RESTREE_BASE_RUN("1 2", 1, "3", "2", "2,10,5,8,3"),
	RESTREE_BASE_RUN("6 1", 2, "5", "3", "2,10,6,8,2"),
	RESTREE_BASE_RUN("3 3", 3, "7", "4", "2,10,7,8,1"),
};
#define RESTREE_CALM_EXP "title = Calm\ndescription = Rates 3-4\n" \
	"run = --vms 2 --rate-min 3 --rate-max 4\nrepeat = 2\nduration = 2\n" \
	"seed = 9\n"
/* Calm's run r: its rates and r (VM 0's drift_max). */
#define RESTREE_CALM_RUN(rates, r) { rates, \
	{ { 6, 1, 0, 2, 7, 1, 2, r, 0.25, 1, 0.25, 0.25 }, \
	  { 8, 1, 0, 2, 8, 0, 1, 1, 0.25, 1, 0.25, 0.25 } }, \
	"0.000000 0 0\n1.000000 1 0\n2.000000 " #r " 1\n", \
	"0.000000 0 0\n1.000000 0 1\n2.000000 1 0\n", "1 5 8\n2 1 0\n", \
	{ "6,20,5,18,13", "8,10,10,10,0" } }
static const struct restree_run restree_calm[2] = {
	RESTREE_CALM_RUN("3 4", 1),
	RESTREE_CALM_RUN("4 4", 2),
};
static const struct restree_exp restree_std[2] = {
	{ "baseline", RESTREE_BASE_EXP, "rate_min=1\nrate_max=6\ndraw_max=10\n",
	  restree_base, 3 },
	{ "calm", RESTREE_CALM_EXP, "rate_min=3\nrate_max=4\ndraw_max=10\n",
	  restree_calm, 2 },
};

static inline void
restree_mkdir(const char *path)
{
	ck_assert_msg(mkdir(path, 0755) == 0, "mkdir %s", path);
}

static inline void
restree_text(const char *dir, const char *name, const char *text)
{
	rundir_write_raw(dir, name, text, strlen(text));
}

/* In the order of summary.csv's header (analysis/stats/figures.c). */
static inline void
restree_summary(const char *dir, const struct restree_run *run)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/summary.csv", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("vm,rate,ticks,internal,send,recv,pending,msgs_out,msgs_to_next,"
	    "msgs_to_prev,recv_from_prev,recv_from_next,final_clock,"
	    "jumps_over_1,jump_mean,jump_median,jump_p95,jump_max,drift_max,"
	    "drift_mean,drift_final,queue_max,queue_mean,delay_mean_ticks,"
	    "delay_max_ticks,delay_mean_s,delay_max_s", f);
	if (run->hb[0] != NULL)
		fputs(",peer_down,drop,lost_out,lost_in,dropped_in,died,"
		    "alive_until_s,loss,hb_ticks,hb_pairs,hb_ordered,"
		    "hb_lamport_ranked,hb_ranked_concurrent", f);
	fputc('\n', f);
	for (int i = 0; i < 2; i++) {
		const struct restree_vm *v = &run->vm[i];
		fprintf(f, "%d,1,%d,0,0,%d,%d,%d,0,0,0,0,%d,%d,1.0000,1,1,"
		    "%d,%d,%.4f,0,%d,%.4f,0.0000,0.0000,%.4f,0.0000", i,
		    v->ticks, v->recv, v->pending, v->sent, v->clock, v->over1,
		    v->jmax, v->dmax, v->dmean, v->qmax, v->qmean, v->delay);
		if (run->hb[0] != NULL)
			fprintf(f, ",0,0,0,0,0,0,2.0000,0,%s", run->hb[i]);
		fputc('\n', f);
	}
	ck_assert_int_eq(fclose(f), 0);
}

static inline void
restree_run(const char *results, const struct restree_exp *e, size_t r)
{
	const struct restree_run *run = &e->runs[r - 1];
	char dir[300], ana[320], meta[1024], rates[2][16];

	ck_assert_int_eq(sscanf(run->rates, "%15s %15s", rates[0], rates[1]),
	    2);
	snprintf(dir, sizeof dir, "%s/%s/%zu", results, e->name, r);
	restree_mkdir(dir);
	/* Settings with faults are of format 2; without, of format 1. */
	snprintf(meta, sizeof meta, "format=%d\nversion=0.2.0\n"
	    "run_id=0123456789abcdef0123456789abcdef\nseed=%zu%zu\nvms=2\n"
	    "duration_s=2\nspeed=10\n%svm0.rate=%s\nvm1.rate=%s\n"
	    "bind=127.0.0.1\nvm0.port=40000\nvm1.port=40001\n"
	    "start_wall_ns=1700000000000000000\n"
	    "end_wall_ns=1700000000200000000\nvm0.exit=ok\nvm1.exit=ok\n"
	    "status=complete\n", strstr(e->settings, "faults=") ? 2 : 1,
	    strlen(e->name), r, e->settings, rates[0], rates[1]);
	restree_text(dir, "run.meta", meta);
	snprintf(ana, sizeof ana, "%s/analysis", dir);
	restree_mkdir(ana);
	restree_summary(ana, run);
	snprintf(meta, sizeof meta, "# t vm0 vm1\n%s", run->drift);
	restree_text(ana, "drift.dat", meta);
	snprintf(meta, sizeof meta, "# t vm0 vm1\n%s", run->queue);
	restree_text(ana, "queue.dat", meta);
	snprintf(meta, sizeof meta, "# size vm0 vm1\n%s", run->jumps);
	restree_text(ana, "jumps.dat", meta);
	restree_text(ana, "summary.txt", "summary\n");
	rundir_write_raw(ana, "drift.png", restree_png, sizeof restree_png);
	rundir_write_raw(ana, "queue.png", restree_png, sizeof restree_png);
}

/* A fresh results tree in results (len bytes) holding the experiments. */
static inline void
restree_make(char *results, size_t len, const struct restree_exp *exps,
    size_t n)
{
	char dir[300];

	rundir_make(results, len);
	for (size_t i = 0; i < n; i++) {
		snprintf(dir, sizeof dir, "%s/%s", results, exps[i].name);
		restree_mkdir(dir);
		restree_text(dir, "experiment.exp", exps[i].exp);
		for (size_t r = 1; r <= exps[i].nruns; r++)
			restree_run(results, &exps[i], r);
	}
}

/* RESULTS/NAME as a string (caller frees); it must exist. */
static inline char *
restree_read(const char *results, const char *name)
{
	char path[1024];
	char *text;

	snprintf(path, sizeof path, "%s/%s", results, name);
	ck_assert_msg((text = anarun_slurp(path)) != NULL, "%s: missing", path);
	return text;
}

/* `clockring compare|report ARG...` (fn: its main), as anarun_vcall. */
static inline int
restree_call(int (*fn)(int, char **), char **out, char **err,
    const char *arg, ...)
{
	va_list ap;

	va_start(ap, arg);
	int rc = anarun_vcall(fn, out, err, arg, ap);
	va_end(ap);
	return rc;
}

#endif
