/* analysis/stats/sumtext.c -- summary.txt: a run's figures as tables and findings for people */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analysis/stats/figures.h"
#include "analysis/stats/findings.h"
#include "analysis/stats/sumtext.h"
#include "vm/core/fault.h"

#define R1(x)	figures_round((x), 1)
#define R2(x)	figures_round((x), 2)
#define DASHES	"----------------------------------------"

/*
 * Did anything go wrong on purpose or by accident: a fault injected, a VM
 * dead, a message dropped or lost? Only then do the tables grow the
 * columns that tell, so a run without any reads as it always did.
 */
static int
faulted(const struct runinfo *ri, const struct stats *st)
{
	int any = ri->meta->nfaults > 0;

	for (uint32_t i = 0; i < ri->nvms && !any; i++) {
		const struct stats_vm *v = stats_vm(st, i);
		any = v->died || v->count[LOG_PEER_DOWN] > 0 ||
		    v->count[LOG_DROP] > 0 || v->lost_in > 0;
	}
	return any;
}

/*
 * The faults as run.meta lists them, wrapped like the findings; one due
 * after the run stopped never came, and says so.
 */
static void
fault_list(FILE *f, const struct runinfo *ri)
{
	char spec[FAULT_TEXT_MAX + 32];
	size_t col;

	if (ri->meta->nfaults == 0)
		return;
	fputs("faults injected:", f);
	col = 16;
	for (uint32_t i = 0; i < ri->meta->nfaults; i++) {
		fault_format(&ri->meta->fault[i], spec, FAULT_TEXT_MAX);
		if (ri->meta->fault[i].at_s > ri->end_s)
			strcat(spec, " (after the stop)");
		if (col + 2 + strlen(spec) > 78) {
			fputs(i > 0 ? ",\n " : "\n ", f);
			col = 1;
		} else if (i > 0) {
			fputc(',', f);
			col++;
		}
		fprintf(f, " %s", spec);
		col += 1 + strlen(spec);
	}
	fputc('\n', f);
}

/*
 * The run as planned, then how it ended: a run that stopped early says
 * when, and every figure below ends there.
 */
static void
title(FILE *f, const struct runinfo *ri)
{
	char stopped[FIGURES_STOPPED_MAX];

	fprintf(f, "clockring analysis of %s\n", ri->dir);
	fprintf(f, "seed %" PRIu64 ": %" PRIu32 " VMs for %g model second%s at "
	    "speed %g, draw_max %" PRIu32 "\n", ri->meta->seed, ri->nvms,
	    ri->duration_s, ri->duration_s == 1 ? "" : "s", ri->speed,
	    ri->meta->draw_max);
	if (*figures_stopped(stopped, sizeof stopped, ri) != '\0')
		fprintf(f, "run %s, ", stopped);
	else
		fprintf(f, "run %s, ", runmeta_status_name(ri->meta->status));
	fprintf(f, "%s\n", ri->check_fail ? "FAILS CHECK" : "passes check");
	fault_list(f, ri);
	if (ri->check_fail != NULL)
		fprintf(f, "\n!! THIS RUN FAILS `clockring check`: %s.\n"
		    "!! It was analyzed with --no-check: its logs break the "
		    "model's rules,\n!! so the figures below may be wrong.\n",
		    ri->check_fail);
}

/* ticks, internal, send, recv, pending, msgs_out, dropped, clock */
enum { NCOUNTS = 8, C_DROPPED = 6, C_CLOCK = 7 };
static const int count_width[NCOUNTS] = { 8, 8, 7, 7, 7, 8, 7, 8 };

/* The dropped column only when faults is set. */
static void
counts_row(FILE *f, const uint64_t row[NCOUNTS], int faults)
{
	for (int k = 0; k < NCOUNTS; k++)
		if (k != C_DROPPED || faults)
			fprintf(f, " %*" PRIu64, count_width[k], row[k]);
	fputc('\n', f);
}

