/* vm/say.h -- what a VM started by hand tells its user on stderr: linking, progress, how it ended */
#ifndef VM_SAY_H
#define VM_SAY_H

#include <stdbool.h>
#include <stdint.h>

#include "vm/core/step.h"
#include "vm/ring.h"
#include "vm/start.h"
#include "vm/vm.h"

struct say {
	const struct vm_conf *c;
	bool on;		/* by hand it tells; under run, the run does */
	bool tty;		/* stderr a terminal: one line, redrawn */
	bool open;		/* that line drawn, no newline after it yet */
	uint64_t next_ns;	/* CLOCK_MONOTONIC of the next redraw */
	uint32_t tenths;	/* tenths of the run told so far */
	uint64_t events, sent, received, clock, queue;
};

void say_init(struct say *s, const struct vm_conf *c);
void say_linking(const struct say *s);
void say_linked(const struct say *s, const struct ring_links *l);
/* Tick 0 is due at start_wall; r is the start barrier's, or NULL. */
void say_start(const struct say *s, uint64_t start_wall,
    const struct start_result *r);
/* One line of the log, counted. */
void say_event(struct say *s, const struct step_event *ev, uint64_t queue_len);
/* Tick k of ticks is done: now and then a progress line. */
void say_tick(struct say *s, uint64_t k, uint64_t ticks);
void say_end(struct say *s, int status);

#endif
