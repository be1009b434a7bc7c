/* vm/vm.h -- one virtual machine: join the ring, tick, log, shut down exactly */
#ifndef VM_VM_H
#define VM_VM_H

#include <stdint.h>

#include "vm/core/core.h"
#include "vm/core/fault.h"
#include "vm/core/vmend.h"
#include "vm/core/wire.h"
#include "vm/feed.h"

struct vm_conf {
	uint32_t id, n;		/* this VM and the ring size */
	uint32_t rate;		/* ticks per model second */
	uint32_t draw_max;
	double duration_s, speed;
	uint64_t seed;		/* the run seed; this VM's stream is its id */
	uint8_t run_id[WIRE_RUN_ID_LEN];
	int listen_fd;		/* listening socket for the predecessor */
	const char *next_host;	/* where the successor listens */
	uint16_t next_port;
	double connect_timeout_s;
	const char *log_path;	/* created; must not exist yet */
	int ctl_fd;		/* orchestrator's control socket, or -1 */
	uint64_t start_wall_ns;	/* without ctl_fd: tick 0 due; 0 = when linked */
	enum vm_on_failure on_failure;	/* 0 = STOP: exit VM_LINK_BROKEN */
	struct inbox_net net;	/* latency of the links into this VM; 0 */
	double loss;		/* chance the network loses a message; 0 */
	bool vector;		/* keep vector clocks (the log's column) */
	const struct fault *faults;	/* the run's faults, or NULL */
	uint32_t nfaults;
	struct feed *feed;	/* a live view's channels, or NULL */
	/* A VM started by hand (clockring vm) records its part of run.meta. */
	const char *part_path;	/* vmI.meta to create at the end, or NULL */
	const char *version;	/* of clockring */
	const char *listen_host;	/* where it listened */
	uint16_t listen_port;
};

int vm_run(const struct vm_conf *c);

#endif
