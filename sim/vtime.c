/* sim/vtime.c -- the virtual-time driver: every VM of a ring in this process, on a discrete-event queue */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/live.h"
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
	struct logw *log;
	uint64_t next;		/* model ns of its next tick */
	enum vstate state;
};

struct vtime {
	struct run *r;
	struct vvm *vm;
	uint32_t n;
	uint32_t *heap;		/* ids of ticking VMs, by (next, id) */
	uint32_t nheap;
	uint32_t kill[FAULT_MAX];	/* kill faults by time, then index */
	uint32_t nkill, kills_done;
	uint64_t now;
	bool over;		/* ended early: the others stop at now */
	struct feed *feed;	/* --live: where each line goes too, or NULL */
	char *err;
	size_t errlen;
};

static bool
before(const struct vtime *v, uint32_t a, uint32_t b)
{
	return v->vm[a].next < v->vm[b].next ||
	    (v->vm[a].next == v->vm[b].next && a < b);
}

static void
heap_push(struct vtime *v, uint32_t id)
{
	uint32_t i = v->nheap++;

	while (i > 0 && before(v, id, v->heap[(i - 1) / 2])) {
		v->heap[i] = v->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	v->heap[i] = id;
}

static uint32_t
heap_pop(struct vtime *v)
{
	uint32_t top = v->heap[0], last = v->heap[--v->nheap], i = 0;

	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= v->nheap)
			break;
		if (c + 1 < v->nheap && before(v, v->heap[c + 1], v->heap[c]))
			c++;
		if (!before(v, v->heap[c], last))
			break;
		v->heap[i] = v->heap[c];
		i = c;
	}
	if (v->nheap > 0)
		v->heap[i] = last;
	return top;
}

/* The VM's next tick into the queue, or it is done. */
static void
schedule(struct vtime *v, uint32_t id)
{
	struct vvm *m = &v->vm[id];

	if (sched_next(&m->sched, &m->next))
		heap_push(v, id);
	else
		m->state = V_DONE;
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

/* Log lines of VM id stamped t: on a write error the VM ends in error. */
static void
put(struct vtime *v, uint32_t id, const struct core_line *line, uint32_t n,
    uint64_t t)
{
	struct vvm *m = &v->vm[id];

	for (uint32_t i = 0; i < n && m->state != V_STOPPED; i++)
		if (logw_event(m->log, &line[i].ev, t, line[i].queue_len) == -1)
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
tick(struct vtime *v, uint32_t id)
{
	struct vvm *m = &v->vm[id];
	struct core_out out;
	uint64_t t = m->next;

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
	struct live *live = v->r->live;

	for (uint64_t events = 0; !v->over; events++) {
		if (events % STOP_EVERY == 0 && *stop)
			return 0;
		uint64_t tk = v->kills_done < v->nkill ?
		    kill_time(v, v->kills_done) : NEVER;
		uint64_t tt = v->nheap > 0 ? v->vm[v->heap[0]].next : NEVER;
		if (tk == NEVER && tt == NEVER)
			return 0;
		if (live != NULL && live_until(live, tk < tt ? tk : tt) == -1)
			return 0;
		if (tk <= tt) {
			v->now = tk;
			kill_one(v, v->kill[v->kills_done++]);
			continue;
		}
		uint32_t id = heap_pop(v);
		v->now = tt;
		if (v->vm[id].state == V_TICKING && tick(v, id) == -1)
			return -1;
	}
	return 0;
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
	if ((m->log = logw_open(path, id, o->vector ? o->vms : 0, v->err,
	    v->errlen)) == NULL)
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

/* Close every log; the first that cannot be written out ends its VM in error. */
static void
close_all(struct vtime *v)
{
	char why[256];

	for (uint32_t id = 0; id < v->n; id++) {
		struct vvm *m = &v->vm[id];
		if (m->log != NULL && logw_close(m->log, why, sizeof why) == -1 &&
		    m->state != V_DEAD) {
			v->r->end[id] = (struct vmend){ VMEND_ERROR, 0 };
			if (v->r->error[0] == '\0')
				snprintf(v->r->error, sizeof v->r->error, "vm %u: "
				    "%.200s", (unsigned)id, why);
		}
		core_free(&m->core);
	}
}

int
vtime_run(struct run *r, const volatile sig_atomic_t *stop, char *err,
    size_t errlen)
{
	struct vtime v = { .r = r, .n = r->o->vms, .err = err, .errlen = errlen,
		.feed = live_feed(r->live) };
	uint64_t duration = (uint64_t)llround(r->o->duration_s * 1e9);
	int rc = -1;

	r->start_wall_ns = 0;	/* wall_ns is model time */
	r->end_wall_ns = duration;
	v.vm = calloc(v.n, sizeof *v.vm);
	v.heap = calloc(v.n, sizeof *v.heap);
	if (v.vm == NULL || v.heap == NULL) {
		snprintf(err, errlen, "out of memory");
		goto done;
	}
	sort_kills(&v);
	for (uint32_t id = 0; id < v.n; id++)
		if (open_vm(&v, id) == -1)
			goto done;
	live_start(r->live, clock_mono_ns());
	if (run_events(&v, stop) == -1) {
		snprintf(err, errlen, "out of memory");
		goto done;
	}
	/* A run that ran its course ends at its planned end, or after the
	 * last catch-up tick of a pause that ended near it. */
	rc = finish(&v, v.over || *stop || v.now > duration ? v.now : duration);
	if (rc == -1)
		snprintf(err, errlen, "out of memory");
done:
	close_all(&v);
	free(v.vm);
	free(v.heap);
	return rc;
}
