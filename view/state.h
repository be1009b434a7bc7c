/* view/state.h -- what the view shows of a ring at one moment, built event by event */
#ifndef VIEW_STATE_H
#define VIEW_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/logline.h"

/* One VM as of its latest event. */
struct view_vm {
	uint64_t lamport;		/* its clock after that event */
	uint64_t queue_len;		/* its queue after that event */
	uint64_t count[LOG_KINDS];	/* its events so far, by kind */
	uint64_t last_ns;		/* model ns of that event */
};

/*
 * The ring at model time now_ns: plain data, so a replay can keep copies
 * (checkpoints) and step back without reading the logs again, and a live
 * run can set it from what its VMs report.
 */
struct view_state {
	uint32_t n;
	uint64_t now_ns;	/* model time shown */
	uint64_t events;	/* events applied so far */
	struct view_vm *vm;	/* n of them */
};

/* 0, or -1 with errno (ENOMEM). */
int view_state_init(struct view_state *s, uint32_t n);
void view_state_free(struct view_state *s);
/*
 * One event of VM ev->vm, later than every event applied before it. Its
 * wall_ns is read as model ns since the start (what a virtual run logs;
 * a real run's driver converts), the time the view shows.
 */
void view_state_apply(struct view_state *s, const struct log_event *ev);
/* dst (initialised for the same n) becomes a copy of src. */
void view_state_copy(struct view_state *dst, const struct view_state *src);

#endif
