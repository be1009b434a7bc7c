/* sim/orch.h -- the orchestrator: fork the VMs, start them together, wait */
#ifndef SIM_ORCH_H
#define SIM_ORCH_H

#include <stdint.h>

#include "sim/options.h"
#include "vm/core/wire.h"

/* Exit statuses of `clockring run` besides 0 (complete). */
enum {
	ORCH_FAILED = 1,	/* a VM died or a link broke */
	ORCH_USAGE = 2,		/* bad input; nothing was started */
};

int orch_run(const struct run_opts *o, char *dir, size_t dirlen);
/* A fresh run id: 128 random bits. */
void orch_run_id(uint8_t id[WIRE_RUN_ID_LEN]);
/* The rates a run of o with this seed gives its VMs (the suite compares). */
void orch_rates(const struct run_opts *o, uint64_t seed, uint32_t *rates,
    uint32_t *rate_min, uint32_t *rate_max);

#endif
