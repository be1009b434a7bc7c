/* analysis/stats/sumrun_text.c -- summary.txt, findings and plotvars.gp of a summary run: a person-sized text at any ring size */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/stats/figures.h"
#include "analysis/stats/findings.h"
#include "analysis/stats/sumrun_text.h"

static void
title(FILE *f, const struct runinfo *ri, const struct sumrun *s)
{
	char n[32], stopped[FIGURES_STOPPED_MAX];

	fprintf(f, "clockring analysis of %s\n", ri->dir);
	fprintf(f, "seed %" PRIu64 ": %s VMs for %g model second%s, virtual "
	    "time, draw_max %" PRIu32 "\n", ri->meta->seed,
	    figures_count(n, sizeof n, s->nvms), ri->duration_s,
	    ri->duration_s == 1 ? "" : "s", ri->meta->draw_max);
	if (*figures_stopped(stopped, sizeof stopped, ri) != '\0')
		fprintf(f, "run %s\n", stopped);
	else
		fprintf(f, "run %s\n", runmeta_status_name(ri->meta->status));
	fputs("log=summary: the driver's vms.csv, series.csv and jumps.csv; "
	    "no per-event\nlogs, so no links table, happened-before or "
	    "space-time diagram\n", f);
}

static void
totals(FILE *f, const struct sumrun *s)
{
	char a[32], b[32], c[32], d[32], e[32], g[32];

	fputs("\nevents (all VMs)\n", f);
	fprintf(f, "ticks %s: internal %s, send %s, recv %s\n",
	    figures_count(a, sizeof a, s->ticks),
	    figures_count(b, sizeof b, s->internal),
	    figures_count(c, sizeof c, s->send),
	    figures_count(d, sizeof d, s->recv));
	fprintf(f, "messages sent %s, still pending at the end %s, lost %s\n",
	    figures_count(e, sizeof e, s->msgs_out),
	    figures_count(g, sizeof g, s->pending),
	    figures_count(a, sizeof a, s->lost));
	if (s->died > 0)
		fprintf(f, "VMs that died: %s\n",
		    figures_count(a, sizeof a, s->died));
}

/* A figure's spread: min, median, p99, max, and which VMs hold the ends. */
static void
spread(FILE *f, const struct sumrun *s)
{
	char n[32];

	fprintf(f, "\nover the %s VMs (nearest-rank percentiles; the VMs at "
	    "the ends,\nthe lowest id of equals)\n",
	    figures_count(n, sizeof n, s->nvms));
	fprintf(f, "%-16s %9s %9s %9s %9s %7s %7s\n", "figure", "min",
	    "median", "p99", "max", "min vm", "max vm");
	for (int k = 0; k < SF_N; k++) {
		const struct sumrun_dist *d = &s->dist[k];
		int dec = sumrun_figs[k].decimals;
		fprintf(f, "%-16s %9.*f %9.*f %9.*f %9.*f %7" PRIu32 " %7"
		    PRIu32 "\n", sumrun_figs[k].label, dec,
		    figures_round(d->min, dec), dec, figures_round(d->p50, dec),
		    dec, figures_round(d->p99, dec), dec,
		    figures_round(d->max, dec), d->vm_min, d->vm_max);
	}
}

/* A small ring keeps its table, one row per VM. */
static void
per_vm(FILE *f, const struct sumrun *s)
{
	if (s->nvms > SUMRUN_TABLE_MAX)
		return;
	fputs("\nper VM\n", f);
	fprintf(f, "%3s %5s %8s %8s %7s %5s %9s %9s %7s %8s\n", "vm", "rate",
	    "ticks", "clock", "jumps>1", "jmax", "drift max", "mean",
	    "queue", "mean");
	for (uint32_t i = 0; i < s->nvms; i++) {
		const double *r = s->row[i];
		fprintf(f, "%3.0f %5.0f %8.0f %8.0f %7.0f %5.0f %9.0f %9.2f "
		    "%7.0f %8.2f\n", r[SUMRUN_VM], r[SUMRUN_RATE],
		    r[SUMRUN_TICKS], r[SUMRUN_CLOCK], r[SUMRUN_OVER1],
		    r[SUMRUN_JUMP_MAX], r[SUMRUN_DRIFT_MAX],
		    figures_round(r[SUMRUN_DRIFT_MEAN], 2),
		    r[SUMRUN_QUEUE_MAX],
		    figures_round(r[SUMRUN_QUEUE_MEAN], 2));
	}
}

