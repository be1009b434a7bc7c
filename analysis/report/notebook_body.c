/* analysis/report/notebook_body.c -- what the lab notebook says, in order: one description for Markdown and HTML */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analysis/compare/compare_data.h"
#include "analysis/compare/compare_set.h"
#include "analysis/compare/compare_text.h"
#include "analysis/report/doc.h"
#include "analysis/report/notebook_body.h"
#include "analysis/report/notebook_observe.h"
#include "analysis/report/relpath.h"

#define PATH_LEN	4096
#define NFIG_COLS	10	/* figures in an experiment's table of runs */

/*
 * Every number comes from the comparison, every sentence of the
 * observations from notebook_observe.c; the rest is the frame around
 * them. No date or time: the same results give the same bytes.
 */

/* An image that exists, linked relative to the report; else a note. */
static void
image(struct doc *d, const struct notebook_where *w, const char *path,
    const char *caption)
{
	char link[PATH_LEN], note[PATH_LEN + 128];

	if (access(path, R_OK) == 0 &&
	    relpath_make(w->out, path, link, sizeof link) == 0) {
		doc_image(d, path, link, caption);
		return;
	}
	snprintf(note, sizeof note, "(No plot: %s is missing. With gnuplot "
	    "installed, clockring analyze and clockring report draw it.)",
	    path);
	doc_para(d, note);
}

/* "60", or "30 to 60" when they differ: every run's duration or speed. */
static void
range(char *buf, size_t len, const struct compare *c, int speed)
{
	double lo = 0, hi = 0;
	int first = 1;

	for (size_t i = 0; i < c->nexps; i++)
		for (uint32_t r = 0; r < c->exps[i].repeat; r++) {
			const struct compare_set *s = &c->exps[i].runs[r].set;
			double v = speed ? s->speed : s->duration_s;
			lo = first || v < lo ? v : lo;
			hi = first || v > hi ? v : hi;
			first = 0;
		}
	if (lo == hi)
		snprintf(buf, len, "%g", lo);
	else
		snprintf(buf, len, "%g to %g", lo, hi);
}

/* Told in columns of their own in the table of what was run. */
#define OWN_COLUMNS	(1u << SET_DURATION | 1u << SET_SPEED)
#define ALL_SETTINGS	((1u << SET_N) - 1)

static void
what_was_run(struct doc *d, const struct compare *c)
{
	static const char *const head[] = { "experiment", "title",
		"settings", "repeats", "model s", "speed" };
	char dur[64], speed[64], runs[32], rep[16];
	char ds[COMPARE_SET_TEXT], sp[COMPARE_SET_TEXT], set[COMPARE_SET_TEXT];
	size_t total = 0;

	for (size_t i = 0; i < c->nexps; i++)
		total += c->exps[i].repeat;
	range(dur, sizeof dur, c, 0);
	range(speed, sizeof speed, c, 1);
	snprintf(runs, sizeof runs, "%zu", total);
	doc_heading(d, 2, "What was run");
	doc_para_begin(d);
	doc_text(d, "The results in ");
	doc_code(d, c->results);
	doc_text(d, " hold ");
	doc_strong(d, runs);
	doc_text(d, " runs of the experiments below, each ");
	doc_text(d, dur);
	doc_text(d, " model seconds long, run ");
	if (strcmp(speed, "1") == 0)
		doc_text(d, "in real time");
	else {
		doc_text(d, "at speed ");
		doc_text(d, speed);
		doc_text(d, " (that many times faster than real time)");
	}
	doc_text(d, ", every repeat with its own recorded seed (see each "
	    "experiment's table of runs). Every setting told here is the one "
	    "the runs' own run.meta files record, whatever the experiment "
	    "files say now. The figures come from each run's analysis "
	    "(clockring analyze) and the comparison (clockring compare); "
	    "every sentence under Observations is generated from them. Each "
	    "experiment's plots are of one of its runs, " COMPARE_TYPICAL
	    "; its other runs are linked beside them.");
	doc_para_end(d);
	doc_table_begin(d, 6, head, "lllrrr");
	for (size_t i = 0; i < c->nexps; i++) {
		const struct compare_exp *e = &c->exps[i];
		snprintf(rep, sizeof rep, "%" PRIu32, e->repeat);
		compare_set_text(ds, sizeof ds, e, SET_DURATION);
		compare_set_text(sp, sizeof sp, e, SET_SPEED);
		compare_set_describe(set, sizeof set, e,
		    ALL_SETTINGS & ~OWN_COLUMNS);
		const char *row[] = { e->name, e->title, set, rep, ds, sp };
		doc_table_row(d, row);
	}
	doc_table_end(d);
	if (c->nskipped == 0)
		return;
	doc_para(d, "Left out, as incomplete:");
	doc_list_begin(d);
	for (size_t i = 0; i < c->nskipped; i++)
		doc_item(d, c->skipped[i]);
	doc_list_end(d);
}

