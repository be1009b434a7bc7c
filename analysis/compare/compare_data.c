/* analysis/compare/compare_data.c -- the data files and variables of the comparison plots */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/compare/compare_data.h"
#include "analysis/stats/figures.h"
#include "lib/outfile.h"

/*
 * Whitespace-separated columns, a '#' header, fixed number formats: the
 * same results give the same bytes. Experiment i (from 0) is block i of
 * the series files (gnuplot's `index i`) and column i + 2 of the jumps.
 */

const struct compare_exp *
compare_sweep_next(const struct compare *c, const char *name,
    const struct compare_exp *prev)
{
	const struct compare_exp *next = NULL;

	for (size_t i = 0; i < c->nexps; i++) {
		const struct compare_exp *e = &c->exps[i];
		if (e->sweep_of != NULL && strcmp(e->sweep_of, name) == 0 &&
		    (prev == NULL || e->point > prev->point) &&
		    (next == NULL || e->point < next->point))
			next = e;
	}
	return next;
}

int
compare_sweep_first(const struct compare *c, size_t i)
{
	const char *name = c->exps[i].sweep_of;

	for (size_t k = 0; name != NULL && k < i; k++)
		if (c->exps[k].sweep_of != NULL &&
		    strcmp(c->exps[k].sweep_of, name) == 0)
			return 0;
	return name != NULL;
}

/* The rows of sweep s, by value. */
static void
sweep_block(FILE *f, const struct compare *c, const char *s)
{
	for (const struct compare_exp *e = compare_sweep_next(c, s, NULL);
	    e != NULL; e = compare_sweep_next(c, s, e)) {
		fprintf(f, "%" PRIu64, e->point);
		for (int k = 0; k < CMP_NFIGS; k++)
			fprintf(f, " %.6g %.6g %.6g", e->fig[k].mean,
			    e->fig[k].min, e->fig[k].max);
		fputc('\n', f);
	}
}

static void sweep_vars(FILE *f, const struct compare *c);

/* One block per experiment: t, then the mean, min and max across repeats. */
static void
series(FILE *f, const struct compare *c, int queue)
{
	for (size_t i = 0; i < c->nexps; i++) {
		const struct compare_exp *e = &c->exps[i];
		const struct compare_series *s = queue ? &e->queue : &e->drift;
		fprintf(f, "%s# %s: t mean min max (the %s among the VMs)\n",
		    i ? "\n\n" : "", e->name, queue ? "longest queue" :
		    "largest drift");
		for (size_t k = 0; k < s->n; k++)
			fprintf(f, "%.6f %.4f %g %g\n", s->t[k],
			    figures_round(s->mean[k], 4), s->min[k], s->max[k]);
	}
}

static void
drift(FILE *f, const struct compare *c)
{
	series(f, c, 0);
}

static void
queue(FILE *f, const struct compare *c)
{
	series(f, c, 1);
}

static size_t
max_jump(const struct compare *c)
{
	size_t m = 1;

	for (size_t i = 0; i < c->nexps; i++)
		m = c->exps[i].njumps > m ? c->exps[i].njumps : m;
	return m;
}

/* Each size, then the share of each experiment's ticks that jumped by it. */
static void
jumps(FILE *f, const struct compare *c)
{
	fputs("# size", f);
	for (size_t i = 0; i < c->nexps; i++)
		fprintf(f, " %s", c->exps[i].name);
	fputc('\n', f);
	for (size_t s = 1; s <= max_jump(c); s++) {
		fprintf(f, "%zu", s);
		for (size_t i = 0; i < c->nexps; i++) {
			const struct compare_exp *e = &c->exps[i];
			uint64_t n = s <= e->njumps ? e->jumps[s - 1] : 0;
			fprintf(f, " %.8f", e->ticks ? (double)n / e->ticks :
			    0);
		}
		fputc('\n', f);
	}
}

/* One row per experiment: i, then mean sd min max of every figure. */
static void
figs(FILE *f, const struct compare *c)
{
	fputs("# i", f);
	for (int k = 0; k < CMP_NFIGS; k++)
		fprintf(f, " %s(mean sd min max)", compare_figs[k].key);
	fputc('\n', f);
	for (size_t i = 0; i < c->nexps; i++) {
		fprintf(f, "%zu", i);
		for (int k = 0; k < CMP_NFIGS; k++) {
			const struct compare_spread *s = &c->exps[i].fig[k];
			fprintf(f, " %.6f %.6f %.6f %.6f",
			    figures_round(s->mean, 6), figures_round(s->sd, 6),
			    figures_round(s->min, 6), figures_round(s->max, 6));
		}
		fputc('\n', f);
	}
}

