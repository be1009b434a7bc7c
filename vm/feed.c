/* vm/feed.c -- what each VM tells a live view: exact figures and its recent events, in shared memory, never waiting */
#define _DEFAULT_SOURCE	/* MAP_ANONYMOUS: POSIX 2024 has it, _XOPEN_SOURCE 700 not yet */
#include <sys/mman.h>

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vm/core/logline.h"
#include "vm/feed.h"

/*
 * Each VM's channel is a ring of FEED_RING slots and a head, the number of
 * lines put so far: line i lives in slot i % FEED_RING until line i +
 * FEED_RING takes its place. The writer never looks at the reader. The
 * reader copies slots, then looks at the head again (a seqlock's second
 * look): a slot the writer may have begun to fill over meanwhile is
 * thrown away and counted lost. Every word is an atomic, so that the
 * copy of a slot being written is merely stale, never undefined, and
 * ThreadSanitizer agrees when writer and reader are threads of one
 * process (the virtual driver).
 */

#if ATOMIC_LLONG_LOCK_FREE != 2
#error "the feed needs lock-free 64-bit atomics: they are shared between processes"
#endif

enum { W_SEQ, W_WALL, W_LAMPORT, W_QUEUE, W_SRC_SEQ, W_MSG_LAMPORT, W_KIND,
	W_PEERS, WORDS };

struct chan {
	_Alignas(64) atomic_uint_fast64_t head;	/* lines put so far */
	atomic_uint_fast64_t lamport, queue_len, wall_ns;
	atomic_uint_fast64_t count[LOG_KINDS];
	_Alignas(64) atomic_uint_fast64_t slot[FEED_RING][WORDS];
};

struct feed {
	uint32_t n;
	size_t size;		/* bytes mapped */
	struct chan *chan;	/* n of them, mapped shared */
};

struct feed *
feed_new(uint32_t n)
{
	struct feed *f = calloc(1, sizeof *f);

	if (f == NULL)
		return NULL;
	f->n = n;
	f->size = n * sizeof *f->chan;
	/* Anonymous memory starts zeroed: every head and figure is 0. */
	f->chan = mmap(NULL, f->size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (f->chan == MAP_FAILED) {
		int e = errno;
		free(f);
		errno = e;
		return NULL;
	}
	return f;
}

void
feed_free(struct feed *f)
{
	if (f == NULL)
		return;
	munmap(f->chan, f->size);
	free(f);
}

static void
store(atomic_uint_fast64_t *w, uint64_t v)
{
	atomic_store_explicit(w, v, memory_order_relaxed);
}

static uint64_t
load(const atomic_uint_fast64_t *w)
{
	return atomic_load_explicit((atomic_uint_fast64_t *)w,
	    memory_order_relaxed);
}

void
feed_put(struct feed *f, uint32_t vm, const struct step_event *ev,
    uint64_t wall_ns, uint64_t queue_len)
{
	struct chan *c = &f->chan[vm];
	uint64_t h = load(&c->head);
	atomic_uint_fast64_t *s = c->slot[h % FEED_RING];
	struct log_event le;

	logline_of_step(&le, vm, ev, wall_ns, queue_len);
	/* A reader that copies a word stored after this fence finds, on its
	 * second look, a head of h at least: it knows the slot was reused. */
	atomic_thread_fence(memory_order_release);
	store(&s[W_SEQ], le.seq);
	store(&s[W_WALL], le.wall_ns);
	store(&s[W_LAMPORT], le.lamport);
	store(&s[W_QUEUE], le.queue_len);
	store(&s[W_SRC_SEQ], le.src_seq);
	store(&s[W_MSG_LAMPORT], le.msg_lamport);
	store(&s[W_KIND], (uint64_t)le.kind | (uint64_t)le.npeers << 8);
	store(&s[W_PEERS], le.peers[0] | (uint64_t)le.peers[1] << 32);
	store(&c->lamport, le.lamport);
	store(&c->queue_len, le.queue_len);
	store(&c->wall_ns, le.wall_ns);
	store(&c->count[le.kind], load(&c->count[le.kind]) + 1);
	atomic_store_explicit(&c->head, h + 1, memory_order_release);
}

void
feed_figures(const struct feed *f, uint32_t vm, struct feed_figures *fig)
{
	struct chan *c = &f->chan[vm];

	fig->lines = atomic_load_explicit(&c->head, memory_order_acquire);
	fig->lamport = load(&c->lamport);
	fig->queue_len = load(&c->queue_len);
	fig->wall_ns = load(&c->wall_ns);
	for (int k = 0; k < LOG_KINDS; k++)
		fig->count[k] = load(&c->count[k]);
}

static void
copy_slot(const atomic_uint_fast64_t *s, uint32_t vm, struct log_event *ev)
{
	uint64_t kind = load(&s[W_KIND]), peers = load(&s[W_PEERS]);

	*ev = (struct log_event){ .vm = vm, .seq = load(&s[W_SEQ]),
	    .kind = (enum log_kind)(kind & 0xff), .wall_ns = load(&s[W_WALL]),
	    .lamport = load(&s[W_LAMPORT]), .queue_len = load(&s[W_QUEUE]),
	    .npeers = (uint32_t)(kind >> 8), .src_seq = load(&s[W_SRC_SEQ]),
	    .msg_lamport = load(&s[W_MSG_LAMPORT]),
	    .peers = { (uint32_t)peers, (uint32_t)(peers >> 32) } };
	/* A torn copy is thrown away by the caller, but must not index out
	 * of bounds before that. */
	if (ev->kind >= LOG_KINDS)
		ev->kind = LOG_INTERNAL;
}

size_t
feed_read(const struct feed *f, uint32_t vm, uint64_t *next,
    struct log_event *out, size_t max, uint64_t *lost)
{
	struct chan *c = &f->chan[vm];
	uint64_t head = atomic_load_explicit(&c->head, memory_order_acquire);
	uint64_t from = *next, keep = max < FEED_RING ? max : FEED_RING;

	if (head - from > keep)
		from = head - keep;
	for (uint64_t i = from; i < head; i++)
		copy_slot(c->slot[i % FEED_RING], vm, &out[i - from]);
	atomic_thread_fence(memory_order_acquire);
	/* Slot i was safe to copy if the writer had not yet begun line
	 * i + FEED_RING, that is if the head is still below it. */
	uint64_t now = load(&c->head), first = from;
	if (now >= FEED_RING && now - FEED_RING + 1 > first)
		first = now - FEED_RING + 1 < head ? now - FEED_RING + 1 : head;
	size_t got = (size_t)(head - first);
	memmove(out, out + (first - from), got * sizeof *out);
	*lost += first - *next;
	*next = head;
	return got;
}
