/* view/timeline.h -- a run's events kept compactly in memory, with checkpoints for stepping back cheaply */
#ifndef VIEW_TIMELINE_H
#define VIEW_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "view/state.h"
#include "vm/core/logline.h"

struct timeline;

/*
 * An empty timeline of n VMs that keeps a copy of the ring's state every
 * `every` events (>= 1). NULL when out of memory.
 */
struct timeline *timeline_new(uint32_t n, uint32_t every);
void timeline_free(struct timeline *t);
/* Add the next event (model time in wall_ns, as view_state_apply reads it,
 * no earlier than the last). 0, or -1 with errno ENOMEM. */
int timeline_add(struct timeline *t, const struct log_event *ev);
/* Events added so far. */
size_t timeline_len(const struct timeline *t);
/* Event i (< timeline_len) as it was added, but for ev->line (0). */
void timeline_event(const struct timeline *t, size_t i, struct log_event *ev);
/* Model ns of event i. */
uint64_t timeline_ns(const struct timeline *t, size_t i);
/* How many events are at or before model time ns. */
size_t timeline_count_at(const struct timeline *t, uint64_t ns);
/*
 * s (initialised for n VMs) becomes the ring after the first k events
 * (k <= timeline_len): the nearest checkpoint copied, then fewer than
 * `every` events applied. Returns how many were applied.
 */
size_t timeline_seek(const struct timeline *t, size_t k, struct view_state *s);
/* Bytes held, for the measure of a long run. */
size_t timeline_bytes(const struct timeline *t);

#endif
