/* vm/shared.h -- the VM's core under its one lock: reader threads feed it, the tick loop runs it */
#ifndef VM_SHARED_H
#define VM_SHARED_H

#include <stdbool.h>
#include <stdint.h>

#include "vm/core/core.h"
#include "vm/core/step.h"

struct shared;

/* NULL with errno (ENOMEM) if it cannot be made. */
struct shared *shared_new(const struct core_conf *conf);
void shared_free(struct shared *s);
void shared_set_epoch(struct shared *s, uint64_t mono_start_ns, double speed);
/* The core's vector length (set once: no lock needed). */
uint32_t shared_nv(struct shared *s);
int shared_arrive(struct shared *s, uint32_t from, const struct step_msg *m);
void shared_link_end(struct shared *s, uint32_t from, bool broken);
int shared_wait_ends(struct shared *s, int links, uint64_t deadline_ns);
int shared_tick(struct shared *s, struct core_out *out);
void shared_send_failed(struct shared *s, const struct step_event *send,
    uint32_t to, struct core_out *out);
bool shared_down(struct shared *s, uint32_t peer);
int shared_finish(struct shared *s, struct core_out *out);
bool shared_pending(struct shared *s, struct core_line *line);

#endif
