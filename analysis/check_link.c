/* analysis/check_link.c -- message accounting: each arrives once, in order */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/checker.h"
#include "analysis/logread.h"

/*
 * Each directed link s->d is one TCP connection, so the receipts of d from
 * s (RECV, then PENDING) must be the SENDs of s to d, one for one and in
 * order. We stream both logs side by side and keep only a window of the
 * last WINDOW sends passed: enough to name a duplicate or a reordering
 * within that distance, and a fixed 2 MiB however long the run is. A
 * receipt further out of place than that is reported as lost + unsent.
 */
#define WINDOW	(1u << 16)

struct sent {
	uint64_t seq, lamport;	/* the SEND's seq and clock */
	unsigned long line;	/* of the SEND in the sender's log */
	unsigned long recv_line;	/* of its receipt; 0 while none */
};

struct link {
	struct checker *c;
	uint32_t src, dst;
	struct logread *tx, *rx;	/* the sender's and receiver's logs */
	char tx_path[CHECK_PATH_MAX + 16], rx_path[CHECK_PATH_MAX + 16];
	struct sent next;	/* the sender's next SEND to dst, not in win */
	int have_next;
	struct sent *win;	/* ring of WINDOW entries, oldest at head */
	size_t head, n;
	uint64_t hi_seq;	/* highest seq received in order so far */
	unsigned long hi_line;
	int have_hi;
	char *err;		/* where a read failure is described */
	size_t errlen;
};

static int
sends_to(const struct log_event *ev, uint32_t dst)
{
	for (uint32_t i = 0; i < ev->npeers; i++)
		if (ev->peers[i] == dst)
			return 1;
	return 0;
}

/* Advance to the sender's next SEND to dst; 0, or -1 on a read failure. */
static int
pull_send(struct link *l)
{
	struct log_event ev;
	int rc;

	while ((rc = logread_next(l->tx, &ev, l->err, l->errlen)) == 1) {
		if (ev.kind == LOG_SEND && sends_to(&ev, l->dst)) {
			l->next = (struct sent){ ev.seq, ev.lamport, ev.line,
			    0 };
			l->have_next = 1;
			return 0;
		}
	}
	l->have_next = 0;
	return rc == 0 ? 0 : -1;
}

/* The receiver's next RECV or PENDING from src: 1, 0 at the end, -1. */
static int
pull_receipt(struct link *l, struct log_event *ev)
{
	int rc;

	while ((rc = logread_next(l->rx, ev, l->err, l->errlen)) == 1)
		if ((ev->kind == LOG_RECV || ev->kind == LOG_PENDING) &&
		    ev->peers[0] == l->src)
			return 1;
	return rc;
}

static void
lost(struct link *l, const struct sent *x)
{
	check_violation(l->c, l->tx_path, x->line, RULE_LOST, "message to vm%"
	    PRIu32 " (seq %" PRIu64 ", lamport %" PRIu64 ") never received",
	    l->dst, x->seq, x->lamport);
}

static struct sent *
win_at(const struct link *l, size_t i)
{
	return &l->win[(l->head + i) % WINDOW];
}

/* Keep x as the newest entry; the oldest makes room, lost if unreceived. */
static struct sent *
win_push(struct link *l, const struct sent *x)
{
	struct sent *slot;

	if (l->n == WINDOW) {
		if (win_at(l, 0)->recv_line == 0)
			lost(l, win_at(l, 0));
		l->head = (l->head + 1) % WINDOW;
		l->n--;
	}
	slot = win_at(l, l->n++);
	*slot = *x;
	return slot;
}

