/* analysis/stats/findings.c -- a few one-line observations computed from a run's figures */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analysis/stats/figures.h"
#include "analysis/stats/findings.h"
#include "vm/core/fault.h"
#include "vm/core/vmend.h"

#define WRAP	78

void
findings_say(FILE *f, const char *fmt, ...)
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

/* "1 tick", "3 ticks" */
static const char *
ticks_text(char *buf, size_t len, uint64_t n)
{
	snprintf(buf, len, "%" PRIu64 " tick%s", n, n == 1 ? "" : "s");
	return buf;
}

/* A mean with 2 decimals; one above 0 that would show as 0.00 is "under 0.01". */
static const char *
mean_text(char *buf, size_t len, double x)
{
	if (x > 0 && figures_round(x, 2) == 0)
		snprintf(buf, len, "under 0.01");
	else
		snprintf(buf, len, "%.2f", figures_round(x, 2));
	return buf;
}

static void
drift(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_drift, 1);
	const struct stats_vm *v = stats_vm(st, i);
	char max[32], mean[32], queue[64] = ".";

	if (v->drift_max == 0) {
		findings_say(f, "No clock ever fell behind: the VMs kept level.");
		return;
	}
	if (v->queue_max > 0)
		snprintf(queue, sizeof queue, "; its queue reached %" PRIu64 ".",
		    v->queue_max);
	findings_say(f, "VM %" PRIu32 " (rate %" PRIu64 ") drifted most: up to %s behind "
	    "the highest clock, %s on average, %" PRIu64 " %s%s", i, v->rate,
	    ticks_text(max, sizeof max, v->drift_max),
	    mean_text(mean, sizeof mean, v->drift_mean), v->drift_final,
	    v->died ? "when it died" : "at the end", queue);
}

static void
lead(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t hi = pick(ri, st, by_clock, 1), lo = pick(ri, st, by_clock, -1);
	const struct stats_vm *h = stats_vm(st, hi), *l = stats_vm(st, lo);

	if (h->final_clock == l->final_clock) {
		findings_say(f, "%s VMs ended with the same clock, %" PRIu64 ".",
		    ri->nvms == 2 ? "Both" : "All", h->final_clock);
		return;
	}
	findings_say(f, "VM %" PRIu32 " (rate %" PRIu64 ") ended with the highest clock, "
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
		findings_say(f, "No clock ever jumped: every tick raised a clock by 1.");
		return;
	}
	findings_say(f, "The largest clock jump was %" PRIu64 ", at VM %" PRIu32 "; %"
	    PRIu64 " of %" PRIu64 " ticks (%.1f%%) raised a clock by more "
	    "than 1.", stats_vm(st, i)->jump_max, i, over, ticks,
	    100.0 * (double)over / (double)ticks);
}

static void
queue(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_queue, 1);
	const struct stats_vm *v = stats_vm(st, i);
	char mean[32];

	if (v->queue_max == 0) {
		findings_say(f, "No message was ever left waiting in a queue by a tick.");
		return;
	}
	findings_say(f, "VM %" PRIu32 "'s queue was the longest: %s messages on "
	    "average, at most %" PRIu64 ".", i,
	    mean_text(mean, sizeof mean, v->queue_mean), v->queue_max);
}

static void
delay(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_delay, 1);
	const struct stats_vm *v = stats_vm(st, i);

	if (v->delays == 0) {
		findings_say(f, "No message was received.");
		return;
	}
	if (v->delays == 1) {
		findings_say(f, "The one message VM %" PRIu32 " received waited longest: "
		    "%.2f of its ticks (%.4f model seconds).", i,
		    figures_round(v->delay_mean_ticks, 2),
		    figures_round(v->delay_mean_s, 4));
		return;
	}
	findings_say(f, "Messages to VM %" PRIu32 " waited longest: %.2f of its ticks "
	    "on average (%.4f model seconds), at most %.2f.", i,
	    figures_round(v->delay_mean_ticks, 2),
	    figures_round(v->delay_mean_s, 4),
	    figures_round(v->delay_max_ticks, 2));
}

/* "1 message", "3 messages" */
static const char *
msgs_text(char *buf, size_t len, uint64_t n)
{
	snprintf(buf, len, "%" PRIu64 " message%s", n, n == 1 ? "" : "s");
	return buf;
}

/* The first kill fault aimed at vm, or NULL: it died of something else. */
static const struct fault *
kill_of(const struct runinfo *ri, uint32_t vm)
{
	for (uint32_t k = 0; k < ri->meta->nfaults; k++)
		if (ri->meta->fault[k].kind == FAULT_KILL &&
		    ri->meta->fault[k].vm == vm)
			return &ri->meta->fault[k];
	return NULL;
}

