/* analysis/stats/sumrun.c -- a summary run's files (vms.csv, series.csv, jumps.csv) read into the figures analyze shows */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stats/hist.h"
#include "analysis/stats/sumrun.h"
#include "lib/errmsg.h"
#include "lib/rows.h"

/* summary.csv's columns but the happened-before ones (docs/FORMAT.md). */
const char sumrun_vms_header[] =
    "vm,rate,ticks,internal,send,recv,pending,msgs_out,msgs_to_next,"
    "msgs_to_prev,recv_from_prev,recv_from_next,final_clock,jumps_over_1,"
    "jump_mean,jump_median,jump_p95,jump_max,drift_max,drift_mean,"
    "drift_final,queue_max,queue_mean,delay_mean_ticks,delay_max_ticks,"
    "delay_mean_s,delay_max_s,peer_down,drop,lost_out,lost_in,dropped_in,"
    "died,alive_until_s,loss";
static const char series_header[] =
    "t,alive,clock_min,clock_mean,clock_max,drift_mean,drift_p50,drift_p99,"
    "drift_max,queue_mean,queue_p99,queue_max";

/* Where vms.csv keeps what the totals need. */
enum { V_VM = SUMRUN_VM, V_RATE = SUMRUN_RATE, V_TICKS = SUMRUN_TICKS,
	V_INTERNAL = SUMRUN_INTERNAL, V_SEND = SUMRUN_SEND,
	V_RECV = SUMRUN_RECV, V_PENDING = SUMRUN_PENDING,
	V_MSGS_OUT = SUMRUN_MSGS_OUT, V_CLOCK = SUMRUN_CLOCK,
	V_OVER1 = SUMRUN_OVER1, V_JUMP_MAX = SUMRUN_JUMP_MAX,
	V_DRIFT_MAX = SUMRUN_DRIFT_MAX, V_DRIFT_MEAN = SUMRUN_DRIFT_MEAN,
	V_QUEUE_MAX = SUMRUN_QUEUE_MAX, V_QUEUE_MEAN = SUMRUN_QUEUE_MEAN,
	V_DELAY = SUMRUN_DELAY, V_LOST_OUT = SUMRUN_LOST_OUT,
	V_DIED = SUMRUN_DIED, V_COLS = SUMRUN_COLS };
enum { S_T, S_ALIVE, S_DRIFT_MAX = 8, S_QUEUE_MAX = 11, S_COLS = 12 };

const struct sumrun_figinfo sumrun_figs[SF_N] = {
	[SF_RATE] = { "rate", "rate (ticks/s)", 0 },
	[SF_TICKS] = { "ticks", "ticks", 0 },
	[SF_CLOCK] = { "final_clock", "final clock", 0 },
	[SF_JUMP_MAX] = { "jump_max", "largest jump", 0 },
	[SF_DRIFT_MAX] = { "drift_max", "drift, max", 0 },
	[SF_DRIFT_MEAN] = { "drift_mean", "drift, mean", 2 },
	[SF_QUEUE_MAX] = { "queue_max", "queue, max", 0 },
	[SF_QUEUE_MEAN] = { "queue_mean", "queue, mean", 2 },
	[SF_DELAY] = { "delay_mean_s", "delay, mean (s)", 4 },
};
static const int fig_col[SF_N] = { V_RATE, V_TICKS, V_CLOCK, V_JUMP_MAX,
	V_DRIFT_MAX, V_DRIFT_MEAN, V_QUEUE_MAX, V_QUEUE_MEAN, V_DELAY };

/* One of the run's csv files, opened and past its header. */
static int
csv_open(struct rows *c, const char *dir, const char *name,
    const char *header, char *err, size_t errlen)
{
	if (rows_open(c, dir, name, err, errlen) == -1)
		return -1;
	if (rows_line(c, err, errlen) != 1 || strcmp(c->line, header) != 0)
		return errmsg_set(err, errlen, "%s:1: not the header %.40s...",
		    c->path, header);
	return 0;
}

