/* sim/live.h -- `run --live`: what the VMs feed, drawn on the terminal about 20 times a second, and its keys */
#ifndef SIM_LIVE_H
#define SIM_LIVE_H

#include <signal.h>
#include <stdint.h>

#include "sim/run.h"
#include "vm/feed.h"

struct live;

/*
 * --live: the feed the VMs write into, and the view over the terminal.
 * NULL without --live, or without a terminal (said in one line on
 * stderr): the run goes on without the view. The key q sets *stop to
 * SIGINT: the run ends as Ctrl-C ends it.
 */
struct live *live_open(const struct run *r, volatile sig_atomic_t *stop);
/* The channels the VMs write into; NULL when l is. */
struct feed *live_feed(const struct live *l);
/* Model time 0 is at CLOCK_MONOTONIC mono_ns; a second shows --speed
 * model seconds from then on. */
void live_start(struct live *l, uint64_t mono_ns);
/* ms, or less if the next frame is due sooner: a wait's timeout. */
int live_wait_ms(const struct live *l, int ms);
/* A frame if one is due, and the keys pressed meanwhile. */
void live_frame(struct live *l);
/* Frames until model time t is due (the virtual run's pace): 0, or -1
 * when a stop is asked. */
int live_until(struct live *l, uint64_t t);
/*
 * The run is over, how says how ("complete", "interrupted"): its final
 * figures on the screen until q (or a signal), then the terminal as it
 * was. Frees l.
 */
void live_end(struct live *l, const char *how);

#endif
