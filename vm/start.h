/* vm/start.h -- the start barrier of a ring started by hand: tokens around the ring, clock offsets */
#ifndef VM_START_H
#define VM_START_H

#include <stddef.h>
#include <stdint.h>

#include "vm/ring.h"

struct start_result {
	uint64_t start_wall_ns;	/* tick 0, by this VM's own clock */
	int64_t next_offset_ns;	/* the successor's clock minus ours */
	int64_t next_rtt_ns;	/* the round trip that measured it: the
				 * offset is off by at most half of it */
	int64_t closure_ns;	/* VM 0: the start as it came back round the
				 * ring minus as it left (the offsets' error) */
};

/*
 * Wait until the whole ring is linked, then agree on tick 0 (docs/DESIGN.md,
 * "A ring across machines"). Called on the links ring_join made, before
 * any reader runs on them. 0, or -1 with err.
 */
int start_ring(const struct ring_conf *c, const struct ring_links *l,
    struct start_result *r, char *err, size_t errlen);

#endif