/* The next row's ncols numbers into v: 1; 0 at the end; -1 with err. */
static int
csv_row(struct rows *c, double *v, int ncols, char *err, size_t errlen)
{
	int rc = rows_line(c, err, errlen);
	char *p = c->line, *end;

	if (rc != 1)
		return rc;
	for (int i = 0; i < ncols; i++, p = end + 1) {
		errno = 0;
		v[i] = strtod(p, &end);
		if (end == p || errno == ERANGE || !isfinite(v[i]) ||
		    *end != (i + 1 < ncols ? ',' : '\0'))
			return errmsg_set(err, errlen, "%s:%lu: not %d numbers",
			    c->path, c->lineno, ncols);
	}
	return 1;
}

/*
 * Column col of the next row, the rows already judged whole by the first
 * pass: 1; 0 at the end; -1 with err (the file changed under us).
 */
static int
csv_field(struct rows *c, int col, double *v, char *err, size_t errlen)
{
	int rc = rows_line(c, err, errlen);
	char *p = c->line, *end;

	if (rc != 1)
		return rc;
	for (int i = 0; i < col && p != NULL; i++)
		if ((p = strchr(p, ',')) != NULL)
			p++;
	if (p == NULL || (*v = strtod(p, &end), end == p))
		return errmsg_set(err, errlen, "%s:%lu: changed while read",
		    c->path, c->lineno);
	return 1;
}

static void
swap(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

/*
 * The k-th smallest of v[0..n-1] (from 0), v reordered around it:
 * selection with a three-way split around the middle value, linear on
 * average, where sorting a million values for two of them is not.
 */
static double
select_kth(double *v, size_t n, size_t k)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, want = (ptrdiff_t)k;

	while (lo < hi) {
		double pivot = v[lo + (hi - lo) / 2];
		ptrdiff_t lt = lo, i = lo, gt = hi;
		/* [lo, lt) below it, [lt, i) equal, (gt, hi] above */
		while (i <= gt) {
			if (v[i] < pivot)
				swap(&v[lt++], &v[i++]);
			else if (v[i] > pivot)
				swap(&v[i], &v[gt--]);
			else
				i++;
		}
		if (want < lt)
			hi = lt - 1;
		else if (want > gt)
			lo = gt + 1;
		else
			return pivot;
	}
	return v[want];
}

double
sumrun_rank(double *v, size_t n, unsigned pct)
{
	return select_kth(v, n, (size_t)hist_rank(n, pct) - 1);
}

/* One pass over vms.csv for figure f: its spread over the VMs. */
static int
dist_pass(struct sumrun *s, const char *dir, enum sumrun_fig f, double *all,
    char *err, size_t errlen)
{
	struct sumrun_dist *d = &s->dist[f];
	struct rows c;
	uint32_t i = 0;
	int rc = 0;

	if (csv_open(&c, dir, "vms.csv", sumrun_vms_header, err, errlen) == -1)
		rc = -1;
	while (rc == 0 && i < s->nvms &&
	    (rc = csv_field(&c, fig_col[f], &all[i], err, errlen)) == 1) {
		if (i == 0 || all[i] < d->min)
			d->min = all[i], d->vm_min = i;
		if (i == 0 || all[i] > d->max)
			d->max = all[i], d->vm_max = i;
		i++;
		rc = 0;
	}
	rows_close(&c);
	if (rc == -1)
		return -1;
	if (i < s->nvms)
		return errmsg_set(err, errlen, "%s: changed while read", c.path);
	d->p50 = sumrun_rank(all, s->nvms, 50);
	d->p99 = sumrun_rank(all, s->nvms, 99);
	return 0;
}

static void
add_vm(struct sumrun *s, const double *v)
{
	s->ticks += (uint64_t)v[V_TICKS];
	s->internal += (uint64_t)v[V_INTERNAL];
	s->send += (uint64_t)v[V_SEND];
	s->recv += (uint64_t)v[V_RECV];
	s->pending += (uint64_t)v[V_PENDING];
	s->msgs_out += (uint64_t)v[V_MSGS_OUT];
	s->over1 += (uint64_t)v[V_OVER1];
	s->lost += (uint64_t)v[V_LOST_OUT];
	s->died += v[V_DIED] != 0;
	if (v[V_PENDING] > (double)s->pending_most) {
		s->pending_most = (uint64_t)v[V_PENDING];
		s->pending_vm = (uint64_t)v[V_VM];
	}
}

