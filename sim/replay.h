/* sim/replay.h -- clockring replay: a run's logs read once into memory and shown in the view */
#ifndef SIM_REPLAY_H
#define SIM_REPLAY_H

#include <stddef.h>

#include "analysis/rundir/runinfo.h"
#include "view/timeline.h"

/* Events between two checkpoints of the replay's timeline. */
#define REPLAY_EVERY	1024

/*
 * Every event of the run in ri (runinfo_load'ed), in model-time order, in
 * a new timeline: each event's wall_ns in model ns since the start, held
 * within the planned duration. A log that is not there has no events. 0,
 * or -1 with "PATH[:LINE]: reason" in err.
 */
int replay_load(const struct runinfo *ri, struct timeline **tl, char *err,
    size_t errlen);

/* `clockring replay ARGS`: the exit status. */
int replay_main(int argc, char **argv);

#endif
