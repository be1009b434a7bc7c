/* analysis/check_file.c -- the check rules within one vmI.csv, line by line; tick figures */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/checker.h"
#include "analysis/logread.h"
#include "vm/step.h"

/*
 * Tick spacing is judged by the slope of a least-squares line through each
 * tick's lateness (wall time minus deadline) against its number: a VM on
 * schedule keeps a flat lateness however its ticks jitter, while one that
 * ticks at the wrong rate or cannot keep up falls further behind each tick.
 * The sums are updated online (Welford), so memory stays the same for any
 * length of run and large timestamps lose no precision.
 */
struct fit {
	double n, mean_k, mean_late;	/* ticks so far and their means */
	double ck, ckl, cll;	/* sums of squares about the means: k x k,
				 * k x late, late x late */
};

/* What the rules remember of one log: memory does not grow with it. */
struct scan {
	struct checker *c;
	struct vm_figures *fig;
	uint32_t vm, next, prev;	/* this VM and its ring neighbours */
	uint64_t seq;		/* the seq the next line must have */
	uint64_t clock;		/* lamport after the previous line, first 0 */
	uint64_t wall;		/* wall_ns of the previous line */
	uint64_t queue;		/* queue_len after the previous line */
	unsigned long first_pending;	/* line of the first PENDING or 0 */
	unsigned long last_pending;
	uint64_t pending_queue;	/* queue_len of the last PENDING */
	double period_ns;	/* tick period; 0 when timing is unknown */
	struct fit fit;		/* lateness against tick number */
};

static int
ended(const struct checker *c)
{
	return c->status == RUN_COMPLETE || c->status == RUN_INTERRUPTED;
}

/* a - b as a double, also when b > a (wall clocks may step back). */
static double
diff_ns(uint64_t a, uint64_t b)
{
	return a >= b ? (double)(a - b) : -(double)(b - a);
}

static double
period_ns(const struct checker *c, uint32_t vm)
{
	return 1e9 / ((double)c->vm[vm].rate * c->speed);
}

/* The tick count the VM itself plans (vm/step.c), for the rate in run.meta. */
uint64_t
check_expected_ticks(const struct checker *c, uint32_t vm)
{
	return step_ticks(c->duration_s, (uint32_t)c->vm[vm].rate);
}

/* Relative error of the fitted tick spacing; NAN with fewer than 2 ticks. */
double
check_spacing_error(const struct checker *c, uint32_t vm)
{
	return c->vm[vm].ticks < 2 ? NAN : c->vm[vm].spacing_error;
}

static void
fit_add(struct fit *f, double k, double late)
{
	f->n++;
	double dk = k - f->mean_k, dl = late - f->mean_late;
	f->mean_k += dk / f->n;
	f->mean_late += dl / f->n;
	f->ck += dk * (k - f->mean_k);
	f->ckl += dk * (late - f->mean_late);
	f->cll += dl * (late - f->mean_late);
}

/* Lateness gained per tick, as a fraction of the period. */
static double
fit_error(const struct fit *f, double period_ns)
{
	return f->ck > 0 ? f->ckl / f->ck / period_ns : 0;
}

/*
 * How far the fitted slope may stray by jitter alone: three standard
 * errors, from the scatter of the ticks about the line. A short run of
 * jittery ticks says little about the rate; a long or steady one says much.
 */
static double
fit_noise(const struct fit *f, double period_ns)
{
	if (f->n < 3 || f->ck <= 0)
		return 0;
	double residual = f->cll - f->ckl * f->ckl / f->ck;
	return 3 * sqrt(fmax(residual, 0) / (f->n - 2) / f->ck) / period_ns;
}

static void
check_order(struct scan *s, const struct log_event *ev)
{
	if (ev->vm != s->vm)
		check_log_violation(s->c, s->vm, ev->line, RULE_VM_ID,
		    "vm column is %" PRIu32 " in vm%" PRIu32 "'s log", ev->vm,
		    s->vm);
	if (ev->seq != s->seq)
		check_log_violation(s->c, s->vm, ev->line, RULE_SEQ_GAP,
		    "seq %" PRIu64 ", expected %" PRIu64, ev->seq, s->seq);
	/* Resynchronise: one missing line is one violation, not thousands. */
	s->seq = ev->seq + 1;
	if (ev->wall_ns < s->wall)
		check_log_violation(s->c, s->vm, ev->line, RULE_WALL_ORDER,
		    "wall_ns %" PRIu64 " is before the previous line's %"
		    PRIu64, ev->wall_ns, s->wall);
}

