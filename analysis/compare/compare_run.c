/* analysis/compare/compare_run.c -- one run of an experiment: its figures, series and jumps, from its analysis */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare/compare_run.h"
#include "analysis/compare/compare_set.h"
#include "analysis/rundir/runinfo.h"
#include "analysis/stats/hist.h"
#include "lib/errmsg.h"
#include "lib/rows.h"

#define CSV_COLS	64

/*
 * The line's numbers, split at any of seps, into v: how many (one at
 * least), or -1 with why. With nan_ok, NaN is a number but in the first
 * column: a VM dead before the end has no value in a series.
 */
static int
rows_numbers(struct rows *r, const char *seps, double *v, size_t max,
    int nan_ok, char *why, size_t len)
{
	size_t n = 0;
	char *save, *end;

	for (char *w = strtok_r(r->line, seps, &save); w != NULL;
	    w = strtok_r(NULL, seps, &save)) {
		errno = 0;
		if (n == max)
			return errmsg_set(why, len, "%s:%lu: more than %zu "
			    "columns", r->path, r->lineno, max);
		v[n] = strtod(w, &end);
		if (*end != '\0' || errno == ERANGE || (!isfinite(v[n]) &&
		    !(nan_ok && n > 0 && strcmp(w, "NaN") == 0)))
			return errmsg_set(why, len, "%s:%lu: '%.32s': not a "
			    "number", r->path, r->lineno, w);
		n++;
	}
	if (n == 0)
		return errmsg_set(why, len, "%s:%lu: no numbers", r->path,
		    r->lineno);
	return (int)n;
}

/*
 * The next row of a .dat file, its first column and one per VM, into v:
 * 1; 0 at the end; -1 with why. nan_ok: see rows_numbers.
 */
static int
rows_dat(struct rows *r, uint32_t nvms, double *v, int nan_ok, char *why,
    size_t len)
{
	int rc = rows_next(r, why, len), n;

	if (rc != 1)
		return rc;
	if ((n = rows_numbers(r, " \t", v, (size_t)nvms + 1, nan_ok, why,
	    len)) == -1)
		return -1;
	if (n != (int)nvms + 1)
		return errmsg_set(why, len, "%s:%lu: %d columns, not %" PRIu32,
		    r->path, r->lineno, n, nvms + 1);
	return 1;
}

/* The summary.csv columns a run's figures come from. */
enum { C_RATE, C_TICKS, C_RECV, C_PENDING, C_SENT, C_CLOCK, C_OVER1, C_JMAX,
	C_DMAX, C_DMEAN, C_QMAX, C_QMEAN, C_DELAY, C_PAIRS, C_ORDERED,
	C_RANKED, C_RANKED_CONC, NCOLS };
static const char *const col_name[NCOLS] = {
	"rate", "ticks", "recv", "pending", "msgs_out", "final_clock", "jumps_over_1",
	"jump_max", "drift_max", "drift_mean", "queue_max", "queue_mean",
	"delay_mean_s", "hb_pairs", "hb_ordered", "hb_lamport_ranked",
	"hb_ranked_concurrent",
};
/* From here on, columns an analysis by an older clockring lacks. */
#define C_OPTIONAL	C_PAIRS

/* Where each column is in the header line: by name, so order may change. */
static int
csv_header(struct rows *r, int at[NCOLS], char *why, size_t len)
{
	char *save;
	int i = 0;

	for (int k = 0; k < NCOLS; k++)
		at[k] = -1;
	for (char *w = strtok_r(r->line, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save), i++)
		for (int k = 0; k < NCOLS; k++)
			if (strcmp(w, col_name[k]) == 0)
				at[k] = i;
	for (int k = 0; k < C_OPTIONAL; k++)
		if (at[k] == -1)
			return errmsg_set(why, len, "%s: no column '%s'",
			    r->path, col_name[k]);
	return 0;
}

