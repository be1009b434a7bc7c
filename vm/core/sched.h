/* vm/core/sched.h -- when a VM ticks, in model time: its rate, and a pause's catch-up */
#ifndef VM_CORE_SCHED_H
#define VM_CORE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "vm/core/fault.h"

/* A VM catching up after a pause ticks this often, in model ns. */
#define SCHED_CATCHUP_NS	UINT64_C(1000)

/*
 * Tick k is due at k / rate model seconds. A VM paused over a due time
 * (pause:V@T+D) is stopped: it does nothing in [T, T+D) and then does its
 * overdue ticks back to back, SCHED_CATCHUP_NS apart, until it is on time
 * again; as a process does after SIGCONT. A real-time VM is paused by the
 * kernel and only needs the due times; a virtual one is told both here.
 */
struct sched {
	uint32_t vm, rate;
	uint64_t ticks;		/* in the run: ticks at k / rate < duration */
	uint64_t k;		/* the next tick */
	uint64_t last;		/* model ns of the previous tick */
	const struct fault *faults;	/* the run's: this VM's pauses apply */
	uint32_t nfaults;
};

void sched_init(struct sched *s, uint32_t vm, uint32_t rate, double duration_s,
    const struct fault *faults, uint32_t nfaults);
/* Model ns of the next tick, and move past it: false when all are done. */
bool sched_next(struct sched *s, uint64_t *t);

#endif
