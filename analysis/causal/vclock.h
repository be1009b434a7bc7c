/* analysis/causal/vclock.h -- the vector clock of every tick of a run, rebuilt from the logs' message identities */
#ifndef ANALYSIS_CAUSAL_VCLOCK_H
#define ANALYSIS_CAUSAL_VCLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/logline.h"

#define VCLOCK_NONE	SIZE_MAX	/* a RECV whose SEND no log has */

/* One tick of a run: an INTERNAL, SEND or RECV line. */
struct vclock_event {
	uint32_t vm;
	enum log_kind kind;
	uint64_t seq;		/* the line's seq in its VM's log */
	uint64_t wall_ns;	/* as the log has it (the run's clock) */
	uint64_t lamport;
	uint64_t queue_len;
	size_t send;		/* RECV: the index of its SEND, or VCLOCK_NONE */
};

/*
 * The ticks of a run in a causal order (each VM's in its log's order,
 * each RECV after its SEND) with the vector clock after each: entry k
 * counts the ticks of VM k that happened before or at the event. What
 * every VM of format 4 logs, and what happened-before means for a run of
 * any format, since every RECV names its SEND (sender, seq).
 */
struct vclock_run {
	uint32_t n;		/* VMs */
	size_t nev;		/* ticks */
	struct vclock_event *ev;
	uint32_t *v;		/* nev vectors of n entries: event i's at v + i * n */
};

struct vclock_build;

/* A builder for a ring of n VMs; NULL when out of memory. */
struct vclock_build *vclock_build_new(uint32_t n);
/*
 * One line of VM ev->vm, in its log's order (the VMs' lines may come in
 * any interleaving); lines other than ticks are passed over. 0, or -1
 * (ENOMEM, or ev->vm not below n: EINVAL).
 */
int vclock_build_add(struct vclock_build *b, const struct log_event *ev);
/*
 * Order the ticks and give each its vector; b is freed either way. 0, or
 * -1 with the reason in err: out of memory, or RECVs waiting on each
 * other's SENDs in a cycle (logs that no run could write).
 */
int vclock_build_end(struct vclock_build *b, struct vclock_run *r, char *err,
    size_t errlen);
/* Drop a builder without ending it (NULL is nothing). */
void vclock_build_free(struct vclock_build *b);
void vclock_free(struct vclock_run *r);

/* Event i's vector: n entries. */
static inline const uint32_t *
vclock_of(const struct vclock_run *r, size_t i)
{
	return r->v + i * r->n;
}

/* Did event a happen before event b (a -> b, a != b)? */
bool vclock_before(const struct vclock_run *r, size_t a, size_t b);

/*
 * Every tick of the run in dir, each log read in the run's clock (VM 0's,
 * for a ring across machines); a VM without a log has no ticks. 0, or -1
 * with "PATH[:LINE]: reason" in err.
 */
int vclock_load(const char *dir, struct vclock_run *r, char *err,
    size_t errlen);

#endif