static void
glance(struct doc *d, const struct compare *c, const struct notebook_where *w)
{
	const char *head[2 + NOTEBOOK_NEFFECTS] = { "experiment",
		"changed against the reference" };
	char path[PATH_LEN], what[512], cell[NOTEBOOK_NEFFECTS][128];
	char label[NOTEBOOK_NEFFECTS][64];

	doc_heading(d, 2, "At a glance");
	snprintf(path, sizeof path, "%s/compare_summary.png", w->compare);
	image(d, w, path, "Each experiment's clock jumps, drift and queues: "
	    "bar = mean of its runs, line = lowest to highest run, dots = each "
	    "run, dashed = the reference");
	if (c->nexps < 2)
		return;
	doc_para_begin(d);
	doc_text(d, "How each experiment moved the figures against the "
	    "reference, ");
	doc_strong(d, c->exps[0].title);
	doc_text(d, " (means of the runs; ▲ higher, ▼ lower; \"runs "
	    "overlap\" where the runs of the two overlap, so that the "
	    "difference is within the spread between runs):");
	doc_para_end(d);
	for (size_t k = 0; k < NOTEBOOK_NEFFECTS; k++) {
		compare_text_heading(label[k], sizeof label[k],
		    notebook_effect_figs[k]);
		head[2 + k] = label[k];
	}
	doc_table_begin(d, 2 + NOTEBOOK_NEFFECTS, head, "llllll");
	for (size_t i = 1; i < c->nexps; i++) {
		const char *row[2 + NOTEBOOK_NEFFECTS] = { c->exps[i].title,
			what };
		notebook_changes(c, i, what, sizeof what);
		for (size_t k = 0; k < NOTEBOOK_NEFFECTS; k++) {
			notebook_effect(c, i, notebook_effect_figs[k], cell[k],
			    sizeof cell[k]);
			row[2 + k] = cell[k];
		}
		doc_table_row(d, row);
	}
	doc_table_end(d);
}

/* The figures of an experiment's runs table, in its column order. */
static const int run_figs[NFIG_COLS] = { CMP_MAX_DRIFT, CMP_MEAN_DRIFT,
	CMP_MEAN_JUMP, CMP_JUMP_SHARE, CMP_MAX_JUMP, CMP_MAX_QUEUE,
	CMP_PENDING, CMP_SENT, CMP_DELAY, CMP_ORDERED };

static void
runs_table(struct doc *d, const struct compare_exp *e)
{
	const char *head[3 + NFIG_COLS] = { "repeat", "seed",
		"rates (ticks/s)" };
	char cell[3 + NFIG_COLS][64];
	const char *row[3 + NFIG_COLS];

	for (int k = 0; k < NFIG_COLS; k++)
		head[3 + k] = compare_figs[run_figs[k]].label;
	doc_table_begin(d, 3 + NFIG_COLS, head, "rrlrrrrrrrrrr");
	for (uint32_t r = 0; r <= e->repeat; r++) {
		const struct compare_run *run = r < e->repeat ? &e->runs[r] :
		    NULL;
		if (run != NULL)
			snprintf(cell[0], sizeof cell[0], "%" PRIu32,
			    run->repeat);
		else
			snprintf(cell[0], sizeof cell[0], "mean");
		snprintf(cell[1], sizeof cell[1], "%s", run ? run->seed : "");
		snprintf(cell[2], sizeof cell[2], "%s", run ? run->rates : "");
		for (int k = 0; k < NFIG_COLS; k++) {
			int f = run_figs[k];
			char *v = cell[3 + k];
			if (run != NULL)
				compare_text_run(v, sizeof cell[0], f,
				    run->fig[f]);
			else
				compare_text_mean(v, sizeof cell[0], f,
				    e->fig[f].mean);
		}
		for (int k = 0; k < 3 + NFIG_COLS; k++)
			row[k] = cell[k];
		doc_table_row(d, row);
	}
	doc_table_end(d);
}

