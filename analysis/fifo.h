/* analysis/fifo.h -- growable FIFO of message ends still waiting for their other end */
#ifndef ANALYSIS_FIFO_H
#define ANALYSIS_FIFO_H

#include <stddef.h>
#include <stdint.h>

/* One end of a message: its SEND, or its RECV / PENDING line. */
struct fifo_item {
	double t;		/* model time of the line */
	int pending;		/* a receipt that is a PENDING line */
};

struct fifo {
	struct fifo_item *a;	/* ring of cap items, oldest at head */
	size_t cap, head, len;
};

/* 0, or -1 (errno ENOMEM); memory grows with the items held, no more. */
int fifo_push(struct fifo *q, const struct fifo_item *it);
/* The oldest item; the queue must not be empty. */
struct fifo_item fifo_pop(struct fifo *q);
void fifo_free(struct fifo *q);

#endif
