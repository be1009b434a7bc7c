/* analysis/stats/stats.c -- the statistics of a run, computed from its merged event stream */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/causal/hb.h"
#include "analysis/stats/hist.h"
#include "analysis/stats/msgs.h"
#include "analysis/stats/stats.h"

/*
 * One pass, O(1) work per line. Every clock L_i and queue length is a step
 * function of model time that changes at the VM's ticks (PENDING lines
 * come after the run and change neither). The highest clock M(t) = max_j
 * L_j(t) only grows, so it is a running maximum, and the time-weighted
 * means need no samples: a step function's integral grows by its value
 * times the time it held, added lazily when the value changes. drift_i =
 * M - L_i, so its mean is that of M minus that of L_i; between its own
 * ticks drift_i only grows, so its peak is reached just before a tick of
 * VM i, against M as it was just before that moment, or at the end.
 *
 * Model time of a line is (wall_ns - start_wall_ns) / 1e9 * speed, held
 * to [0, end] (runinfo_model_time): a tick a little late past the end
 * counts at the end, and PENDING lines are at the end. The end is the
 * run's real one, before the planned duration if it stopped early: every
 * figure and series ends there. The stream never goes back in time: a
 * line whose wall clock lags the stream's (another host) counts as now.
 *
 * A VM killed on the way (runinfo_deaths) is dead as soon as time moves
 * on past its last line: from then on M is the highest clock of the VMs
 * still alive, so it may fall, and the dead VM's own figures are those
 * of its life. A fall of M ends a peak of every drift, so each is judged
 * there too. Ticks are INTERNAL, SEND and RECV; PEER_DOWN and DROP, like
 * PENDING, change neither clock nor queue.
 *
 * Per VM only the running state is kept (a summary run has a million);
 * its figures are made from it when asked (stats_figures), and a dead
 * VM's from its state as it died, which stays as it was.
 */
struct vmrun {
	double since;		/* when clock and queue took their values;
				 * a dead VM's: when it died */
	double clock_area;	/* integral of the clock over [0, since] */
	double queue_area;	/* and of the queue */
	struct hist jumps;
	uint64_t ticks, count[LOG_KINDS], msgs_out;	/* as in stats_vm */
	uint64_t drift_max;	/* of its peaks so far, not at its end */
	uint64_t queue_max;
	uint32_t rate;
};

/* M and its integral when a VM died: its figures end there. */
struct grave {
	uint64_t max;
	double max_area;
};

struct stats {
	const struct runinfo *ri;
	struct stats_sink sink;
	struct msgs *msgs;
	struct stats_vm *fig;	/* stats_finish's: every VM's figures */
	struct vmrun *run;
	struct grave *grave;	/* per VM; NULL: no VM dies */
	uint64_t *clock, *queue;	/* each VM's step functions now; a
				 * dead VM's as it died (its clock is the
				 * last it set: no jump is counted from it) */
	uint64_t *win_ticks;	/* each VM's ticks in the space-time window */
	struct stats_window win;
	struct hb_window *hbw;	/* its ticks, for happened-before */
	struct hb hb;		/* their pairs, after stats_finish */
	char hb_why[256];	/* "": counted; else why they are not */
	unsigned char *dead;	/* 1: died before now; its values are frozen */
	unsigned char *dying;	/* 1: its last line came at now */
	uint32_t ndying;
	double now;		/* model time the stream has reached */
	uint64_t max;		/* M(now), after the lines at now so far */
	uint64_t max_before;	/* M just before now */
	double max_since, max_area;	/* lazy integral of M */
	uint32_t next_sample;	/* k of the next grid sample */
	double next_sample_t;	/* its time; past the end when all are out */
};

/* The last point is the end itself, whatever k * end / G rounds to. */
static double
sample_time(const struct stats *st, uint32_t k)
{
	return k == STATS_GRID ? st->ri->end_s :
	    k * st->ri->end_s / STATS_GRID;
}