/*
 * Its settings as its runs were made with them, and plainly when its
 * repeats were not all made alike.
 */
static void
settings(struct doc *d, const struct compare_exp *e)
{
	char text[COMPARE_SET_TEXT + 128], names[256];

	compare_set_describe(text, sizeof text, e, ALL_SETTINGS);
	doc_list_begin(d);
	doc_item_begin(d);
	doc_text(d, "run with (as its runs' run.meta record it): ");
	doc_text(d, text);
	doc_item_end(d);
	snprintf(text, sizeof text, "%" PRIu32 " repeat%s; each one's seed "
	    "and clock rates are in the table", e->repeat, e->repeat == 1 ?
	    "" : "s");
	doc_item(d, text);
	if (e->mixed != 0) {
		compare_set_names(names, sizeof names, e->mixed);
		doc_item_begin(d);
		doc_strong(d, "Its repeats were not all run alike:");
		snprintf(text, sizeof text, " they differ in %s (told above "
		    "with each repeat), so its figures mix runs of different "
		    "settings.", names);
		doc_text(d, text);
		doc_item_end(d);
	}
	doc_list_end(d);
}

/* RESULTS/NAME/R/analysis/FILE. */
static void
run_file(char *buf, size_t len, const struct compare *c,
    const struct compare_exp *e, const struct compare_run *run,
    const char *file)
{
	snprintf(buf, len, "%s/%s/%" PRIu32 "/analysis/%s", c->results,
	    e->name, run->repeat, file);
}

/* The files of each run that is not pictured, linked where they exist. */
static const char *const other_files[3][2] = {
	{ "summary.txt", "summary" }, { "drift.png", "drift" },
	{ "queue.png", "queue" },
};

static void
other_run(struct doc *d, const struct compare *c, const struct compare_exp *e,
    const struct compare_run *run, const struct notebook_where *w)
{
	char text[128], path[PATH_LEN], link[PATH_LEN];
	int n = 0;

	snprintf(text, sizeof text, "repeat %" PRIu32 " (max drift ",
	    run->repeat);
	compare_text_run(text + strlen(text), sizeof text - strlen(text),
	    CMP_MAX_DRIFT, run->fig[CMP_MAX_DRIFT]);
	doc_text(d, text);
	doc_text(d, ")");
	for (int k = 0; k < 3; k++) {
		run_file(path, sizeof path, c, e, run, other_files[k][0]);
		if (access(path, R_OK) != 0 ||
		    relpath_make(w->out, path, link, sizeof link) != 0)
			continue;
		doc_text(d, n++ ? ", " : ": ");
		doc_link(d, other_files[k][1], link);
	}
}

/* Which run the plots are of, by what rule, and the others linked. */
static void
pictured(struct doc *d, const struct compare *c, const struct compare_exp *e,
    const struct notebook_where *w)
{
	const struct compare_run *t = &e->runs[e->typical];
	char text[256], v[64];

	compare_text_run(v, sizeof v, CMP_MAX_DRIFT, t->fig[CMP_MAX_DRIFT]);
	if (e->repeat == 1)
		snprintf(text, sizeof text, "The plots are of its only run, "
		    "repeat %" PRIu32 " (seed %s).", t->repeat, t->seed);
	else
		snprintf(text, sizeof text, "The plots are of repeat %" PRIu32
		    " (seed %s), the run with the median max drift of its %"
		    PRIu32 " runs: %s clock ticks.", t->repeat, t->seed,
		    e->repeat, v);
	doc_para_begin(d);
	doc_text(d, text);
	for (uint32_t r = 0, n = 0; r < e->repeat; r++) {
		if (r == e->typical)
			continue;
		doc_text(d, n++ ? "; " : " The others: ");
		other_run(d, c, e, &e->runs[r], w);
	}
	if (e->repeat > 1)
		doc_text(d, ".");
	doc_para_end(d);
}