/* Sums and extremes over the VMs, as the run's figures need them. */
struct vm_totals {
	double ticks, recv, pending, sent, clock, over1, delay_sum;
	double jmax, dmax, dmean, qmax, qmean;
	double hb[NCOLS - C_OPTIONAL];	/* pairs, ordered, ranked, ranked
					 * concurrent; NaN if not there */
};

static void
add_vm(struct vm_totals *t, const double *v, const int at[NCOLS])
{
	t->ticks += v[at[C_TICKS]];
	t->recv += v[at[C_RECV]];
	t->pending += v[at[C_PENDING]];
	t->sent += v[at[C_SENT]];
	t->clock += v[at[C_CLOCK]];
	t->over1 += v[at[C_OVER1]];
	t->delay_sum += v[at[C_DELAY]] * v[at[C_RECV]];
	t->jmax = fmax(t->jmax, v[at[C_JMAX]]);
	t->dmax = fmax(t->dmax, v[at[C_DMAX]]);
	t->dmean += v[at[C_DMEAN]];
	t->qmax = fmax(t->qmax, v[at[C_QMAX]]);
	t->qmean += v[at[C_QMEAN]];
	for (int k = C_OPTIONAL; k < NCOLS; k++)
		t->hb[k - C_OPTIONAL] += at[k] >= 0 ? v[at[k]] : NAN;
}

/* part / whole, NaN when the analysis did not count them (or none). */
static double
share(double part, double whole)
{
	return whole > 0 ? part / whole : NAN;
}

/*
 * A jump is what one tick adds to a clock, which starts at 0 and only
 * moves on ticks: the jumps of a VM sum to its final clock.
 */
static void
set_figs(double fig[CMP_NFIGS], const struct vm_totals *t, uint32_t nvms)
{
	double ticks = t->ticks > 0 ? t->ticks : 1;

	fig[CMP_MAX_DRIFT] = t->dmax;
	fig[CMP_MEAN_DRIFT] = t->dmean / nvms;
	fig[CMP_MEAN_JUMP] = t->clock / ticks;
	fig[CMP_JUMP_SHARE] = t->over1 / ticks;
	fig[CMP_MAX_JUMP] = t->jmax;
	fig[CMP_MAX_QUEUE] = t->qmax;
	fig[CMP_MEAN_QUEUE] = t->qmean / nvms;
	fig[CMP_PENDING] = t->pending;
	fig[CMP_SENT] = t->sent;
	fig[CMP_DELAY] = t->recv > 0 ? t->delay_sum / t->recv : 0;
	fig[CMP_ORDERED] = share(t->hb[C_ORDERED - C_OPTIONAL],
	    t->hb[C_PAIRS - C_OPTIONAL]);
	fig[CMP_HIDDEN] = share(t->hb[C_RANKED_CONC - C_OPTIONAL],
	    t->hb[C_RANKED - C_OPTIONAL]);
}

/* Does a row of n numbers lack a column the header has? */
static int
short_row(int n, const int at[NCOLS])
{
	for (int k = 0; k < NCOLS; k++)
		if (at[k] >= n)
			return 1;
	return 0;
}

/*
 * Where a run's figures are: its analysis of the logs, or (log=summary)
 * the driver's own files, read as they are.
 */
struct source {
	const char *figures;	/* a csv with summary.csv's columns */
	const char *drift, *queue;	/* a .dat per VM, or series.csv */
	const char *jumps;	/* jumps.dat per VM, or jumps.csv */
	int summary;		/* the driver's files: one column each */
};
static const struct source full_src = { "analysis/summary.csv",
	"analysis/drift.dat", "analysis/queue.dat", "analysis/jumps.dat", 0 };
static const struct source summary_src = { "vms.csv", "series.csv",
	"series.csv", "jumps.csv", 1 };
/* series.csv's columns of the largest drift and queue among the VMs. */
#define SERIES_DRIFT_MAX	8
#define SERIES_QUEUE_MAX	11
#define SERIES_COLS		12

/* A ring this big tells its rates as a range, not one by one. */
#define RATES_LISTED	256