/* Entries are in seq order, as the sender logged them: binary search. */
static struct sent *
win_find(const struct link *l, uint64_t seq)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		struct sent *x = win_at(l, mid);
		if (x->seq == seq)
			return x;
		if (x->seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* x was sent and is received for the first time by ev. */
static void
deliver(struct link *l, struct sent *x, const struct log_event *ev)
{
	x->recv_line = ev->line;
	if (l->have_hi && x->seq < l->hi_seq)
		check_violation(l->c, l->rx_path, ev->line, RULE_FIFO,
		    "message from vm%" PRIu32 " seq %" PRIu64 " arrived after "
		    "its later message seq %" PRIu64 " (line %lu)", l->src,
		    x->seq, l->hi_seq, l->hi_line);
	else {
		l->hi_seq = x->seq;
		l->hi_line = ev->line;
		l->have_hi = 1;
	}
	if (ev->msg_lamport != x->lamport)
		check_violation(l->c, l->rx_path, ev->line, RULE_MSG_CLOCK,
		    "message from vm%" PRIu32 " seq %" PRIu64 " carries "
		    "lamport %" PRIu64 ", but its SEND (%s:%lu) logged %"
		    PRIu64, l->src, x->seq, ev->msg_lamport, l->tx_path,
		    x->line, x->lamport);
}

/* Match one receipt: the usual case is the sender's next SEND to us. */
static int
on_receipt(struct link *l, const struct log_event *ev)
{
	struct sent *x;

	while (l->have_next && l->next.seq <= ev->src_seq) {
		x = win_push(l, &l->next);
		if (pull_send(l) == -1)
			return -1;
		if (x->seq == ev->src_seq) {
			deliver(l, x, ev);
			return 0;
		}
	}
	if ((x = win_find(l, ev->src_seq)) == NULL)
		check_violation(l->c, l->rx_path, ev->line, RULE_UNSENT,
		    "message from vm%" PRIu32 " seq %" PRIu64 ", but vm%" PRIu32
		    " logged no SEND to vm%" PRIu32 " with that seq", l->src,
		    ev->src_seq, l->src, l->dst);
	else if (x->recv_line != 0)
		check_violation(l->c, l->rx_path, ev->line, RULE_DUPLICATE,
		    "message from vm%" PRIu32 " seq %" PRIu64 " already "
		    "received on line %lu", l->src, x->seq, x->recv_line);
	else
		deliver(l, x, ev);
	return 0;
}

static int
walk(struct link *l)
{
	struct log_event ev;
	int rc;

	if (pull_send(l) == -1)
		return -1;
	while ((rc = pull_receipt(l, &ev)) == 1)
		if (on_receipt(l, &ev) == -1)
			return -1;
	if (rc == -1)
		return -1;
	/* What is left was never received. */
	for (size_t i = 0; i < l->n; i++)
		if (win_at(l, i)->recv_line == 0)
			lost(l, win_at(l, i));
	while (l->have_next) {
		lost(l, &l->next);
		if (pull_send(l) == -1)
			return -1;
	}
	return 0;
}

static int
check_link(struct checker *c, uint32_t src, uint32_t dst, struct sent *win,
    char *err, size_t errlen)
{
	struct link l = { .c = c, .src = src, .dst = dst, .win = win,
	    .err = err, .errlen = errlen };
	int rc = -1;

	check_log_path(c, src, l.tx_path, sizeof l.tx_path);
	check_log_path(c, dst, l.rx_path, sizeof l.rx_path);
	if ((l.tx = logread_open(l.tx_path, err, errlen)) != NULL &&
	    (l.rx = logread_open(l.rx_path, err, errlen)) != NULL)
		rc = walk(&l);
	logread_close(l.tx);
	logread_close(l.rx);
	return rc;
}

/*
 * Walk every directed link between ring neighbours whose two logs parsed.
 * Each log is read again once per link it is on: a handful of passes, in
 * constant memory. -1 with err set if a log could not be read again.
 */
int
check_links(struct checker *c, char *err, size_t errlen)
{
	struct sent *win = malloc(WINDOW * sizeof *win);
	int rc = 0;

	if (win == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (uint32_t s = 0; s < c->nvms && rc == 0; s++) {
		uint32_t next = (s + 1) % c->nvms;
		uint32_t prev = (s + c->nvms - 1) % c->nvms;

		if (c->vm[s].readable && c->vm[next].readable)
			rc = check_link(c, s, next, win, err, errlen);
		if (rc == 0 && prev != next && c->vm[s].readable &&
		    c->vm[prev].readable)
			rc = check_link(c, s, prev, win, err, errlen);
	}
	free(win);
	return rc;
}
