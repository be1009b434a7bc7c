/* vm/links.h -- a VM's links to its ring neighbours: readers, sends, BYE and the drain */
#ifndef VM_LINKS_H
#define VM_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "vm/reader.h"
#include "vm/ring.h"
#include "vm/shared.h"

/* Which peers are down is the core's to say (shared_down), not kept here. */
struct links {
	struct ring_links ring;		/* RING_NEXT, RING_PREV: one socket when N = 2 */
	struct reader readers[2];	/* one per socket */
	uint32_t id;			/* this VM */
	uint32_t peer[2];		/* the neighbour at the other end */
	int n;				/* readers started: 1 when N = 2, else 2 */
};

void links_init(struct links *l, uint32_t id, uint32_t n);
int links_start(struct links *l, struct shared *s);
int links_send(struct links *l, uint32_t peer, const uint8_t *buf, size_t len);
const char *links_why(const struct links *l, uint32_t peer);
void links_bye(struct links *l, struct shared *s);
int links_drain(struct links *l, struct shared *s, uint64_t deadline_ns);
void links_close(struct links *l);

#endif