/*
 * Are a run's rates read from its figures' rate column? A summary run's
 * are, and so are those of a ring too big for run.meta to list them.
 */
static int
rates_from_csv(const struct source *src, uint32_t nvms)
{
	return src->summary || nvms > RUNMETA_MAX_VMS;
}

/*
 * VM vm's rate, from a summary run's vms.csv (run.meta lists no rates of
 * a big ring): "4 3 5" up to RATES_LISTED VMs, and the extremes.
 */
static int
rates_add(struct compare_run *run, double rate, uint32_t vm, uint32_t nvms)
{
	uint64_t r = (uint64_t)rate;

	if (vm == 0) {
		size_t cap = nvms <= RATES_LISTED ? (size_t)nvms * 21 + 1 : 64;
		if ((run->rates = malloc(cap)) == NULL)
			return -1;
		run->rates[0] = '\0';
		run->rate_lo = run->rate_hi = r;
	}
	run->rate_lo = r < run->rate_lo ? r : run->rate_lo;
	run->rate_hi = r > run->rate_hi ? r : run->rate_hi;
	if (nvms <= RATES_LISTED)
		sprintf(run->rates + strlen(run->rates), "%s%" PRIu64,
		    vm ? " " : "", r);
	else if (vm + 1 == nvms)
		snprintf(run->rates, 64, "%" PRIu64 "-%" PRIu64 " (%" PRIu32
		    " VMs)", run->rate_lo, run->rate_hi, nvms);
	return 0;
}

static int
read_summary(const char *dir, const struct source *src, uint32_t nvms,
    struct compare_run *run, char *why, size_t len)
{
	struct vm_totals t = { 0 };
	struct rows r;
	double v[CSV_COLS];
	int at[NCOLS], rc, n;
	uint32_t vms = 0;

	if (rows_open(&r, dir, src->figures, why, len) == -1)
		return -1;
	if ((rc = rows_next(&r, why, len)) == 1)
		rc = csv_header(&r, at, why, len);
	else if (rc == 0)
		rc = errmsg_set(why, len, "%s: empty", r.path);
	while (rc == 0 && (rc = rows_next(&r, why, len)) == 1) {
		if ((n = rows_numbers(&r, ",", v, CSV_COLS, 0, why, len)) == -1)
			rc = -1;
		else if (short_row(n, at) || vms == nvms)
			rc = errmsg_set(why, len, "%s:%lu: not a row of VM %"
			    PRIu32, r.path, r.lineno, vms);
		else if (rates_from_csv(src, nvms) &&
		    rates_add(run, v[at[C_RATE]], vms, nvms) == -1)
			rc = errmsg_set(why, len, "out of memory");
		else {
			add_vm(&t, v, at);
			vms++;
			rc = 0;
		}
	}
	if (rc == 0 && vms != nvms)
		rc = errmsg_set(why, len, "%s: %" PRIu32 " rows for %" PRIu32
		    " VMs", r.path, vms, nvms);
	rows_close(&r);
	if (rc == 0)
		set_figs(run->fig, &t, nvms);
	return rc;
}

static int
grow(double **p, size_t cap)
{
	double *q = realloc(*p, cap * sizeof *q);

	if (q == NULL)
		return -1;
	*p = q;
	return 0;
}

static int
series_grow(struct compare_series *s, size_t *cap)
{
	size_t c = *cap ? *cap * 2 : 4096;

	if (grow(&s->t, c) == -1 || grow(&s->mean, c) == -1 ||
	    grow(&s->min, c) == -1 || grow(&s->max, c) == -1)
		return -1;
	*cap = c;
	return 0;
}

/*
 * Sample k of a run: the first run lays down the model times, the others
 * must have the same. mean holds the sum until compare_load divides it.
 */
