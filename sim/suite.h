/* sim/suite.h -- `clockring experiments`: every repeat of every experiment, resumable, or the plan of those left */
#ifndef SIM_SUITE_H
#define SIM_SUITE_H

#include "sim/options.h"

int suite_run(const struct suite_opts *o, const char *self);
/*
 * `--plan`: judge and keep as suite_run does (the same refusal of stale
 * runs, the experiment files copied beside their runs), then print, in
 * the suite's order, the `experiments --job` line of each run to do, to
 * be run anywhere by anything. 0, 1 if the plan could not be written, 2
 * for bad input or stale runs.
 */
int suite_plan(const struct suite_opts *o, const char *self);

#endif
