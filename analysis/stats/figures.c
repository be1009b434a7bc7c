/* analysis/stats/figures.c -- summary.csv and plotvars.gp: a run's figures for tools and gnuplot */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analysis/plot/style.h"
#include "analysis/stats/figures.h"

/* The columns of a VM's own figures: summary.csv's, and a summary run's
 * vms.csv whole (docs/FORMAT.md). */
#define VM_COLUMNS \
    "vm,rate,ticks,internal,send,recv,pending,msgs_out,msgs_to_next," \
    "msgs_to_prev,recv_from_prev,recv_from_next,final_clock,jumps_over_1," \
    "jump_mean,jump_median,jump_p95,jump_max,drift_max,drift_mean," \
    "drift_final,queue_max,queue_mean,delay_mean_ticks,delay_max_ticks," \
    "delay_mean_s,delay_max_s,peer_down,drop,lost_out,lost_in,dropped_in," \
    "died,alive_until_s,loss"

const char figures_vm_header[] = VM_COLUMNS;
const char figures_csv_header[] = VM_COLUMNS ",hb_ticks,hb_pairs,hb_ordered,"
    "hb_lamport_ranked,hb_ranked_concurrent";

double
figures_round(double x, int decimals)
{
	double half = 0.5 * pow(10, -decimals);

	return fabs(x) < half ? 0.0 : x;
}

/*
 * The happened-before columns of VM vm: its ticks counted, and the pairs
 * whose lower-numbered VM it is (so the rows sum to the run's); zeros if
 * none were counted.
 */
static void
csv_hb(FILE *f, uint32_t vm, const struct hb *h)
{
	const struct hb_tally *t = h != NULL ? &h->vm[vm] : NULL;

	if (h == NULL) {
		fputs("0,0,0,0,0\n", f);
		return;
	}
	fprintf(f, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
	    "\n", h->ticks[vm], t->pairs, t->ordered, t->ranked,
	    t->ranked_concurrent);
}

void
figures_vm_row(FILE *f, uint32_t vm, const struct stats_vm *v)
{
	fprintf(f, "%" PRIu32 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
	    ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
	    ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",", vm, v->rate,
	    v->ticks, v->count[LOG_INTERNAL], v->count[LOG_SEND],
	    v->count[LOG_RECV], v->count[LOG_PENDING], v->msgs_out,
	    v->to_next, v->to_prev, v->from_prev, v->from_next,
	    v->final_clock, v->jumps_over_1);
	fprintf(f, "%.4f,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
	    ",%.4f,%" PRIu64 ",%" PRIu64 ",%.4f,%.4f,%.4f,%.4f,%.4f,",
	    figures_round(v->jump_mean, 4), v->jump_median, v->jump_p95,
	    v->jump_max, v->drift_max, figures_round(v->drift_mean, 4),
	    v->drift_final, v->queue_max, figures_round(v->queue_mean, 4),
	    figures_round(v->delay_mean_ticks, 4),
	    figures_round(v->delay_max_ticks, 4),
	    figures_round(v->delay_mean_s, 4), figures_round(v->delay_max_s, 4));
	/* Format 2's columns come last: readers of older files find theirs
	 * where they were. */
	fprintf(f, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
	    ",%d,%.4f,", v->count[LOG_PEER_DOWN], v->count[LOG_DROP],
	    v->lost_out, v->lost_in, v->dropped_in, v->died,
	    figures_round(v->alive_until_s, 4));
	/* Format 3's, after them. */
	fprintf(f, "%" PRIu64, v->count[LOG_LOSS]);
}

/* Then happened-before's. */
static void
csv_row(FILE *f, uint32_t vm, const struct stats_vm *v, const struct hb *h)
{
	figures_vm_row(f, vm, v);
	fputc(',', f);
	csv_hb(f, vm, h);
}

void
figures_csv(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	const char *why;
	const struct hb *h = stats_hb(st, &why);

	fprintf(f, "%s\n", figures_csv_header);
	for (uint32_t i = 0; i < ri->nvms; i++)
		csv_row(f, i, stats_vm(st, i), h);
}

const char *
figures_count(char *buf, size_t len, uint64_t n)
{
	char digits[24];
	size_t nd = (size_t)snprintf(digits, sizeof digits, "%" PRIu64, n), at = 0;

	for (size_t i = 0; i < nd && at + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[at++] = ',';
		buf[at++] = digits[i];
	}
	buf[at] = '\0';
	return buf;
}

double
figures_share(uint64_t part, uint64_t whole)
{
	return whole > 0 ? (double)part / (double)whole : 0;
}