static void
check_clock(struct scan *s, const struct log_event *ev)
{
	uint64_t top = ev->msg_lamport > s->clock ? ev->msg_lamport : s->clock;

	if ((ev->kind == LOG_INTERNAL || ev->kind == LOG_SEND) &&
	    ev->lamport != s->clock + 1)
		check_log_violation(s->c, s->vm, ev->line, RULE_CLOCK_STEP,
		    "%s takes lamport from %" PRIu64 " to %" PRIu64
		    ", expected %" PRIu64, logread_kind_name(ev->kind),
		    s->clock, ev->lamport, s->clock + 1);
	else if (ev->kind == LOG_RECV && ev->lamport != top + 1)
		check_log_violation(s->c, s->vm, ev->line, RULE_RECV_CLOCK,
		    "RECV sets lamport to %" PRIu64 ", expected max(%" PRIu64
		    ", %" PRIu64 ") + 1 = %" PRIu64, ev->lamport, s->clock,
		    ev->msg_lamport, top + 1);
	else if (ev->kind == LOG_PENDING && ev->lamport != s->clock)
		check_log_violation(s->c, s->vm, ev->line, RULE_PENDING_CLOCK,
		    "PENDING changes lamport from %" PRIu64 " to %" PRIu64,
		    s->clock, ev->lamport);
	s->clock = ev->lamport;
}

/* A tick takes a queued message first; PENDING lines close the log. */
static void
check_queue(struct scan *s, const struct log_event *ev)
{
	if (s->first_pending != 0 && ev->kind != LOG_PENDING)
		check_log_violation(s->c, s->vm, ev->line, RULE_PENDING_LAST,
		    "%s after the PENDING lines that began on line %lu",
		    logread_kind_name(ev->kind), s->first_pending);
	else if ((ev->kind == LOG_INTERNAL || ev->kind == LOG_SEND) &&
	    s->queue > 0)
		check_log_violation(s->c, s->vm, ev->line, RULE_QUEUE_FIRST,
		    "%s although the previous line left %" PRIu64 " message(s) "
		    "queued", logread_kind_name(ev->kind), s->queue);
	if (ev->kind != LOG_PENDING)
		return;
	if (s->first_pending == 0)
		s->first_pending = ev->line;
	else if (s->pending_queue == 0 || ev->queue_len != s->pending_queue - 1)
		check_log_violation(s->c, s->vm, ev->line, RULE_PENDING_QUEUE,
		    "PENDING leaves queue_len %" PRIu64 " after one that left %"
		    PRIu64 " (they count down by 1 to 0)", ev->queue_len,
		    s->pending_queue);
	s->pending_queue = ev->queue_len;
	s->last_pending = ev->line;
}

static int
is_neighbour(const struct scan *s, uint32_t id)
{
	return id == s->next || id == s->prev;
}

static void
check_peers(struct scan *s, const struct log_event *ev)
{
	for (uint32_t i = 0; i < ev->npeers; i++)
		if (!is_neighbour(s, ev->peers[i]))
			check_log_violation(s->c, s->vm, ev->line,
			    RULE_NEIGHBOUR, "%s %s vm%" PRIu32 ", not a ring "
			    "neighbour of vm%" PRIu32 " (next vm%" PRIu32
			    ", prev vm%" PRIu32 ")",
			    logread_kind_name(ev->kind),
			    ev->kind == LOG_SEND ? "to" : "from",
			    ev->peers[i], s->vm, s->next, s->prev);
	if (ev->npeers != 2)
		return;
	if (ev->peers[0] == ev->peers[1])
		check_log_violation(s->c, s->vm, ev->line, RULE_NEIGHBOUR,
		    "SEND names vm%" PRIu32 " twice", ev->peers[0]);
	else if (ev->peers[0] == s->prev && ev->peers[1] == s->next)
		check_log_violation(s->c, s->vm, ev->line, RULE_NEIGHBOUR,
		    "SEND to both neighbours lists prev first: '%" PRIu32
		    "|%" PRIu32 "', expected '%" PRIu32 "|%" PRIu32 "'",
		    ev->peers[0], ev->peers[1], s->next, s->prev);
}