struct stats *
stats_new(const struct runinfo *ri, const struct stats_sink *sink)
{
	struct stats *st = calloc(1, sizeof *st);
	uint32_t n = ri->nvms;

	if (st == NULL)
		return NULL;
	st->ri = ri;
	st->sink = *sink;
	if ((st->run = calloc(n, sizeof *st->run)) == NULL ||
	    (ri->death != NULL &&
	    (st->grave = calloc(n, sizeof *st->grave)) == NULL) ||
	    (st->clock = calloc(n, sizeof *st->clock)) == NULL ||
	    (st->queue = calloc(n, sizeof *st->queue)) == NULL ||
	    (st->win_ticks = calloc(n, sizeof *st->win_ticks)) == NULL ||
	    (st->dead = calloc(n, sizeof *st->dead)) == NULL ||
	    (st->dying = calloc(n, sizeof *st->dying)) == NULL ||
	    (st->hbw = hb_window_new(n, ri->win_t0)) == NULL ||
	    (st->msgs = msgs_new(n, ri->end_s, sink->message,
	    sink->ctx)) == NULL) {
		stats_free(st);
		return NULL;
	}
	for (uint32_t i = 0; i < n; i++) {
		/* A big ring's run.meta lists no rates: stats_set_rate. */
		st->run[i].rate = i < RUNMETA_MAX_VMS ? ri->meta->rate[i] : 0;
		/* Killed before its first line: dead from the start, at 0. */
		if (ri->death != NULL && ri->death[i].died &&
		    ri->death[i].silent)
			st->dead[i] = 1;
	}
	st->next_sample_t = sample_time(st, 0);
	return st;
}

void
stats_prefetch(const struct stats *st, uint32_t vm)
{
	__builtin_prefetch(&st->run[vm]);
	__builtin_prefetch((const char *)&st->run[vm] + 64);
	__builtin_prefetch(&st->clock[vm]);
	__builtin_prefetch(&st->queue[vm]);
	msgs_prefetch(st->msgs, vm);
}

void
stats_prefetch_blocks(const struct stats *st, uint32_t vm)
{
	/* Most jumps are of 1 to 15: count[1]'s cache line. */
	if (st->run[vm].jumps.count != NULL)
		__builtin_prefetch(&st->run[vm].jumps.count[1]);
	msgs_prefetch_ends(st->msgs, vm);
}

void
stats_set_rate(struct stats *st, uint32_t vm, uint32_t rate)
{
	st->run[vm].rate = rate;
}

void
stats_free(struct stats *st)
{
	if (st == NULL)
		return;
	for (uint32_t i = 0; st->run != NULL && i < st->ri->nvms; i++)
		hist_free(&st->run[i].jumps);
	msgs_free(st->msgs);
	free(st->fig);
	free(st->run);
	free(st->grave);
	free(st->clock);
	free(st->queue);
	free(st->win_ticks);
	free(st->dead);
	free(st->dying);
	hb_window_free(st->hbw);
	hb_free(&st->hb);
	free(st);
}

static double
model_time(const struct stats *st, uint64_t wall)
{
	double t = runinfo_model_time(st->ri, wall);

	return t > st->now ? t : st->now;
}

static void
sample(struct stats *st)
{
	st->sink.sample(st->sink.ctx, st->next_sample_t, st->max, st->clock,
	    st->queue, st->dead);
	st->next_sample++;
	st->next_sample_t = st->next_sample <= STATS_GRID ?
	    sample_time(st, st->next_sample) : INFINITY;
}

/* A peak of VM vm's drift ends now, if its clock held for some time. */
static void
peak(struct stats *st, uint32_t vm)
{
	struct vmrun *r = &st->run[vm];

	if (r->since < st->now && st->max_before - st->clock[vm] > r->drift_max)
		r->drift_max = st->max_before - st->clock[vm];
}

/*
 * VM vm's life ends at t, M being max and its integral max_area: the
 * figures of its clock and queue, made from its state without a change.
 */
