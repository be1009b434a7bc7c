/* analysis/stats/msgs.h -- each message matched SEND to receipt per directed link: counts, delays */
#ifndef ANALYSIS_STATS_MSGS_H
#define ANALYSIS_STATS_MSGS_H

#include <stdint.h>

#include "analysis/rundir/logread.h"

/* One message, complete: sent at t_send, taken off dst's queue at t_recv. */
struct msgs_msg {
	double t_send, t_recv;	/* model seconds; pending: t_recv = end */
	uint32_t src, dst;
	uint64_t lamport;	/* the clock it carried: its SEND's */
	int pending;		/* never taken off the queue */
	int lost;		/* pending, and not even logged as such */
};

typedef void msgs_fn(void *ctx, const struct msgs_msg *msg);

/* The figures of one directed link src -> dst. */
struct msgs_link {
	uint64_t sent;		/* messages the SENDs of src carried to dst,
				 * but for the dropped and those the network
				 * lost: received + pending + lost */
	uint64_t received;	/* RECV lines of dst from src */
	uint64_t pending;	/* PENDING lines of dst from src */
	uint64_t dropped;	/* DROP lines of src for dst: never sent */
	uint64_t net_lost;	/* LOSS lines of src for dst: the network
				 * lost them */
	uint64_t lost;		/* sent, but neither RECV nor PENDING */
	uint64_t delays;	/* RECVs matched to their SEND */
	double delay_sum_s;	/* of those delays, model seconds */
	double delay_max_s;
};

struct msgs;

/*
 * fn is told of every message once both its ends are known; end_s is the
 * run's real end, where the pending and the lost are left.
 */
struct msgs *msgs_new(uint32_t nvms, double end_s, msgs_fn *fn,
    void *ctx);
/* A SEND of VM src, or a RECV / PENDING of VM dst: 0, or -1 (ENOMEM). */
int msgs_send(struct msgs *m, uint32_t src, double t,
    const struct log_event *ev);
int msgs_receipt(struct msgs *m, uint32_t dst, double t,
    const struct log_event *ev);
/*
 * A DROP of VM src: the message of the SEND just before was never sent.
 * 1 when that send was taken back, 0 when there was none to take (only
 * a broken run has none).
 */
int msgs_drop(struct msgs *m, uint32_t src, const struct log_event *ev);
/*
 * Sends never received, a dead VM's or a failed run's, are lost: counted
 * and told to fn as such.
 */
void msgs_finish(struct msgs *m);
/*
 * The link from src to its next (to_prev = 0) or its prev neighbour.
 * With 2 VMs next and prev are the same VM: the one link is "next", and
 * the "prev" one is NULL.
 */
const struct msgs_link *msgs_link(const struct msgs *m, uint32_t src,
    int to_prev);
/* VM vm's lines come soon: the links it sends on and receives from into
 * the cache ahead (a million VMs' links are not there); then, once they
 * are in, msgs_prefetch_ends for the oldest unmatched end of each. */
void msgs_prefetch(const struct msgs *m, uint32_t vm);
void msgs_prefetch_ends(const struct msgs *m, uint32_t vm);
void msgs_free(struct msgs *m);

#endif
