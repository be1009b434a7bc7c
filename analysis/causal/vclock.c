/* analysis/causal/vclock.c -- the vector clock of every tick of a run, rebuilt from the logs' message identities */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/causal/vclock.h"
#include "analysis/rundir/logread.h"
#include "analysis/rundir/runinfo.h"

/*
 * A RECV names its SEND by (sender, seq), so the logs alone give the
 * happened-before graph: each VM's ticks in order, plus an edge from each
 * SEND to each RECV of its message. Walking each VM's ticks, a RECV waits
 * until its SEND has been given an order, which yields a causal order in
 * which every vector is the element-wise max of the VM's previous one and
 * the SEND's, plus one for the VM's own entry: the vector-clock rule.
 */

struct tick {
	struct vclock_event e;
	uint32_t from;		/* RECV: the sender */
	uint64_t src_seq;	/* RECV: its SEND's seq */
	size_t at;		/* its index in the order, once given one */
};

struct lane {
	struct tick *t;
	size_t n, cap;
	size_t next;		/* ticks ordered so far */
	uint32_t wait_vm;	/* blocked on tick wait_k of VM wait_vm */
	size_t wait_k;
	uint32_t waiter;	/* the next VM blocked on the same one, or n */
};

struct vclock_build {
	uint32_t n;
	struct lane *lane;
	uint32_t *waiters;	/* per VM: the first VM blocked on it, or n */
};

struct vclock_build *
vclock_build_new(uint32_t n)
{
	struct vclock_build *b = calloc(1, sizeof *b);

	if (b == NULL || (b->lane = calloc(n, sizeof *b->lane)) == NULL ||
	    (b->waiters = malloc(n * sizeof *b->waiters)) == NULL) {
		if (b != NULL)
			free(b->lane);
		free(b);
		return NULL;
	}
	b->n = n;
	for (uint32_t i = 0; i < n; i++)
		b->waiters[i] = n;
	return b;
}

void
vclock_build_free(struct vclock_build *b)
{
	for (uint32_t i = 0; b != NULL && i < b->n; i++)
		free(b->lane[i].t);
	if (b != NULL) {
		free(b->lane);
		free(b->waiters);
	}
	free(b);
}

int
vclock_build_add(struct vclock_build *b, const struct log_event *ev)
{
	struct lane *l;

	if (ev->vm >= b->n) {
		errno = EINVAL;
		return -1;
	}
	if (ev->kind != LOG_INTERNAL && ev->kind != LOG_SEND &&
	    ev->kind != LOG_RECV)
		return 0;
	l = &b->lane[ev->vm];
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 256;
		struct tick *t = realloc(l->t, cap * sizeof *t);
		if (t == NULL)
			return -1;
		l->t = t;
		l->cap = cap;
	}
	l->t[l->n++] = (struct tick){
		.e = { .vm = ev->vm, .kind = ev->kind, .seq = ev->seq,
		    .wall_ns = ev->wall_ns, .lamport = ev->lamport,
		    .queue_len = ev->queue_len, .send = VCLOCK_NONE },
		.from = ev->peers[0], .src_seq = ev->src_seq, .at = VCLOCK_NONE };
	return 0;
}

/* The tick of lane l with this seq, if it is a SEND: its index, or n. */
static size_t
find_send(const struct lane *l, uint64_t seq)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->t[mid].e.seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->t[lo].e.seq == seq &&
	    l->t[lo].e.kind == LOG_SEND ? lo : l->n;
}

/* Give tick t of VM i the next place in the order, and its vector. */
static void
place(struct vclock_build *b, struct vclock_run *r, uint32_t i,
    struct tick *t, const struct tick *send)
{
	uint32_t n = b->n, *v = r->v + r->nev * n;
	struct lane *l = &b->lane[i];

	if (l->next > 0)
		memcpy(v, vclock_of(r, l->t[l->next - 1].at), n * sizeof *v);
	else
		memset(v, 0, n * sizeof *v);
	if (send != NULL) {
		const uint32_t *sv = vclock_of(r, send->at);
		for (uint32_t k = 0; k < n; k++)
			v[k] = sv[k] > v[k] ? sv[k] : v[k];
		t->e.send = send->at;
	}
	v[i]++;
	t->at = r->nev;
	r->ev[r->nev++] = t->e;
	l->next++;
}

/* The VMs blocked on VM i's ticks placed by now go on the stack. */
static void
wake(struct vclock_build *b, uint32_t i, uint32_t *stack, uint32_t *top)
{
	uint32_t *p = &b->waiters[i];

	while (*p != b->n) {
		struct lane *w = &b->lane[*p];
		if (w->wait_k < b->lane[i].next) {
			stack[(*top)++] = *p;
			*p = w->waiter;
		} else {
			p = &w->waiter;
		}
	}
}

