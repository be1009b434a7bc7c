/* vm/queue.c -- message queue shared by reader threads and the tick loop */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vm/queue.h"

/*
 * A growable ring of messages under one mutex: the only lock in a VM.
 * Readers push as soon as frames arrive; the tick loop pops at most one per
 * tick. The condition variable is for the end of a run, when the tick loop
 * waits for every reader to reach EOF.
 */
struct queue {
	pthread_mutex_t lock;
	pthread_cond_t idle;	/* signalled when a producer finishes */
	struct step_msg *buf;
	size_t cap, head, len;	/* len messages from buf[head], wrapping */
	int producers;		/* readers still running */
};

struct queue *
queue_new(void)
{
	struct queue *q = calloc(1, sizeof *q);
	pthread_condattr_t attr;

	if (q == NULL)
		return NULL;
	pthread_mutex_init(&q->lock, NULL);
	/* Deadlines are on CLOCK_MONOTONIC like the ticks: immune to clock steps. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&q->idle, &attr);
	pthread_condattr_destroy(&attr);
	return q;
}

void
queue_free(struct queue *q)
{
	if (q == NULL)
		return;
	pthread_cond_destroy(&q->idle);
	pthread_mutex_destroy(&q->lock);
	free(q->buf);
	free(q);
}

/* Double the ring, unwrapping it so the oldest message lands at index 0. */
static int
grow(struct queue *q)
{
	size_t cap = q->cap ? q->cap * 2 : 64;
	struct step_msg *buf = malloc(cap * sizeof *buf);

	if (buf == NULL)
		return -1;
	size_t first = q->cap - q->head < q->len ? q->cap - q->head : q->len;
	if (q->len > 0) {
		memcpy(buf, q->buf + q->head, first * sizeof *buf);
		memcpy(buf + first, q->buf, (q->len - first) * sizeof *buf);
	}
	free(q->buf);
	q->buf = buf;
	q->cap = cap;
	q->head = 0;
	return 0;
}

int
queue_push(struct queue *q, const struct step_msg *m)
{
	int rc = 0;

	pthread_mutex_lock(&q->lock);
	if (q->len == q->cap && grow(q) == -1)
		rc = -1;
	else
		q->buf[(q->head + q->len++) % q->cap] = *m;
	pthread_mutex_unlock(&q->lock);
	return rc;
}

/* Take the oldest message; *left is what remains, read under the same lock. */
bool
queue_pop(struct queue *q, struct step_msg *m, size_t *left)
{
	bool got = false;

	pthread_mutex_lock(&q->lock);
	if (q->len > 0) {
		*m = q->buf[q->head];
		q->head = (q->head + 1) % q->cap;
		q->len--;
		got = true;
	}
	*left = q->len;
	pthread_mutex_unlock(&q->lock);
	return got;
}

size_t
queue_len(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	size_t len = q->len;
	pthread_mutex_unlock(&q->lock);
	return len;
}

void
queue_producer_start(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->producers++;
	pthread_mutex_unlock(&q->lock);
}

void
queue_producer_done(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->producers--;
	pthread_cond_broadcast(&q->idle);
	pthread_mutex_unlock(&q->lock);
}

/* Wait until no producer runs: 0, or -1 if the deadline passed first. */
int
queue_wait_producers(struct queue *q, const struct timespec *deadline)
{
	int rc = 0;

	pthread_mutex_lock(&q->lock);
	while (q->producers > 0 && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&q->idle, &q->lock, deadline);
	rc = q->producers > 0 ? -1 : 0;
	pthread_mutex_unlock(&q->lock);
	return rc;
}
