/* vm/core/fifo.c -- growable FIFO of fixed-size items, for queues of messages and their ends */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vm/core/fifo.h"

void
fifo_init(struct fifo *q, size_t size)
{
	memset(q, 0, sizeof *q);
	q->size = size;
}

/* Double the ring and unwrap it, so the oldest item is at a[0] again. */
static int
grow(struct fifo *q)
{
	/* Start small: a virtual ring keeps three FIFOs for each of up to a
	 * million VMs, and most hold a message at a time. */
	uint32_t cap = q->cap ? 2 * q->cap : 1;
	char *a = malloc((size_t)cap * q->size);
	size_t first;

	if (a == NULL) {
		errno = ENOMEM;
		return -1;
	}
	first = q->cap - q->head < q->len ? q->cap - q->head : q->len;
	if (q->len > 0) {
		memcpy(a, q->a + (size_t)q->head * q->size, first * q->size);
		memcpy(a + first * q->size, q->a,
		    (q->len - first) * (size_t)q->size);
	}
	free(q->a);
	q->a = a;
	q->cap = cap;
	q->head = 0;
	return 0;
}

void *
fifo_push(struct fifo *q)
{
	if (q->len == q->cap && grow(q) == -1)
		return NULL;
	return fifo_at(q, q->len++);
}

void *
fifo_at(const struct fifo *q, size_t i)
{
	assert(i < q->len);
	return q->a + ((q->head + i) & (q->cap - 1)) * (size_t)q->size;
}

void
fifo_pop(struct fifo *q)
{
	assert(q->len > 0);
	q->head = (q->head + 1) & (q->cap - 1);
	q->len--;
}

void
fifo_unpush(struct fifo *q)
{
	assert(q->len > 0);
	q->len--;
}

void
fifo_prefetch(const struct fifo *q)
{
	if (q->len > 0)
		__builtin_prefetch(q->a + (size_t)q->head * q->size);
}

void
fifo_free(struct fifo *q)
{
	free(q->a);
	fifo_init(q, q->size);
}
