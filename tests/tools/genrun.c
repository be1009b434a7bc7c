/* tests/tools/genrun.c -- a valid run directory of any size in seconds: the ring simulated in one process */
#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/run.h"
#include "vm/core/fault.h"
#include "vm/logw.h"
#include "vm/core/rng.h"
#include "vm/core/runmeta.h"
#include "vm/core/step.h"

#define USAGE "usage: genrun --out DIR --vms N --events E [--seed S] " \
    "[--rates r0,r1,...] [--draw-max K] [--speed X] [--fault SPEC]..."

/* A message takes this long in model time from its SEND to its queue. */
#define DELAY_NS	UINT64_C(1000000)
/* Model time 0 is 2024-01-01 00:00 UTC: the same options give the same bytes. */
#define START_WALL_NS	UINT64_C(1704067200000000000)
/* The run_id comes from its own stream, apart from the VMs' and the rates'. */
#define STREAM_RUN_ID	(RNG_STREAM_RATES - 1)
#define PORT_BASE	49152	/* check wants 1..65535; nothing listened */
#define DEFAULT_RATE_MIN	1	/* as `clockring run` draws them */
#define DEFAULT_RATE_MAX	6
/* A VM catching up after a pause ticks this often, in model time. */
#define CATCHUP_NS	UINT64_C(1000)
#define NEVER		UINT64_MAX

struct gen_opts {
	const char *out;
	uint32_t vms;
	uint64_t events;	/* about this many ticks in all (PENDING aside) */
	uint64_t seed;
	uint32_t rates[OPT_MAX_VMS];
	uint32_t nrates;	/* 0: drawn from the seed */
	uint32_t draw_max;
	double speed;
	struct fault faults[FAULT_MAX];	/* as --fault gave them */
	uint32_t nfaults;
};

struct flight {
	uint64_t at;		/* model ns when it reaches its queue */
	uint32_t dst;
	struct step_msg m;
};

/* A growable ring of messages: in flight, or one VM's queue. */
struct fifo {
	struct flight *a;
	size_t head, n, cap;	/* cap is 0 or a power of two */
};

struct gvm {
	struct step_vm step;
	struct rng rng;
	struct logw *log;
	struct fifo q;		/* arrived, not yet taken */
	uint32_t rate;
	uint64_t k, ticks;	/* the next tick and how many there are */
	uint64_t due;		/* model ns tick k is due */
	uint64_t at;		/* model ns it comes: later after a pause */
	uint64_t dies_at;	/* model ns of a kill fault, or NEVER */
	bool knows_down[2];	/* PEER_DOWN logged for next, prev */
};

struct gen {
	const struct gen_opts *o;
	struct gvm *vm;
	uint32_t *heap;		/* ids of VMs with ticks left, soonest first */
	uint32_t nheap;
	struct fifo flying;	/* every message in flight, by arrival */
	struct fifo *slowq;	/* per fault: the messages of a slowed link */
	double duration_s, speed;	/* as run.meta will say them */
	uint32_t rate_min, rate_max;
	uint64_t start_ns, end_ns, lines;
};

static int
fifo_push(struct fifo *f, const struct flight *x)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		struct flight *a = malloc(cap * sizeof *a);
		if (a == NULL)
			return -1;
		for (size_t i = 0; i < f->n; i++)
			a[i] = f->a[(f->head + i) & (f->cap - 1)];
		free(f->a);
		f->a = a;
		f->head = 0;
		f->cap = cap;
	}
	f->a[(f->head + f->n++) & (f->cap - 1)] = *x;
	return 0;
}

static const struct flight *
fifo_front(const struct fifo *f)
{
	return f->n > 0 ? &f->a[f->head] : NULL;
}

static void
fifo_drop(struct fifo *f)
{
	assert(f->n > 0);
	f->head = (f->head + 1) & (f->cap - 1);
	f->n--;
}

/* ---- options ---- */

static int
bad(char *err, size_t errlen, const char *name, const char *val,
    const char *why)
{
	snprintf(err, errlen, "--%s '%s': %s", name, val, why);
	return -1;
}

static int
parse_u64(const char *name, const char *val, uint64_t lo, uint64_t hi,
    uint64_t *v, char *err, size_t errlen)
{
	char *end, why[80];

	errno = 0;
	*v = strtoull(val, &end, 10);
	if (*val < '0' || *val > '9' || *end != '\0' || errno == ERANGE)
		return bad(err, errlen, name, val, "not a whole number");
	snprintf(why, sizeof why, "must be from %" PRIu64 " to %" PRIu64, lo,
	    hi);
	return *v < lo || *v > hi ? bad(err, errlen, name, val, why) : 0;
}

