/* sim/vqueue.h -- the virtual driver's queue of ticks: VM ids grouped by model time, soonest first, ties by id */
#ifndef SIM_VQUEUE_H
#define SIM_VQUEUE_H

#include <stdbool.h>
#include <stdint.h>

struct vqueue;

struct vqueue *vqueue_new(void);
void vqueue_free(struct vqueue *q);
/* Empty it, keeping its memory for the next run. */
void vqueue_clear(struct vqueue *q);
/*
 * VM id ticks at model ns t, later than every tick popped so far: 0, or
 * -1 when out of memory.
 */
int vqueue_push(struct vqueue *q, uint64_t t, uint32_t id);
/* The soonest tick's time, false when none is left. */
bool vqueue_peek(const struct vqueue *q, uint64_t *t);
/* Take the soonest tick (there must be one): its VM, the lowest id first. */
uint32_t vqueue_pop(struct vqueue *q);
/* The VM of the tick after the one popped last, to fetch ahead; or none. */
bool vqueue_ahead(const struct vqueue *q, uint32_t k, uint32_t *id);

#endif