/* Count the line; a tick's lateness is measured against its deadline. */
static void
tally(struct scan *s, const struct log_event *ev)
{
	struct vm_figures *f = s->fig;
	double late;

	f->events++;
	f->sent += ev->kind == LOG_SEND ? ev->npeers : 0;
	f->received += ev->kind == LOG_RECV;
	f->pending += ev->kind == LOG_PENDING;
	if (ev->kind == LOG_PENDING)
		return;
	f->last_tick_line = ev->line;
	if (s->period_ns > 0) {
		late = diff_ns(ev->wall_ns, s->c->start_wall_ns) -
		    (double)f->ticks * s->period_ns;
		if (f->ticks == 0 || late > f->max_late_ns)
			f->max_late_ns = late;
		fit_add(&s->fit, (double)f->ticks, late);
	}
	f->ticks++;
}

static void
scan_event(struct scan *s, const struct log_event *ev)
{
	check_order(s, ev);
	check_clock(s, ev);
	check_queue(s, ev);
	check_peers(s, ev);
	tally(s, ev);
	s->wall = ev->wall_ns;
	s->queue = ev->queue_len;
}

static void
tick_rules(struct scan *s)
{
	struct checker *c = s->c;
	const struct vm_figures *f = s->fig;
	unsigned long line = f->ticks > 0 ? f->last_tick_line : 1;
	uint64_t want = check_expected_ticks(c, s->vm);
	double err = check_spacing_error(c, s->vm);

	if (c->status == RUN_COMPLETE && f->ticks != want)
		check_log_violation(c, s->vm, line, RULE_TICK_COUNT,
		    "%" PRIu64 " ticks, expected %" PRIu64 " (rate %" PRIu64
		    " for %g s)", f->ticks, want, f->rate, c->duration_s);
	if (f->ticks >= 3 && fabs(err) > CHECK_SPACING_TOLERANCE + f->spacing_noise)
		check_log_violation(c, s->vm, line, RULE_TICK_SPACING,
		    "fitted tick spacing %.0f ns, expected %.0f ns (%+.2f%%, "
		    "jitter allows %.2f%%)", s->period_ns * (1 + err),
		    s->period_ns, err * 100,
		    (CHECK_SPACING_TOLERANCE + f->spacing_noise) * 100);
}

/* Rules about the log as a whole, once every line was read. */
static void
scan_end(struct scan *s)
{
	if (s->period_ns > 0 && s->fig->ticks >= 2) {
		s->fig->spacing_error = fit_error(&s->fit, s->period_ns);
		s->fig->spacing_noise = fit_noise(&s->fit, s->period_ns);
	}
	if (!ended(s->c))
		return;		/* a failed run's log may stop anywhere */
	if (s->first_pending != 0 && s->pending_queue != 0)
		check_log_violation(s->c, s->vm, s->last_pending,
		    RULE_PENDING_QUEUE, "last PENDING leaves queue_len %" PRIu64
		    ", expected 0", s->pending_queue);
	if (s->c->timing)
		tick_rules(s);
}

static void
scan_init(struct scan *s, struct checker *c, uint32_t vm)
{
	s->c = c;
	s->fig = &c->vm[vm];
	s->vm = vm;
	s->next = (vm + 1) % c->nvms;
	s->prev = (vm + c->nvms - 1) % c->nvms;
	if (c->timing)
		s->period_ns = period_ns(c, vm);
}

/* One scan per log: 0, or -1 when out of memory. */
int
check_files_new(struct checker *c)
{
	if ((c->scan = calloc(c->nvms, sizeof *c->scan)) == NULL)
		return -1;
	for (uint32_t i = 0; i < c->nvms; i++)
		scan_init(&c->scan[i], c, i);
	return 0;
}

void
check_files_free(struct checker *c)
{
	free(c->scan);
	c->scan = NULL;
}

/* The next line of VM vm's log, in file order. */
void
check_file_event(struct checker *c, uint32_t vm, const struct log_event *ev)
{
	scan_event(&c->scan[vm], ev);
}

/* VM vm's log was read whole: the rules about it as a whole. */
void
check_file_end(struct checker *c, uint32_t vm)
{
	scan_end(&c->scan[vm]);
}
