/* sim/vsum.c -- the summary log of a virtual run: vms.csv, series.csv, jumps.csv, from analyze's own statistics */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/rundir/runinfo.h"
#include "analysis/stats/figures.h"
#include "analysis/stats/hist.h"
#include "analysis/stats/stats.h"
#include "lib/outfile.h"
#include "sim/vsum.h"
#include "vm/core/logline.h"

/*
 * The driver's events go through the statistics analyze computes from a
 * full run's logs (analysis/stats), line for line, so vms.csv holds the
 * very numbers analyze's summary.csv would. Of its samples (STATS_GRID
 * of them) every second one becomes a row of series.csv: aggregates over
 * the VMs alive, not a column per VM, so a million VMs take 1001 rows.
 */
#define SERIES_ROWS	1000
_Static_assert(STATS_GRID % SERIES_ROWS == 0, "series rows are stats samples");

struct vsum {
	struct runinfo ri;
	struct runmeta meta;
	struct stats *st;
	FILE *series;
	char series_path[OUTFILE_PATH_MAX];
	const char *dir;
	uint32_t sample;	/* the stats sample coming next */
	uint64_t *count;	/* a histogram for the percentiles */
	size_t ncount;
	int err;		/* ENOMEM from a sample, kept for vsum_close */
};

/* Values 0..cap-1 counted: room for them, zeroed. */
static int
counts(struct vsum *s, uint64_t cap)
{
	if (cap > s->ncount) {
		uint64_t *c = realloc(s->count, cap * sizeof *c);
		if (c == NULL)
			return -1;
		s->count = c;
		s->ncount = cap;
	}
	memset(s->count, 0, cap * sizeof *s->count);
	return 0;
}

/* The pct-th percentile of the n values counted (n > 0): the rank of
 * hist_rank, walked in counts that may pass 32 bits (see count_jumps). */
static uint64_t
percentile(const struct vsum *s, uint64_t n, unsigned pct)
{
	uint64_t want = hist_rank(n, pct), seen = 0, v = 0;

	while ((seen += s->count[v]) < want)
		v++;
	return v;
}

/* Drift's and queue's share of a row: mean, percentiles, max. */
static int
spread(struct vsum *s, const uint64_t *val, uint64_t base, int drift,
    const unsigned char *dead, uint64_t alive, uint64_t max, FILE *f)
{
	uint32_t n = s->ri.nvms;
	double sum = 0;

	if (counts(s, max + 1) == -1)
		return -1;
	for (uint32_t i = 0; i < n; i++)
		if (!dead[i]) {
			uint64_t x = drift ? base - val[i] : val[i];
			s->count[x]++;
			sum += (double)x;
		}
	fprintf(f, ",%.4f", alive ? figures_round(sum / (double)alive, 4) : 0.0);
	if (drift)
		fprintf(f, ",%" PRIu64, alive ? percentile(s, alive, 50) : 0);
	fprintf(f, ",%" PRIu64 ",%" PRIu64,
	    alive ? percentile(s, alive, 99) : 0, max);
	return 0;
}

static void
sample(void *ctx, double t, uint64_t max, const uint64_t *clock,
    const uint64_t *queue, const unsigned char *dead)
{
	struct vsum *s = ctx;
	uint64_t alive = 0, lo = UINT64_MAX, qmax = 0;
	double sum = 0;

	if (s->sample++ % (STATS_GRID / SERIES_ROWS) != 0)
		return;
	for (uint32_t i = 0; i < s->ri.nvms; i++)
		if (!dead[i]) {
			alive++;
			sum += (double)clock[i];
			lo = clock[i] < lo ? clock[i] : lo;
			qmax = queue[i] > qmax ? queue[i] : qmax;
		}
	if (alive == 0)
		lo = max = 0;
	fprintf(s->series, "%.6f,%" PRIu64 ",%" PRIu64 ",%.4f,%" PRIu64, t,
	    alive, lo, alive ? figures_round(sum / (double)alive, 4) : 0.0, max);
	if (spread(s, clock, max, 1, dead, alive, max - lo, s->series) == -1 ||
	    spread(s, queue, 0, 0, dead, alive, qmax, s->series) == -1)
		s->err = ENOMEM;
	fputc('\n', s->series);
}

static void
no_tick(void *ctx, double t, uint32_t vm, enum log_kind kind, uint64_t lamport)
{
	(void)ctx, (void)t, (void)vm, (void)kind, (void)lamport;
}

static void
no_message(void *ctx, const struct msgs_msg *msg)
{
	(void)ctx, (void)msg;
}

