/* sim/vtime.c -- the virtual-time driver: every VM of a ring in this process, on a discrete-event queue */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/live.h"
#include "sim/vlogs.h"
#include "sim/vqueue.h"
#include "sim/vsum.h"
#include "sim/vtime.h"
#include "vm/clock.h"
#include "vm/core/core.h"
#include "vm/core/sched.h"
#include "vm/feed.h"
#include "vm/logw.h"

/*
 * Events in model time (ns since the start), soonest first: a kill fault,
 * then the ticks, a tie between ticks going to the lower VM id. What a tick
 * sends reaches the receiver's core at once, and its inbox adds the
 * network's latency: a message joins a queue only after the moment it was
 * sent, so ticks at one instant never see each other's messages and their
 * order changes nothing but the order of work. docs/DESIGN.md, "Virtual
 * time", gives the rules.
 */

#define NEVER		UINT64_MAX
#define STOP_EVERY	4096	/* events between looks at *stop */

enum vstate {
	V_TICKING,	/* ticks left */
	V_DONE,		/* every tick done: waits for the end, still receives */
	V_STOPPED,	/* stopped on its own: a peer down under stop, or its log */
	V_DEAD,		/* killed: its log just ends */
};

struct vvm {
	struct core core;
	struct sched sched;
	struct logw *log;	/* --log full, else NULL */
	enum vstate state;
};

/* What a pass of the model writes, and what it learns for the next. */
struct pass {
	enum opt_log log;
	struct vsum *sum;	/* --log summary */
	uint64_t *last_seq;	/* 1 + each VM's last line's seq (0: none),
				 * or NULL: not kept */
	uint64_t limit;		/* events it stops after: a stopped run
				 * again, to the same event */
};

struct vtime {
	struct run *r;
	struct vvm *vm;
	uint32_t n;
	struct vqueue *q;	/* the ticks to come */
	struct vlogs *logs;	/* --log full of a ring too big for a logw
				 * per VM (OPT_MAX_VMS), or NULL */
	uint32_t kill[FAULT_MAX];	/* kill faults by time, then index */
	uint32_t nkill, kills_done;
	uint64_t now;
	uint64_t events;	/* done so far */
	uint64_t last_line;	/* model ns of the latest line */
	bool over;		/* ended early: the others stop at now */
	bool stopped;		/* asked to stop (*stop) */
	bool nomem;		/* the summary ran out of memory */
	struct pass *p;
	struct feed *feed;	/* --live: where each line goes too, or NULL */
	struct live *live;	/* --live, or NULL */
	char *err;
	size_t errlen;
};

/*
 * VMs fetched ahead of their turn: a big ring's state is far from cache.
 * In two steps: a VM's state AHEAD places ahead, then, BLOCKS_AHEAD
 * places ahead, once that state is in, the heap blocks it points to
 * (messages, jump counts), which could not be found before.
 */
#define AHEAD		4
#define BLOCKS_AHEAD	2

static void
fetch_ahead(const struct vtime *v)
{
	uint32_t id;

	if (vqueue_ahead(v->q, AHEAD, &id)) {
		for (size_t off = 0; off < sizeof v->vm[id]; off += 64)
			__builtin_prefetch((const char *)&v->vm[id] + off);
		if (v->p->sum != NULL)
			vsum_prefetch(v->p->sum, id);
	}
	if (vqueue_ahead(v->q, BLOCKS_AHEAD, &id)) {
		core_prefetch(&v->vm[id].core);
		if (v->p->sum != NULL)
			vsum_prefetch_blocks(v->p->sum, id);
	}
}

/* The VM's next tick into the queue, or it is done. */
static void
schedule(struct vtime *v, uint32_t id)
{
	struct vvm *m = &v->vm[id];
	uint64_t t;

	if (!sched_next(&m->sched, &t))
		m->state = V_DONE;
	else if (vqueue_push(v->q, t, id) == -1)
		v->nomem = true;
}