static int
parse_u32(const char *name, const char *val, uint32_t lo, uint32_t hi,
    uint32_t *v, char *err, size_t errlen)
{
	uint64_t x;

	if (parse_u64(name, val, lo, hi, &x, err, errlen) == -1)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

static int
parse_rates(const char *val, struct gen_opts *o, char *err, size_t errlen)
{
	const char *p = val;
	char num[32];

	for (o->nrates = 0;; p += strcspn(p, ",") + 1) {
		size_t len = strcspn(p, ",");
		snprintf(num, sizeof num, "%.*s", (int)(len < 31 ? len : 31), p);
		if (o->nrates == OPT_MAX_VMS)
			return bad(err, errlen, "rates", val, "more than 256 rates");
		if (len > 30 || parse_u32("rates", num, 1, OPT_MAX_RATE,
		    &o->rates[o->nrates++], err, errlen) == -1)
			return bad(err, errlen, "rates", val, "each rate must be "
			    "a whole number from 1 to 1000");
		if (p[len] == '\0')
			return 0;
	}
}

static int
set_opt(struct gen_opts *o, const char *name, const char *val, char *err,
    size_t errlen)
{
	char *end;

	if (strcmp(name, "out") == 0) {
		o->out = val;
		return *val == '\0' ? bad(err, errlen, name, val, "must not be "
		    "empty") : strlen(val) > 4000 ? bad(err, errlen, name, "...",
		    "path too long") : 0;
	}
	if (strcmp(name, "vms") == 0)
		return parse_u32(name, val, 2, OPT_MAX_VMS, &o->vms, err, errlen);
	if (strcmp(name, "events") == 0)
		return parse_u64(name, val, 1, UINT64_C(1000000000000),
		    &o->events, err, errlen);
	if (strcmp(name, "seed") == 0)
		return parse_u64(name, val, 0, UINT64_MAX, &o->seed, err, errlen);
	if (strcmp(name, "rates") == 0)
		return parse_rates(val, o, err, errlen);
	if (strcmp(name, "draw-max") == 0)
		return parse_u32(name, val, 3, 1000000, &o->draw_max, err, errlen);
	if (strcmp(name, "fault") == 0) {
		char why[160];
		if (o->nfaults == FAULT_MAX)
			return bad(err, errlen, name, val, "too many faults");
		if (fault_parse(val, &o->faults[o->nfaults], why,
		    sizeof why) == -1)
			return bad(err, errlen, name, val, why);
		o->nfaults++;
		return 0;
	}
	if (strcmp(name, "speed") == 0) {
		errno = 0;
		o->speed = strtod(val, &end);
		if (*val < '0' || *val > '9' || *end != '\0' || errno == ERANGE ||
		    !(o->speed > 0 && o->speed <= 1e6))
			return bad(err, errlen, name, val, "not a number above 0 "
			    "and at most 1e6");
		return 0;
	}
	snprintf(err, errlen, "unknown option '--%s'", name);
	return -1;
}

/* 0 parsed, 1 help asked, -1 bad usage (err holds one line). */
static int
parse_opts(int argc, char **argv, struct gen_opts *o, char *err,
    size_t errlen)
{
	*o = (struct gen_opts){ .seed = 1, .draw_max = 10, .speed = 1 };
	for (int i = 1; i < argc; i++) {
		char name[32];
		const char *arg = argv[i], *eq = strchr(arg, '=');
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
			return 1;
		if (strncmp(arg, "--", 2) != 0) {
			snprintf(err, errlen, "unexpected argument '%s'", arg);
			return -1;
		}
		size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		snprintf(name, sizeof name, "%.*s", (int)(len < 31 ? len : 31),
		    arg + 2);
		const char *val = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		if (val == NULL) {
			snprintf(err, errlen, "--%s: missing value", name);
			return -1;
		}
		if (set_opt(o, name, val, err, errlen) == -1)
			return -1;
	}
	if (o->out == NULL || o->vms == 0 || o->events == 0) {
		snprintf(err, errlen, "--out, --vms and --events are required");
		return -1;
	}
	if (o->nrates > 0 && o->nrates != o->vms) {
		snprintf(err, errlen, "--rates: %u rates for %u VMs",
		    (unsigned)o->nrates, (unsigned)o->vms);
		return -1;
	}
	return 0;
}

/* ---- set-up ---- */

/* The value a reader of run.meta gets back from its %.15g text. */
static double
as_written(double x)
{
	char s[64];

	snprintf(s, sizeof s, "%.15g", x);
	return strtod(s, NULL);
}

/* Rates as given, else drawn as the orchestrator draws them. */
static void
choose_rates(struct gen *g)
{
	const struct gen_opts *o = g->o;
	struct rng r;

	rng_seed(&r, o->seed, RNG_STREAM_RATES);
	g->rate_min = o->nrates ? OPT_MAX_RATE : DEFAULT_RATE_MIN;
	g->rate_max = o->nrates ? 1 : DEFAULT_RATE_MAX;
	for (uint32_t i = 0; i < o->vms; i++) {
		uint32_t rate = o->nrates ? o->rates[i] : (uint32_t)rng_range(&r,
		    DEFAULT_RATE_MIN, DEFAULT_RATE_MAX);
		g->vm[i].rate = rate;
		if (o->nrates && rate < g->rate_min)
			g->rate_min = rate;
		if (o->nrates && rate > g->rate_max)
			g->rate_max = rate;
	}
}

static uint64_t
model_ns(double s)
{
	return (uint64_t)llround(s * 1e9);
}

/*
 * The faults must fit the run; a killed VM makes the ticks due before its
 * death and no more.
 */
static int
init_faults(struct gen *g, char *err, size_t errlen)
{
	const struct gen_opts *o = g->o;
	char why[160], spec[FAULT_TEXT_MAX];

	if ((g->slowq = calloc(o->nfaults + 1, sizeof *g->slowq)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (uint32_t i = 0; i < o->nfaults; i++) {
		const struct fault *f = &o->faults[i];
		fault_format(f, spec, sizeof spec);
		if (fault_fits(f, o->vms, g->duration_s, why, sizeof why) == -1) {
			snprintf(err, errlen, "--fault '%s': %s", spec, why);
			return -1;
		}
		if (f->kind != FAULT_KILL)
			continue;
		struct gvm *v = &g->vm[f->vm];
		uint64_t before = step_ticks(f->at_s, v->rate);
		if (model_ns(f->at_s) < v->dies_at)
			v->dies_at = model_ns(f->at_s);
		if (before < v->ticks)
			v->ticks = before;
	}
	return 0;
}

/* Every VM ticks from model time 0; duration_s makes about E ticks in all. */
static int
gen_init(struct gen *g, const struct gen_opts *o, char *err, size_t errlen)
{
	uint64_t rate_sum = 0;

	memset(g, 0, sizeof *g);
	g->o = o;
	g->vm = calloc(o->vms, sizeof *g->vm);
	g->heap = calloc(o->vms, sizeof *g->heap);
	if (g->vm == NULL || g->heap == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	choose_rates(g);
	for (uint32_t i = 0; i < o->vms; i++)
		rate_sum += g->vm[i].rate;
	g->duration_s = as_written((double)o->events / (double)rate_sum);
	g->speed = as_written(o->speed);
	g->start_ns = START_WALL_NS;
	g->end_ns = g->start_ns + (uint64_t)llround(g->duration_s / g->speed * 1e9);
	for (uint32_t i = 0; i < o->vms; i++) {
		struct gvm *v = &g->vm[i];
		step_init(&v->step, i, o->vms, o->draw_max);
		rng_seed(&v->rng, o->seed, i);	/* the VM's own stream, as in vm.c */
		v->ticks = step_ticks(g->duration_s, v->rate);
		v->dies_at = NEVER;
	}
	if (init_faults(g, err, errlen) == -1)
		return -1;
	for (uint32_t i = 0; i < o->vms; i++)
		if (g->vm[i].ticks > 0)
			g->heap[g->nheap++] = i;	/* all due at 0: in id order */
	return 0;
}

/* The logs are written by the VMs' own writer, vm/logw.c. */
static int
open_logs(struct gen *g, char *err, size_t errlen)
{
	char path[4200];

	if (mkdir(g->o->out, 0755) == -1) {
		snprintf(err, errlen, "%s: %s", g->o->out, strerror(errno));
		return -1;
	}
	for (uint32_t i = 0; i < g->o->vms; i++) {
		snprintf(path, sizeof path, "%s/vm%u.csv", g->o->out, (unsigned)i);
		if ((g->vm[i].log = logw_open(path, i, err, errlen)) == NULL)
			return -1;
	}
	return 0;
}

static int
log_event(struct gvm *v, const struct step_event *ev, uint64_t wall)
{
	return logw_event(v->log, ev, wall, v->q.n);
}

/* ---- the discrete-event loop ---- */

/* Soonest tick first; at one model time, lower ids first. */
static bool
before(const struct gen *g, uint32_t a, uint32_t b)
{
	return g->vm[a].at < g->vm[b].at ||
	    (g->vm[a].at == g->vm[b].at && a < b);
}

static void
sift_down(struct gen *g)
{
	uint32_t *h = g->heap, i = 0;

	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, min = i;
		if (l < g->nheap && before(g, h[l], h[min]))
			min = l;
		if (r < g->nheap && before(g, h[r], h[min]))
			min = r;
		if (min == i)
			return;
		uint32_t t = h[i];
		h[i] = h[min];
		h[min] = t;
		i = min;
	}
}

/* The message in flight that arrives first: in g->flying or a slow link. */
static struct fifo *
soonest(struct gen *g)
{
	struct fifo *best = &g->flying;
	const struct flight *b = fifo_front(best), *f;

	for (uint32_t i = 0; i < g->o->nfaults; i++)
		if ((f = fifo_front(&g->slowq[i])) != NULL &&
		    (b == NULL || f->at < b->at)) {
			best = &g->slowq[i];
			b = f;
		}
	return best;
}

/*
 * Messages due by model time t join their queues, in the order they
 * arrive; one arriving at a dead VM is lost with it.
 */
static int
deliver(struct gen *g, uint64_t t)
{
	const struct flight *f;
	struct fifo *from;

	while ((f = fifo_front(from = soonest(g))) != NULL && f->at <= t) {
		if (f->at < g->vm[f->dst].dies_at &&
		    fifo_push(&g->vm[f->dst].q, f) == -1)
			return -1;
		fifo_drop(from);
	}
	return 0;
}

/* The fault that slows the link src -> dst (the first given), or -1. */
static int
slow_link(const struct gen *g, uint32_t src, uint32_t dst)
{
	for (uint32_t i = 0; i < g->o->nfaults; i++) {
		const struct fault *f = &g->o->faults[i];
		if (f->kind == FAULT_SLOW && f->vm == src && f->to == dst)
			return (int)i;
	}
	return -1;
}

/*
 * A message on its way. On a slowed link every message goes through the
 * link's own queue: those arriving in a slow fault's span come its delay
 * later, and the ones after them wait behind, as on one TCP connection.
 */
static int
send(struct gen *g, struct flight *out)
{
	int li = slow_link(g, out->m.src, out->dst);
	const struct flight *last;
	struct fifo *q;

	if (li < 0)
		return fifo_push(&g->flying, out);
	for (uint32_t i = 0; i < g->o->nfaults; i++) {
		const struct fault *f = &g->o->faults[i];
		uint64_t t0 = model_ns(f->at_s), t1 = model_ns(f->at_s + f->for_s);
		if (f->kind == FAULT_SLOW && f->vm == out->m.src &&
		    f->to == out->dst && out->at >= t0 && out->at < t1)
			out->at += model_ns(f->delay_s);
	}
	q = &g->slowq[li];
	if (q->n > 0 && (last = &q->a[(q->head + q->n - 1) & (q->cap - 1)])
	    ->at > out->at)
		out->at = last->at;
	return fifo_push(q, out);
}

/*
 * The next tick's model time, v->at holding the last one's: when due, or
 * right after a pause that held it. The overdue ticks then come back to
 * back, and so does any falling due before that burst is over.
 */
static uint64_t
tick_at(const struct gen *g, const struct gvm *v)
{
	uint64_t t = v->due;

	for (uint32_t i = 0; i < g->o->nfaults; i++) {
		const struct fault *f = &g->o->faults[i];
		uint64_t t0 = model_ns(f->at_s), t1 = model_ns(f->at_s + f->for_s);
		if (f->kind == FAULT_PAUSE && f->vm == v->step.id &&
		    v->due >= t0 && v->due < t1 && t1 > t)
			t = t1;
	}
	return t < v->at + CATCHUP_NS ? v->at + CATCHUP_NS : t;
}

static uint64_t
wall_of(const struct gen *g, const struct gvm *v)
{
	if (v->at == v->due)
		return g->start_ns + step_due_ns(v->k, v->rate, g->speed);
	return g->start_ns + (uint64_t)llround((double)v->at / g->speed);
}

/* A neighbour dead by now is found so before the tick, once. */
static int
notice(struct gen *g, struct gvm *v, uint64_t wall)
{
	uint32_t peer[2] = { step_next(&v->step), step_prev(&v->step) };
	struct step_event ev;

	for (int i = 0; i < (g->o->vms == 2 ? 1 : 2); i++) {
		if (v->knows_down[i] || g->vm[peer[i]].dies_at > v->at)
			continue;
		v->knows_down[i] = true;
		step_peer_down(&v->step, peer[i], &ev);
		g->lines++;
		if (log_event(v, &ev, wall) == -1)
			return -1;
	}
	return 0;
}

static bool
known_down(const struct gen *g, const struct gvm *v, uint32_t peer)
{
	return peer == step_next(&v->step) ? v->knows_down[0] :
	    g->o->vms == 2 ? v->knows_down[0] : v->knows_down[1];
}

/* The SEND to a peer known down: logged, then dropped, never sent. */
static int
drop(struct gen *g, struct gvm *v, const struct step_event *ev, uint32_t peer,
    uint64_t wall)
{
	struct step_event dev;

	step_drop(&v->step, ev, peer, &dev);
	g->lines++;
	return log_event(v, &dev, wall);
}

/* One tick of v, as vm.c's tick(): take a queued message first, else draw. */
static int
tick(struct gen *g, struct gvm *v)
{
	const struct flight *f;
	struct step_msg m;
	struct step_event ev;
	uint64_t wall = wall_of(g, v);

	if (notice(g, v, wall) == -1)
		return -1;
	if ((f = fifo_front(&v->q)) != NULL) {
		m = f->m;
		fifo_drop(&v->q);
	}
	step_tick(&v->step, f != NULL ? &m : NULL, &v->rng, &ev);
	g->lines++;
	if (log_event(v, &ev, wall) == -1)
		return -1;
	for (uint32_t i = 0; ev.kind == STEP_SEND && i < ev.ndest; i++) {
		struct flight out = { .at = v->at + DELAY_NS, .dst = ev.dest[i],
		    .m = { v->step.id, ev.seq, ev.lamport } };
		if ((known_down(g, v, ev.dest[i]) ?
		    drop(g, v, &ev, ev.dest[i], wall) : send(g, &out)) == -1)
			return -1;
	}
	return 0;
}

/*
 * Ticks in model-time order. A message takes DELAY_NS, so every message
 * in flight is ordered by arrival as it is by sending, and one FIFO holds
 * them all; nothing sent at time t can reach a tick at time t.
 */
static int
run_ticks(struct gen *g, char *err, size_t errlen)
{
	/* A pause from 0 holds the first ticks too: the heap is sorted by
	 * when they come, and a sorted array is a heap. */
	for (uint32_t i = 0; i < g->o->vms; i++)
		g->vm[i].at = tick_at(g, &g->vm[i]);
	for (uint32_t i = 1; i < g->nheap; i++)
		for (uint32_t j = i; j > 0 && before(g, g->heap[j],
		    g->heap[j - 1]); j--) {
			uint32_t t = g->heap[j];
			g->heap[j] = g->heap[j - 1];
			g->heap[j - 1] = t;
		}
	while (g->nheap > 0) {
		struct gvm *v = &g->vm[g->heap[0]];
		if (deliver(g, v->at) == -1 || tick(g, v) == -1)
			goto fail;
		if (++v->k < v->ticks) {
			v->due = step_due_ns(v->k, v->rate, 1.0);
			v->at = tick_at(g, v);
		} else
			g->heap[0] = g->heap[--g->nheap];
		sift_down(g);
	}
	return 0;
fail:
	snprintf(err, errlen, "writing the logs: %s", strerror(errno));
	return -1;
}

/* At the end everything in flight arrives; what is queued then is PENDING. */
static int
log_pending(struct gen *g, char *err, size_t errlen)
{
	struct step_event ev;

	if (deliver(g, UINT64_MAX) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (uint32_t i = 0; i < g->o->vms; i++) {
		struct gvm *v = &g->vm[i];
		const struct flight *f;
		/* A killed VM's log just ends: what it held is lost with it. */
		while (v->dies_at == NEVER && (f = fifo_front(&v->q)) != NULL) {
			step_pending(&v->step, &f->m, &ev);
			fifo_drop(&v->q);
			g->lines++;
			if (log_event(v, &ev, g->end_ns) == -1) {
				snprintf(err, errlen, "vm%u.csv: %s", (unsigned)i,
				    strerror(errno));
				return -1;
			}
		}
	}
	return 0;
}

/* ---- run.meta ---- */

/* The run as run.meta records it (vm/core/runmeta), its end complete. */
static void
to_meta(const struct gen *g, struct runmeta *m)
{
	const struct gen_opts *o = g->o;
	struct rng r;

	memset(m, 0, sizeof *m);
	m->format = o->nfaults ? 2 : 1;
	snprintf(m->version, sizeof m->version, "%s", CLOCKRING_VERSION);
	rng_seed(&r, o->seed, STREAM_RUN_ID);
	for (int half = 0; half < 2; half++) {
		uint64_t x = rng_next(&r);
		for (int b = 0; b < 8; b++)
			m->run_id[half * 8 + b] = (uint8_t)(x >> (56 - 8 * b));
	}
	m->seed = o->seed;
	m->vms = o->vms;
	m->duration_s = g->duration_s;
	m->speed = g->speed;
	m->draw_max = o->draw_max;
	m->rate_min = g->rate_min;
	m->rate_max = g->rate_max;
	snprintf(m->bind, sizeof m->bind, "127.0.0.1");
	for (uint32_t i = 0; i < o->vms; i++) {
		m->rate[i] = g->vm[i].rate;
		m->port[i] = (uint16_t)(PORT_BASE + i);
		m->end[i].kind = g->vm[i].dies_at != NEVER ? VMEND_KILLED :
		    VMEND_OK;
	}
	m->on_failure = VM_ON_FAILURE_CONTINUE;
	m->nfaults = o->nfaults;
	memcpy(m->fault, o->faults, o->nfaults * sizeof *o->faults);
	m->start_wall_ns = g->start_ns;
	m->end_wall_ns = g->end_ns;
	m->status = RUN_COMPLETE;
	m->failed_vm = -1;
}

/* Written last: a directory without run.meta was not finished. */
static int
write_meta(const struct gen *g, char *err, size_t errlen)
{
	char path[4200], *text = NULL;
	struct runmeta *m = malloc(sizeof *m);
	size_t len = 0;
	FILE *f = NULL;
	int rc = -1;

	snprintf(path, sizeof path, "%s/run.meta", g->o->out);
	if (m == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	to_meta(g, m);
	if ((text = runmeta_format(m, &len)) == NULL)
		snprintf(err, errlen, "out of memory");
	else if ((f = fopen(path, "wx")) == NULL)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else if ((fwrite(text, 1, len, f) != len) | (fclose(f) == EOF))
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else
		rc = 0;
	free(text);
	free(m);
	return rc;
}

/* Close every log; each reports its own write error, the first one wins. */
static int
close_logs(struct gen *g, int rc, char *err, size_t errlen)
{
	for (uint32_t i = 0; g->vm != NULL && i < g->o->vms; i++) {
		struct gvm *v = &g->vm[i];
		char why[512];
		if (logw_close(v->log, why, sizeof why) == -1 && rc == 0) {
			snprintf(err, errlen, "%s", why);
			rc = -1;
		}
		v->log = NULL;
	}
	return rc;
}

static void
gen_free(struct gen *g)
{
	for (uint32_t i = 0; g->vm != NULL && i < g->o->vms; i++)
		free(g->vm[i].q.a);
	for (uint32_t i = 0; g->slowq != NULL && i < g->o->nfaults; i++)
		free(g->slowq[i].a);
	free(g->slowq);
	free(g->flying.a);
	free(g->vm);
	free(g->heap);
}

static int
generate(const struct gen_opts *o, struct gen *g, char *err, size_t errlen)
{
	int rc = -1;

	if (gen_init(g, o, err, errlen) == 0 && open_logs(g, err, errlen) == 0 &&
	    run_ticks(g, err, errlen) == 0 && log_pending(g, err, errlen) == 0)
		rc = 0;
	if (close_logs(g, rc, err, errlen) == 0)
		rc = write_meta(g, err, errlen);
	gen_free(g);
	return rc;
}

int
main(int argc, char **argv)
{
	struct gen_opts o;
	struct gen g;
	char err[4400];

	switch (parse_opts(argc, argv, &o, err, sizeof err)) {
	case 1:
		puts(USAGE);
		return 0;
	case -1:
		fprintf(stderr, "genrun: %s (try --help)\n", err);
		return 2;
	}
	if (generate(&o, &g, err, sizeof err) == -1) {
		fprintf(stderr, "genrun: %s\n", err);
		return 1;
	}
	printf("genrun: %s: %u VMs, %" PRIu64 " events, duration_s=%.15g\n",
	    o.out, (unsigned)o.vms, g.lines, g.duration_s);
	return 0;
}
