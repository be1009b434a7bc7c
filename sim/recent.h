/* sim/recent.h -- the recent events of every VM in model-time order, for a live view's space-time strip */
#ifndef SIM_RECENT_H
#define SIM_RECENT_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/logline.h"

struct recent;

/* Holds the newest cap events. NULL with errno (ENOMEM). */
struct recent *recent_new(size_t cap);
void recent_free(struct recent *s);
/*
 * Add ev[0..n), their wall_ns in model ns, in any order (ev is sorted in
 * place); each VM's must come later than those it added before. The
 * oldest go when more than cap are held.
 */
void recent_add(struct recent *s, struct log_event *ev, size_t n);
/* The events held from model time from_ns on, oldest first, into *ev. */
size_t recent_since(const struct recent *s, uint64_t from_ns,
    const struct log_event **ev);

#endif