/* This VM stops on its own (how: why); under stop, the run with it. */
static void
stop_vm(struct vtime *v, uint32_t id, enum vmend_kind why)
{
	struct run *r = v->r;

	v->vm[id].state = V_STOPPED;
	r->end[id] = (struct vmend){ why, 0 };
	if (r->first_bad < 0)
		r->first_bad = (int)id;
	if (r->o->on_failure == VM_ON_FAILURE_STOP || why == VMEND_ERROR)
		v->over = true;
}

/* One line of VM id at t, where --log sends it: false when it cannot go. */
static bool
put_one(struct vtime *v, uint32_t id, const struct core_line *line, uint64_t t)
{
	struct pass *p = v->p;

	if (p->last_seq != NULL)
		p->last_seq[id] = line->ev.seq + 1;
	v->last_line = t > v->last_line ? t : v->last_line;
	switch (p->log) {
	case OPT_LOG_FULL:
		if (v->logs != NULL)
			return vlogs_event(v->logs, id, &line->ev, t,
			    line->queue_len) == 0;
		return logw_event(v->vm[id].log, &line->ev, t,
		    line->queue_len) == 0;
	case OPT_LOG_SUMMARY:
		if (vsum_add(p->sum, id, &line->ev, t, line->queue_len) == -1)
			v->nomem = true;
		return true;
	case OPT_LOG_OFF:
		break;
	}
	return true;
}

/* Log lines of VM id stamped t: on a write error the VM ends in error. */
static void
put(struct vtime *v, uint32_t id, const struct core_line *line, uint32_t n,
    uint64_t t)
{
	struct vvm *m = &v->vm[id];

	for (uint32_t i = 0; i < n && m->state != V_STOPPED; i++)
		if (!put_one(v, id, &line[i], t))
			stop_vm(v, id, VMEND_ERROR);
		else if (v->feed != NULL)
			feed_put(v->feed, id, &line[i].ev, t, line[i].queue_len);
}

static const struct step_event *
send_of(const struct core_out *out)
{
	for (uint32_t i = 0; i < out->nline; i++)
		if (out->line[i].ev.kind == STEP_SEND)
			return &out->line[i].ev;
	return NULL;
}

/* What a tick sends: to each receiver's core, or, to a dead one, nowhere. */
static int
deliver(struct vtime *v, uint32_t id, const struct core_out *out, uint64_t t)
{
	struct core_out failed;

	for (uint32_t k = 0; k < out->nto; k++) {
		uint32_t to = out->to[k];
		if (v->vm[to].state == V_DEAD) {
			/* As a send to a dead process fails: the peer is down. */
			core_send_failed(&v->vm[id].core, send_of(out), to, &failed);
			put(v, id, failed.line, failed.nline, t);
			if (failed.stop)
				stop_vm(v, id, VMEND_LINK_BROKEN);
		} else if (core_arrive(&v->vm[to].core, id, &out->msg, t) == -1)
			return -1;
	}
	return 0;
}

static int
tick(struct vtime *v, uint32_t id, uint64_t t)
{
	struct vvm *m = &v->vm[id];
	struct core_out out;

	if (core_tick(&m->core, t, &out) == -1)
		return -1;
	put(v, id, out.line, out.nline, t);
	if (out.stop && m->state == V_TICKING)
		stop_vm(v, id, VMEND_LINK_BROKEN);
	if (m->state != V_TICKING)
		return 0;
	if (deliver(v, id, &out, t) == -1)
		return -1;
	if (m->state == V_TICKING)
		schedule(v, id);
	return 0;
}

