/* sim/strip.h -- the recent events of every VM in model-time order, for a live view's space-time strip */
#ifndef SIM_STRIP_H
#define SIM_STRIP_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/logline.h"

struct strip;

/* Holds the newest cap events. NULL with errno (ENOMEM). */
struct strip *strip_new(size_t cap);
void strip_free(struct strip *s);
/*
 * Add ev[0..n), their wall_ns in model ns, in any order (ev is sorted in
 * place); each VM's must come later than those it added before. The
 * oldest go when more than cap are held.
 */
void strip_add(struct strip *s, struct log_event *ev, size_t n);
/* The events held from model time from_ns on, oldest first, into *ev. */
size_t strip_since(const struct strip *s, uint64_t from_ns,
    const struct log_event **ev);

#endif