static void
jumps(FILE *f, const struct sumrun *s)
{
	char a[32], b[32];

	fputs("\nclock jumps (jumps.csv: how much one tick raised a clock)\n",
	    f);
	fprintf(f, "%s jumps, %s of them over 1 (%.1f%%); mean %.2f, largest "
	    "%" PRIu64 "\n", figures_count(a, sizeof a, s->jumps),
	    figures_count(b, sizeof b, s->over1),
	    100 * figures_share(s->over1, s->ticks),
	    s->jumps > 0 ? (double)s->jump_sizes / (double)s->jumps : 0,
	    s->jump_max);
}

static void
findings(FILE *f, const struct sumrun *s)
{
	char n[32];
	const struct sumrun_dist *dm = &s->dist[SF_DRIFT_MAX],
	    *dn = &s->dist[SF_DRIFT_MEAN], *qm = &s->dist[SF_QUEUE_MEAN],
	    *cl = &s->dist[SF_CLOCK];

	fputs("\nfindings\n", f);
	if (dm->max == 0)
		findings_say(f, "No clock ever fell behind: the VMs kept "
		    "level.");
	else
		findings_say(f, "VM %" PRIu32 " drifted furthest: up to %.0f "
		    "ticks behind the highest clock; half the VMs stayed within "
		    "%.0f, 99%% within %.0f. The ring's largest drift peaked at "
		    "%g s.", dm->vm_max, dm->max, dm->p50, dm->p99,
		    s->drift_peak_t);
	findings_say(f, "On average over time the typical VM was %.2f ticks "
	    "behind (median of the VMs' mean drift); VM %" PRIu32 " the most, "
	    "%.2f.", dn->p50, dn->vm_max, dn->max);
	findings_say(f, "VM %" PRIu32 " ended with the highest clock, %.0f; "
	    "the lowest was VM %" PRIu32 "'s, %.0f.", cl->vm_max, cl->max,
	    cl->vm_min, cl->min);
	findings_say(f, "The largest clock jump was %" PRIu64 ", at VM %"
	    PRIu32 "; %.1f%% of ticks raised a clock by more than 1.",
	    s->jump_max, s->dist[SF_JUMP_MAX].vm_max,
	    100 * figures_share(s->over1, s->ticks));
	findings_say(f, "VM %" PRIu32 "'s queue was the longest: %.2f "
	    "messages on average, at most %.0f (at VM %" PRIu32 "); the ring's "
	    "longest queue peaked at %g s.", qm->vm_max, qm->max,
	    s->dist[SF_QUEUE_MAX].max, s->dist[SF_QUEUE_MAX].vm_max,
	    s->queue_peak_t);
	if (s->pending > 0)
		findings_say(f, "%s messages were still waiting at the end "
		    "(pending), %" PRIu64 " of them for VM %" PRIu64 ".",
		    figures_count(n, sizeof n, s->pending), s->pending_most,
		    s->pending_vm);
}

void
sumrun_text_write(FILE *f, const struct runinfo *ri, const struct sumrun *s)
{
	title(f, ri, s);
	totals(f, s);
	spread(f, s);
	per_vm(f, s);
	jumps(f, s);
	findings(f, s);
}

void
sumrun_plotvars(FILE *f, const struct runinfo *ri, const struct sumrun *s)
{
	char stopped[FIGURES_STOPPED_MAX], n[32];

	fprintf(f, "N = %" PRIu32 "\n", s->nvms);
	figures_gp_string(f, "n_text", figures_count(n, sizeof n, s->nvms));
	figures_gp_string(f, "title_run", ri->dir);
	fprintf(f, "seed = \"%" PRIu64 "\"\n", ri->meta->seed);
	figures_gp_real(f, "t_end", s->end_s);
	figures_gp_string(f, "stopped",
	    figures_stopped(stopped, sizeof stopped, ri));
	fprintf(f, "max_jump = %" PRIu64 "\n", s->jump_max);
}