static void
end_life(const struct stats *st, uint32_t vm, double t, uint64_t max,
    double max_area, struct stats_vm *f)
{
	const struct vmrun *r = &st->run[vm];
	double held = t - r->since;
	double clock_area = r->clock_area + (double)st->clock[vm] * held;
	double queue_area = r->queue_area + (double)st->queue[vm] * held;

	f->final_clock = st->clock[vm];
	f->drift_final = max - st->clock[vm];
	f->drift_max = f->drift_final > r->drift_max ? f->drift_final :
	    r->drift_max;
	/* Rounding must not make a mean of non-negative values negative. */
	f->drift_mean = t > 0 ? fmax(0, (max_area - clock_area) / t) : 0;
	f->queue_mean = t > 0 ? queue_area / t : 0;
	f->alive_until_s = t;
}

/* VM vm dies now: its state stays as it is now, its areas up to now. */
static void
die(struct stats *st, uint32_t vm)
{
	struct vmrun *r = &st->run[vm];
	double held = st->now - r->since;

	r->clock_area += (double)st->clock[vm] * held;
	r->queue_area += (double)st->queue[vm] * held;
	r->since = st->now;
	st->grave[vm] = (struct grave){ st->max, st->max_area };
	st->dead[vm] = 1;
}

/*
 * The VMs whose last line came at now die. Just before now M held for a
 * while, and it may fall now: every drift has a peak here. Those dying
 * keep their values at now; from now on M is over the others.
 */
static void
bury(struct stats *st)
{
	uint32_t n = st->ri->nvms;
	uint64_t max = 0;

	for (uint32_t i = 0; i < n; i++)
		if (!st->dead[i])
			peak(st, i);
	st->max_area += (double)st->max * (st->now - st->max_since);
	st->max_since = st->now;
	for (uint32_t i = 0; i < n; i++) {
		if (st->dying[i]) {
			die(st, i);
			st->dying[i] = 0;
		}
		if (!st->dead[i] && st->clock[i] > max)
			max = st->clock[i];
	}
	st->ndying = 0;
	st->max = max;
}

/*
 * Move the stream to model time t; samples before t see the state now,
 * but for the VMs that die at now: samples after now see them dead.
 */
static void
advance(struct stats *st, double t)
{
	if (t <= st->now)
		return;
	if (st->ndying > 0) {
		while (st->next_sample_t <= st->now)
			sample(st);
		bury(st);
	}
	while (st->next_sample_t < t)
		sample(st);
	st->max_before = st->max;
	st->now = t;
}

/* A tick of VM vm at now: the clock and queue take new values. */
static int
tick(struct stats *st, uint32_t vm, const struct log_event *ev)
{
	struct vmrun *r = &st->run[vm];
	uint64_t old = st->clock[vm];
	double held = st->now - r->since;

	/* A value held for no time (two ticks at one instant) is no peak. */
	if (held > 0 && st->max_before - old > r->drift_max)
		r->drift_max = st->max_before - old;
	r->clock_area += (double)old * held;
	r->queue_area += (double)st->queue[vm] * held;
	r->since = st->now;
	st->clock[vm] = ev->lamport;
	st->queue[vm] = ev->queue_len;
	if (ev->queue_len > r->queue_max)
		r->queue_max = ev->queue_len;
	if (ev->lamport > st->max) {
		st->max_area += (double)st->max * (st->now - st->max_since);
		st->max_since = st->now;
		st->max = ev->lamport;
	}
	r->ticks++;
	/* Only a run that fails check can have a clock that does not rise. */
	if (ev->lamport <= old)
		return 0;
	return hist_add(&r->jumps, ev->lamport - old);
}

/*
 * A tick of VM vm at now: the space-time diagram's, if inside its window,
 * and so one of those whose pairs happened-before orders. 0, or -1 (ENOMEM).
 */
