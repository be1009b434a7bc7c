/* analysis/checker.h -- state shared by the parts of `clockring check` */
#ifndef ANALYSIS_CHECKER_H
#define ANALYSIS_CHECKER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/meta.h"

#define CHECK_PATH_MAX	4096
#define CHECK_SHOWN	20	/* violations printed before "... and K more" */
/* Tick spacing may differ from the period by 1%, plus what jitter explains. */
#define CHECK_SPACING_TOLERANCE	0.01

/* Every rule has a stable name (check.c) that users grep for. */
enum rule {
	RULE_META, RULE_RUN_STATUS, RULE_FILES, RULE_HEADER, RULE_COLUMNS,
	RULE_VM_ID, RULE_SEQ_GAP, RULE_WALL_ORDER, RULE_CLOCK_STEP,
	RULE_RECV_CLOCK, RULE_QUEUE_FIRST, RULE_NEIGHBOUR, RULE_PENDING_LAST,
	RULE_PENDING_CLOCK, RULE_PENDING_QUEUE, RULE_TICK_COUNT,
	RULE_TICK_SPACING, RULE_LOST, RULE_UNSENT, RULE_DUPLICATE,
	RULE_MSG_CLOCK, RULE_FIFO, RULE_COUNT
};

enum run_status { RUN_UNKNOWN, RUN_RUNNING, RUN_COMPLETE, RUN_INTERRUPTED,
	RUN_FAILED };

/* What one VM's log showed: for the summary and the rules across files. */
struct vm_figures {
	uint64_t rate;		/* from run.meta, 0 if unusable */
	int readable;		/* the whole log parsed: links may use it */
	uint64_t events, ticks;	/* ticks: INTERNAL + SEND + RECV */
	uint64_t sent, received, pending;	/* messages, not lines */
	double spacing_error;	/* fitted tick interval / period - 1 */
	double spacing_noise;	/* what jitter alone could explain of it */
	unsigned long last_tick_line;
	double max_late_ns;	/* worst tick lateness against its deadline */
};

struct checker {
	char dir[CHECK_PATH_MAX];	/* the run dir, as shown in messages */
	char meta_path[CHECK_PATH_MAX + 16];
	FILE *out;
	struct meta *meta;
	uint32_t nvms;		/* 0 until run.meta gave a usable vms */
	enum run_status status;
	int timing;		/* duration, speed, start, every rate known */
	double duration_s, speed;
	uint64_t start_wall_ns;
	unsigned long violations;
	uint32_t broken;	/* bit 1 << rule for each rule violated */
	struct vm_figures *vm;	/* nvms entries */
};

/* Count one violation and print it while fewer than CHECK_SHOWN were. */
__attribute__((format(printf, 5, 6))) void check_violation(struct checker *c,
    const char *path, unsigned long line, enum rule rule, const char *fmt, ...);
void check_log_path(const struct checker *c, uint32_t vm, char *buf,
    size_t len);

/* The per-file rules and tick figures (check_file.c). */
int check_file(struct checker *c, uint32_t vm, char *err, size_t errlen);
uint64_t check_expected_ticks(const struct checker *c, uint32_t vm);
double check_period_ns(const struct checker *c, uint32_t vm);
double check_spacing_error(const struct checker *c, uint32_t vm);

/* Message accounting over every directed link (check_link.c). */
int check_links(struct checker *c, char *err, size_t errlen);

#endif