/* One row per VM and one for all: sums, and the highest clock. */
static void
activity(FILE *f, const struct runinfo *ri, const struct stats *st,
    int faults)
{
	uint64_t all[NCOUNTS] = { 0 };

	fprintf(f, "\nevents and clocks%s\n%3s %5s %8s %8s %7s %7s %7s %8s",
	    faults ? " (dropped: messages not sent, the receiver known down)" :
	    "", "vm", "rate", "ticks", "internal", "send", "recv", "pending",
	    "msgs_out");
	if (faults)
		fprintf(f, " %7s", "dropped");
	fprintf(f, " %8s\n", "clock");
	for (uint32_t i = 0; i < ri->nvms; i++) {
		const struct stats_vm *v = stats_vm(st, i);
		const uint64_t row[NCOUNTS] = { v->ticks,
			v->count[LOG_INTERNAL], v->count[LOG_SEND],
			v->count[LOG_RECV], v->count[LOG_PENDING], v->msgs_out,
			v->count[LOG_DROP], v->final_clock };
		fprintf(f, "%3" PRIu32 " %5" PRIu64, i, v->rate);
		counts_row(f, row, faults);
		for (int k = 0; k < C_CLOCK; k++)
			all[k] += row[k];
		if (row[C_CLOCK] > all[C_CLOCK])
			all[C_CLOCK] = row[C_CLOCK];
	}
	fprintf(f, "%-9s", "all");
	counts_row(f, all, faults);
}

/* A group's name centred in dashes, width columns wide. */
static void
group(FILE *f, const char *gap, int width, const char *name)
{
	int n = (int)strlen(name) + 2, left = (width - n) / 2;

	fprintf(f, "%s%.*s %s %.*s", gap, left, DASHES, name,
	    width - n - left, DASHES);
}

/* A delay in width columns, or "-" where no message was received. */
static void
delay(FILE *f, int width, int decimals, double x, uint64_t n)
{
	if (n == 0)
		fprintf(f, "%*s", width, "-");
	else
		fprintf(f, "%*.*f", width, decimals, figures_round(x, decimals));
}

static void
jumps_drift(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	fputs("\nclock jumps (how much one tick raised a clock) and drift "
	    "(how far a clock\nwas behind the highest one)\n", f);
	group(f, "    ", 37, "jumps");
	group(f, "   ", 26, "drift");
	fprintf(f, "\n%3s %7s %7s %7s %6s %6s   %8s %8s %8s\n", "vm", "over 1",
	    "mean", "median", "p95", "max", "max", "mean", "final");
	for (uint32_t i = 0; i < ri->nvms; i++) {
		const struct stats_vm *v = stats_vm(st, i);
		fprintf(f, "%3" PRIu32 " %7" PRIu64 " %7.2f %7" PRIu64 " %6"
		    PRIu64 " %6" PRIu64 "   %8" PRIu64 " %8.2f %8" PRIu64 "\n",
		    i, v->jumps_over_1, R2(v->jump_mean), v->jump_median,
		    v->jump_p95, v->jump_max, v->drift_max, R2(v->drift_mean),
		    v->drift_final);
	}
}

static void
queue_delay(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	fputs("\nqueue length (messages waiting after a tick) and message "
	    "delay (send to\nreceipt)\n", f);
	group(f, "    ", 16, "queue");
	group(f, "   ", 17, "delay (ticks)");
	group(f, "   ", 19, "delay (model s)");
	fprintf(f, "\n%3s %7s %8s   %8s %8s   %9s %9s\n", "vm", "max", "mean",
	    "mean", "max", "mean", "max");
	for (uint32_t i = 0; i < ri->nvms; i++) {
		const struct stats_vm *v = stats_vm(st, i);
		fprintf(f, "%3" PRIu32 " %7" PRIu64 " %8.2f   ", i, v->queue_max,
		    R2(v->queue_mean));
		delay(f, 8, 2, v->delay_mean_ticks, v->delays);
		delay(f, 9, 2, v->delay_max_ticks, v->delays);
		delay(f, 12, 4, v->delay_mean_s, v->delays);
		delay(f, 10, 4, v->delay_max_s, v->delays);
		fputc('\n', f);
	}
}

static void
link_row(FILE *f, const struct runinfo *ri, uint32_t src, uint32_t dst,
    const struct msgs_link *l, int faults)
{
	double rate = (double)ri->meta->rate[dst];
	double mean = l->delays > 0 ? l->delay_sum_s / (double)l->delays : 0;

	fprintf(f, "%3" PRIu32 " -> %-3" PRIu32 " %8" PRIu64 " %8" PRIu64 " %8"
	    PRIu64, src, dst, l->sent, l->received, l->pending);
	if (faults)
		fprintf(f, " %8" PRIu64 " %8" PRIu64, l->dropped, l->lost);
	fputs("   ", f);
	delay(f, 8, 2, mean * rate, l->delays);
	delay(f, 9, 2, l->delay_max_s * rate, l->delays);
	fputc('\n', f);
}