static int
series_add(struct compare_series *s, size_t *cap, int first, size_t k,
    double t, double v)
{
	if (first) {
		if (k == *cap && series_grow(s, cap) == -1)
			return -1;
		s->t[k] = t;
		s->mean[k] = s->min[k] = s->max[k] = v;
		s->n = k + 1;
		return 0;
	}
	if (k >= s->n || fabs(t - s->t[k]) > 1e-9)
		return 1;
	s->mean[k] += v;
	s->min[k] = fmin(s->min[k], v);
	s->max[k] = fmax(s->max[k], v);
	return 0;
}

static int
differ(const struct rows *r, char *why, size_t len)
{
	return errmsg_set(why, len, "%s: its model times differ from repeat "
	    "1's", r->path);
}

/*
 * drift.dat or queue.dat: the largest value among the VMs at each sample,
 * the dead aside (fmax passes over NaN); 0 when none is alive.
 */
/* A row of series.csv (its header passed over): t first, then col. */
static int
rows_series(struct rows *r, double *v, int col, char *why, size_t len)
{
	int rc, n;

	while ((rc = rows_next(r, why, len)) == 1 && r->lineno == 1)
		;
	if (rc != 1)
		return rc;
	if ((n = rows_numbers(r, ",", v, SERIES_COLS, 0, why, len)) == -1)
		return -1;
	if (n != SERIES_COLS)
		return errmsg_set(why, len, "%s:%lu: %d columns, not %d",
		    r->path, r->lineno, n, SERIES_COLS);
	v[1] = v[col];
	return 1;
}

/* Room for a row of a .dat file (t and one per VM) or of series.csv. */
static double *
row_buffer(uint32_t nvms, char *why, size_t len)
{
	size_t n = (size_t)nvms + 1 > SERIES_COLS ? (size_t)nvms + 1 :
	    SERIES_COLS;
	double *v = malloc(n * sizeof *v);

	if (v == NULL)
		errmsg_set(why, len, "out of memory");
	return v;
}

static int
read_series(const char *dir, const char *name, int col, uint32_t nvms,
    struct compare_series *s, int first, char *why, size_t len)
{
	double *v = row_buffer(nvms, why, len);
	struct rows r;
	size_t k = 0, cap = first ? 0 : s->n;
	int rc, got;

	if (v == NULL || rows_open(&r, dir, name, why, len) == -1) {
		free(v);
		return -1;
	}
	while ((rc = col > 0 ? rows_series(&r, v, col, why, len) :
	    rows_dat(&r, nvms, v, 1, why, len)) == 1) {
		double top = v[1];
		for (uint32_t i = 2; col == 0 && i <= nvms; i++)
			top = fmax(top, v[i]);
		if (isnan(top))
			top = 0;
		if ((got = series_add(s, &cap, first, k++, v[0], top)) != 0) {
			rc = got == 1 ? differ(&r, why, len) :
			    errmsg_set(why, len, "out of memory");
			break;
		}
	}
	if (rc == 0 && !first && k != s->n)
		rc = differ(&r, why, len);
	rows_close(&r);
	free(v);
	return rc;
}

static int
jumps_add(struct compare_exp *e, double size, double count)
{
	if (size < 1 || size > (double)HIST_LIMIT || size != floor(size) ||
	    count < 0)
		return 1;
	size_t s = (size_t)size;
	if (s > e->njumps) {
		uint64_t *p = realloc(e->jumps, s * sizeof *p);
		if (p == NULL)
			return -1;
		memset(p + e->njumps, 0, (s - e->njumps) * sizeof *p);
		e->jumps = p;
		e->njumps = s;
	}
	e->jumps[s - 1] += (uint64_t)count;
	e->ticks += (uint64_t)count;
	return 0;
}

/* The next row of jumps.csv, "size,count", its header passed over. */
static int
rows_jumps(struct rows *r, double *v, char *why, size_t len)
{
	int rc;

	while ((rc = rows_next(r, why, len)) == 1 && r->lineno == 1)
		;
	if (rc != 1)
		return rc;
	if ((rc = rows_numbers(r, ",", v, 2, 0, why, len)) == -1)
		return -1;
	return rc == 2 ? 1 : errmsg_set(why, len, "%s:%lu: not size,count",
	    r->path, r->lineno);
}

