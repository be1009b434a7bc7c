/* vm/core/fifo.h -- growable FIFO of fixed-size items, for queues of messages and their ends */
#ifndef VM_CORE_FIFO_H
#define VM_CORE_FIFO_H

#include <stddef.h>
#include <stdint.h>

/* Zeroed, then fifo_init: a FIFO of items of one size, empty. */
struct fifo {
	char *a;		/* ring of cap items, oldest at head */
	uint32_t size;		/* of an item, in bytes */
	uint32_t cap;		/* 0 or a power of two */
	uint32_t head, len;	/* 32 bits: a virtual ring has three FIFOs
				 * in each of up to a million VMs */
};

void fifo_init(struct fifo *q, size_t size);
/*
 * A new item at the tail, to be filled in: NULL (errno ENOMEM) when out
 * of memory. Memory grows with the items held, no more. Pointers into
 * the FIFO stay valid until the next push.
 */
void *fifo_push(struct fifo *q);
/* Item i, 0 the oldest: i must be below len. */
void *fifo_at(const struct fifo *q, size_t i);
/* Drop the oldest item; the queue must not be empty. */
void fifo_pop(struct fifo *q);
/* Drop the newest item, taking back a push; the queue must not be empty. */
void fifo_unpush(struct fifo *q);
/* The oldest item into the cache ahead of its use (a hint; none: nothing). */
void fifo_prefetch(const struct fifo *q);
void fifo_free(struct fifo *q);

#endif