/* With 2 VMs the one link each way is the "next" one. */
static void
links(FILE *f, const struct runinfo *ri, const struct stats *st, int faults)
{
	uint32_t n = ri->nvms;

	fputs("\nlinks, one per direction (delays in the receiver's ticks)\n",
	    f);
	if (faults)
		fputs("sent = received + pending + lost: lost were never logged "
		    "by the receiver;\ndropped were never sent\n", f);
	group(f, "", faults ? 55 : 37, "messages");
	group(f, "   ", 17, "delay (ticks)");
	fprintf(f, "\n%-10s %8s %8s %8s", "link", "sent", "received",
	    "pending");
	if (faults)
		fprintf(f, " %8s %8s", "dropped", "lost");
	fprintf(f, "   %8s %8s\n", "mean", "max");
	for (uint32_t i = 0; i < n; i++) {
		link_row(f, ri, i, (i + 1) % n, stats_link(st, i, 0), faults);
		if (n > 2)
			link_row(f, ri, i, (i + n - 1) % n, stats_link(st, i, 1),
			    faults);
	}
}

/* x of whole as "61.3%", or "-" of none. */
static const char *
percent(char *buf, size_t len, uint64_t x, uint64_t whole)
{
	if (whole == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f%%", R1(100 * figures_share(x, whole)));
	return buf;
}

/* One line of the pairs' table: a count, and its share of all pairs. */
static void
pair_row(FILE *f, const char *what, uint64_t x, const struct hb *h)
{
	char n[32], p[16];

	fprintf(f, "%-48s %14s %7s\n", what, figures_count(n, sizeof n, x),
	    percent(p, sizeof p, x, h->all.pairs));
}

/* The pairs by the ring distance between the VMs of their two ticks. */
static void
by_distance(FILE *f, const struct hb *h)
{
	char n[32], c[16], r[16];

	fprintf(f, "\nby ring distance between the two ticks' VMs (0: the "
	    "same VM, always ordered)\n%8s %14s %11s %22s\n", "distance",
	    "pairs", "concurrent", "Lamport-ranked ones");
	for (uint32_t d = 0; d <= h->n / 2; d++) {
		const struct hb_tally *t = &h->dist[d];
		fprintf(f, "%8" PRIu32 " %14s %11s %22s\n", d,
		    figures_count(n, sizeof n, t->pairs),
		    percent(c, sizeof c, t->pairs - t->ordered, t->pairs),
		    percent(r, sizeof r, t->ranked_concurrent, t->ranked));
	}
}

/*
 * How many pairs of the window's ticks happened-before orders, and how
 * many concurrent ones Lamport order still ranks.
 */
static void
causality(FILE *f, const struct stats *st)
{
	const char *why;
	const struct hb *h = stats_hb(st, &why);
	char n[32], p[16];

	fputs("\nhappened-before in the space-time diagram's window (vector "
	    "clocks rebuilt\nfrom the messages)", f);
	if (h == NULL) {
		fprintf(f, ": not counted, %s\n", why);
		return;
	}
	fprintf(f, ": every pair of its %s%s ticks, those of\n%g to %g model "
	    "seconds%s\n", h->cut ? "first " : "",
	    figures_count(n, sizeof n, h->events), h->t0, h->t1, h->cut ?
	    " (it holds more than can be paired)" : "");
	if (h->all.pairs == 0) {
		fputs("fewer than two ticks: no pair\n", f);
		return;
	}
	pair_row(f, "pairs of ticks", h->all.pairs, h);
	pair_row(f, "  causally ordered: one could affect the other",
	    h->all.ordered, h);
	pair_row(f, "  concurrent: neither could affect the other",
	    h->all.pairs - h->all.ordered, h);
	pair_row(f, "    yet Lamport order puts one first",
	    h->all.ranked_concurrent, h);
	pair_row(f, "    of equal Lamport clocks",
	    h->all.pairs - h->all.ordered - h->all.ranked_concurrent, h);
	fprintf(f, "Lamport order ranks %s of the pairs: %s of those are "
	    "concurrent.\n", figures_count(n, sizeof n, h->all.ranked),
	    percent(p, sizeof p, h->all.ranked_concurrent, h->all.ranked));
	if (h->n > 1)
		by_distance(f, h);
}

void
sumtext_write(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	int faults = faulted(ri, st);

	title(f, ri);
	activity(f, ri, st, faults);
	jumps_drift(f, ri, st);
	queue_delay(f, ri, st);
	links(f, ri, st, faults);
	causality(f, st);
	findings_write(f, ri, st);
}