static void
experiment(struct doc *d, const struct compare *c, size_t i,
    const struct notebook_where *w)
{
	const struct compare_exp *e = &c->exps[i];
	const struct compare_run *t = &e->runs[e->typical];
	char text[1024], path[PATH_LEN], cap[256];

	snprintf(text, sizeof text, "%s (%s)%s", e->title, e->name,
	    i == 0 ? ": the reference" : "");
	doc_heading(d, 3, text);
	doc_para(d, e->description);
	settings(d, e);
	runs_table(d, e);
	pictured(d, c, e, w);
	static const char *const plot[2][2] = {
		{ "drift", "drift: how far each VM's clock is behind the "
		  "highest" },
		{ "queue", "queue: messages waiting at each VM" },
	};
	for (int k = 0; k < 2; k++) {
		snprintf(text, sizeof text, "%s.png", plot[k][0]);
		run_file(path, sizeof path, c, e, t, text);
		snprintf(cap, sizeof cap, "%s, repeat %" PRIu32 " (seed %s): "
		    "%s", e->title, t->repeat, t->seed, plot[k][1]);
		image(d, w, path, cap);
	}
}

/* A table of mean ± sd across the runs, one row per experiment. */
static void
spread_table(struct doc *d, const struct compare *c, const int *figs,
    size_t n)
{
	const char *head[8] = { "experiment", "runs" };
	char label[6][64], cell[8][64], align[9] = "lrrrrrrr";
	const char *row[8];

	for (size_t k = 0; k < n; k++) {
		compare_text_heading(label[k], sizeof label[k], figs[k]);
		head[2 + k] = label[k];
	}
	doc_table_begin(d, 2 + n, head, align);
	for (size_t i = 0; i < c->nexps; i++) {
		row[0] = c->exps[i].title;
		snprintf(cell[1], sizeof cell[1], "%" PRIu32,
		    c->exps[i].repeat);
		row[1] = cell[1];
		for (size_t k = 0; k < n; k++) {
			compare_text_spread(cell[2 + k], sizeof cell[2 + k],
			    figs[k], &c->exps[i].fig[figs[k]]);
			row[2 + k] = cell[2 + k];
		}
		doc_table_row(d, row);
	}
	doc_table_end(d);
}

static void
comparison(struct doc *d, const struct compare *c,
    const struct notebook_where *w)
{
	static const int clocks[] = { CMP_MAX_DRIFT, CMP_MEAN_DRIFT,
		CMP_MEAN_JUMP, CMP_JUMP_SHARE, CMP_MAX_JUMP };
	static const int queues[] = { CMP_MAX_QUEUE, CMP_MEAN_QUEUE,
		CMP_PENDING, CMP_SENT, CMP_DELAY };
	static const int causal[] = { CMP_ORDERED, CMP_HIDDEN };
	static const char *const plot[3][2] = {
		{ "compare_drift", "Drift over model time, a panel per "
		  "experiment" },
		{ "compare_jumps", "How the clock jumps spread over their "
		  "sizes" },
		{ "compare_queue", "Queue length over model time, a panel per "
		  "experiment" },
	};
	char path[PATH_LEN];

	doc_heading(d, 2, "Comparison");
	doc_para(d, "Mean ± standard deviation across the runs of each "
	    "experiment (compare/compare.csv has the min and max too, "
	    "compare/runs.csv every run). Clocks:");
	spread_table(d, c, clocks, sizeof clocks / sizeof clocks[0]);
	doc_para(d, "Queues and messages:");
	spread_table(d, c, queues, sizeof queues / sizeof queues[0]);
	doc_para(d, "Causality, over the ticks of each run's analysis window "
	    "(summary.txt says which): the pairs of events one of which could "
	    "have affected the other, and of the pairs Lamport order ranks, "
	    "those neither of which could:");
	spread_table(d, c, causal, sizeof causal / sizeof causal[0]);
	for (int k = 0; k < 3; k++) {
		snprintf(path, sizeof path, "%s/%s.png", w->compare,
		    plot[k][0]);
		image(d, w, path, plot[k][1]);
	}
}

