/* analysis/check/check_file.c -- the check rules within one vmI.csv, line by line; tick figures */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/check/checker.h"
#include "analysis/rundir/logread.h"
#include "vm/core/step.h"
#include "vm/core/vmend.h"

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
	unsigned long down[2];	/* line of PEER_DOWN for next, prev; or 0 */
	struct log_event send;	/* the last SEND, while only PEER_DOWN and
				 * DROP lines follow it; kind INTERNAL else */
	unsigned dropped;	/* bit i: send.peers[i] was dropped */
	/* With vectors (c->nvec counters each; NULL without): */
	uint64_t *v;		/* after the last tick, first all 0 */
	uint64_t *before;	/* before the line given last */
	uint64_t *send_v;	/* the last SEND's, for its DROP and LOSS lines */
	uint64_t tick_clock;	/* lamport of the last tick */
	int ticked;		/* there was one */
	int told_column;	/* the column disagreed with run.meta: said */
};

/* The run ended and its VMs shut down, or were stopped by a failure. */
static int
ended(const struct checker *c)
{
	return c->status == RUN_COMPLETE || c->status == RUN_INTERRUPTED ||
	    c->status == RUN_FAILED;
}

/* Lines that record what happened between ticks: neither tick nor PENDING. */
static int
aside(enum log_kind kind)
{
	return kind == LOG_PEER_DOWN || kind == LOG_DROP || kind == LOG_LOSS;
}

/* The rule an aside line's own checks come under. */
static enum rule
aside_rule(enum log_kind kind)
{
	return kind == LOG_DROP ? RULE_DROP : kind == LOG_LOSS ? RULE_LOSS :
	    RULE_PEER_DOWN;
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
		    ", expected %" PRIu64, logline_kind_name(ev->kind),
		    s->clock, ev->lamport, s->clock + 1);
	else if (ev->kind == LOG_RECV && ev->lamport != top + 1)
		check_log_violation(s->c, s->vm, ev->line, RULE_RECV_CLOCK,
		    "RECV sets lamport to %" PRIu64 ", expected max(%" PRIu64
		    ", %" PRIu64 ") + 1 = %" PRIu64, ev->lamport, s->clock,
		    ev->msg_lamport, top + 1);
	else if ((ev->kind == LOG_PENDING || aside(ev->kind)) &&
	    ev->lamport != s->clock)
		check_log_violation(s->c, s->vm, ev->line, ev->kind ==
		    LOG_PENDING ? RULE_PENDING_CLOCK : aside_rule(ev->kind),
		    "%s changes lamport from %"
		    PRIu64 " to %" PRIu64, logline_kind_name(ev->kind),
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
		    logline_kind_name(ev->kind), s->first_pending);
	else if ((ev->kind == LOG_INTERNAL || ev->kind == LOG_SEND) &&
	    s->queue > 0)
		check_log_violation(s->c, s->vm, ev->line, RULE_QUEUE_FIRST,
		    "%s although the previous line left %" PRIu64 " message(s) "
		    "queued", logline_kind_name(ev->kind), s->queue);
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
			    logline_kind_name(ev->kind),
			    ev->kind == LOG_SEND || ev->kind == LOG_DROP ||
			    ev->kind == LOG_LOSS ? "to" : ev->kind ==
			    LOG_PEER_DOWN ? "of" : "from",
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
	f->dropped += ev->kind == LOG_DROP;
	f->net_lost += ev->kind == LOG_LOSS;
	if (ev->kind == LOG_PENDING || aside(ev->kind))
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

/* 0 for the next neighbour, 1 for prev (with 2 VMs they are one: 0). */
static int
side(const struct scan *s, uint32_t id)
{
	return id == s->next ? 0 : 1;
}

/*
 * PEER_DOWN: once per neighbour, and only for one that did not end well
 * (run.meta says how each VM ended; a running run's say nothing yet).
 */
