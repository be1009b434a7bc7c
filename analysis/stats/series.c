/* analysis/stats/series.c -- the gnuplot data files: sampled series, window, jump counts, fault markers */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "analysis/stats/series.h"
#include "lib/outfile.h"
#include "vm/core/fault.h"

/*
 * Whitespace-separated columns, one '#' header line naming them, numbers
 * in fixed formats: the same logs give the same bytes. Only messages.dat
 * and events.dat grow, with the space-time window; the rest has
 * STATS_GRID + 1 rows (or one per jump size) however long the run.
 */
enum { F_CLOCK, F_DRIFT, F_QUEUE, F_MESSAGES, F_EVENTS, NFILES };

static const char *const file_name[NFILES] = {
	"clock.dat", "drift.dat", "queue.dat", "messages.dat", "events.dat",
};

struct series {
	const struct runinfo *ri;
	char path[NFILES][OUTFILE_PATH_MAX];
	FILE *f[NFILES];
};

/* "# t vm0 vm1 ..." or "# size vm0 vm1 ...": one column per VM. */
static void
vm_header(FILE *f, const char *first, uint32_t n)
{
	fprintf(f, "# %s", first);
	for (uint32_t i = 0; i < n; i++)
		fprintf(f, " vm%" PRIu32, i);
	fputc('\n', f);
}

/*
 * A dead VM's columns say NaN: gnuplot ends its line there, where its
 * log ended, instead of drawing a frozen clock on to the end.
 */
static void
on_sample(void *ctx, double t, uint64_t max, const uint64_t *clock,
    const uint64_t *queue, const unsigned char *dead)
{
	struct series *s = ctx;

	fprintf(s->f[F_CLOCK], "%.6f", t);
	fprintf(s->f[F_DRIFT], "%.6f", t);
	fprintf(s->f[F_QUEUE], "%.6f", t);
	for (uint32_t i = 0; i < s->ri->nvms; i++) {
		if (dead[i]) {
			fputs(" NaN", s->f[F_CLOCK]);
			fputs(" NaN", s->f[F_DRIFT]);
			fputs(" NaN", s->f[F_QUEUE]);
			continue;
		}
		fprintf(s->f[F_CLOCK], " %" PRIu64, clock[i]);
		fprintf(s->f[F_DRIFT], " %" PRIu64, max - clock[i]);
		fprintf(s->f[F_QUEUE], " %" PRIu64, queue[i]);
	}
	fputc('\n', s->f[F_CLOCK]);
	fputc('\n', s->f[F_DRIFT]);
	fputc('\n', s->f[F_QUEUE]);
}

static void
on_tick(void *ctx, double t, uint32_t vm, enum log_kind kind,
    uint64_t lamport)
{
	struct series *s = ctx;

	fprintf(s->f[F_EVENTS], "%.6f %" PRIu32 " %d %" PRIu64 "\n", t, vm,
	    (int)kind, lamport);
}

static void
on_message(void *ctx, const struct msgs_msg *m)
{
	struct series *s = ctx;

	/* pending: 0 received, 1 pending, 2 lost (never logged by dst) */
	if (m->t_send <= s->ri->win_t1 && m->t_recv >= s->ri->win_t0)
		fprintf(s->f[F_MESSAGES], "%.6f %" PRIu32 " %.6f %" PRIu32
		    " %d %" PRIu64 "\n", m->t_send, m->src, m->t_recv, m->dst,
		    m->lost ? 2 : m->pending, m->lamport);
}

static void
headers(struct series *s)
{
	uint32_t n = s->ri->nvms;

	vm_header(s->f[F_CLOCK], "t", n);
	vm_header(s->f[F_DRIFT], "t", n);
	vm_header(s->f[F_QUEUE], "t", n);
	fputs("# t_send src t_recv dst pending lamport\n", s->f[F_MESSAGES]);
	fputs("# t vm kind lamport\n", s->f[F_EVENTS]);
}