static int
window_tick(struct stats *st, uint32_t vm, const struct log_event *ev)
{
	struct stats_window *w = &st->win;

	if (st->now < st->ri->win_t0 || st->now > st->ri->win_t1)
		return 0;
	w->ticks++;
	if (++st->win_ticks[vm] > w->busiest)
		w->busiest = st->win_ticks[vm];
	if (ev->lamport > w->max_lamport)
		w->max_lamport = ev->lamport;
	st->sink.tick(st->sink.ctx, st->now, vm, ev->kind, ev->lamport);
	return hb_window_add(st->hbw, st->now, ev);
}

/* Is this its last line, after which the VM dies? */
static void
last_line(struct stats *st, uint32_t vm, const struct log_event *ev)
{
	const struct runinfo_death *d = st->ri->death;

	if (d != NULL && d[vm].died && !st->dead[vm] && !st->dying[vm] &&
	    ev->seq == d[vm].last_seq) {
		st->dying[vm] = 1;
		st->ndying++;
	}
}

int
stats_add(struct stats *st, uint32_t vm, const struct log_event *ev)
{
	int rc = 0, is_tick = ev->kind == LOG_INTERNAL ||
	    ev->kind == LOG_SEND || ev->kind == LOG_RECV;

	assert(vm < st->ri->nvms);
	advance(st, model_time(st, ev->wall_ns));
	st->run[vm].count[ev->kind]++;
	/* Only a broken run has lines after the last: they change nothing. */
	if (is_tick && !st->dead[vm]) {
		rc = tick(st, vm, ev);
		if (rc == 0)
			rc = window_tick(st, vm, ev);
	}
	if (rc == 0 && ev->kind == LOG_SEND) {
		st->run[vm].msgs_out += ev->npeers;
		rc = msgs_send(st->msgs, vm, st->now, ev);
	} else if (rc == 0 &&
	    (ev->kind == LOG_RECV || ev->kind == LOG_PENDING)) {
		rc = msgs_receipt(st->msgs, vm, st->now, ev);
	} else if ((ev->kind == LOG_DROP || ev->kind == LOG_LOSS) &&
	    msgs_drop(st->msgs, vm, ev)) {
		st->run[vm].msgs_out--;
	}
	last_line(st, vm, ev);
	return rc;
}

static void
finish_jumps(const struct stats *st, uint32_t vm, struct stats_vm *f)
{
	const struct hist *h = &st->run[vm].jumps;

	f->jumps_over_1 = h->total - hist_count(h, 1);
	f->jump_mean = h->total > 0 ? (double)h->sum / (double)h->total : 0;
	f->jump_median = hist_percentile(h, 50);
	f->jump_p95 = hist_percentile(h, 95);
	f->jump_max = h->max;
}

static void
add_delays(struct stats_vm *f, const struct msgs_link *l, uint64_t *n,
    double *sum)
{
	if (l == NULL || l->delays == 0)
		return;
	if (*n == 0 || l->delay_max_s > f->delay_max_s)
		f->delay_max_s = l->delay_max_s;
	*n += l->delays;
	*sum += l->delay_sum_s;
}

/*
 * What goes out of vm on its two links and what comes in on theirs: prev's
 * link to its next and next's link to its prev. With 2 VMs the one peer
 * is next and prev at once, and its one link counts as next.
 */