/* The figures a sweep's table gives for each point. */
static const int sweep_figs[] = { CMP_MAX_DRIFT, CMP_MEAN_DRIFT,
	CMP_MAX_QUEUE, CMP_MEAN_QUEUE, CMP_MAX_JUMP, CMP_MEAN_JUMP };
#define NSWEEP_FIGS	(sizeof sweep_figs / sizeof sweep_figs[0])

/* A point's row: its value, each figure's mean across its repeats. */
static void
sweep_row(struct doc *d, const struct compare_exp *e)
{
	char cell[2 + NSWEEP_FIGS][64];
	const char *row[2 + NSWEEP_FIGS];

	snprintf(cell[0], sizeof cell[0], "%" PRIu64, e->point);
	snprintf(cell[1], sizeof cell[1], "%" PRIu32, e->repeat);
	for (size_t k = 0; k < NSWEEP_FIGS; k++)
		compare_text_spread(cell[2 + k], sizeof cell[0], sweep_figs[k],
		    &e->fig[sweep_figs[k]]);
	for (size_t k = 0; k < 2 + NSWEEP_FIGS; k++)
		row[k] = cell[k];
	doc_table_row(d, row);
}

/*
 * Each sweep (experiments NAME-VALUE with point = VALUE): a row per
 * point in the order of its value, and the figures against it, plotted
 * on log axes (compare_sweep.png).
 */
static void
sweeps(struct doc *d, const struct compare *c, const struct notebook_where *w)
{
	const char *head[2 + NSWEEP_FIGS] = { "value", "runs" };
	char path[PATH_LEN], text[256];

	if (!compare_has_sweep(c))
		return;
	doc_heading(d, 2, "Sweeps");
	for (size_t k = 0; k < NSWEEP_FIGS; k++)
		head[2 + k] = compare_figs[sweep_figs[k]].label;
	for (size_t i = 0; i < c->nexps; i++) {
		const char *name = c->exps[i].sweep_of;
		if (!compare_sweep_first(c, i))
			continue;
		snprintf(text, sizeof text, "%s: the figures as --%s grows "
		    "(mean ± sd of each point's runs)", name, c->exps[i].swept);
		doc_para(d, text);
		doc_table_begin(d, 2 + NSWEEP_FIGS, head, "rrrrrrrr");
		for (const struct compare_exp *e = compare_sweep_next(c, name,
		    NULL); e != NULL; e = compare_sweep_next(c, name, e))
			sweep_row(d, e);
		doc_table_end(d);
	}
	snprintf(path, sizeof path, "%s/compare_sweep.png", w->compare);
	image(d, w, path, "Each sweep's figures against the swept value, "
	    "log x (log y where they span two decades): mean of the runs, "
	    "bars from the lowest to the highest run");
}

int
notebook_body(struct doc *d, const struct compare *c,
    const struct notebook_where *w)
{
	struct notebook_text obs;

	if (notebook_observe(c, &obs) == -1)
		return -1;
	what_was_run(d, c);
	glance(d, c, w);
	doc_heading(d, 2, "Experiments");
	for (size_t i = 0; i < c->nexps; i++)
		experiment(d, c, i, w);
	comparison(d, c, w);
	sweeps(d, c, w);
	doc_heading(d, 2, "Observations");
	doc_list_begin(d);
	for (size_t i = 0; i < obs.n; i++) {
		doc_item_begin(d);
		if (obs.head[i] != NULL) {
			doc_strong(d, obs.head[i]);
			doc_text(d, " ");
		}
		doc_text(d, obs.line[i]);
		doc_item_end(d);
	}
	doc_list_end(d);
	notebook_text_free(&obs);
	return 0;
}