/* Kill fault k: the VM dies now, and its neighbours' links break. */
static void
kill_one(struct vtime *v, uint32_t k)
{
	struct run *r = v->r;
	uint32_t id = r->o->faults.f[k].vm, n = v->n;
	uint32_t nb[2] = { (id + 1) % n, (id + n - 1) % n };

	if (v->vm[id].state == V_DEAD)
		return;
	v->vm[id].state = V_DEAD;
	r->end[id] = (struct vmend){ VMEND_KILLED, 0 };
	r->killed_by[id] = (int)k;
	for (int i = 0; i < (n == 2 ? 1 : 2); i++)
		if (v->vm[nb[i]].state != V_DEAD)
			core_link_end(&v->vm[nb[i]].core, id, true, v->now);
	if (r->o->on_failure == VM_ON_FAILURE_STOP) {
		if (r->first_bad < 0)
			r->first_bad = (int)id;
		v->over = true;
	}
}

static uint64_t
kill_time(const struct vtime *v, uint32_t i)
{
	return (uint64_t)llround(v->r->o->faults.f[v->kill[i]].at_s * 1e9);
}

/* The kill faults, soonest first (ties in the order given). */
static void
sort_kills(struct vtime *v)
{
	const struct opt_faults *fl = &v->r->o->faults;

	for (uint32_t i = 0; i < fl->n; i++) {
		if (fl->f[i].kind != FAULT_KILL)
			continue;
		uint32_t j = v->nkill++;
		while (j > 0 && fl->f[v->kill[j - 1]].at_s > fl->f[i].at_s) {
			v->kill[j] = v->kill[j - 1];
			j--;
		}
		v->kill[j] = i;
	}
}

/*
 * Events until none is left, the run ends early, or a stop is asked.
 * Live, each event waits until its model time is due at the view's pace.
 */
static int
run_events(struct vtime *v, const volatile sig_atomic_t *stop)
{
	for (; !v->over && !v->nomem; v->events++) {
		if (v->events == v->p->limit ||
		    (v->events % STOP_EVERY == 0 && *stop)) {
			v->stopped = true;
			return 0;
		}
		uint64_t tk = v->kills_done < v->nkill ?
		    kill_time(v, v->kills_done) : NEVER;
		uint64_t tt;
		if (!vqueue_peek(v->q, &tt))
			tt = NEVER;
		if (tk == NEVER && tt == NEVER)
			return 0;
		if (v->live != NULL && live_until(v->live, tk < tt ? tk : tt) == -1)
			return 0;
		if (tk <= tt) {
			v->now = tk;
			kill_one(v, v->kill[v->kills_done++]);
			continue;
		}
		uint32_t id = vqueue_pop(v->q);
		fetch_ahead(v);
		v->now = tt;
		if (v->vm[id].state == V_TICKING && tick(v, id, tt) == -1)
			return -1;
	}
	return v->nomem ? -1 : 0;
}

/*
 * The end, at model time end: every VM still there logs what its links
 * broke and what is left queued (PENDING), and says how it ended.
 */
static int
finish(struct vtime *v, uint64_t end)
{
	struct core_out out;
	struct core_line line;

	for (uint32_t id = 0; id < v->n; id++) {
		struct vvm *m = &v->vm[id];
		if (m->state == V_DEAD)
			continue;
		if (core_finish(&m->core, &out) == -1)
			return -1;
		put(v, id, out.line, out.nline, end);
		while (m->state != V_STOPPED && core_pending(&m->core, &line))
			put(v, id, &line, 1, end);
		if (m->state == V_DONE)
			v->r->end[id] = (struct vmend){ VMEND_OK, 0 };
		else if (m->state == V_TICKING)
			v->r->end[id] = (struct vmend){ VMEND_INTERRUPTED, 0 };
	}
	return 0;
}