static void
finish_links(const struct stats *st, uint32_t vm, struct stats_vm *f)
{
	uint32_t n = st->ri->nvms;
	const struct msgs_link *to_prev = msgs_link(st->msgs, vm, 1);
	const struct msgs_link *in_prev = msgs_link(st->msgs, (vm + n - 1) % n, 0);
	const struct msgs_link *in_next = msgs_link(st->msgs, (vm + 1) % n, 1);
	const struct msgs_link *to_next = msgs_link(st->msgs, vm, 0);
	double sum = 0;

	if (n == 2) {
		in_next = in_prev;
		in_prev = NULL;
	}
	f->to_next = to_next->sent;
	f->to_prev = to_prev != NULL ? to_prev->sent : 0;
	f->from_prev = in_prev != NULL ? in_prev->received : 0;
	f->from_next = in_next->received;
	f->lost_out = to_next->lost + (to_prev != NULL ? to_prev->lost : 0);
	f->lost_in = in_next->lost + (in_prev != NULL ? in_prev->lost : 0);
	f->dropped_in = in_next->dropped +
	    (in_prev != NULL ? in_prev->dropped : 0);
	f->delays = 0;
	add_delays(f, in_prev, &f->delays, &sum);
	add_delays(f, in_next, &f->delays, &sum);
	f->delay_mean_s = f->delays > 0 ? sum / (double)f->delays : 0;
	f->delay_mean_ticks = f->delay_mean_s * (double)f->rate;
	f->delay_max_ticks = f->delay_max_s * (double)f->rate;
}

void
stats_end(struct stats *st)
{
	double d = st->ri->end_s;

	advance(st, d);
	while (st->next_sample <= STATS_GRID)
		sample(st);	/* the end itself, and any rounding left */
	if (st->ndying > 0)
		bury(st);	/* a last line at the very end */
	st->max_area += (double)st->max * (d - st->max_since);
	st->max_since = d;
	msgs_finish(st->msgs);
	if (hb_window_end(st->hbw, st->ri->win_t1, &st->hb, st->hb_why,
	    sizeof st->hb_why) == -1 && st->hb_why[0] == '\0')
		snprintf(st->hb_why, sizeof st->hb_why, "out of memory");
	st->hbw = NULL;
}

void
stats_figures(const struct stats *st, uint32_t vm, struct stats_vm *f)
{
	const struct vmrun *r = &st->run[vm];

	memset(f, 0, sizeof *f);
	f->rate = r->rate;
	f->ticks = r->ticks;
	memcpy(f->count, r->count, sizeof f->count);
	f->msgs_out = r->msgs_out;
	f->queue_max = r->queue_max;
	f->died = st->dead[vm];
	if (f->died)
		end_life(st, vm, r->since, st->grave[vm].max,
		    st->grave[vm].max_area, f);
	else
		end_life(st, vm, st->now, st->max, st->max_area, f);
	finish_jumps(st, vm, f);
	finish_links(st, vm, f);
}

int
stats_finish(struct stats *st)
{
	stats_end(st);
	if ((st->fig = calloc(st->ri->nvms, sizeof *st->fig)) == NULL)
		return -1;
	for (uint32_t i = 0; i < st->ri->nvms; i++)
		stats_figures(st, i, &st->fig[i]);
	return 0;
}

const struct stats_vm *
stats_vm(const struct stats *st, uint32_t vm)
{
	assert(st->fig != NULL);
	return &st->fig[vm];
}

uint64_t
stats_jumps(const struct stats *st, uint32_t vm, uint64_t s)
{
	return hist_count(&st->run[vm].jumps, s);
}

void
stats_add_jumps(const struct stats *st, uint32_t vm, uint64_t *n)
{
	const struct hist *h = &st->run[vm].jumps;

	for (uint64_t s = 1; s <= h->max; s++)
		n[s] += hist_count(h, s);
}

uint64_t
stats_max_jump(const struct stats *st)
{
	uint64_t max = 0;

	for (uint32_t i = 0; i < st->ri->nvms; i++)
		if (st->run[i].jumps.max > max)
			max = st->run[i].jumps.max;
	return max;
}

const struct stats_window *
stats_window(const struct stats *st)
{
	return &st->win;
}

const struct hb *
stats_hb(const struct stats *st, const char **why)
{
	*why = st->hb_why;
	return st->hb_why[0] == '\0' && st->hbw == NULL ? &st->hb : NULL;
}

const struct msgs_link *
stats_link(const struct stats *st, uint32_t src, int to_prev)
{
	return msgs_link(st->msgs, src, to_prev);
}
