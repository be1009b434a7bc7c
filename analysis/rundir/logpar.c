/* analysis/rundir/logpar.c -- a run's logs parsed ahead by a pool of threads, handed over in blocks */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/rundir/logpar.h"
#include "vm/core/num.h"

/*
 * Parsing is most of the cost of reading a run (turning text into
 * numbers); what the caller does with each line (the merge, check's rules,
 * the statistics) is the rest. So threads parse the logs into blocks of
 * lines while the caller takes the lines of the blocks before them. Each
 * log has a ring of RING blocks: the caller reads one while a thread
 * fills another. A block changes hands under the one lock, a few thousand
 * lines at a time; nothing is locked per line.
 *
 * Any thread fills any log's next block, the one the caller waits for
 * first, else the log with the fewest ready: however many logs, the
 * threads are few (the cores) and none waits while a log has room.
 * Memory is RING blocks per log, sized so that all of them together stay
 * near BUDGET bytes whatever the number of logs or the length of the run.
 */
#define RING		3
#define BUDGET		(24u << 20)
#define BLOCK_MAX	4096	/* lines: a handover costs nothing beside them */
#define BLOCK_MIN	16
#define ERR_MAX		(4096 + 512)	/* "PATH:LINE: reason" */
#define NONE		UINT32_MAX

struct block {
	uint32_t n;		/* lines in ev */
	int end;		/* the log's last block: rc says how it ended */
	int rc;			/* 0 the end of the file, or -1 / -2 (err) */
	struct log_event *ev;
	uint64_t *vec;		/* the vectors of the lines in ev */
};

struct log {
	struct logread *lr;	/* NULL: not there */
	struct block ring[RING];
	/* Under the lock: */
	uint32_t head;		/* ring[head % RING]: the caller's block */
	uint32_t ready;		/* blocks filled and not yet given back,
				 * the caller's included */
	int busy;		/* a thread fills ring[(head + ready) % RING] */
	int done;		/* its last block is in the ring */
	/* The caller's alone: */
	struct block *cur;	/* being read, or NULL */
	uint32_t pos;		/* its next line */
	/* The filling thread's alone (one at a time, busy says which): */
	int held;		/* hold was read but did not fit its block */
	struct log_event hold;	/* its vector still in the reader */
	char err[ERR_MAX];	/* how the last block ended, for the caller */
};

struct logpar {
	pthread_mutex_t lock;
	pthread_cond_t work;	/* a block was given back: room to fill */
	pthread_cond_t ready;	/* the block the caller waits for is in */
	uint32_t n;
	uint32_t want;		/* the log the caller waits for, or NONE */
	int stop;
	uint32_t cap;		/* lines a block holds */
	size_t vcap;		/* vector entries a block holds */
	struct log *log;
	pthread_t *thread;
	unsigned nthreads;	/* started */
};

/* The log a thread fills next, or NULL: none has room. Under the lock. */
static struct log *
pick(struct logpar *p)
{
	struct log *best = NULL, *l;

	if (p->want != NONE && !p->log[p->want].busy &&
	    !p->log[p->want].done && p->log[p->want].ready < RING)
		return &p->log[p->want];
	for (uint32_t i = 0; i < p->n; i++) {
		l = &p->log[i];
		if (l->lr != NULL && !l->busy && !l->done && l->ready < RING &&
		    (best == NULL || l->ready < best->ready))
			best = l;
	}
	return best;
}

/*
 * The line just parsed into b's next slot is b's, its vector copied out
 * of the reader: 0, or -1 if the vector has no room (b is full).
 */
static int
keep(struct block *b, size_t vcap, size_t *nv)
{
	struct log_event *ev = &b->ev[b->n];

	if (ev->vec != NULL) {
		if (*nv + ev->nvec > vcap)
			return -1;
		memcpy(b->vec + *nv, ev->vec, ev->nvec * sizeof *b->vec);
		ev->vec = b->vec + *nv;
		*nv += ev->nvec;
	}
	b->n++;
	return 0;
}

/* Parse the next lines of l into b, up to its end, a failure or b full. */
static void
fill(const struct logpar *p, struct log *l, struct block *b)
{
	size_t nv = 0;
	int rc;

	b->n = 0;
	b->end = 0;
	if (l->held) {
		l->held = 0;
		b->ev[0] = l->hold;
		keep(b, p->vcap, &nv);	/* fits: b is empty */
	}
	while (b->n < p->cap) {
		/* Parsed in place: no copy of a line but its vector's. */
		rc = logread_next(l->lr, &b->ev[b->n], l->err, sizeof l->err);
		if (rc != 1) {
			b->end = 1;
			b->rc = rc;
			return;
		}
		if (keep(b, p->vcap, &nv) == -1) {
			l->hold = b->ev[b->n];
			l->held = 1;
			return;
		}
	}
}

