/* vm/core/inbox.h -- what one link brings a VM: messages on their way to its queue, and the link's end */
#ifndef VM_CORE_INBOX_H
#define VM_CORE_INBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "vm/core/fault.h"
#include "vm/core/fifo.h"
#include "vm/core/rng.h"
#include "vm/core/step.h"

#define INBOX_NEVER	UINT64_MAX

/* The network between two neighbours: a delay per message, model ns. */
struct inbox_net {
	uint64_t latency_min_ns, latency_max_ns;	/* uniform; equal: fixed */
};

/*
 * The messages of one link (src -> dst) that reached dst but may not be
 * taken yet, each with the model time it joins dst's queue: after the
 * network's latency, later on a slow link or across a partition, and never
 * before the message ahead of it (a link is one TCP connection: FIFO).
 * The link's end travels behind its last message. Fields in an order
 * that leaves little padding: a virtual ring has two million.
 */
struct inbox {
	uint32_t src, dst;
	const struct fault *faults;	/* the run's, shared; slow links and
					 * partitions of this link apply */
	uint32_t nfaults;
	uint32_t nv;		/* vector length of its messages, 0: off */
	struct inbox_net net;
	struct rng latency;	/* the link's own stream: draw k is the
				 * latency of its k-th message */
	struct fifo held;	/* due time, then the message packed
				 * (step_msg_store); due times rising */
	uint64_t last_due;	/* of the newest message, 0 before one */
	uint64_t end_due;	/* when the end reaches dst; INBOX_NEVER */
	bool end_broken;	/* it ended without a goodbye */
};

void inbox_init(struct inbox *in, uint32_t src, uint32_t dst, uint64_t seed,
    const struct inbox_net *net, const struct fault *faults, uint32_t nfaults,
    uint32_t nv);
void inbox_free(struct inbox *in);
/*
 * Message m reached dst's end of the link at model time t (the driver's
 * "now"; for a network without delay of its own, when it was sent): 0, or
 * -1 with errno ENOMEM.
 */
int inbox_put(struct inbox *in, const struct step_msg *m, uint64_t t);
/* The link ended at t, cleanly (BYE, then EOF) or not. */
void inbox_end(struct inbox *in, bool broken, uint64_t t);
/* When the oldest held message joins the queue; INBOX_NEVER if none. */
uint64_t inbox_next_due(const struct inbox *in);
/*
 * Take the oldest held message (there must be one) into slot, as a FIFO
 * keeps it: step_msg_size(nv) bytes, its vector behind it (step.h).
 */
void inbox_take(struct inbox *in, void *slot);
/* Has a broken end reached dst before t (every message ahead of it taken)? */
bool inbox_broke_before(const struct inbox *in, uint64_t t);

#endif