/* Place VM i's ticks until one waits on a SEND not placed yet. */
static void
advance(struct vclock_build *b, struct vclock_run *r, uint32_t i,
    uint32_t *stack, uint32_t *top)
{
	struct lane *l = &b->lane[i];

	while (l->next < l->n) {
		struct tick *t = &l->t[l->next];
		const struct tick *send = NULL;
		if (t->e.kind == LOG_RECV && t->from < b->n) {
			struct lane *s = &b->lane[t->from];
			size_t k = find_send(s, t->src_seq);
			if (k < s->n && k >= s->next) {	/* not placed yet */
				l->wait_vm = t->from;
				l->wait_k = k;
				l->waiter = b->waiters[t->from];
				b->waiters[t->from] = i;
				return;
			}
			send = k < s->n ? &s->t[k] : NULL;
		}
		place(b, r, i, t, send);
		if (b->waiters[i] != b->n)
			wake(b, i, stack, top);
	}
}

int
vclock_build_end(struct vclock_build *b, struct vclock_run *r, char *err,
    size_t errlen)
{
	uint32_t n = b->n, top = 0, *stack = malloc((n ? n : 1) * sizeof *stack);
	size_t total = 0, cells;

	memset(r, 0, sizeof *r);
	for (uint32_t i = 0; i < n; i++)
		total += b->lane[i].n;
	r->n = n;
	cells = total * n;
	if (stack == NULL || (n > 0 && total > SIZE_MAX / n / sizeof *r->v) ||
	    (r->ev = malloc((total ? total : 1) * sizeof *r->ev)) == NULL ||
	    (r->v = malloc((cells ? cells : 1) * sizeof *r->v)) == NULL) {
		snprintf(err, errlen, "out of memory for the vector clocks of "
		    "%zu events", total);
		goto fail;
	}
	for (uint32_t i = n; i > 0; i--)
		stack[top++] = i - 1;
	while (top > 0) {
		uint32_t i = stack[--top];
		advance(b, r, i, stack, &top);
	}
	if (r->nev < total) {
		for (uint32_t i = 0; i < n; i++)
			if (b->lane[i].next < b->lane[i].n) {
				const struct tick *t = &b->lane[i].t[b->lane[i].next];
				snprintf(err, errlen, "vm%" PRIu32 " seq %" PRIu64
				    " receives a message whose SEND comes after "
				    "it, in a cycle of RECVs", i, t->e.seq);
				break;
			}
		goto fail;
	}
	free(stack);
	vclock_build_free(b);
	return 0;
fail:
	free(stack);
	vclock_build_free(b);
	vclock_free(r);
	return -1;
}

void
vclock_free(struct vclock_run *r)
{
	free(r->ev);
	free(r->v);
	memset(r, 0, sizeof *r);
}

bool
vclock_before(const struct vclock_run *r, size_t a, size_t b)
{
	uint32_t i = r->ev[a].vm;

	return a != b && vclock_of(r, a)[i] <= vclock_of(r, b)[i];
}

/* Every tick of VM i's log, if it has one, into b, in the run's clock. */
static int
read_log(const struct runinfo *ri, uint32_t i, struct vclock_build *b,
    char *err, size_t errlen)
{
	char path[4096];
	struct logread *lr;
	struct log_event ev;
	int rc;

	snprintf(path, sizeof path, "%s/vm%" PRIu32 ".csv", ri->dir, i);
	if ((lr = logread_open(path, err, errlen)) == NULL)
		return errno == ENOENT ? 0 : -1;
	logread_in_run_clock(lr, ri->meta, i);
	while ((rc = logread_next(lr, &ev, err, errlen)) == 1)
		if (ev.vm != i) {
			snprintf(err, errlen, "%s:%lu: a line of vm %" PRIu32,
			    path, ev.line, ev.vm);
			rc = -1;
			break;
		} else if (vclock_build_add(b, &ev) == -1) {
			snprintf(err, errlen, "out of memory");
			rc = -1;
			break;
		}
	logread_close(lr);
	return rc == 0 ? 0 : -1;
}

int
vclock_load(const char *dir, struct vclock_run *r, char *err, size_t errlen)
{
	struct runinfo ri;
	struct vclock_build *b;

	memset(r, 0, sizeof *r);
	if (runinfo_load(&ri, dir, err, errlen) == -1)
		return -1;
	if ((b = vclock_build_new(ri.nvms)) == NULL) {
		snprintf(err, errlen, "out of memory");
		runinfo_free(&ri);
		return -1;
	}
	for (uint32_t i = 0; i < ri.nvms; i++)
		if (read_log(&ri, i, b, err, errlen) == -1) {
			vclock_build_free(b);
			runinfo_free(&ri);
			return -1;
		}
	runinfo_free(&ri);
	return vclock_build_end(b, r, err, errlen);
}