/* The first pass: every row well formed, one per VM in id order; totals. */
static int
vms_pass(struct sumrun *s, const char *dir, char *err, size_t errlen)
{
	double v[V_COLS];
	struct rows c;
	uint32_t i = 0;
	int rc = -1;

	if (csv_open(&c, dir, "vms.csv", sumrun_vms_header, err, errlen) == -1)
		goto done;
	while ((rc = csv_row(&c, v, V_COLS, err, errlen)) == 1) {
		if (i == s->nvms || v[V_VM] != i) {
			rc = errmsg_set(err, errlen, "%s:%lu: not the row of "
			    "VM %" PRIu32 " of %" PRIu32, c.path, c.lineno, i,
			    s->nvms);
			break;
		}
		add_vm(s, v);
		if (s->nvms <= SUMRUN_TABLE_MAX)
			memcpy(s->row[i], v, sizeof v);
		i++;
	}
	if (rc == 0 && i != s->nvms)
		rc = errmsg_set(err, errlen, "%s: %" PRIu32 " rows for %"
		    PRIu32 " VMs", c.path, i, s->nvms);
done:
	rows_close(&c);
	return rc == 0 ? 0 : -1;
}

/* series.csv: where it ends, and when drift and queue peaked. */
static int
series_pass(struct sumrun *s, const char *dir, char *err, size_t errlen)
{
	double v[S_COLS], t = -1;
	struct rows c;
	int rc = -1;

	if (csv_open(&c, dir, "series.csv", series_header, err, errlen) == -1)
		goto done;
	while ((rc = csv_row(&c, v, S_COLS, err, errlen)) == 1) {
		if (v[S_T] < t) {
			rc = errmsg_set(err, errlen, "%s:%lu: t goes back",
			    c.path, c.lineno);
			break;
		}
		t = v[S_T];
		if (v[S_DRIFT_MAX] > s->drift_peak)
			s->drift_peak = v[S_DRIFT_MAX], s->drift_peak_t = t;
		if (v[S_QUEUE_MAX] > s->queue_peak)
			s->queue_peak = v[S_QUEUE_MAX], s->queue_peak_t = t;
	}
	if (rc == 0 && t < 0)
		rc = errmsg_set(err, errlen, "%s: no rows", c.path);
	s->end_s = t;
done:
	rows_close(&c);
	return rc;
}

/* jumps.csv: sizes ascending, counts positive; their sum is the ticks. */
static int
jumps_pass(struct sumrun *s, const char *dir, char *err, size_t errlen)
{
	double v[2], last = 0;
	struct rows c;
	int rc = -1;

	if (csv_open(&c, dir, "jumps.csv", "size,count", err, errlen) == -1)
		goto done;
	while ((rc = csv_row(&c, v, 2, err, errlen)) == 1) {
		if (v[0] <= last || v[0] != floor(v[0]) || v[1] < 1 ||
		    v[1] != floor(v[1])) {
			rc = errmsg_set(err, errlen, "%s:%lu: not a size above "
			    "the last and a count", c.path, c.lineno);
			break;
		}
		last = v[0];
		s->jumps += (uint64_t)v[1];
		s->jump_sizes += (uint64_t)(v[0] * v[1]);
		s->jump_max = (uint64_t)v[0];
	}
done:
	rows_close(&c);
	return rc;
}

int
sumrun_load(struct sumrun *s, const struct runinfo *ri, char *err,
    size_t errlen)
{
	double *all = NULL;
	int rc = -1;

	memset(s, 0, sizeof *s);
	s->nvms = ri->nvms;
	if (vms_pass(s, ri->dir, err, errlen) == -1 ||
	    series_pass(s, ri->dir, err, errlen) == -1 ||
	    jumps_pass(s, ri->dir, err, errlen) == -1)
		return -1;
	if ((all = malloc(s->nvms * sizeof *all)) == NULL)
		return errmsg_set(err, errlen, "out of memory");
	for (int f = 0; f < SF_N; f++)
		if (dist_pass(s, ri->dir, (enum sumrun_fig)f, all, err,
		    errlen) == -1)
			goto done;
	rc = 0;
done:
	free(all);
	return rc;
}
