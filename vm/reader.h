/* vm/reader.h -- one thread per link: frames in, messages onto the queue */
#ifndef VM_READER_H
#define VM_READER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "vm/core/fault.h"
#include "vm/queue.h"

enum reader_end {
	READER_RUNNING,		/* still reading */
	READER_CLEAN,		/* BYE, then EOF: the peer finished */
	READER_BROKEN,		/* EOF without BYE, reset or read error */
	READER_PROTOCOL,	/* a bad frame: we closed the link */
};

struct reader {
	pthread_t thread;
	int fd;
	uint32_t peer;		/* the only id allowed to send on this link */
	struct queue *q;
	_Atomic int end;	/* enum reader_end, set once by the thread */
	char why[96];		/* BROKEN, PROTOCOL: what happened */
	struct fault slow[FAULT_MAX];	/* FAULT_SLOW: messages that arrive
					 * within one reach q delay_s later */
	uint32_t nslow;
	double speed;		/* model seconds per real second, set with: */
	_Atomic uint64_t epoch_ns;	/* CLOCK_MONOTONIC of model time 0; 0 = not
					 * known yet, and nothing is delayed */
};

int reader_start(struct reader *r, int fd, uint32_t peer, struct queue *q,
    const struct fault *slow, uint32_t nslow);
void reader_set_epoch(struct reader *r, uint64_t mono_start_ns, double speed);
void reader_join(struct reader *r);
bool reader_failed(struct reader *r);

#endif
