/* vm/core/runmeta.h -- run.meta, the record of what was run and how it ended: one typed struct, written and read here */
#ifndef VM_CORE_RUNMETA_H
#define VM_CORE_RUNMETA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/fault.h"
#include "vm/core/vmend.h"
#include "vm/core/wire.h"

#define RUNMETA_FORMAT		5	/* the format written (docs/FORMAT.md) */
/*
 * The vmI keys are written for rings up to RUNMETA_MAX_VMS; a bigger
 * (virtual) ring, up to RUNMETA_MAX_RING, has none (docs/FORMAT.md says
 * where its rates and exits are).
 */
#define RUNMETA_MAX_VMS		256
#define RUNMETA_MAX_RING	(UINT32_C(1) << 20)
#define RUNMETA_TEXT_MAX	256	/* a text value (version, bind, error)
					 * with its NUL */

/* log=: what the run wrote beside run.meta; before format 5, full. */
enum runmeta_log { RUNMETA_LOG_FULL, RUNMETA_LOG_SUMMARY, RUNMETA_LOG_OFF };

/* How the run ended; RUN_UNKNOWN only as read, when status is missing or bad. */
enum run_status { RUN_UNKNOWN, RUN_RUNNING, RUN_COMPLETE, RUN_INTERRUPTED,
	RUN_FAILED };

/*
 * Everything run.meta says, typed. The reader leaves a key that is
 * missing or bad at its default: 0, "", failed_vm -1, on_failure stop.
 */
struct runmeta {
	uint32_t format;		/* 1 to 5 */
	char version[RUNMETA_TEXT_MAX];	/* of the clockring that ran it */
	uint8_t run_id[WIRE_RUN_ID_LEN];
	uint64_t seed;
	uint32_t vms;			/* 2 .. RUNMETA_MAX_RING; the vmI
					 * arrays below hold the first
					 * RUNMETA_MAX_VMS, and only those up
					 * to vms if it is not above that */
	double duration_s, speed;	/* positive */
	uint32_t draw_max;		/* at least 3 */
	uint32_t rate_min, rate_max;	/* the range rates were drawn from */
	uint32_t rate[RUNMETA_MAX_VMS];	/* ticks per model second, each VM */
	bool virtual;			/* mode=virtual; before format 3, real */
	double latency_min_ms, latency_max_ms;	/* the network's; before
					 * format 3, 0 */
	double loss;			/* the share it lost, 0..1 */
	uint32_t vector;		/* 1: the logs have the vector column;
					 * before format 4, 0 */
	enum runmeta_log log;		/* format 5; before, full */
	char bind[RUNMETA_TEXT_MAX];	/* a real run's only */
	uint16_t port[RUNMETA_MAX_VMS];
	enum vm_on_failure on_failure;	/* format 1: stop */
	uint32_t nfaults;		/* format 1: 0 */
	struct fault fault[FAULT_MAX];	/* each fits the run (fault_fits) */
	uint64_t start_wall_ns, end_wall_ns;	/* 0, 0: ended before the start */
	struct vmend end[RUNMETA_MAX_VMS];	/* vmI.exit */
	enum run_status status;
	int32_t failed_vm;		/* the VM blamed, or -1 */
	char error[RUNMETA_TEXT_MAX];	/* status=failed: why, else "" */
	/* A ring started by hand (clockring vm), format 3 keys that may be
	 * absent: each VM's measure of its successor's clock. */
	bool measured;			/* next_offset_ns and next_rtt_ns given */
	int64_t next_offset_ns[RUNMETA_MAX_VMS];	/* successor's clock
					 * minus VM I's */
	uint64_t next_rtt_ns[RUNMETA_MAX_VMS];	/* the round trip that
					 * measured it: off by half of it */
	/* vmI.meta, one VM's part (clockring merge gathers them): its own
	 * vmI keys only, and status its own end. */
	bool is_part;
	int32_t part_vm;		/* the VM it is the part of */
};