static void
check_peer_down(struct scan *s, const struct log_event *ev)
{
	uint32_t p = ev->peers[0];

	if (!is_neighbour(s, p))
		return;		/* a neighbour violation already */
	if (s->down[side(s, p)] != 0)
		check_log_violation(s->c, s->vm, ev->line, RULE_PEER_DOWN,
		    "vm%" PRIu32 " was already found down on line %lu", p,
		    s->down[side(s, p)]);
	else
		s->down[side(s, p)] = ev->line;
	if (s->c->meta.end[p].kind == VMEND_OK)
		check_log_violation(s->c, s->vm, ev->line, RULE_PEER_DOWN,
		    "PEER_DOWN for vm%" PRIu32 ", but run.meta has vm%" PRIu32
		    ".exit=ok", p, p);
}

/* Which destination of the SEND being dropped dest is: 0, 1, or -1. */
static int
send_index(const struct scan *s, uint32_t dest)
{
	for (uint32_t i = 0; i < s->send.npeers; i++)
		if (s->send.peers[i] == dest)
			return (int)i;
	return -1;
}

/*
 * DROP and LOSS: right after its SEND, to one of its destinations, once
 * for it (its message was not sent, or the network lost it); a DROP only
 * to a peer found down; with vectors, naming its SEND's.
 */
static void
check_undelivered(struct scan *s, const struct log_event *ev)
{
	const char *kind = logline_kind_name(ev->kind);
	enum rule rule = aside_rule(ev->kind);
	uint32_t d = ev->peers[0];
	int i = s->send.kind == LOG_SEND ? send_index(s, d) : -1, k;

	if (i == -1 || ev->src_seq != s->send.seq ||
	    ev->msg_lamport != s->send.lamport)
		check_log_violation(s->c, s->vm, ev->line, rule, "%s of seq %"
		    PRIu64 " to vm%" PRIu32 " does not follow a SEND of that seq "
		    "and clock to vm%" PRIu32, kind, ev->src_seq, d, d);
	else if (s->dropped & 1u << i)
		check_log_violation(s->c, s->vm, ev->line, rule, "seq %" PRIu64
		    " to vm%" PRIu32 " %s twice", ev->src_seq, d,
		    ev->kind == LOG_DROP ? "dropped" : "lost");
	else if (ev->kind == LOG_DROP &&
	    (!is_neighbour(s, d) || s->down[side(s, d)] == 0))
		check_log_violation(s->c, s->vm, ev->line, rule, "DROP to "
		    "vm%" PRIu32 " before any PEER_DOWN for it", d);
	else if (s->v != NULL && ev->nvec == s->c->nvec &&
	    (k = check_vec_differ(ev->vec, s->send_v, s->c->nvec)) >= 0)
		check_log_violation(s->c, s->vm, ev->line, RULE_MSG_VECTOR,
		    "%s of seq %" PRIu64 " has vector entry %d %" PRIu64
		    ", but its SEND (line %lu) had %" PRIu64, kind, ev->src_seq,
		    k, ev->vec[k], s->send.line, s->send_v[k]);
	if (i != -1)
		s->dropped |= 1u << i;
}

/* The SEND whose DROP lines are over: every destination already down had one. */
static void
send_done(struct scan *s)
{
	for (uint32_t i = 0; i < s->send.npeers; i++) {
		uint32_t d = s->send.peers[i];
		unsigned long down = is_neighbour(s, d) ? s->down[side(s, d)] : 0;
		if (down != 0 && down < s->send.line && !(s->dropped & 1u << i))
			check_log_violation(s->c, s->vm, s->send.line, RULE_DROP,
			    "SEND to vm%" PRIu32 ", found down on line %lu, "
			    "has no DROP", d, down);
	}
	s->send.kind = LOG_INTERNAL;
}

