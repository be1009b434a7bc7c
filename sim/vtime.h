/* sim/vtime.h -- the virtual-time driver: every VM of a ring in this process, on a discrete-event queue */
#ifndef SIM_VTIME_H
#define SIM_VTIME_H

#include <signal.h>

#include "sim/run.h"

/*
 * Run r's ring in model time, as fast as the machine goes: no sockets, no
 * sleeping, the same seed giving the same bytes. With r->live, paced for
 * the view instead: the same bytes all the same. Writes each VM's log into
 * r->dir and fills r's exits, times and error for run.meta; a request to
 * stop (*stop set by a signal handler) ends the run at the model time
 * reached. 0, or -1 with err when the driver itself failed (out of memory,
 * a log that cannot be opened).
 */
int vtime_run(struct run *r, const volatile sig_atomic_t *stop, char *err,
    size_t errlen);

#endif
