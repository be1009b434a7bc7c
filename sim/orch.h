/* sim/orch.h -- the orchestrator: fork the VMs, start them together, wait */
#ifndef SIM_ORCH_H
#define SIM_ORCH_H

#include "sim/options.h"

/* Exit statuses of `clockring run` besides 0 (complete). */
enum {
	ORCH_FAILED = 1,	/* a VM died or a link broke */
	ORCH_USAGE = 2,		/* bad input; nothing was started */
};

int orch_run(const struct run_opts *o, char *dir, size_t dirlen);

#endif
