/* analysis/fifo.c -- growable FIFO of message ends still waiting for their other end */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/fifo.h"

/* Double the ring and unwrap it, so the oldest item is at a[0] again. */
static int
grow(struct fifo *q)
{
	size_t cap = q->cap ? 2 * q->cap : 16;
	struct fifo_item *a = malloc(cap * sizeof *a);
	size_t first;

	if (a == NULL) {
		errno = ENOMEM;
		return -1;
	}
	first = q->cap - q->head < q->len ? q->cap - q->head : q->len;
	if (q->len > 0) {
		memcpy(a, q->a + q->head, first * sizeof *a);
		memcpy(a + first, q->a, (q->len - first) * sizeof *a);
	}
	free(q->a);
	q->a = a;
	q->cap = cap;
	q->head = 0;
	return 0;
}

int
fifo_push(struct fifo *q, const struct fifo_item *it)
{
	if (q->len == q->cap && grow(q) == -1)
		return -1;
	q->a[(q->head + q->len) % q->cap] = *it;
	q->len++;
	return 0;
}

struct fifo_item
fifo_pop(struct fifo *q)
{
	struct fifo_item it;

	assert(q->len > 0);
	it = q->a[q->head];
	q->head = (q->head + 1) % q->cap;
	q->len--;
	return it;
}

void
fifo_free(struct fifo *q)
{
	free(q->a);
	memset(q, 0, sizeof *q);
}