/* One row per run: i, repeat, then its figures. */
static void
runs(FILE *f, const struct compare *c)
{
	fputs("# i repeat", f);
	for (int k = 0; k < CMP_NFIGS; k++)
		fprintf(f, " %s", compare_figs[k].key);
	fputc('\n', f);
	for (size_t i = 0; i < c->nexps; i++) {
		for (uint32_t r = 0; r < c->exps[i].repeat; r++) {
			fprintf(f, "%zu %" PRIu32, i, r + 1);
			for (int k = 0; k < CMP_NFIGS; k++)
				fprintf(f, " %.6f",
				    figures_round(c->exps[i].runs[r].fig[k], 6));
			fputc('\n', f);
		}
	}
}

static void
vars(FILE *f, const struct compare *c)
{
	char name[64];
	double duration = 0;

	fputs("# clockring compare: the experiments, for the comparison "
	    "scripts\n", f);
	fprintf(f, "N = %zu\narray exp_name[%zu]\narray exp_title[%zu]\n",
	    c->nexps, c->nexps, c->nexps);
	for (size_t i = 0; i < c->nexps; i++) {
		snprintf(name, sizeof name, "exp_name[%zu]", i + 1);
		figures_gp_string(f, name, c->exps[i].name);
		snprintf(name, sizeof name, "exp_title[%zu]", i + 1);
		figures_gp_string(f, name, c->exps[i].title);
		duration = fmax(duration, c->exps[i].set->duration_s);
	}
	figures_gp_real(f, "duration", duration);
	fprintf(f, "max_jump = %zu\n", max_jump(c));
	fputs("# columns: compare_figs.dat has a figure's mean there, then "
	    "sd, min, max;\n# compare_runs.dat has its value there\n", f);
	for (int k = 0; k < CMP_NFIGS; k++)
		fprintf(f, "fig_%s = %d\nrun_%s = %d\nsweep_%s = %d\n",
		    compare_figs[k].key, 2 + 4 * k, compare_figs[k].key, 3 + k,
		    compare_figs[k].key, 2 + 3 * k);
	sweep_vars(f, c);
}

/*
 * compare_sweep.dat: a block per sweep (its points, by value), a row per
 * point: the value, then each figure's mean, min and max across repeats,
 * in compare_figs order (comparevars.gp: sweep_COL). Sweeps in the order
 * their first point comes.
 */
static void
sweeps(FILE *f, const struct compare *c)
{
	size_t blocks = 0;

	fputs("# point, then mean min max of each figure\n", f);
	for (size_t i = 0; i < c->nexps; i++) {
		if (!compare_sweep_first(c, i))
			continue;
		fprintf(f, "%s# sweep %s over --%s\n", blocks++ ? "\n\n" : "",
		    c->exps[i].sweep_of, c->exps[i].swept);
		sweep_block(f, c, c->exps[i].sweep_of);
	}
}

int
compare_has_sweep(const struct compare *c)
{
	for (size_t i = 0; i < c->nexps; i++)
		if (c->exps[i].sweep_of != NULL)
			return 1;
	return 0;
}

/* How many sweeps compare_sweep.dat has, and each one's name and option. */
static void
sweep_vars(FILE *f, const struct compare *c)
{
	char name[64];
	size_t n = 0;

	for (size_t i = 0; i < c->nexps; i++)
		n += (size_t)compare_sweep_first(c, i);
	fprintf(f, "sweeps = %zu\narray sweep_name[%zu]\narray sweep_option[%zu]"
	    "\n", n, n ? n : 1, n ? n : 1);
	for (size_t i = 0, k = 0; i < c->nexps; i++) {
		if (!compare_sweep_first(c, i))
			continue;
		snprintf(name, sizeof name, "sweep_name[%zu]", ++k);
		figures_gp_string(f, name, c->exps[i].sweep_of);
		snprintf(name, sizeof name, "sweep_option[%zu]", k);
		figures_gp_string(f, name, c->exps[i].swept);
	}
}

typedef void writer_fn(FILE *f, const struct compare *c);

static const struct {
	const char *name;
	writer_fn *fn;
} files[] = {
	{ "compare_drift.dat", drift },
	{ "compare_queue.dat", queue },
	{ "compare_jumps.dat", jumps },
	{ "compare_figs.dat", figs },
	{ "compare_runs.dat", runs },
	{ "compare_sweep.dat", sweeps },
	{ "comparevars.gp", vars },
};

int
compare_data_write(const struct compare *c, const char *dir, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f;

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if ((f = outfile_open(dir, files[i].name, path, err,
		    errlen)) == NULL)
			return -1;
		files[i].fn(f, c);
		if (outfile_close(f, path, err, errlen) == -1)
			return -1;
	}
	return 0;
}