/* How VM vm died, and what went with it, in as many words as needed. */
static void
death(FILE *f, const struct runinfo *ri, const struct stats *st, uint32_t vm)
{
	const struct stats_vm *v = stats_vm(st, vm);
	const struct fault *kill = kill_of(ri, vm);
	char how[96], ended[VMEND_TEXT_MAX], n[32], text[512];
	size_t len;

	vmend_format(&ri->meta->end[vm], ended, sizeof ended);
	if (kill != NULL)
		snprintf(how, sizeof how, "was killed at %g s", kill->at_s);
	else
		snprintf(how, sizeof how, "died (%.40s)", ended);
	len = (size_t)snprintf(text, sizeof text, "VM %" PRIu32 " %s; its log "
	    "ends at %.2f s.", vm, how, figures_round(v->alive_until_s, 2));
	if (v->lost_in > 0)
		len += (size_t)snprintf(text + len, sizeof text - len, " %s sent "
		    "to it %s lost with it%s", msgs_text(n, sizeof n, v->lost_in),
		    v->lost_in == 1 ? "was" : "were",
		    v->dropped_in > 0 ? ", and" : ".");
	if (v->dropped_in > 0)
		len += (size_t)snprintf(text + len, sizeof text - len, " %s "
		    "%s dropped %s to it, knowing it was down.",
		    v->lost_in > 0 ? "its" : "Its",
		    ri->nvms == 2 ? "neighbour" : "neighbours",
		    msgs_text(n, sizeof n, v->dropped_in));
	if (v->lost_out > 0)
		snprintf(text + len, sizeof text - len, " %s it had sent %s "
		    "never logged by the receiver.", msgs_text(n, sizeof n,
		    v->lost_out), v->lost_out == 1 ? "was" : "were");
	findings_say(f, "%s", text);
}

/* Each dead VM, then lost messages that no death explains. */
static void
losses(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint64_t lost = 0, explained = 0;
	char n[32];

	for (uint32_t i = 0; i < ri->nvms; i++) {
		const struct stats_vm *v = stats_vm(st, i);
		lost += v->lost_in;
		if (!v->died)
			continue;
		death(f, ri, st, i);
		explained += v->lost_in;
	}
	if (lost > explained)
		findings_say(f, "%s %s lost: sent to a VM that lived on, but never "
		    "logged by it.", msgs_text(n, sizeof n, lost - explained),
		    lost - explained == 1 ? "was" : "were");
}

static void
pending(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	uint32_t i = pick(ri, st, by_pending, 1);
	uint64_t all = 0, lost = 0, most;
	char n[32], whose[48];

	for (uint32_t k = 0; k < ri->nvms; k++) {
		all += stats_vm(st, k)->count[LOG_PENDING];
		lost += stats_vm(st, k)->lost_in;
	}
	/* Dropped messages were never sent: they leave "every" true. */
	if (all == 0 && lost > 0) {
		findings_say(f, "No message was left waiting at the end (pending).");
		return;
	}
	if (all == 0) {
		findings_say(f, "Every message sent was received before the end.");
		return;
	}
	most = stats_vm(st, i)->count[LOG_PENDING];
	if (most < all)
		snprintf(whose, sizeof whose, "%" PRIu64 " of them for",
		    most);
	findings_say(f, "%s %s still waiting at the end (pending), %s VM %" PRIu32 ".",
	    msgs_text(n, sizeof n, all), all == 1 ? "was" : "were",
	    most < all ? whose : all == 1 ? "for" : "all for", i);
}

/*
 * The classic figure: how often Lamport order ranks two events neither
 * of which could have affected the other.
 */
static void
causal(FILE *f, const struct stats *st)
{
	const char *why;
	const struct hb *h = stats_hb(st, &why);
	char n[32];

	if (h == NULL || h->all.ranked == 0)
		return;
	findings_say(f, "Of %s pair%s of events Lamport order ranks (the ticks of %g to "
	    "%g s), %.0f%% %s concurrent: neither could have affected the "
	    "other.", figures_count(n, sizeof n, h->all.ranked),
	    h->all.ranked == 1 ? "" : "s", h->t0, h->t1,
	    figures_round(100 * figures_share(h->all.ranked_concurrent,
	    h->all.ranked), 0), h->all.ranked == 1 ? "is" : "are");
}

/* How many lines of that kind all VMs logged. */
static uint64_t
total(const struct runinfo *ri, const struct stats *st, enum log_kind kind)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < ri->nvms; i++)
		n += stats_vm(st, i)->count[kind];
	return n;
}

/*
 * A run without a tick, or without a message, has one thing to say about
 * them instead of a sentence each on drift, queues, delays and pending.
 */
void
findings_write(FILE *f, const struct runinfo *ri, const struct stats *st)
{
	int ticked = total(ri, st, LOG_INTERNAL) + total(ri, st, LOG_SEND) +
	    total(ri, st, LOG_RECV) > 0;
	int sent = total(ri, st, LOG_SEND) > 0;

	fputs("\nfindings\n", f);
	if (!ticked)
		findings_say(f, "No VM ticked: the run stopped before its first tick.");
	else {
		drift(f, ri, st);
		lead(f, ri, st);
		jumps(f, ri, st);
		causal(f, st);
	}
	if (ticked && !sent)
		findings_say(f, "No VM sent a message: every tick was an internal event.");
	else if (sent) {
		queue(f, ri, st);
		delay(f, ri, st);
		pending(f, ri, st);
	}
	losses(f, ri, st);
}
