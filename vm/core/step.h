/* vm/core/step.h -- the pure per-tick decision: Lamport rules, draws, destinations */
#ifndef VM_CORE_STEP_H
#define VM_CORE_STEP_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/rng.h"

/* The largest ring whose VMs can keep vector clocks (the wire's bound). */
#define STEP_VEC_MAX	256

enum step_kind {
	STEP_INTERNAL, STEP_SEND, STEP_RECV, STEP_PENDING,
	STEP_PEER_DOWN,		/* a neighbour's link broke: not a tick */
	STEP_DROP,		/* a message to a peer that is down: not a tick */
	STEP_LOSS,		/* a message the network lost: not a tick */
};

struct step_msg {
	uint32_t src;		/* sender VM id */
	uint64_t src_seq;	/* the sender's SEND event number */
	uint64_t lamport;	/* clock the message carries */
	const uint64_t *v;	/* vector it carries (n counters), NULL when
				 * vectors are off; it lives in its holder's
				 * storage, valid until the holder's next call */
};

/* Fields in an order that leaves no padding: a virtual ring has a million. */
struct step_vm {
	uint32_t id, n;		/* this VM and the ring size */
	uint32_t draw_max;	/* idle ticks draw 1..draw_max */
	uint32_t nv;		/* vector length: n, or 0 when off */
	uint64_t lamport;	/* the clock, 0 before the first event */
	uint64_t seq;		/* number of the next event */
	uint64_t *v;		/* the vector clock (step_vector), or NULL */
};

struct step_event {
	enum step_kind kind;
	uint64_t seq;		/* this event's number */
	uint64_t lamport;	/* the clock after the event */
	uint32_t ndest;		/* SEND: 1 or 2 destinations, next first;
				 * PEER_DOWN, DROP: 1, the peer */
	uint32_t dest[2];
	struct step_msg msg;	/* RECV, PENDING: the message taken;
				 * DROP, LOSS: the message not delivered */
	uint32_t nv;		/* the VM's vector length, 0 when off */
	const uint64_t *v;	/* the vector its line carries: a tick's,
				 * the VM's after it; PENDING, DROP, LOSS:
				 * the message's; PEER_DOWN (or off): NULL */
};

void step_init(struct step_vm *s, uint32_t id, uint32_t n, uint32_t draw_max);
/* Keep a vector clock in v, n counters (zeroed here), owned by the caller. */
void step_vector(struct step_vm *s, uint64_t *v);
/*
 * A message as a FIFO keeps it, packed: src, src_seq and lamport in 20
 * bytes with no padding nor pointer, then its nv counters (so that a FIFO
 * item of step_msg_size(nv) bytes holds one, at any alignment: a virtual
 * ring keeps a million queues of them). Load points m->v at the caller's
 * v, as the slot is soon reused.
 */
size_t step_msg_size(uint32_t nv);
void step_msg_store(void *slot, const struct step_msg *m, uint32_t nv);
void step_msg_load(struct step_msg *m, const void *slot, uint32_t nv,
    uint64_t *v);
void step_tick(struct step_vm *s, const struct step_msg *msg, struct rng *rng,
    struct step_event *ev);
void step_pending(struct step_vm *s, const struct step_msg *msg,
    struct step_event *ev);
void step_peer_down(struct step_vm *s, uint32_t peer, struct step_event *ev);
void step_drop(struct step_vm *s, const struct step_event *send, uint32_t dest,
    struct step_event *ev);
void step_loss(struct step_vm *s, const struct step_event *send, uint32_t dest,
    struct step_event *ev);
uint32_t step_next(const struct step_vm *s);
uint32_t step_prev(const struct step_vm *s);
uint64_t step_ticks(double duration_s, uint32_t rate);
uint64_t step_due_ns(uint64_t k, uint32_t rate, double speed);

#endif