/* The keys, in the order they are written; a list key has one per VM or fault. */
enum runmeta_key {
	RUNMETA_KEY_FORMAT, RUNMETA_KEY_VERSION, RUNMETA_KEY_RUN_ID,
	RUNMETA_KEY_SEED, RUNMETA_KEY_VMS, RUNMETA_KEY_PART, RUNMETA_KEY_DURATION,
	RUNMETA_KEY_SPEED, RUNMETA_KEY_DRAW_MAX, RUNMETA_KEY_RATE_MIN,
	RUNMETA_KEY_RATE_MAX, RUNMETA_KEY_RATE, RUNMETA_KEY_MODE,
	RUNMETA_KEY_LATENCY_MIN, RUNMETA_KEY_LATENCY_MAX, RUNMETA_KEY_LOSS,
	RUNMETA_KEY_VECTOR, RUNMETA_KEY_LOG, RUNMETA_KEY_BIND,
	RUNMETA_KEY_PORT, RUNMETA_KEY_ON_FAILURE, RUNMETA_KEY_FAULTS,
	RUNMETA_KEY_FAULT, RUNMETA_KEY_START, RUNMETA_KEY_END,
	RUNMETA_KEY_EXIT, RUNMETA_KEY_STATUS, RUNMETA_KEY_FAILED_VM,
	RUNMETA_KEY_ERROR, RUNMETA_KEY_NEXT_OFFSET, RUNMETA_KEY_NEXT_RTT,
	RUNMETA_KEYS
};

/* Room for every key of a run: a list key takes a slot per VM or fault. */
#define RUNMETA_SLOTS	(RUNMETA_KEYS + 5 * RUNMETA_MAX_VMS + FAULT_MAX)

/* Where the reader found each key, and whether it could use its value. */
struct runmeta_seen {
	uint32_t line[RUNMETA_SLOTS];	/* 0: absent */
	bool ok[RUNMETA_SLOTS];		/* present and read well */
};

/* A key the reader could not use, told as it is found, in key order. */
struct runmeta_problem {
	enum runmeta_key key;
	uint32_t index;		/* the VM or fault of a list key, else 0 */
	unsigned long line;	/* 0: the key is missing */
	const char *value;	/* as written; NULL when missing */
	const char *why;	/* "seed '-3': not an unsigned 64-bit integer" */
};

typedef void runmeta_problem_fn(void *ctx, const struct runmeta_problem *p);

/*
 * m as run.meta's text, malloc'd (*len bytes, NUL after them), or NULL
 * when out of memory. Keys of format 2 only if m->format is 2; failed_vm
 * only if one was blamed, error only with status=failed.
 */
char *runmeta_format(const struct runmeta *m, size_t *len);

/*
 * Read the len bytes at text (modified: lines are cut in place) into m.
 * name is the file's, for messages. Returns:
 *  0  every key there and good;
 *  1  m is filled, but a key was missing or bad: each one told to fn (if
 *     not NULL), and the first in err as "NAME:LINE: why" (or "NAME:
 *     why" for a missing key);
 * -1  text is no run.meta this clockring reads, err saying why as
 *     "NAME[:LINE]: reason": a line that is not key=value (or has a NUL
 *     byte, or ends in CR), a known key given twice, no format or an
 *     unknown one.
 * seen, if not NULL, receives each key's line and whether it was good.
 * Keys it does not know (and vmI keys of I >= vms) are ignored.
 */
int runmeta_read(const char *name, char *text, size_t len, struct runmeta *m,
    struct runmeta_seen *seen, runmeta_problem_fn *fn, void *ctx, char *err,
    size_t errlen);

/* The line of key k (entry i of a list key), 0 if absent; was it good? */
unsigned long runmeta_line(const struct runmeta_seen *s, enum runmeta_key k,
    uint32_t i);
bool runmeta_ok(const struct runmeta_seen *s, enum runmeta_key k, uint32_t i);

/*
 * VM i's clock minus VM 0's, from the offsets measured around the ring
 * (the sum of next_offset_ns of VMs 0..i-1), and its error bound (half
 * their round trips): 0, or -1 if m has no measures.
 */
int runmeta_offset(const struct runmeta *m, uint32_t i, int64_t *offset_ns,
    uint64_t *err_ns);

/* The key's name: "seed", "vm3.rate", "fault0" (len >= 32). */
void runmeta_key_name(enum runmeta_key k, uint32_t i, char *buf, size_t len);
/* Does m list the vmI keys (a ring of at most RUNMETA_MAX_VMS)? */
bool runmeta_per_vm(const struct runmeta *m);
/* "full", "summary", "off". */
const char *runmeta_log_name(enum runmeta_log l);
/* "running", "complete", "interrupted", "failed"; "?" for RUN_UNKNOWN. */
const char *runmeta_status_name(enum run_status s);

#endif