static int
open_vm(struct vtime *v, uint32_t id)
{
	struct run *r = v->r;
	const struct run_opts *o = r->o;
	struct vvm *m = &v->vm[id];
	char path[PATH_MAX + 32];
	struct core_conf conf = { .id = id, .n = o->vms,
		.draw_max = o->draw_max, .seed = r->seed,
		.on_failure = o->on_failure,
		.faults = o->faults.f, .nfaults = o->faults.n,
		.net = options_net(&o->latency), .loss = o->loss,
		.vector = o->vector };

	snprintf(path, sizeof path, "%s/vm%u.csv", r->dir, (unsigned)id);
	if (v->p->log == OPT_LOG_FULL && v->logs == NULL &&
	    (m->log = logw_open(path, id,
	    o->vector ? o->vms : 0, v->err, v->errlen)) == NULL)
		return -1;
	if (core_init(&m->core, &conf) == -1) {
		snprintf(v->err, v->errlen, "out of memory");
		return -1;
	}
	sched_init(&m->sched, id, r->rates[id], o->duration_s, o->faults.f,
	    o->faults.n);
	schedule(v, id);
	return 0;
}

/* VM id's log closed: 0, or -1 with why. */
static int
close_log(struct vtime *v, uint32_t id, char *why, size_t len)
{
	if (v->logs != NULL)
		return vlogs_close_vm(v->logs, id, why, len);
	return logw_close(v->vm[id].log, why, len);
}

/* Close every log; the first that cannot be written out ends its VM in error. */
static void
close_all(struct vtime *v)
{
	char why[4400];

	for (uint32_t id = 0; id < v->n; id++) {
		struct vvm *m = &v->vm[id];
		if (v->p->log == OPT_LOG_FULL &&
		    close_log(v, id, why, sizeof why) == -1 &&
		    m->state != V_DEAD) {
			v->r->end[id] = (struct vmend){ VMEND_ERROR, 0 };
			if (v->r->error[0] == '\0')
				snprintf(v->r->error, sizeof v->r->error, "vm %u: "
				    "%.200s", (unsigned)id, why);
		}
		core_free(&m->core);
	}
	vlogs_free(v->logs);
	v->logs = NULL;
}

/* The run's record as before any pass: every VM still running. */
static void
reset(struct vtime *v)
{
	struct run *r = v->r;

	memset(v->vm, 0, v->n * sizeof *v->vm);
	memset(r->end, 0, v->n * sizeof *r->end);
	for (uint32_t i = 0; i < v->n; i++)
		r->killed_by[i] = -1;
	r->first_bad = -1;
	vqueue_clear(v->q);
	v->kills_done = 0;
	v->now = v->events = v->last_line = 0;
	v->over = v->stopped = v->nomem = false;
}

/* One run of the model from the start, written as p says: 0, or -1. */
static int
pass(struct vtime *v, struct pass *p, const volatile sig_atomic_t *stop)
{
	uint64_t duration = (uint64_t)llround(v->r->o->duration_s * 1e9);
	int rc = -1;

	reset(v);
	v->p = p;
	if (p->log == OPT_LOG_FULL && v->n > OPT_MAX_VMS &&
	    (v->logs = vlogs_open(v->r->dir, v->n, v->err, v->errlen)) == NULL)
		return -1;
	for (uint32_t id = 0; id < v->n; id++)
		if (open_vm(v, id) == -1)
			goto done;
	live_start(v->live, clock_mono_ns());
	if (run_events(v, stop) == -1) {
		snprintf(v->err, v->errlen, "out of memory");
		goto done;
	}
	v->stopped |= *stop != 0;
	/* A run that ran its course ends at its planned end, or after the
	 * last catch-up tick of a pause that ended near it. */
	rc = finish(v, v->over || v->stopped || v->now > duration ? v->now :
	    duration);
	if (rc == -1)
		snprintf(v->err, v->errlen, "out of memory");
done:
	close_all(v);
	return rc;
}

/* Where analyze has the run end: as planned if it ran its course, else
 * at its latest line. */
static double
end_s(const struct vtime *v)
{
	double d = v->r->o->duration_s, last = (double)v->last_line / 1e9;

	return v->over || v->stopped ? fmin(last, d) : d;
}

/*
 * Who died, and after which line: what analyze reads off the ends of the
 * logs and their vmI.exit, from a pass that kept each VM's last line.
 */