/* The lines of formats 2 and 3, and what they say about the SEND before them. */
static void
check_aside(struct scan *s, const struct log_event *ev)
{
	int since = ev->kind == LOG_LOSS ? 3 : 2;

	if (aside(ev->kind) && s->c->format < since)
		check_log_violation(s->c, s->vm, ev->line, RULE_COLUMNS,
		    "%s lines come with format %d; run.meta has format=%d",
		    logline_kind_name(ev->kind), since, s->c->format);
	if (ev->kind == LOG_PEER_DOWN)
		check_peer_down(s, ev);
	else if (aside(ev->kind))
		check_undelivered(s, ev);
	if (aside(ev->kind))
		return;
	if (s->send.kind == LOG_SEND)
		send_done(s);
	if (ev->kind == LOG_SEND) {
		s->send = *ev;
		s->send.vec = NULL;	/* the reader's: kept in send_v */
		s->dropped = 0;
		if (s->v != NULL && ev->nvec == s->c->nvec)
			memcpy(s->send_v, ev->vec, s->c->nvec * sizeof *s->v);
	}
}

static int
is_tick(enum log_kind kind)
{
	return kind == LOG_INTERNAL || kind == LOG_SEND || kind == LOG_RECV;
}

/*
 * A tick's vector: its own entry rises by exactly 1; INTERNAL and SEND
 * move no other, a RECV none down (what it took the max with is judged
 * with its message, check_link.c). Returns the entry wrong, or -1.
 */
static int
tick_vector_wrong(const struct scan *s, const struct log_event *ev)
{
	for (uint32_t k = 0; k < s->c->nvec; k++) {
		uint64_t was = s->v[k], now = ev->vec[k];
		if (k == s->vm ? now != was + 1 : ev->kind == LOG_RECV ?
		    now < was : now != was)
			return (int)k;
	}
	return -1;
}

static void
tell_tick_vector(struct scan *s, const struct log_event *ev, uint32_t k)
{
	const char *kind = logline_kind_name(ev->kind);

	if (k == s->vm)
		check_log_violation(s->c, s->vm, ev->line, RULE_VECTOR_STEP,
		    "%s takes its own vector entry %" PRIu32 " from %" PRIu64
		    " to %" PRIu64 ", expected %" PRIu64, kind, k, s->v[k],
		    ev->vec[k], s->v[k] + 1);
	else
		check_log_violation(s->c, s->vm, ev->line, RULE_VECTOR_STEP,
		    "%s %s vector entry %" PRIu32 " from %" PRIu64 " to %"
		    PRIu64, kind, ev->kind == LOG_RECV ? "lowers" : "moves",
		    k, s->v[k], ev->vec[k]);
}

/*
 * The clocks agree along the VM's own order: a tick whose vector says the
 * tick before happened before it has a larger Lamport clock too. A right
 * vector step (right: its own entry up, none down) always says so.
 */
static void
agree_in_order(struct scan *s, const struct log_event *ev, int right)
{
	if (s->ticked && ev->lamport <= s->tick_clock &&
	    (right || check_vec_before(s->v, ev->vec, s->c->nvec)))
		check_log_violation(s->c, s->vm, ev->line, RULE_CLOCKS_AGREE,
		    "the tick before happened before this %s by the vectors, "
		    "but its lamport %" PRIu64 " is not below this one's %"
		    PRIu64, logline_kind_name(ev->kind), s->tick_clock,
		    ev->lamport);
}

/* Does the line's vector column agree with run.meta? Said once a log. */
static int
column_agrees(struct scan *s, const struct log_event *ev)
{
	int want = s->c->nvec > 0;

	if (ev->vcol == want)
		return 1;
	if (!s->told_column)
		check_log_violation(s->c, s->vm, ev->line, RULE_COLUMNS,
		    "%s vector column, but run.meta has %s", ev->vcol ? "a" :
		    "no", s->c->format < 4 ? "format < 4" : want ? "vector=1" :
		    "vector=0");
	s->told_column = 1;
	return 0;
}

