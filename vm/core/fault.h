/* vm/core/fault.h -- faults injected on purpose: their spec text and what it means */
#ifndef VM_CORE_FAULT_H
#define VM_CORE_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/num.h"

#define FAULT_MAX	16	/* --fault may be given this many times */
#define FAULT_RANGES	8	/* a partition's side: this many id ranges */
/* A spec as fault_format writes it, with NUL: three numbers at most, or
 * two and a partition's ranges. */
#define FAULT_TEXT_MAX	(3 * NUM_TEXT_MAX + 2 * FAULT_RANGES * 24 + 32)

enum fault_kind {
	FAULT_KILL,	/* kill:V@T       SIGKILL VM V at model second T */
	FAULT_PAUSE,	/* pause:V@T+D    SIGSTOP VM V at T, SIGCONT at T+D */
	FAULT_SLOW,	/* slow:A->B@T+D:DELAY  messages A sends B that arrive
			 * in [T, T+D) reach B's queue DELAY later */
	FAULT_PARTITION,	/* partition:0-2|3,4@T+D  links between the two
			 * sides carry nothing in [T, T+D): what arrives then
			 * is held, in order, until T+D */
};

/* VMs lo..hi, one side of a partition. */
struct fault_range {
	uint32_t lo, hi;
};

/* Times are model seconds, like --duration: divide by --speed for real ones. */
struct fault {
	enum fault_kind kind;
	uint32_t vm;		/* KILL, PAUSE: the VM; SLOW: the sender A */
	uint32_t to;		/* SLOW: the receiver B; else 0 */
	double at_s;		/* T: when it starts */
	double for_s;		/* D: PAUSE, SLOW: how long; KILL: 0 */
	double delay_s;		/* SLOW: added to each message's trip; else 0 */
	struct fault_range side[2][FAULT_RANGES];	/* PARTITION: each side,
				 * sorted, ranges apart */
	uint32_t nside[2];
};

/* Parse one spec; 0, or -1 with the reason (without the spec) in err. */
int fault_parse(const char *spec, struct fault *f, char *err, size_t errlen);
/* The spec in its one canonical spelling, as run.meta records it. */
void fault_format(const struct fault *f, char *buf, size_t len);
/*
 * Does the fault fit a run of vms VMs lasting duration_s? 0, or -1 with the
 * reason in err: an id out of range, a slow link between VMs that are not
 * ring neighbours, a start at or after the end, a pause still on at the end.
 */
int fault_fits(const struct fault *f, uint32_t vms, double duration_s,
    char *err, size_t errlen);
/* Does partition f stand between VMs a and b (one on each side)? */
bool fault_parts(const struct fault *f, uint32_t a, uint32_t b);

#endif
