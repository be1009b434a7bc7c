/* analysis/compare/compare_load.c -- a results tree read into memory: complete experiments, reduced across repeats */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare/compare_load.h"
#include "analysis/compare/compare_run.h"
#include "analysis/compare/compare_set.h"
#include "analysis/rundir/expfile.h"
#include "lib/errmsg.h"

#define PATH_LEN	4096
/* The experiment the others are held against, if there is one of that name. */
#define REFERENCE	"baseline"

/* A path into buf: 0, or -1 when it does not fit. */
__attribute__((format(printf, 2, 3))) static int
pathf(char buf[PATH_LEN], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, PATH_LEN, fmt, ap);
	va_end(ap);
	return n >= 0 && n < PATH_LEN ? 0 : -1;
}

/* Is there a DIR/SUB/NAME? */
static int
exists(const char *dir, const char *sub, const char *name)
{
	char path[PATH_LEN];
	struct stat st;

	return pathf(path, "%s/%s/%s", dir, sub, name) == 0 &&
	    stat(path, &st) == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* RESULTS' subdirectories that hold an experiment.exp, sorted by name. */
static int
list_names(const char *results, char ***names, size_t *n, char *err,
    size_t errlen)
{
	DIR *d = opendir(results);
	struct dirent *de;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (d == NULL)
		return errmsg_set(err, errlen, "'%s': %s", results,
		    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    !exists(results, de->d_name, "experiment.exp"))
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			char **p = realloc(*names, cap * sizeof *p);
			if (p == NULL)
				goto oom;
			*names = p;
		}
		if (((*names)[*n] = strdup(de->d_name)) == NULL)
			goto oom;
		(*n)++;
	}
	closedir(d);
	if (*n > 1)
		qsort(*names, *n, sizeof **names, by_name);
	return 0;
oom:
	closedir(d);
	free_names(*names, *n);
	return errmsg_set(err, errlen, "out of memory");
}

/*
 * Mean, sample standard deviation and extremes of n values; all NaN if
 * one is (a run analyzed before the figure was).
 */
static struct compare_spread
spread(const double *v, size_t n)
{
	struct compare_spread s = { 0, 0, v[0], v[0] };
	double ss = 0;

	for (size_t i = 0; i < n; i++)
		if (isnan(v[i]))
			return (struct compare_spread){ NAN, NAN, NAN, NAN };
	for (size_t i = 0; i < n; i++) {
		s.mean += v[i];
		s.min = fmin(s.min, v[i]);
		s.max = fmax(s.max, v[i]);
	}
	s.mean /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - s.mean) * (v[i] - s.mean);
	s.sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
	return s;
}

/*
 * COMPARE_TYPICAL: the runs in order of max drift, then of repeat, and
 * the middle one, the lower of two: one rule, whatever the numbers.
 */
static uint32_t
typical(const struct compare_exp *e)
{
	uint32_t by[EXP_MAX_REPEAT];

	for (uint32_t r = 0; r < e->repeat; r++) {
		double d = e->runs[r].fig[CMP_MAX_DRIFT];
		uint32_t i = r;
		for (; i > 0 && e->runs[by[i - 1]].fig[CMP_MAX_DRIFT] > d; i--)
			by[i] = by[i - 1];
		by[i] = r;
	}
	return by[(e->repeat - 1) / 2];
}

/*
 * The runs are in: their figures and series summed up across repeats,
 * the settings as repeat 1 had them and those the others differ in.
 */
static void
reduce(struct compare_exp *e)
{
	double v[EXP_MAX_REPEAT];

	for (int f = 0; f < CMP_NFIGS; f++) {
		for (uint32_t r = 0; r < e->repeat; r++)
			v[r] = e->runs[r].fig[f];
		e->fig[f] = spread(v, e->repeat);
	}
	for (size_t k = 0; k < e->drift.n; k++)
		e->drift.mean[k] /= e->repeat;
	for (size_t k = 0; k < e->queue.n; k++)
		e->queue.mean[k] /= e->repeat;
	e->set = &e->runs[0].set;
	e->mixed = compare_set_mixed(e);
	e->typical = typical(e);
}

static int
load_runs(const char *results, struct compare_exp *e, char *why,
    size_t len)
{
	char exp_dir[PATH_LEN], dir[PATH_LEN], r_text[16], w[PATH_LEN + 256];

	if ((e->runs = calloc(e->repeat, sizeof *e->runs)) == NULL)
		return errmsg_set(why, len, "out of memory");
	if (pathf(exp_dir, "%s/%s", results, e->name) == -1)
		return errmsg_set(why, len, "%.64s...: path too long", results);
	for (uint32_t r = 1; r <= e->repeat; r++) {
		snprintf(r_text, sizeof r_text, "%u", (unsigned)r);
		if (pathf(dir, "%s/%s", exp_dir, r_text) == -1)
			return errmsg_set(why, len, "%.64s...: path too long",
			    exp_dir);
		if (!exists(exp_dir, r_text, "run.meta"))
			return errmsg_set(why, len, "run %u of %u not done "
			    "(no %s/run.meta)", (unsigned)r,
			    (unsigned)e->repeat, dir);
		if (!exists(exp_dir, r_text, "analysis"))
			return errmsg_set(why, len, "run %u not analyzed "
			    "(no %s/analysis)", (unsigned)r, dir);
		e->runs[r - 1].repeat = r;
		if (compare_run_load(dir, e, &e->runs[r - 1], w,
		    sizeof w) == -1)
			return errmsg_set(why, len, "run %u: %s", (unsigned)r,
			    w);
	}
	reduce(e);
	return 0;
}

