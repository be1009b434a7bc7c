/* vm/logw.h -- the event log writer: one CSV line per event, written out each tick */
#ifndef VM_LOGW_H
#define VM_LOGW_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/step.h"

struct logw;

/* nv: the vector column's counters (the ring size), or 0 for no column. */
struct logw *logw_open(const char *path, uint32_t vm, uint32_t nv, char *err,
    size_t errlen);
int logw_event(struct logw *w, const struct step_event *ev, uint64_t wall_ns,
    size_t queue_len);
int logw_flush(struct logw *w);
int logw_close(struct logw *w, char *err, size_t errlen);

#endif