/* The runinfo analyze would read of this run, from what the driver knows. */
static void
make_runinfo(struct vsum *s, const struct vsum_conf *c)
{
	uint32_t n = c->meta->vms;

	s->meta = *c->meta;
	s->ri.meta = &s->meta;
	s->ri.nvms = n;
	s->ri.duration_s = c->meta->duration_s;
	s->ri.speed = 1;
	s->ri.start_wall_ns = 0;
	s->ri.end_s = c->end_s;
	s->ri.win_t0 = s->ri.win_t1 = -1;	/* no space-time window */
	s->ri.death = (struct runinfo_death *)c->death;
}

struct vsum *
vsum_open(const struct vsum_conf *c, char *err, size_t errlen)
{
	struct vsum *s = calloc(1, sizeof *s);
	struct stats_sink sink = { .sample = sample, .tick = no_tick,
		.message = no_message };

	if (s == NULL)
		goto nomem;
	make_runinfo(s, c);
	s->dir = c->dir;
	sink.ctx = s;
	if ((s->series = outfile_open(c->dir, "series.csv", s->series_path, err,
	    errlen)) == NULL) {
		vsum_free(s);
		return NULL;
	}
	fputs("t,alive,clock_min,clock_mean,clock_max,drift_mean,drift_p50,"
	    "drift_p99,drift_max,queue_mean,queue_p99,queue_max\n", s->series);
	if ((s->st = stats_new(&s->ri, &sink)) == NULL)
		goto nomem;
	for (uint32_t i = 0; i < s->ri.nvms; i++)
		stats_set_rate(s->st, i, c->rates[i]);
	return s;
nomem:
	snprintf(err, errlen, "out of memory");
	vsum_free(s);
	return NULL;
}

int
vsum_add(struct vsum *s, uint32_t vm, const struct step_event *ev,
    uint64_t t, uint64_t queue_len)
{
	struct log_event le;

	logline_of_step(&le, vm, ev, t, queue_len);
	return stats_add(s->st, vm, &le);
}

void
vsum_prefetch(const struct vsum *s, uint32_t vm)
{
	stats_prefetch(s->st, vm);
}

void
vsum_prefetch_blocks(const struct vsum *s, uint32_t vm)
{
	stats_prefetch_blocks(s->st, vm);
}

/* Each VM's figures made as its row is written: never all at once. */
static void
write_vms(FILE *f, const struct vsum *s)
{
	struct stats_vm v;

	fprintf(f, "%s\n", figures_vm_header);
	for (uint32_t i = 0; i < s->ri.nvms; i++) {
		stats_figures(s->st, i, &v);
		figures_vm_row(f, i, &v);
		fputc('\n', f);
	}
}

/* How often each size was jumped by, over every VM, into s->count:
 * one pass over each VM's histogram, not one over the VMs per size. */
static int
count_jumps(struct vsum *s)
{
	if (counts(s, stats_max_jump(s->st) + 1) == -1)
		return -1;
	for (uint32_t i = 0; i < s->ri.nvms; i++)
		stats_add_jumps(s->st, i, s->count);
	return 0;
}

/* Each size some VM jumped by, and how often (count_jumps). */
static void
write_jumps(FILE *f, const struct vsum *s)
{
	uint64_t max = stats_max_jump(s->st);

	fputs("size,count\n", f);
	for (uint64_t size = 1; size <= max; size++)
		if (s->count[size] > 0)
			fprintf(f, "%" PRIu64 ",%" PRIu64 "\n", size,
			    s->count[size]);
}

static int
write_file(const struct vsum *s, const char *name,
    void (*fill)(FILE *, const struct vsum *), char *err, size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f = outfile_open(s->dir, name, path, err, errlen);

	if (f == NULL)
		return -1;
	fill(f, s);
	return outfile_close(f, path, err, errlen);
}

int
vsum_close(struct vsum *s, char *err, size_t errlen)
{
	FILE *series = s->series;
	int rc;

	stats_end(s->st);
	s->series = NULL;
	rc = outfile_close(series, s->series_path, err, errlen);
	if (rc == 0 && s->err != 0) {
		snprintf(err, errlen, "series.csv: %s", strerror(s->err));
		rc = -1;
	}
	if (rc == 0)
		rc = write_file(s, "vms.csv", write_vms, err, errlen);
	if (rc == 0 && count_jumps(s) == -1) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	if (rc == 0)
		rc = write_file(s, "jumps.csv", write_jumps, err, errlen);
	vsum_free(s);
	return rc;
}

void
vsum_free(struct vsum *s)
{
	if (s == NULL)
		return;
	if (s->series != NULL)
		outfile_discard(s->series, s->series_path);
	stats_free(s->st);
	free(s->count);
	free(s);
}