/*
 * jumps.dat: size, then how many ticks of each VM jumped by it; or
 * jumps.csv: size and the count of all VMs together.
 */
static int
read_jumps(const char *dir, const struct source *src, uint32_t nvms,
    struct compare_exp *e, char *why, size_t len)
{
	uint32_t cols = src->summary ? 1 : nvms;
	double *v = row_buffer(nvms, why, len);
	struct rows r;
	int rc;

	if (v == NULL || rows_open(&r, dir, src->jumps, why, len) == -1) {
		free(v);
		return -1;
	}
	while ((rc = src->summary ? rows_jumps(&r, v, why, len) :
	    rows_dat(&r, nvms, v, 0, why, len)) == 1) {
		int got = 0;
		for (uint32_t i = 1; got == 0 && i <= cols; i++)
			got = jumps_add(e, v[0], v[i]);
		if (got != 0) {
			rc = got == 1 ? errmsg_set(why, len, "%s:%lu: not a "
			    "jump size and counts", r.path, r.lineno) :
			    errmsg_set(why, len, "out of memory");
			break;
		}
	}
	rows_close(&r);
	free(v);
	return rc;
}

/* "4 3 5": the rates of run.meta, one per VM, and their extremes. */
static char *
rates_text(const struct runmeta *m, struct compare_run *run)
{
	char *s = malloc((size_t)m->vms * 11 + 1), *p = s;

	if (s == NULL)
		return NULL;
	*p = '\0';
	run->rate_lo = run->rate_hi = m->rate[0];
	for (uint32_t i = 0; i < m->vms; i++) {
		p += sprintf(p, "%s%" PRIu32, i ? " " : "", m->rate[i]);
		run->rate_lo = m->rate[i] < run->rate_lo ? m->rate[i] :
		    run->rate_lo;
		run->rate_hi = m->rate[i] > run->rate_hi ? m->rate[i] :
		    run->rate_hi;
	}
	return s;
}

static int
read_meta(const char *dir, struct compare_run *run, uint32_t *nvms,
    const struct source **src, char *why, size_t len)
{
	struct runinfo ri;
	char seed[24];
	int rc = -1;

	if (runinfo_load(&ri, dir, why, len) == -1)
		return -1;
	if (ri.meta->status != RUN_COMPLETE) {
		errmsg_set(why, len, "%s: the run is %s, not complete", dir,
		    runmeta_status_name(ri.meta->status));
		goto done;
	}
	if (compare_set_load(&run->set, &ri, why, len) == -1)
		goto done;
	snprintf(seed, sizeof seed, "%" PRIu64, ri.meta->seed);
	*src = ri.meta->log == RUNMETA_LOG_SUMMARY ? &summary_src : &full_src;
	if ((run->seed = strdup(seed)) == NULL ||
	    (!rates_from_csv(*src, ri.nvms) &&
	    (run->rates = rates_text(ri.meta, run)) == NULL)) {
		errmsg_set(why, len, "out of memory");
		goto done;
	}
	*nvms = ri.nvms;
	rc = 0;
done:
	runinfo_free(&ri);
	return rc;
}

int
compare_run_load(const char *dir, struct compare_exp *e,
    struct compare_run *run, char *why, size_t len)
{
	const struct source *src;
	uint32_t nvms;
	int first = run->repeat == 1;

	if (read_meta(dir, run, &nvms, &src, why, len) == -1 ||
	    read_summary(dir, src, nvms, run, why, len) == -1 ||
	    read_series(dir, src->drift, src->summary ? SERIES_DRIFT_MAX : 0,
	    nvms, &e->drift, first, why, len) == -1 ||
	    read_series(dir, src->queue, src->summary ? SERIES_QUEUE_MAX : 0,
	    nvms, &e->queue, first, why, len) == -1 ||
	    read_jumps(dir, src, nvms, e, why, len) == -1)
		return -1;
	return 0;
}