/* RESULTS/NAME as an experiment: 0, or -1 with why it is incomplete. */
static int
load_exp(const char *results, const char *name, struct compare_exp *e,
    char *why, size_t len)
{
	char path[PATH_LEN];
	struct experiment x;

	if (pathf(path, "%s/%s/experiment.exp", results, name) == -1)
		return errmsg_set(why, len, "%.64s...: path too long", results);
	if (expfile_load(path, &x, why, len) == -1)
		return -1;
	if ((e->name = strdup(name)) == NULL ||
	    (e->title = strdup(x.title)) == NULL ||
	    (e->description = strdup(x.description)) == NULL)
		return errmsg_set(why, len, "out of memory");
	e->repeat = x.repeat;	/* the plan: which runs make the experiment */
	if (x.is_point) {
		char v[24];
		size_t n = strlen(name) - (size_t)snprintf(v, sizeof v, "-%"
		    PRIu64, x.point);
		if (strlen(name) <= strlen(v) || strcmp(name + n, v) != 0)
			return errmsg_set(why, len, "%s: point %" PRIu64 " of a "
			    "sweep, but not named NAME-%" PRIu64, path, x.point,
			    x.point);
		if ((e->sweep_of = strndup(name, n)) == NULL ||
		    (e->swept = strdup(x.sweep)) == NULL)
			return errmsg_set(why, len, "out of memory");
		e->point = x.point;
	}
	return load_runs(results, e, why, len);
}

static void
free_exp(struct compare_exp *e)
{
	for (uint32_t r = 0; e->runs != NULL && r < e->repeat; r++) {
		free(e->runs[r].seed);
		free(e->runs[r].rates);
		compare_set_free(&e->runs[r].set);
	}
	free(e->runs);
	struct compare_series *s[2] = { &e->drift, &e->queue };
	for (int i = 0; i < 2; i++) {
		free(s[i]->t);
		free(s[i]->mean);
		free(s[i]->min);
		free(s[i]->max);
	}
	free(e->jumps);
	free(e->sweep_of);
	free(e->swept);
	free(e->name);
	free(e->title);
	free(e->description);
	memset(e, 0, sizeof *e);
}

void
compare_free(struct compare *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nexps; i++)
		free_exp(&c->exps[i]);
	free(c->exps);
	free_names(c->skipped, c->nskipped);
	free(c->results);
	free(c);
}

/* "NAME: why" joins the experiments left out. */
static int
skip(struct compare *c, const char *name, const char *why)
{
	char **p = realloc(c->skipped, (c->nskipped + 1) * sizeof *p);
	size_t n = strlen(name) + strlen(why) + 3;

	if (p == NULL)
		return -1;
	c->skipped = p;
	if ((p[c->nskipped] = malloc(n)) == NULL)
		return -1;
	snprintf(p[c->nskipped++], n, "%s: %s", name, why);
	return 0;
}

/* The reference experiment goes first; the others keep their order. */
static void
reference_first(struct compare *c)
{
	for (size_t i = 1; i < c->nexps; i++) {
		if (strcmp(c->exps[i].name, REFERENCE) != 0)
			continue;
		struct compare_exp ref = c->exps[i];
		memmove(&c->exps[1], &c->exps[0], i * sizeof ref);
		c->exps[0] = ref;
		return;
	}
}

static int
add_exps(struct compare *c, char **names, size_t n, char *err,
    size_t errlen)
{
	char why[2 * PATH_LEN];

	if ((c->exps = calloc(n ? n : 1, sizeof *c->exps)) == NULL)
		return errmsg_set(err, errlen, "out of memory");
	for (size_t i = 0; i < n; i++) {
		struct compare_exp *e = &c->exps[c->nexps];
		if (load_exp(c->results, names[i], e, why, sizeof why) == 0) {
			c->nexps++;
			continue;
		}
		free_exp(e);
		if (skip(c, names[i], why) == -1)
			return errmsg_set(err, errlen, "out of memory");
	}
	reference_first(c);
	return 0;
}

struct compare *
compare_load(const char *results, char *err, size_t errlen)
{
	struct compare *c = calloc(1, sizeof *c);
	size_t len = strlen(results), n = 0;
	char **names = NULL;

	while (len > 1 && results[len - 1] == '/')
		len--;
	if (c == NULL || (c->results = strndup(results, len)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		goto fail;
	}
	if (list_names(c->results, &names, &n, err, errlen) == -1 ||
	    add_exps(c, names, n, err, errlen) == -1)
		goto fail;
	free_names(names, n);
	return c;
fail:
	free_names(names, n);
	compare_free(c);
	return NULL;
}
