/* vm/core/core.h -- one VM of the model, pure: its state and rules, an event in, the lines to log and messages to send out */
#ifndef VM_CORE_CORE_H
#define VM_CORE_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/fault.h"
#include "vm/core/fifo.h"
#include "vm/core/inbox.h"
#include "vm/core/rng.h"
#include "vm/core/step.h"
#include "vm/core/vmend.h"

/*
 * A VM as the model defines it, with no system call, thread, clock, socket
 * or file: a driver feeds it what happens at model time t (nanoseconds
 * since the start) and carries out what it answers. The real-time driver
 * (vm/vm.c) feeds it from sockets and timers, the virtual one (sim/) from
 * a discrete-event queue; both log and send exactly what it says, so the
 * two run one model. Not thread-safe: a driver with threads holds a lock.
 */

struct core_conf {
	uint32_t id, n;		/* this VM and the ring size */
	uint32_t draw_max;	/* idle ticks draw 1..draw_max */
	uint64_t seed;		/* the run seed */
	enum vm_on_failure on_failure;	/* at a neighbour found down */
	struct inbox_net net;	/* latency of every link into this VM */
	double loss;		/* chance that the network loses a message */
	const struct fault *faults;	/* the run's, kept by the caller */
	uint32_t nfaults;
	bool vector;		/* keep a vector clock too (n <= STEP_VEC_MAX) */
};

/* A line to log: the event and the queue length after it. */
struct core_line {
	struct step_event ev;
	uint64_t queue_len;
};

/* At most: two PEER_DOWN, the tick, a DROP or LOSS per destination. */
#define CORE_LINES_MAX	5

/*
 * What an event asks of the driver, in this order: log the lines (the
 * tick's line out to its file before anything is sent), then send msg to
 * each of to[]. stop: the VM ticks no more (a peer down, on_failure stop).
 */
struct core_out {
	struct core_line line[CORE_LINES_MAX];
	uint32_t nline;
	struct step_msg msg;
	uint32_t to[2];
	uint32_t nto;
	bool stop;
};

struct core {
	enum vm_on_failure on_failure;	/* of its conf: all it keeps of it, as
					 * a virtual ring has a million cores */
	uint32_t nin;		/* inboxes: 2, or 1 when N = 2 */
	double loss_share;	/* the chance the network loses a message */
	struct step_vm step;
	struct rng rng;		/* the VM's draws */
	struct rng loss;	/* which of its messages the network loses */
	struct inbox in[2];	/* from next, from prev; one (next) when N = 2 */
	struct fifo queue;	/* step_msg_store'd: joined, not yet taken */
	uint64_t *v;		/* vectors on: the VM's clock (n counters) */
	uint64_t *mv;		/* and the message taken last's (n) */
	bool down[2];		/* PEER_DOWN logged for in[i]'s peer */
	bool stopped;
};

/*
 * 0, or -1 with errno (ENOMEM). With vectors, their storage is taken here
 * once: a message's vector travels inside the FIFO items that hold it.
 */
int core_init(struct core *c, const struct core_conf *conf);
void core_free(struct core *c);
/* A tick of c comes soon and c itself is in the cache: the messages it
 * reads first (the oldest of each inbox and of its queue) into it too. */
void core_prefetch(const struct core *c);
/* A message from neighbour `from` reached this VM at t: 0, or -1 (ENOMEM). */
int core_arrive(struct core *c, uint32_t from, const struct step_msg *m,
    uint64_t t);
/* The link from `from` ended at t: cleanly (BYE, then EOF) or broken. */
void core_link_end(struct core *c, uint32_t from, bool broken, uint64_t t);
/*
 * A tick at t: messages due before t join the queue, links found broken
 * are logged, then one event: take a message or draw. 0, or -1 (ENOMEM).
 */
int core_tick(struct core *c, uint64_t t, struct core_out *out);
/* Sending `send`'s message to `to` failed: the peer is down from now on. */
void core_send_failed(struct core *c, const struct step_event *send,
    uint32_t to, struct core_out *out);
/*
 * The run is over: everything on its way joins the queue, and links that
 * broke meanwhile are logged (before any PENDING line). 0, or -1 (ENOMEM).
 */
int core_finish(struct core *c, struct core_out *out);
/* After core_finish: the next PENDING line, while messages are queued. */
bool core_pending(struct core *c, struct core_line *line);
/* The vector length its messages carry: n, or 0 with vectors off. */
uint32_t core_nv(const struct core *c);
/* Messages in the queue now. */
size_t core_queue_len(const struct core *c);

#endif
