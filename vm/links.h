/* vm/links.h -- a VM's links to its ring neighbours: readers, sends, which are down */
#ifndef VM_LINKS_H
#define VM_LINKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/fault.h"
#include "vm/queue.h"
#include "vm/reader.h"
#include "vm/ring.h"

/* What became of a frame handed to links_send. */
enum links_sent {
	LINKS_SENT,		/* on its way */
	LINKS_DOWN,		/* not sent: the peer was already down */
	LINKS_BROKE,		/* not sent: the link broke just now (errno says
				 * how); the peer is down from now on */
};

/*
 * A peer is down once its link is known broken: its reader ended badly, or
 * a send to it failed. Each link goes down once, and whoever is told so
 * (links_next_down, LINKS_BROKE) logs it; nothing is sent on it after.
 */
struct links {
	struct ring_links ring;		/* RING_NEXT, RING_PREV: one socket when N = 2 */
	struct reader readers[2];	/* one per socket */
	uint32_t id;			/* this VM */
	uint32_t peer[2];		/* the neighbour at the other end */
	bool down[2];
	int n;				/* readers started: 1 when N = 2, else 2 */
};

void links_init(struct links *l, uint32_t id, uint32_t n);
int links_start(struct links *l, struct queue *q, const struct fault *faults,
    uint32_t nfaults);
void links_set_epoch(struct links *l, uint64_t mono_start_ns, double speed);
int links_next_down(struct links *l);
enum links_sent links_send(struct links *l, uint32_t peer, const uint8_t *buf,
    size_t len);
void links_bye(struct links *l);
int links_drain(struct links *l, struct queue *q, uint64_t deadline_ns);
void links_close(struct links *l);

#endif
