/* analysis/check/checker.h -- state shared by the parts of `clockring check` */
#ifndef ANALYSIS_CHECK_CHECKER_H
#define ANALYSIS_CHECK_CHECKER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/rundir/logread.h"
#include "vm/core/runmeta.h"

#define CHECK_PATH_MAX	4096
#define CHECK_LOG_PATH_MAX	(CHECK_PATH_MAX + 32)	/* DIR/vmI.csv */
#define CHECK_SHOWN	20	/* violations printed before "... and K more" */
#define CHECK_LOST_SHOWN	8	/* seqs named per link lost with a dead VM */
/* Tick spacing may differ from the period by 1%, plus what jitter explains. */
#define CHECK_SPACING_TOLERANCE	0.01

/* Every rule has a stable name (check.c) that users grep for. */
enum rule {
	RULE_META, RULE_RUN_STATUS, RULE_FILES, RULE_HEADER, RULE_COLUMNS,
	RULE_VM_ID, RULE_SEQ_GAP, RULE_WALL_ORDER, RULE_CLOCK_STEP,
	RULE_RECV_CLOCK, RULE_QUEUE_FIRST, RULE_NEIGHBOUR, RULE_PENDING_LAST,
	RULE_PENDING_CLOCK, RULE_PENDING_QUEUE, RULE_TICK_COUNT,
	RULE_TICK_SPACING, RULE_LOST, RULE_UNSENT, RULE_DUPLICATE,
	RULE_MSG_CLOCK, RULE_FIFO, RULE_PEER_DOWN, RULE_DROP, RULE_LOSS,
	RULE_VECTOR_STEP, RULE_RECV_VECTOR, RULE_MSG_VECTOR, RULE_CLOCKS_AGREE,
	RULE_COUNT
};

/* What one VM's log showed: for the summary and the rules across files. */
struct vm_figures {
	uint64_t rate;		/* from run.meta, 0 if unusable */
	int broken;		/* missing, or a line did not parse: the log
				 * was not read whole */
	uint64_t events, ticks;	/* ticks: INTERNAL + SEND + RECV */
	uint64_t sent, received, pending;	/* messages, not lines */
	double spacing_error;	/* fitted tick interval / period - 1 */
	double spacing_noise;	/* what jitter alone could explain of it */
	unsigned long last_tick_line;
	double max_late_ns;	/* worst tick lateness against its deadline */
	int dead;		/* ended without shutting down (killed, a
				 * signal, an error): its log may stop anywhere */
	int paused;		/* a pause fault stopped it: ticks catch up */
	uint64_t dropped;	/* DROP lines: sends never made */
	uint64_t net_lost;	/* LOSS lines: messages the network lost */
	uint64_t lost;		/* messages to or from it lost with a dead VM */
};

struct scan;		/* the per-file rules' state of one log */
struct links;		/* the message accounting of every link */
struct merge;

struct checker {
	char dir[CHECK_PATH_MAX];	/* the run dir, as shown in messages */
	char meta_path[CHECK_PATH_MAX + 16];
	FILE *out;		/* the report; NULL: only whether it is a run */
	struct runmeta meta;	/* as read: a key missing or bad is at its
				 * default, and a violation */
	struct runmeta_seen seen;	/* where each key was, and if good */
	char bad_end[RUNMETA_MAX_VMS][65];	/* a vmI.exit the reader could
						 * not read, as written */
	uint32_t nvms;		/* 0 until run.meta gave a usable vms */
	int format;		/* 1 to 4 */
	uint32_t nvec;		/* the logs' vectors: nvms counters each, or
				 * 0 for none (vector=0, before format 4) */
	enum run_status status;	/* RUN_UNKNOWN: missing or bad */
	int go_on;		/* on_failure=continue: survivors kept going */
	int timing;		/* duration, speed, start, every rate known */
	int unstarted;		/* ended before the start (start_wall_ns=0):
				 * no VM may have ticked */
	double duration_s, speed;
	uint64_t start_wall_ns;
	unsigned long violations;
	uint32_t broken;	/* bit 1 << rule for each rule violated */
	struct vm_figures *vm;	/* nvms entries */
	struct logread **log;	/* nvms entries, NULL where missing */
	uint32_t told;		/* missing logs told to check_next's caller */
	struct merge *merge;	/* the logs in wall-clock order */
	unsigned threads;	/* parsing them besides ours (logpar.h) */
	struct scan *scan;	/* nvms entries */
	struct links *links;	/* NULL unless the run ended (complete or
				 * interrupted): only then is every message
				 * accounted for */
};

/* Count one violation and print it while fewer than CHECK_SHOWN were. */
__attribute__((format(printf, 5, 6))) void check_violation(struct checker *c,
    const char *path, unsigned long line, enum rule rule, const char *fmt, ...);
/* The same about line `line` (0: the whole file) of VM vm's log. */
__attribute__((format(printf, 5, 6))) void check_log_violation(
    struct checker *c, uint32_t vm, unsigned long line, enum rule rule,
    const char *fmt, ...);
void check_log_path(const struct checker *c, uint32_t vm, char *buf,
    size_t len);

/* The rules on run.meta (check_meta.c). */
int check_meta_open(struct checker *c, const char *dir, char *why,
    size_t len);
int check_meta(struct checker *c);
void check_status(struct checker *c);

/* The first entry in which vectors a and b of n differ, or -1. */
int check_vec_differ(const uint64_t *a, const uint64_t *b, uint32_t n);
/* Does a happen before b by the vectors: a <= b entry by entry, a != b? */
int check_vec_before(const uint64_t *a, const uint64_t *b, uint32_t n);

/* The per-file rules and tick figures, one line at a time (check_file.c). */
int check_files_new(struct checker *c);
void check_file_event(struct checker *c, uint32_t vm,
    const struct log_event *ev);
void check_file_end(struct checker *c, uint32_t vm);
void check_files_free(struct checker *c);
uint64_t check_expected_ticks(const struct checker *c, uint32_t vm);
/* With vectors: VM vm's vector before the RECV it was given last. */
const uint64_t *check_file_vector_before(const struct checker *c,
    uint32_t vm);
double check_spacing_error(const struct checker *c, uint32_t vm);

/*
 * Message accounting over every directed link (check_link.c), from the
 * same stream: 0, or -1 when out of memory.
 */
int check_links_new(struct checker *c);
int check_link_event(struct checker *c, uint32_t vm,
    const struct log_event *ev);
/* VM vm's log was not read whole: its links are not judged. */
void check_links_drop(struct checker *c, uint32_t vm);
/* Every log has ended: what is left unmatched is judged. */
int check_links_end(struct checker *c);
/* Messages in flight when an end of their link died: how many, which. */
uint64_t check_links_lost(const struct checker *c);
void check_links_tell_lost(const struct checker *c);
void check_links_free(struct checker *c);

#endif