static struct runinfo_death *
deaths(const struct vtime *v, const uint64_t *last_seq)
{
	struct runinfo_death *d = calloc(v->n, sizeof *d);

	for (uint32_t i = 0; d != NULL && i < v->n; i++)
		if (v->r->end[i].kind == VMEND_KILLED)
			d[i] = (struct runinfo_death){ 1, last_seq[i] == 0,
				last_seq[i] > 0 ? last_seq[i] - 1 : 0 };
	return d;
}

/*
 * The summary's statistics must know before the first event where the
 * run ends and after which line each dying VM dies. A run without kills
 * that runs its course ends as planned: one pass. Otherwise a first pass
 * without a log finds out, and the second (stopped after as many events,
 * if the first was) writes the summary.
 */
static int
summary(struct vtime *v, const volatile sig_atomic_t *stop)
{
	static const volatile sig_atomic_t never = 0;
	struct pass p = { .log = OPT_LOG_OFF, .limit = UINT64_MAX };
	struct runmeta *meta = calloc(1, sizeof *meta);
	struct vsum_conf c = { .dir = v->r->dir, .meta = meta,
		.rates = v->r->rates, .end_s = v->r->o->duration_s };
	struct runinfo_death *d = NULL;
	struct live *live = v->live;
	int rc = -1;

	if (meta == NULL) {
		snprintf(v->err, v->errlen, "out of memory");
		return -1;
	}
	/* What the statistics read of run.meta: the rest is not theirs. */
	meta->vms = v->n;
	meta->duration_s = v->r->o->duration_s;
	meta->speed = 1;
	if (v->nkill > 0) {
		if ((p.last_seq = calloc(v->n, sizeof *p.last_seq)) == NULL) {
			snprintf(v->err, v->errlen, "out of memory");
			return -1;
		}
		v->live = NULL;
		if (pass(v, &p, stop) == -1 || (d = deaths(v, p.last_seq)) == NULL)
			goto done;
		v->live = live;
		c.end_s = end_s(v);
		c.death = d;
		p.limit = v->stopped ? v->events : UINT64_MAX;
	}
	for (;;) {
		p.log = OPT_LOG_SUMMARY;
		/* Again to a count of events: the stop asked stays asked. */
		if ((p.sum = vsum_open(&c, v->err, v->errlen)) == NULL ||
		    pass(v, &p, p.limit == UINT64_MAX ? stop : &never) == -1)
			goto done;
		if (end_s(v) == c.end_s)
			break;
		/* It ended early after all: again, knowing where. */
		vsum_free(p.sum);
		c.end_s = end_s(v);
		p.limit = v->stopped ? v->events : UINT64_MAX;
	}
	rc = vsum_close(p.sum, v->err, v->errlen);
	p.sum = NULL;
done:
	vsum_free(p.sum);
	free(p.last_seq);
	free(d);
	free(meta);
	v->live = live;
	return rc;
}

int
vtime_run(struct run *r, const volatile sig_atomic_t *stop, char *err,
    size_t errlen)
{
	struct vtime v = { .r = r, .n = r->o->vms, .err = err, .errlen = errlen,
		.feed = live_feed(r->live), .live = r->live };
	struct pass p = { .log = r->o->log, .limit = UINT64_MAX };
	uint64_t duration = (uint64_t)llround(r->o->duration_s * 1e9);
	int rc = -1;

	r->start_wall_ns = 0;	/* wall_ns is model time */
	r->end_wall_ns = duration;
	v.vm = calloc(v.n, sizeof *v.vm);
	v.q = vqueue_new();
	if (v.vm == NULL || v.q == NULL) {
		snprintf(err, errlen, "out of memory");
		goto done;
	}
	sort_kills(&v);
	rc = r->o->log == OPT_LOG_SUMMARY ? summary(&v, stop) :
	    pass(&v, &p, stop);
done:
	free(v.vm);
	vqueue_free(v.q);
	return rc;
}