/* Close every file; the first failure is the one reported. */
int
series_close(struct series *s, char *err, size_t errlen)
{
	char why[OUTFILE_PATH_MAX + 64];
	int rc = 0;

	if (s == NULL)
		return 0;
	for (int i = 0; i < NFILES; i++) {
		if (s->f[i] != NULL &&
		    outfile_close(s->f[i], s->path[i], why, sizeof why) == -1 &&
		    rc == 0) {
			snprintf(err, errlen, "%s", why);
			rc = -1;
		}
	}
	free(s);
	return rc;
}

struct series *
series_open(const char *dir, const struct runinfo *ri, struct stats_sink *sink,
    char *err, size_t errlen)
{
	struct series *s = calloc(1, sizeof *s);
	char why[8];

	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->ri = ri;
	for (int i = 0; i < NFILES; i++) {
		s->f[i] = outfile_open(dir, file_name[i], s->path[i], err,
		    errlen);
		if (s->f[i] == NULL) {
			series_close(s, why, sizeof why);
			return NULL;
		}
	}
	headers(s);
	*sink = (struct stats_sink){ s, on_sample, on_tick, on_message };
	return s;
}

/* One row per size from 1 to the largest that some VM made; others skipped. */
static void
jump_rows(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint64_t max = stats_max_jump(st);
	int any;

	vm_header(f, "size", ri->nvms);
	for (uint64_t size = 1; size <= max; size++) {
		any = 0;
		for (uint32_t i = 0; i < ri->nvms && !any; i++)
			any = stats_jumps(st, i, size) > 0;
		if (!any)
			continue;
		fprintf(f, "%" PRIu64, size);
		for (uint32_t i = 0; i < ri->nvms; i++)
			fprintf(f, " %" PRIu64, stats_jumps(st, i, size));
		fputc('\n', f);
	}
}

int
series_jumps(const char *dir, const struct runinfo *ri,
    const struct stats *st, char *err, size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f = outfile_open(dir, "jumps.dat", path, err, errlen);

	if (f == NULL)
		return -1;
	jump_rows(f, ri, st);
	return outfile_close(f, path, err, errlen);
}

int
series_causal(const char *dir, const struct stats *st, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f = outfile_open(dir, "causal.dat", path, err, errlen);
	const char *why;
	const struct hb *h = stats_hb(st, &why);

	if (f == NULL)
		return -1;
	fputs("# distance pairs ordered concurrent ranked ranked_concurrent "
	    "tied\n", f);
	for (uint32_t d = 0; h != NULL && h->all.pairs > 0 && d <= h->n / 2;
	    d++) {
		const struct hb_tally *t = &h->dist[d];
		fprintf(f, "%" PRIu32 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %"
		    PRIu64 " %" PRIu64 " %" PRIu64 "\n", d, t->pairs,
		    t->ordered, t->pairs - t->ordered, t->ranked,
		    t->ranked_concurrent,
		    t->pairs - t->ordered - t->ranked_concurrent);
	}
	return outfile_close(f, path, err, errlen);
}

/* "kill 2", "slow 0->1", "partition 0-1|2": who the fault is about. */
static void
fault_row(FILE *f, const struct fault *x)
{
	static const char *const kind[] = {
		[FAULT_KILL] = "kill", [FAULT_PAUSE] = "pause",
		[FAULT_SLOW] = "slow", [FAULT_PARTITION] = "partition",
	};
	char spec[FAULT_TEXT_MAX];

	fprintf(f, "%.6f %.6f %s \"%s ", x->at_s, x->at_s + x->for_s,
	    kind[x->kind], kind[x->kind]);
	if (x->kind == FAULT_PARTITION) {
		fault_format(x, spec, sizeof spec);
		fprintf(f, "%.*s", (int)strcspn(spec + 10, "@"), spec + 10);
	} else
		fprintf(f, "%" PRIu32, x->vm);
	if (x->kind == FAULT_SLOW)
		fprintf(f, "->%" PRIu32, x->to);
	fputs("\"\n", f);
}

int
series_faults(const char *dir, const struct runinfo *ri, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f = outfile_open(dir, "faults.dat", path, err, errlen);

	if (f == NULL)
		return -1;
	fputs("# t_start t_end kind label\n", f);
	for (uint32_t i = 0; i < ri->meta->nfaults; i++)
		fault_row(f, &ri->meta->fault[i]);
	return outfile_close(f, path, err, errlen);
}
