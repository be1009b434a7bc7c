/* analysis/findings.c -- a few one-line observations computed from a run's figures */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analysis/findings.h"
#include "analysis/report.h"

#define WRAP	78

/* One finding as "- text", its words wrapped under the first at WRAP. */
__attribute__((format(printf, 2, 3))) static void
say(FILE *f, const char *fmt, ...)
{
	char text[1024], *word, *save = NULL;
	size_t col = 1;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	fputc('-', f);
	for (word = strtok_r(text, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		if (col > 2 && col + 1 + strlen(word) > WRAP) {
			fputs("\n ", f);
			col = 1;
		}
		fprintf(f, " %s", word);
		col += 1 + strlen(word);
	}
	fputc('\n', f);
}

typedef double key_fn(const struct stats_vm *v);

static double by_drift(const struct stats_vm *v) { return v->drift_mean; }
static double by_clock(const struct stats_vm *v) { return (double)v->final_clock; }
static double by_jump(const struct stats_vm *v) { return (double)v->jump_max; }
static double by_queue(const struct stats_vm *v) { return v->queue_mean; }
static double by_pending(const struct stats_vm *v) { return (double)v->count[LOG_PENDING]; }

static double
by_delay(const struct stats_vm *v)
{
	return v->delays > 0 ? v->delay_mean_ticks : -1e300;
}

/* The VM with the largest key (the lowest id on a tie); sign -1: smallest. */
static uint32_t
pick(const struct runinfo *ri, const struct stats *st, key_fn *key, int sign)
{
	uint32_t best = 0;

	for (uint32_t i = 1; i < ri->nvms; i++)
		if (sign * key(stats_vm(st, i)) >
		    sign * key(stats_vm(st, best)))
			best = i;
	return best;
}

static void
drift(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_drift, 1);
	const struct stats_vm *v = stats_vm(st, i);

	if (v->drift_max == 0) {
		say(f, "No clock ever fell behind: the VMs kept level.");
		return;
	}
	say(f, "VM %" PRIu32 " (rate %" PRIu64 ") drifted most: up to %" PRIu64
	    " behind the highest clock, %.2f on average, %" PRIu64 " at the "
	    "end; its queue reached %" PRIu64 ".", i, v->rate, v->drift_max,
	    report_round(v->drift_mean, 2), v->drift_final, v->queue_max);
}

static void
lead(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t hi = pick(ri, st, by_clock, 1), lo = pick(ri, st, by_clock, -1);
	const struct stats_vm *h = stats_vm(st, hi), *l = stats_vm(st, lo);

	say(f, "VM %" PRIu32 " (rate %" PRIu64 ") ended with the highest clock, "
	    "%" PRIu64 "; the lowest was VM %" PRIu32 "'s, %" PRIu64 ".", hi,
	    h->rate, h->final_clock, lo, l->final_clock);
}

static void
jumps(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_jump, 1);
	uint64_t ticks = 0, over = 0;

	for (uint32_t k = 0; k < ri->nvms; k++) {
		ticks += stats_vm(st, k)->ticks;
		over += stats_vm(st, k)->jumps_over_1;
	}
	if (over == 0) {
		say(f, "No clock ever jumped: every tick raised a clock by 1.");
		return;
	}
	say(f, "The largest clock jump was %" PRIu64 ", at VM %" PRIu32 "; %"
	    PRIu64 " of %" PRIu64 " ticks (%.1f%%) raised a clock by more "
	    "than 1.", stats_vm(st, i)->jump_max, i, over, ticks,
	    100.0 * (double)over / (double)ticks);
}

static void
queue(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_queue, 1);
	const struct stats_vm *v = stats_vm(st, i);

	if (v->queue_max == 0) {
		say(f, "No message was ever left waiting in a queue by a tick.");
		return;
	}
	say(f, "VM %" PRIu32 "'s queue was the longest: %.2f messages on "
	    "average, at most %" PRIu64 ".", i, report_round(v->queue_mean, 2),
	    v->queue_max);
}

static void
delay(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_delay, 1);
	const struct stats_vm *v = stats_vm(st, i);

	if (v->delays == 0) {
		say(f, "No message was received.");
		return;
	}
	say(f, "Messages to VM %" PRIu32 " waited longest: %.2f of its ticks "
	    "on average (%.4f model seconds), at most %.2f.", i,
	    report_round(v->delay_mean_ticks, 2),
	    report_round(v->delay_mean_s, 4),
	    report_round(v->delay_max_ticks, 2));
}

static void
pending(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_pending, 1);
	uint64_t all = 0;

	for (uint32_t k = 0; k < ri->nvms; k++)
		all += stats_vm(st, k)->count[LOG_PENDING];
	if (all == 0) {
		say(f, "Every message sent was received before the end.");
		return;
	}
	say(f, "%" PRIu64 " message%s still waiting at the end (pending), "
	    "%" PRIu64 " of them for VM %" PRIu32 ".", all,
	    all == 1 ? " was" : "s were", stats_vm(st, i)->count[LOG_PENDING],
	    i);
}

void
findings_write(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	fputs("\nfindings\n", f);
	drift(f, ri, st);
	lead(f, ri, st);
	jumps(f, ri, st);
	queue(f, ri, st);
	delay(f, ri, st);
	pending(f, ri, st);
}
