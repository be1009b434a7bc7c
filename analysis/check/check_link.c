/* analysis/check/check_link.c -- message accounting: each arrives once, in order */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/check/checker.h"
#include "analysis/rundir/logread.h"
#include "vm/core/fifo.h"
#include "vm/core/vmend.h"

/*
 * Each directed link s->d is one TCP connection, so the receipts of d from
 * s (RECV, then PENDING) must be the SENDs of s to d, one for one and in
 * order. Both ends come from one stream of all logs, in whatever order it
 * brings them, and each link matches them up as they come:
 *
 *  - sends still waiting for a receipt (messages in flight) are queued;
 *  - a receipt takes the next send if that is its message, and otherwise
 *    is judged as soon as the sender has logged a later send on the link
 *    (or its log has ended): until then it waits, as its send may come
 *    later in the stream (when the receiver's wall clock runs ahead of
 *    the sender's). At most `window` receipts wait per link; beyond that
 *    the oldest is judged at once, so a receipt naming a far future seq
 *    cannot hold the rest back without bound;
 *  - the sends the receipts have gone past stay in a window of the last
 *    `window` of them, received or not: enough to name a duplicate or a
 *    reordering within that distance. A receipt further out of place than
 *    that is reported as lost + unsent.
 *
 * Memory grows with the messages in flight and the window, never with the
 * length of the run.
 *
 * With vectors, a send ahead keeps its vector and a waiting receipt its
 * own (and a RECV the receiver's vector before it), right behind their
 * struct end in the FIFO item; the window keeps none. A receipt's vector
 * is judged when it meets its send ahead, in order: one met in the window
 * is out of order or a duplicate, a violation already.
 *
 * That the clocks agree (a happened before b by the vectors, then L(a) <
 * L(b)) is judged on the edges happened-before is made of: each VM's
 * order (check_file.c) and each message, from its SEND to its RECV. Any
 * a -> b is a path of such edges, and L rises along each one that is
 * judged, so L(a) < L(b) follows; all pairs need not be compared.
 */
#define HISTORY		(1u << 19)	/* window entries over all links */
#define WINDOW_MIN	(1u << 10)
#define WINDOW_MAX	(1u << 16)

/* One end of a message, as its line logged it. */
struct end {
	uint64_t seq;		/* the SEND's seq; a receipt's src_seq */
	uint64_t lamport;	/* its clock; the clock a receipt carried */
	unsigned long line;	/* of the line in its log */
	unsigned long recv_line;	/* a send's receipt; 0 while none */
	uint64_t clock;		/* a receipt's own lamport */
	enum log_kind kind;	/* a receipt's: RECV or PENDING */
};

struct link {
	uint32_t src, dst;
	int off;		/* a log of the link was not read whole */
	struct fifo past;	/* the window: sends receipts went past */
	struct fifo ahead;	/* sends no receipt has reached yet */
	struct fifo early;	/* receipts waiting for their send */
	uint64_t hi_seq;	/* highest seq received in order so far */
	unsigned long hi_line;
	int have_hi;
	int ended;		/* every log was read: nothing more comes */
	uint64_t nlost;		/* sends lost with a dead end of the link */
	uint64_t lost_seq[CHECK_LOST_SHOWN];	/* the first of them */
};

struct links {
	struct checker *c;
	size_t window;		/* sends kept in a link's past, receipts
				 * waiting at most */
	struct link *link;	/* 2 * nvms: src * 2 + 0 to next, + 1 to prev */
	uint32_t nv;		/* vector length, 0: none */
	struct end *receipt;	/* room for one receipt and its vectors */
};

/* The vector behind an item's struct end (the line's), and a RECV's before. */
static uint64_t *
vec_of(const struct end *x)
{
	return (uint64_t *)(x + 1);
}

static uint64_t *
before_of(const struct links *ls, const struct end *x)
{
	return vec_of(x) + ls->nv;
}

static size_t
receipt_size(const struct links *ls)
{
	return sizeof (struct end) + 2 * ls->nv * sizeof (uint64_t);
}

