/* sim/verdict.h -- how a run ended: each VM's end by name, and the VM to blame */
#ifndef SIM_VERDICT_H
#define SIM_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/run.h"

/* r->end[i] from VM i's wait status: ok, link-broken, killed, signal 9... */
void verdict_name_exit(struct run *r, uint32_t i, int status);
/* Ended ok, or killed on purpose under --on-failure continue. */
bool verdict_ended_well(const struct run *r, uint32_t i);
/* Set failed_vm and error to the VM to blame, if one ended badly. */
void verdict_blame(struct run *r);

#endif
