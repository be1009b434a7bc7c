/* sim/run.h -- what the orchestrator knows about one run, shared by its files */
#ifndef SIM_RUN_H
#define SIM_RUN_H

#include <sys/types.h>

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/options.h"
#include "vm/core/fault.h"
#include "vm/core/runmeta.h"
#include "vm/core/vmend.h"
#include "vm/core/wire.h"

#define CLOCKRING_VERSION "0.6.0"

struct run {
	const struct run_opts *o;
	char dir[PATH_MAX];		/* the run directory */
	size_t made;			/* length of the shortest prefix of dir
					 * outdir_prepare created, 0 if none */
	uint64_t seed;
	uint8_t run_id[WIRE_RUN_ID_LEN];
	/* Per VM, o->vms entries each (run_new): a virtual ring has up to
	 * OPT_MAX_VIRTUAL_VMS, so none is sized for the largest. */
	uint32_t *rates;
	uint32_t rate_min, rate_max;	/* the range drawn from, or of --rates */
	uint16_t *ports;
	int *listen_fd;			/* until handed to the VM's process */
	int *ctl_fd;			/* our end of each VM's control socket */
	pid_t *pid;			/* 0 once reaped */
	struct vmend *end;		/* how each VM ended, VMEND_RUNNING
					 * (0) until then */
	uint64_t start_wall_ns, end_wall_ns;
	uint64_t start_mono_ns;		/* CLOCK_MONOTONIC of model time 0 */
	/* The fault timetable (inject.c). */
	bool injecting;			/* started, and the run not ending */
	uint8_t fault_step[FAULT_MAX];	/* actions of each fault done so far */
	uint8_t *paused;		/* pauses of each VM now on */
	int *killed_by;			/* the kill fault that sent SIGKILL, or -1 */
	enum run_status status;		/* RUN_RUNNING until it ended */
	int failed_vm;			/* -1: none */
	int first_bad;			/* first VM to end badly on its own, or -1 */
	char error[256];		/* status=failed: what failed */
	struct live *live;		/* --live on a terminal, or NULL */
};

/* A run of o, its per-VM arrays allocated (fds -1): NULL when out of memory. */
struct run *run_new(const struct run_opts *o);
/* Close the fds still open, free it all; NULL is fine. */
void run_free(struct run *r);

int outdir_prepare(struct run *r, char *err, size_t errlen);

#endif