/* As many entries per link as HISTORY allows, a power of two in bounds. */
static size_t
window_size(uint32_t nvms)
{
	size_t w = WINDOW_MAX;

	while (w > WINDOW_MIN && w * 2 * nvms > HISTORY)
		w /= 2;
	return w;
}

int
check_links_new(struct checker *c)
{
	struct links *ls = calloc(1, sizeof *ls);
	uint32_t n = c->nvms;

	if (ls == NULL || (ls->link = calloc(2 * (size_t)n,
	    sizeof *ls->link)) == NULL) {
		free(ls);
		return -1;
	}
	ls->c = c;
	ls->window = window_size(n);
	ls->nv = c->nvec;
	if ((ls->receipt = malloc(receipt_size(ls))) == NULL) {
		free(ls->link);
		free(ls);
		return -1;
	}
	for (uint32_t s = 0; s < n; s++) {
		for (int k = 0; k < 2; k++) {
			struct link *l = &ls->link[2 * s + (uint32_t)k];
			l->src = s;
			l->dst = k == 0 ? (s + 1) % n : (s + n - 1) % n;
			/* With 2 VMs next is prev: one link, the first. */
			l->off = k == 1 && n == 2;
			fifo_init(&l->past, sizeof (struct end));
			fifo_init(&l->ahead, sizeof (struct end) +
			    ls->nv * sizeof (uint64_t));
			fifo_init(&l->early, receipt_size(ls));
		}
	}
	c->links = ls;
	return 0;
}

static void
link_free(struct link *l)
{
	fifo_free(&l->past);
	fifo_free(&l->ahead);
	fifo_free(&l->early);
}

void
check_links_free(struct checker *c)
{
	if (c->links == NULL)
		return;
	for (uint32_t i = 0; i < 2 * c->nvms; i++)
		link_free(&c->links->link[i]);
	free(c->links->link);
	free(c->links->receipt);
	free(c->links);
	c->links = NULL;
}

/* The link from src to dst, or NULL if they are not neighbours. */
static struct link *
find_link(struct links *ls, uint32_t src, uint32_t dst)
{
	uint32_t n = ls->c->nvms;

	if (src >= n)
		return NULL;
	if (dst == (src + 1 == n ? 0 : src + 1))
		return &ls->link[2 * src];
	if (dst == (src == 0 ? n - 1 : src - 1))
		return &ls->link[2 * src + 1];
	return NULL;
}

static void
lost(struct links *ls, const struct link *l, const struct end *x)
{
	check_log_violation(ls->c, l->src, x->line, RULE_LOST, "message to vm%"
	    PRIu32 " (seq %" PRIu64 ", lamport %" PRIu64 ") never received",
	    l->dst, x->seq, x->lamport);
}

static struct end *
first(const struct fifo *q)
{
	return fifo_at(q, 0);
}

/*
 * Move the oldest send ahead into the window; the window's oldest makes
 * room, lost if unreceived. Returns the moved send, or NULL when out of
 * memory.
 */
static struct end *
pass(struct links *ls, struct link *l)
{
	struct end *x;

	if (l->past.len == ls->window) {
		if (first(&l->past)->recv_line == 0)
			lost(ls, l, first(&l->past));
		fifo_pop(&l->past);
	}
	if ((x = fifo_push(&l->past)) == NULL)
		return NULL;
	*x = *first(&l->ahead);
	fifo_pop(&l->ahead);
	return x;
}

