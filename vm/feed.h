/* vm/feed.h -- what each VM tells a live view: exact figures and its recent events, in shared memory, never waiting */
#ifndef VM_FEED_H
#define VM_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/logline.h"
#include "vm/core/step.h"

/* Events of one VM the reader can be behind before the oldest are lost. */
#define FEED_RING	1024

/* A VM's figures as of its latest line: exact whatever the ring lost. */
struct feed_figures {
	uint64_t lines;			/* lines logged so far */
	uint64_t lamport;		/* clock after the latest line */
	uint64_t queue_len;		/* queue after it */
	uint64_t wall_ns;		/* its wall_ns column */
	uint64_t count[LOG_KINDS];	/* lines so far, by kind */
};

struct feed;

/*
 * One channel per VM, mapped shared before the VMs are forked, so that a
 * VM's process writes what the orchestrator reads. NULL with errno.
 */
struct feed *feed_new(uint32_t n);
void feed_free(struct feed *f);

/*
 * VM vm logged this line (as logw_event takes it). Only one thread may
 * put for a VM; it never waits: a reader far behind loses the oldest.
 */
void feed_put(struct feed *f, uint32_t vm, const struct step_event *ev,
    uint64_t wall_ns, uint64_t queue_len);

void feed_figures(const struct feed *f, uint32_t vm, struct feed_figures *fig);

/*
 * VM vm's lines from number *next on, the newest max of them at most,
 * into out in the order logged; *next moves past them. Lines put over
 * before they were read are added to *lost. Returns how many are in out.
 */
size_t feed_read(const struct feed *f, uint32_t vm, uint64_t *next,
    struct log_event *out, size_t max, uint64_t *lost);

#endif