static void *
worker(void *arg)
{
	struct logpar *p = arg;
	struct log *l;
	struct block *b;

	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		if ((l = pick(p)) == NULL) {
			pthread_cond_wait(&p->work, &p->lock);
			continue;
		}
		l->busy = 1;
		b = &l->ring[(l->head + l->ready) % RING];
		pthread_mutex_unlock(&p->lock);
		fill(p, l, b);
		pthread_mutex_lock(&p->lock);
		l->busy = 0;
		l->ready++;
		l->done = b->end;
		if (p->want == (uint32_t)(l - p->log))
			pthread_cond_signal(&p->ready);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Give back the block l was read from (if any) and wait for its next. */
static void
next_block(struct logpar *p, uint32_t i)
{
	struct log *l = &p->log[i];

	pthread_mutex_lock(&p->lock);
	if (l->cur != NULL) {
		l->head++;
		l->ready--;
		pthread_cond_signal(&p->work);
	}
	while (l->ready == 0) {
		p->want = i;
		pthread_cond_signal(&p->work);
		pthread_cond_wait(&p->ready, &p->lock);
	}
	p->want = NONE;
	pthread_mutex_unlock(&p->lock);
	l->cur = &l->ring[l->head % RING];
	l->pos = 0;
}

int
logpar_next(struct logpar *p, uint32_t i, const struct log_event **ev,
    uint32_t *n, char *err, size_t errlen)
{
	struct log *l = &p->log[i];

	for (;;) {
		if (l->cur != NULL && l->pos < l->cur->n) {
			*ev = &l->cur->ev[l->pos];
			*n = l->cur->n - l->pos;
			l->pos = l->cur->n;
			return 1;
		}
		if (l->cur != NULL && l->cur->end) {
			if (l->cur->rc < 0)
				snprintf(err, errlen, "%s", l->err);
			return l->cur->rc;
		}
		next_block(p, i);
	}
}

/* Room for RING blocks of each log there is: 0, or -1. */
static int
alloc_blocks(struct logpar *p)
{
	for (uint32_t i = 0; i < p->n; i++) {
		for (int k = 0; p->log[i].lr != NULL && k < RING; k++) {
			struct block *b = &p->log[i].ring[k];
			if ((b->ev = malloc(p->cap * sizeof *b->ev)) == NULL ||
			    (b->vec = malloc(p->vcap * sizeof *b->vec)) == NULL)
				return -1;
		}
	}
	return 0;
}

/* Lines a block holds: as many as BUDGET allows for every log's ring. */
static void
size_blocks(struct logpar *p)
{
	uint32_t logs = 0, nvec = p->n < LOGLINE_VEC_MAX ? p->n :
	    LOGLINE_VEC_MAX;
	size_t line;

	for (uint32_t i = 0; i < p->n; i++)
		logs += p->log[i].lr != NULL;
	/* A vector has an entry per VM, if the run has vectors. */
	line = sizeof(struct log_event) + nvec * sizeof(uint64_t);
	p->cap = BUDGET / ((logs > 0 ? logs : 1) * RING * line);
	p->cap = p->cap > BLOCK_MAX ? BLOCK_MAX : p->cap < BLOCK_MIN ?
	    BLOCK_MIN : p->cap;
	/* A line with more entries than VMs (a broken log) ends a block
	 * early; any one line fits a block. */
	p->vcap = (size_t)p->cap * nvec;
	if (p->vcap < LOGLINE_VEC_MAX)
		p->vcap = LOGLINE_VEC_MAX;
}

/* Start up to `threads` threads, no more than there are logs: 0, or -1. */
static int
start_threads(struct logpar *p, unsigned threads)
{
	uint32_t logs = 0;
	int rc = 0;

	for (uint32_t i = 0; i < p->n; i++)
		logs += p->log[i].lr != NULL;
	if (threads > logs)
		threads = logs;
	if ((p->thread = calloc(threads + 1, sizeof *p->thread)) == NULL)
		return -1;
	while (p->nthreads < threads &&
	    (rc = pthread_create(&p->thread[p->nthreads], NULL, worker, p)) == 0)
		p->nthreads++;
	/* Fewer threads than asked only read slower. */
	if (p->nthreads == 0)
		errno = rc;
	return p->nthreads > 0 ? 0 : -1;
}

struct logpar *
logpar_new(struct logread *const *lr, uint32_t n, unsigned threads)
{
	struct logpar *p = calloc(1, sizeof *p);
	int saved;

	if (p == NULL)
		return NULL;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->ready, NULL);
	p->n = n;
	p->want = NONE;
	if ((p->log = calloc(n + 1, sizeof *p->log)) == NULL)
		goto fail;
	for (uint32_t i = 0; i < n; i++)
		p->log[i].lr = lr[i];
	size_blocks(p);
	if (alloc_blocks(p) == -1 || start_threads(p, threads) == -1)
		goto fail;
	return p;
fail:
	saved = errno;
	logpar_close(p);
	errno = saved;
	return NULL;
}

void
logpar_close(struct logpar *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	for (unsigned t = 0; t < p->nthreads; t++)
		pthread_join(p->thread[t], NULL);
	for (uint32_t i = 0; p->log != NULL && i < p->n; i++) {
		for (int k = 0; k < RING; k++) {
			free(p->log[i].ring[k].ev);
			free(p->log[i].ring[k].vec);
		}
	}
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->lock);
	free(p->thread);
	free(p->log);
	free(p);
}

int
logpar_threads(uint64_t bytes, unsigned *threads, char *why, size_t len)
{
	const char *s = getenv("CLOCKRING_THREADS");
	long cores;
	uint64_t v;

	if (s == NULL || *s == '\0') {
		*threads = 0;
		if (bytes >= LOGPAR_SMALL) {
			cores = sysconf(_SC_NPROCESSORS_ONLN);
			*threads = cores > 1 ? (unsigned)cores : 1;
		}
		return 0;
	}
	if (num_uint(s, &v) != 0 || v == 0 || v > 1024) {
		snprintf(why, len, "CLOCKRING_THREADS '%.64s': not a count of "
		    "threads (1 to 1024)", s);
		return -1;
	}
	*threads = (unsigned)v - 1;
	return 0;
}