/* The vector rules of one line (the run has vectors, or says it has none). */
static void
check_vector(struct scan *s, const struct log_event *ev)
{
	int k;

	if (!column_agrees(s, ev) || s->v == NULL || ev->nvec == 0)
		return;		/* PEER_DOWN: no event, no vector */
	if (ev->nvec != s->c->nvec) {
		check_log_violation(s->c, s->vm, ev->line, RULE_VECTOR_STEP,
		    "vector of %" PRIu32 " entries, expected %" PRIu32 " (vms)",
		    ev->nvec, s->c->nvec);
		return;
	}
	if (ev->kind == LOG_RECV)	/* what its message is judged against */
		memcpy(s->before, s->v, s->c->nvec * sizeof *s->v);
	if (!is_tick(ev->kind))
		return;		/* the message's vector: judged with it */
	if ((k = tick_vector_wrong(s, ev)) >= 0)
		tell_tick_vector(s, ev, (uint32_t)k);
	agree_in_order(s, ev, k < 0);
	memcpy(s->v, ev->vec, s->c->nvec * sizeof *s->v);
	s->tick_clock = ev->lamport;
	s->ticked = 1;
}

const uint64_t *
check_file_vector_before(const struct checker *c, uint32_t vm)
{
	return c->scan[vm].before;
}

static void
scan_event(struct scan *s, const struct log_event *ev)
{
	check_order(s, ev);
	check_clock(s, ev);
	check_queue(s, ev);
	check_peers(s, ev);
	check_vector(s, ev);
	check_aside(s, ev);
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

	/* A VM killed on purpose did fewer; one that went on did them all. */
	if (c->status == RUN_COMPLETE && (f->dead ? f->ticks > want :
	    f->ticks != want))
		check_log_violation(c, s->vm, line, RULE_TICK_COUNT,
		    "%" PRIu64 " ticks, expected %s%" PRIu64 " (rate %" PRIu64
		    " for %g s)", f->ticks, f->dead ? "at most " : "", want,
		    f->rate, c->duration_s);
	/* A paused VM runs its overdue ticks back to back when it resumes. */
	if (!f->paused && f->ticks >= 3 &&
	    fabs(err) > CHECK_SPACING_TOLERANCE + f->spacing_noise)
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
	if (s->send.kind == LOG_SEND)
		send_done(s);
	if (!ended(s->c))
		return;		/* a running run's logs may stop anywhere */
	if (!s->fig->dead && s->first_pending != 0 && s->pending_queue != 0)
		check_log_violation(s->c, s->vm, s->last_pending,
		    RULE_PENDING_QUEUE, "last PENDING leaves queue_len %" PRIu64
		    ", expected 0", s->pending_queue);
	if (s->c->timing)
		tick_rules(s);
	if (s->c->unstarted && s->fig->ticks > 0)
		check_log_violation(s->c, s->vm, s->fig->last_tick_line,
		    RULE_TICK_COUNT, "%" PRIu64 " ticks, expected 0: the run "
		    "ended before its start (start_wall_ns=0)", s->fig->ticks);
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

/* One scan per log, each with 3 vectors: 0, or -1 when out of memory. */
int
check_files_new(struct checker *c)
{
	size_t nv = c->nvec;

	if ((c->scan = calloc(c->nvms, sizeof *c->scan)) == NULL)
		return -1;
	if (nv > 0 && (c->scan[0].v = calloc(3 * nv * c->nvms,
	    sizeof (uint64_t))) == NULL) {
		free(c->scan);
		c->scan = NULL;
		return -1;
	}
	for (uint32_t i = 0; i < c->nvms; i++) {
		scan_init(&c->scan[i], c, i);
		if (nv == 0)
			continue;
		c->scan[i].v = c->scan[0].v + 3 * nv * i;
		c->scan[i].before = c->scan[i].v + nv;
		c->scan[i].send_v = c->scan[i].v + 2 * nv;
	}
	return 0;
}

void
check_files_free(struct checker *c)
{
	if (c->scan != NULL)
		free(c->scan[0].v);
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