/* A gnuplot real: always with a '.', so 60 / 7 is not integer division. */
void
figures_gp_real(FILE *f, const char *name, double x)
{
	char buf[64];
	size_t n = (size_t)snprintf(buf, sizeof buf, "%.6f",
	    figures_round(x, 6));

	while (n > 2 && buf[n - 1] == '0' && buf[n - 2] != '.')
		buf[--n] = '\0';
	fprintf(f, "%s = %s\n", name, buf);
}

/* A gnuplot double-quoted string: backslash and quote escaped, no controls. */
void
figures_gp_string(FILE *f, const char *name, const char *s)
{
	fprintf(f, "%s = \"", name);
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '"')
			fputc('\\', f);
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
	}
	fputs("\"\n", f);
}

/* x rounded to hundredths, without trailing zeros: "19.63", "20", "0.5". */
static void
hundredths(char *buf, size_t len, double x)
{
	size_t n = (size_t)snprintf(buf, len, "%.2f", figures_round(x, 2));

	if (n >= len)
		return;
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
}

const char *
figures_stopped(char *buf, size_t len, const struct runinfo *ri)
{
	char end[32];

	if (!(ri->end_s < ri->duration_s)) {
		snprintf(buf, len, "%s", "");
		return buf;
	}
	hundredths(end, sizeof end, ri->end_s);
	snprintf(buf, len, "stopped at %s of %g model second%s (%.40s)", end,
	    ri->duration_s, ri->duration_s == 1 ? "" : "s",
	    runmeta_status_name(ri->meta->status));
	return buf;
}

/* What the look of the plots depends on: the highest values, the window. */
static void
look(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	const struct stats_window *w = stats_window(st);
	struct style_run r = { .nvms = ri->nvms, .busiest = w->busiest,
		.max_lamport = w->max_lamport, .win_t0 = ri->win_t0,
		.win_t1 = ri->win_t1 };

	for (uint32_t i = 0; i < ri->nvms; i++) {
		const struct stats_vm *v = stats_vm(st, i);
		r.clock_top = v->final_clock > r.clock_top ? v->final_clock :
		    r.clock_top;
		r.drift_top = v->drift_max > r.drift_top ? v->drift_max :
		    r.drift_top;
		r.queue_top = v->queue_max > r.queue_top ? v->queue_max :
		    r.queue_top;
	}
	style_write(f, &r);
}

/* What causal.gp says of the pairs causal.dat splits by distance. */
static void
plotvars_hb(FILE *f, const struct stats *st)
{
	const char *why;
	const struct hb *h = stats_hb(st, &why);

	fputs("# happened-before: the ticks of hb_t0..hb_t1 (causal.dat)\n", f);
	fprintf(f, "hb_ok = %d\n", h != NULL);
	fprintf(f, "hb_ticks = %" PRIu64 "\n", h != NULL ? h->events : 0);
	fprintf(f, "hb_cut = %d\n", h != NULL && h->cut);
	figures_gp_real(f, "hb_t0", h != NULL ? h->t0 : 0);
	figures_gp_real(f, "hb_t1", h != NULL ? h->t1 : 0);
	figures_gp_real(f, "hb_ranked_share", h == NULL ? 0 :
	    figures_share(h->all.ranked_concurrent, h->all.ranked));
	figures_gp_string(f, "hb_why", h != NULL ? "" : why);
}

void
figures_plotvars(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	char text[FIGURES_STOPPED_MAX], seed[24];

	fputs("# clockring analyze: the run's figures, for the plot scripts\n",
	    f);
	fprintf(f, "N = %" PRIu32 "\n", ri->nvms);
	for (uint32_t i = 0; i < ri->nvms; i++)
		fprintf(f, "rate%" PRIu32 " = %" PRIu32 "\n", i,
		    ri->meta->rate[i]);
	figures_gp_real(f, "duration", ri->duration_s);
	figures_gp_real(f, "t_end", ri->end_s);
	figures_gp_string(f, "stopped", figures_stopped(text, sizeof text, ri));
	figures_gp_real(f, "speed", ri->speed);
	snprintf(seed, sizeof seed, "%" PRIu64, ri->meta->seed);
	figures_gp_string(f, "seed", seed);
	figures_gp_string(f, "title_run", ri->dir);
	figures_gp_real(f, "win_t0", ri->win_t0);
	figures_gp_real(f, "win_t1", ri->win_t1);
	fprintf(f, "max_jump = %" PRIu64 "\n", stats_max_jump(st));
	fputs("# samples in clock.dat, drift.dat and queue.dat\n", f);
	fprintf(f, "grid = %d\n", STATS_GRID + 1);
	fprintf(f, "check_ok = %d\n", ri->check_fail == NULL);
	plotvars_hb(f, st);
	look(f, ri, st);
}