/* Entries are in seq order, as the sender logged them: binary search. */
static struct end *
past_find(const struct link *l, uint64_t seq)
{
	size_t lo = 0, hi = l->past.len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		struct end *x = fifo_at(&l->past, mid);
		if (x->seq == seq)
			return x;
		if (x->seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* x was sent and is received for the first time by r. */
static void
deliver(struct links *ls, struct link *l, struct end *x, const struct end *r)
{
	char tx_path[CHECK_LOG_PATH_MAX];

	x->recv_line = r->line;
	if (l->have_hi && x->seq < l->hi_seq)
		check_log_violation(ls->c, l->dst, r->line, RULE_FIFO,
		    "message from vm%" PRIu32 " seq %" PRIu64 " arrived after "
		    "its later message seq %" PRIu64 " (line %lu)", l->src,
		    x->seq, l->hi_seq, l->hi_line);
	else {
		l->hi_seq = x->seq;
		l->hi_line = r->line;
		l->have_hi = 1;
	}
	if (r->lamport == x->lamport)
		return;
	check_log_path(ls->c, l->src, tx_path, sizeof tx_path);
	check_log_violation(ls->c, l->dst, r->line, RULE_MSG_CLOCK,
	    "message from vm%" PRIu32 " seq %" PRIu64 " carries lamport %"
	    PRIu64 ", but its SEND (%s:%lu) logged %" PRIu64, l->src, x->seq,
	    r->lamport, tx_path, x->line, x->lamport);
}

/* A receipt whose send is not ahead: among the past ones, or none. */
static void
judge_late(struct links *ls, struct link *l, const struct end *r)
{
	struct end *x = past_find(l, r->seq);

	if (x == NULL)
		check_log_violation(ls->c, l->dst, r->line, RULE_UNSENT,
		    "message from vm%" PRIu32 " seq %" PRIu64 ", but vm%" PRIu32
		    " logged no SEND to vm%" PRIu32 " with that seq", l->src,
		    r->seq, l->src, l->dst);
	else if (x->recv_line != 0)
		check_log_violation(ls->c, l->dst, r->line, RULE_DUPLICATE,
		    "message from vm%" PRIu32 " seq %" PRIu64 " already "
		    "received on line %lu", l->src, x->seq, x->recv_line);
	else
		deliver(ls, l, x, r);
}

/* A RECV's vector entry k is max(before, message) but for its own. */
static void
judge_recv_vector(struct links *ls, const struct link *l, const struct end *x,
    const struct end *r)
{
	const uint64_t *m = vec_of(x), *v = vec_of(r), *b = before_of(ls, r);

	for (uint32_t k = 0; k < ls->nv; k++) {
		uint64_t top = m[k] > b[k] ? m[k] : b[k];
		if (k == l->dst || v[k] == top)
			continue;
		check_log_violation(ls->c, l->dst, r->line, RULE_RECV_VECTOR,
		    "RECV of vm%" PRIu32 " seq %" PRIu64 " sets vector entry %"
		    PRIu32 " to %" PRIu64 ", expected max(%" PRIu64 ", %" PRIu64
		    ") = %" PRIu64, l->src, x->seq, k, v[k], b[k], m[k], top);
		return;
	}
}

/*
 * Receipt r meets its send x, ahead: a PENDING names the message's vector,
 * which must be its SEND's; a RECV takes the max with it, and, after the
 * SEND by the vectors, has the larger Lamport clock.
 */
static void
judge_vectors(struct links *ls, const struct link *l, const struct end *x,
    const struct end *r)
{
	char tx_path[CHECK_LOG_PATH_MAX];
	int k;

	if (ls->nv == 0)
		return;
	if (r->kind == LOG_PENDING) {
		if ((k = check_vec_differ(vec_of(r), vec_of(x), ls->nv)) < 0)
			return;
		check_log_path(ls->c, l->src, tx_path, sizeof tx_path);
		check_log_violation(ls->c, l->dst, r->line, RULE_MSG_VECTOR,
		    "PENDING of vm%" PRIu32 " seq %" PRIu64 " has vector entry %d "
		    "%" PRIu64 ", but its SEND (%s:%lu) had %" PRIu64, l->src,
		    x->seq, k, vec_of(r)[k], tx_path, x->line, vec_of(x)[k]);
		return;
	}
	judge_recv_vector(ls, l, x, r);
	if (x->lamport < r->clock ||
	    !check_vec_before(vec_of(x), vec_of(r), ls->nv))
		return;
	check_log_path(ls->c, l->src, tx_path, sizeof tx_path);
	check_log_violation(ls->c, l->dst, r->line, RULE_CLOCKS_AGREE,
	    "the SEND of vm%" PRIu32 " seq %" PRIu64 " (%s:%lu) happened "
	    "before this RECV by the vectors, but its lamport %" PRIu64
	    " is not below this one's %" PRIu64, l->src, x->seq, tx_path,
	    x->line, x->lamport, r->clock);
}

/*
 * Match receipt r: 1 judged, 0 its send may still come, -1 out of memory.
 * force judges it now, as if the sender's log had ended.
 */
static int
match(struct links *ls, struct link *l, const struct end *r, int force)
{
	struct end *x;

	while (l->ahead.len > 0 && first(&l->ahead)->seq <= r->seq) {
		if (first(&l->ahead)->seq == r->seq)
			judge_vectors(ls, l, first(&l->ahead), r);
		if ((x = pass(ls, l)) == NULL)
			return -1;
		if (x->seq == r->seq) {
			deliver(ls, l, x, r);
			return 1;
		}
	}
	if (l->ahead.len == 0 && !force && !l->ended)
		return 0;
	judge_late(ls, l, r);
	return 1;
}

/* Judge the receipts that waited, oldest first, while they can be. */
static int
drain(struct links *ls, struct link *l)
{
	int rc;

	while (l->early.len > 0) {
		if ((rc = match(ls, l, first(&l->early), 0)) != 1)
			return rc;
		fifo_pop(&l->early);
	}
	return 0;
}

/* A line's vector, or zeros where it has none of the run's length (a
 * violation of the per-file rules already). */
static void
vec_copy(const struct links *ls, uint64_t *to, const struct log_event *ev)
{
	if (ev->nvec == ls->nv)
		memcpy(to, ev->vec, ls->nv * sizeof *to);
	else
		memset(to, 0, ls->nv * sizeof *to);
}

static int
on_send(struct links *ls, struct link *l, const struct log_event *ev)
{
	struct end *x;

	if (l == NULL || l->off)
		return 0;	/* not a neighbour: a neighbour violation */
	if ((x = fifo_push(&l->ahead)) == NULL)
		return -1;
	*x = (struct end){ ev->seq, ev->lamport, ev->line, 0, 0, LOG_SEND };
	if (ls->nv > 0)
		vec_copy(ls, vec_of(x), ev);
	return l->early.len > 0 ? drain(ls, l) : 0;
}

static int
on_receipt(struct links *ls, struct link *l, const struct log_event *ev)
{
	struct end *r = ls->receipt, *w;
	int rc;

	if (l == NULL || l->off)
		return 0;
	*r = (struct end){ ev->src_seq, ev->msg_lamport, ev->line, 0,
	    ev->lamport, ev->kind };
	if (ls->nv > 0) {
		vec_copy(ls, vec_of(r), ev);
		if (ev->kind == LOG_RECV)
			memcpy(before_of(ls, r), check_file_vector_before(ls->c,
			    l->dst), ls->nv * sizeof (uint64_t));
	}
	if (l->early.len == ls->window) {
		/* Too many wait: the oldest is judged now, then who can be. */
		if (match(ls, l, first(&l->early), 1) == -1)
			return -1;
		fifo_pop(&l->early);
		if (drain(ls, l) == -1)
			return -1;
	}
	/* Receipts are judged in the order the receiver logged them. */
	if (l->early.len == 0 && (rc = match(ls, l, r, 0)) != 0)
		return rc == 1 ? 0 : -1;
	if ((w = fifo_push(&l->early)) == NULL)
		return -1;
	memcpy(w, r, receipt_size(ls));
	return 0;
}

/*
 * A DROP takes back its SEND: the message never left. It is the newest
 * send of its link, as the DROP line follows its SEND (the per-file rules
 * say so when it does not).
 */
static void
on_drop(struct link *l, const struct log_event *ev)
{
	struct end *x;

	if (l == NULL || l->off || l->ahead.len == 0)
		return;
	x = fifo_at(&l->ahead, l->ahead.len - 1);
	if (x->seq == ev->src_seq)
		fifo_unpush(&l->ahead);
}

/* A line of VM vm's log, in file order, from the stream of all logs. */
int
check_link_event(struct checker *c, uint32_t vm, const struct log_event *ev)
{
	struct links *ls = c->links;

	if (ev->kind == LOG_SEND) {
		if (on_send(ls, find_link(ls, vm, ev->peers[0]), ev) == -1)
			return -1;
		/* N = 2 names the one peer twice at worst: one message. */
		if (ev->npeers == 2 && ev->peers[1] != ev->peers[0])
			return on_send(ls, find_link(ls, vm, ev->peers[1]), ev);
		return 0;
	}
	if (ev->kind == LOG_RECV || ev->kind == LOG_PENDING)
		return on_receipt(ls, find_link(ls, ev->peers[0], vm), ev);
	if (ev->kind == LOG_DROP || ev->kind == LOG_LOSS)
		on_drop(find_link(ls, vm, ev->peers[0]), ev);
	return 0;
}

void
check_links_drop(struct checker *c, uint32_t vm)
{
	if (c->links == NULL)
		return;
	for (uint32_t i = 0; i < 2 * c->nvms; i++) {
		struct link *l = &c->links->link[i];
		if (l->src == vm || l->dst == vm) {
			l->off = 1;
			link_free(l);
		}
	}
}

/* x was in flight when an end of the link died: lost with it, not a fault. */
static void
lost_with_dead(struct links *ls, struct link *l, const struct end *x)
{
	if (l->nlost < CHECK_LOST_SHOWN)
		l->lost_seq[l->nlost] = x->seq;
	l->nlost++;
	ls->c->vm[l->src].lost++;
	if (l->dst != l->src)
		ls->c->vm[l->dst].lost++;
}

/*
 * Every log has ended: waiting receipts are judged, unreceived sends lost.
 * Those a receipt went past were lost on a live link: a violation whatever
 * became of its ends. The rest were the last ones sent: if either end died,
 * they were in flight, or queued at the receiver, when it did.
 */
static int
link_end(struct links *ls, struct link *l)
{
	const struct vm_figures *vm = ls->c->vm;
	int dead_end = vm[l->src].dead || vm[l->dst].dead;

	l->ended = 1;
	if (drain(ls, l) == -1)
		return -1;
	for (size_t i = 0; i < l->past.len; i++)
		if (((struct end *)fifo_at(&l->past, i))->recv_line == 0)
			lost(ls, l, fifo_at(&l->past, i));
	for (size_t i = 0; i < l->ahead.len; i++) {
		if (dead_end)
			lost_with_dead(ls, l, fifo_at(&l->ahead, i));
		else
			lost(ls, l, fifo_at(&l->ahead, i));
	}
	return 0;
}

int
check_links_end(struct checker *c)
{
	for (uint32_t i = 0; i < 2 * c->nvms; i++)
		if (!c->links->link[i].off &&
		    link_end(c->links, &c->links->link[i]) == -1)
			return -1;
	return 0;
}

/* Messages lost with dead VMs over every link; 0 if links were not judged. */
uint64_t
check_links_lost(const struct checker *c)
{
	uint64_t n = 0;

	for (uint32_t i = 0; c->links != NULL && i < 2 * c->nvms; i++)
		n += c->links->link[i].nlost;
	return n;
}

/* One line per link that lost messages with a dead end: which ones. */
void
check_links_tell_lost(const struct checker *c)
{
	char how[VMEND_TEXT_MAX];

	for (uint32_t i = 0; c->links != NULL && i < 2 * c->nvms; i++) {
		const struct link *l = &c->links->link[i];
		uint32_t dead = c->vm[l->dst].dead ? l->dst : l->src;
		if (l->nlost == 0)
			continue;
		vmend_format(&c->meta.end[dead], how, sizeof how);
		fprintf(c->out, "lost with vm%" PRIu32 " (%s): %" PRIu64
		    " message%s vm%" PRIu32 "->vm%" PRIu32 ", seq", dead,
		    how, l->nlost, l->nlost == 1 ? "" : "s",
		    l->src, l->dst);
		for (uint64_t k = 0; k < l->nlost && k < CHECK_LOST_SHOWN; k++)
			fprintf(c->out, " %" PRIu64, l->lost_seq[k]);
		fprintf(c->out, "%s\n", l->nlost > CHECK_LOST_SHOWN ? " ..." : "");
	}
}
